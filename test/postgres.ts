import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { connect, withOption, type Store } from '../src/data/connect.js'
import { migrate } from '../src/data/migrate.js'

/**
 * The suite's second pass runs on PostgreSQL: `npm test` sets TEST_DIALECT=postgres when TEST_DATABASE_URL is given.
 * Each test app gets a schema to itself in that database, migrated by the URL's role (the owner), and the app then
 * runs as `lumbung_app`, the role without UPDATE or DELETE on the ledger, exactly as a deployment should.
 */
export const onPostgres = process.env.TEST_DIALECT === 'postgres'

/** For `t.test(name, { skip: sqliteOnly }, …)`: tests of the SQLite file or the single SQLite writer run in the SQLite pass only. */
export const sqliteOnly: string | false = onPostgres ? 'SQLite-specific (the file, or the single writer): runs in the SQLite pass' : false

export function testDatabaseUrl (): string {
  const url = process.env.TEST_DATABASE_URL
  if (url === undefined || url === '') throw new Error('TEST_DATABASE_URL is not set: the PostgreSQL pass needs a database it may create schemas in')
  return url
}

/** The URL with libpq `options` (run-time settings for every connection of the pool). */
export function withSettings (url: string, settings: Record<string, string>): string {
  return withOption(url, Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`).join(' '))
}

/**
 * Kysely's migrator reads the whole catalog (every schema) by schema name; a schema another test process drops at that
 * moment makes the read fail. So migrations hold this advisory lock shared and a drop holds it alone.
 */
const CATALOG_LOCK = 7_130_001

/** Runs `work` on an owner's connection of its own. */
async function asOwner<T> (work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** Runs `work` (a migration, here or in a child process) while no test process may drop a schema. */
export async function whileNoSchemaIsDropped<T> (work: () => T | Promise<T>): Promise<T> {
  return await asOwner(async c => {
    await c.query('SELECT pg_advisory_lock_shared($1)', [CATALOG_LOCK])
    return await work()
  })
}

async function dropSchemas (schemas: readonly string[]): Promise<void> {
  if (schemas.length === 0) return
  await asOwner(async c => {
    await c.query('SELECT pg_advisory_lock($1)', [CATALOG_LOCK])
    for (const schema of schemas) await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  })
}

async function migratedSchema (prefix: string): Promise<string> {
  const schema = `${prefix}_${process.pid}_${++made}_${randomBytes(4).toString('hex')}`
  await asOwner(async c => { await c.query(`CREATE SCHEMA ${schema}`) })
  await whileNoSchemaIsDropped(async () => {
    const owner = connect(withSettings(testDatabaseUrl(), { search_path: schema }))
    try {
      await migrate(owner.db)
    } finally {
      await owner.close()
    }
  })
  return schema
}

let made = 0

const appStore = (schema: string): Store => connect(withSettings(testDatabaseUrl(), { search_path: schema, role: 'lumbung_app' }))

/**
 * A fresh schema migrated for this caller alone; `drop` removes it with everything in it. For tests that change the
 * layout, run migrations of their own or hand the schema to another process.
 */
export async function freshPostgres (): Promise<{ schema: string, store: Store, drop: () => Promise<void> }> {
  const schema = await migratedSchema('lumbung_test')
  return { schema, store: appStore(schema), drop: async () => { await dropSchemas([schema]) } }
}

/**
 * What makes a schema the one the migrations made: its tables' columns, constraints, indexes, triggers (and whether
 * each is enabled), privileges, its functions, and the migrations it records. Rows are not part of it.
 */
const LAYOUT = `
  SELECT md5(concat_ws('|',
    (SELECT string_agg(concat_ws(',', c.relname, c.relkind, c.relacl::text), ';' ORDER BY c.relname) FROM pg_class c WHERE c.relnamespace = n.oid),
    (SELECT string_agg(concat_ws(',', c.relname, a.attname, a.atttypid, a.attnotnull, a.atthasdef, a.attacl::text), ';' ORDER BY c.relname, a.attnum)
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relnamespace = n.oid AND a.attnum > 0 AND NOT a.attisdropped),
    (SELECT string_agg(concat_ws(',', k.conname, pg_get_constraintdef(k.oid)), ';' ORDER BY k.conname) FROM pg_constraint k WHERE k.connamespace = n.oid),
    (SELECT string_agg(concat_ws(',', c.relname, g.tgname, g.tgenabled, g.tgfoid), ';' ORDER BY c.relname, g.tgname)
       FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid WHERE c.relnamespace = n.oid),
    (SELECT string_agg(concat_ws(',', p.proname, md5(p.prosrc), p.proacl::text), ';' ORDER BY p.proname) FROM pg_proc p WHERE p.pronamespace = n.oid),
    n.nspacl::text,
    (SELECT string_agg(m.name, ';' ORDER BY m.name) FROM %I.kysely_migration m)
  )) AS layout FROM pg_namespace n WHERE n.nspname = $1`

async function layoutOf (c: pg.Client, schema: string): Promise<string> {
  const r = await c.query<{ layout: string | null }>(LAYOUT.replace('%I', schema), [schema])
  return r.rows[0]?.layout ?? ''
}

/**
 * Every row of every table but the migrator's own, removed as the owner in replica mode: the append-only triggers
 * (BEFORE UPDATE OR DELETE, BEFORE TRUNCATE) and the foreign keys' triggers do not fire, for this transaction only.
 * Nothing is left that a key could point at. DELETE, not TRUNCATE: on a few small tables it costs milliseconds where
 * TRUNCATE (a new file for every table and index) costs most of a second; no table has a sequence to restart.
 */
async function empty (c: pg.Client, schema: string): Promise<void> {
  const tables = (await c.query<{ t: string }>(
    "SELECT tablename AS t FROM pg_tables WHERE schemaname = $1 AND tablename NOT LIKE 'kysely\\_migration%' ORDER BY tablename", [schema])).rows
  await c.query(`BEGIN; SET LOCAL session_replication_role = replica; ${tables.map(r => `DELETE FROM ${schema}.${r.t};`).join(' ')} COMMIT`)
}

/** A migrated schema this process keeps for its tests, with the layout it had when the migrations made it. */
interface Kept { schema: string, layout: string }

/** Schemas of this process that no app holds. Two apps alive at once (one test, two apps) each hold a schema. */
const idle: Kept[] = []
/** All of this process's schemas, idle or held: dropped when the process ends. */
const kept: string[] = []

/**
 * A migrated, empty schema for one test app: migrated once per test process (a tap worker) and emptied between tests,
 * instead of created, migrated and dropped for each. A schema whose layout a test changed (a trigger switched off, a
 * grant) is dropped instead of reused. `release` hands it back empty-able; the process drops its schemas when it ends.
 */
export async function cleanPostgres (): Promise<{ schema: string, store: Store, release: () => Promise<void> }> {
  const k = await reusable() ?? await keep(await migratedSchema('lumbung_kept'))
  return { schema: k.schema, store: appStore(k.schema), release: async () => { idle.push(k) } }
}

/** An idle schema with its layout intact, emptied; the ones a test changed are dropped on the way. */
async function reusable (): Promise<Kept | undefined> {
  for (let k = idle.pop(); k !== undefined; k = idle.pop()) {
    const schema = k.schema
    const layout = k.layout
    const intact = await asOwner(async c => {
      if (await layoutOf(c, schema) !== layout) return false
      await empty(c, schema)
      return true
    })
    if (intact) return k
    kept.splice(kept.indexOf(schema), 1)
    await dropSchemas([schema])
  }
  return undefined
}

let cleansUp = false

async function keep (schema: string): Promise<Kept> {
  if (!cleansUp) {
    cleansUp = true
    await dropLeftovers()
    process.once('beforeExit', () => { void dropSchemas(kept.splice(0)) })
  }
  kept.push(schema)
  return { schema, layout: await asOwner(async c => await layoutOf(c, schema)) }
}

/** Kept schemas of test processes that are gone (killed before they could drop theirs). */
async function dropLeftovers (): Promise<void> {
  const names = await asOwner(async c => (await c.query<{ s: string }>("SELECT nspname AS s FROM pg_namespace WHERE nspname LIKE 'lumbung\\_kept\\_%'")).rows.map(r => r.s))
  const gone = names.filter(s => !alive(Number(s.split('_')[2])))
  await dropSchemas(gone)
}

function alive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}
