import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { connect, withOption, type Store } from '../src/data/connect.js'
import { migrate } from '../src/data/migrate.js'

/**
 * The suite's second pass runs on PostgreSQL: `npm test` sets TEST_DIALECT=postgres when TEST_DATABASE_URL is given.
 * Each test app gets a schema of its own in that database, migrated by the URL's role (the owner), and the app then
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

let made = 0

/** A fresh, migrated schema; `store` runs as lumbung_app in it, `drop` removes it with everything in it. */
export async function freshPostgres (): Promise<{ schema: string, store: Store, drop: () => Promise<void> }> {
  const schema = `lumbung_test_${process.pid}_${++made}_${randomBytes(4).toString('hex')}`
  await asOwner(async c => { await c.query(`CREATE SCHEMA ${schema}`) })
  await whileNoSchemaIsDropped(async () => {
    const owner = connect(withSettings(testDatabaseUrl(), { search_path: schema }))
    try {
      await migrate(owner.db)
    } finally {
      await owner.close()
    }
  })
  const store = connect(withSettings(testDatabaseUrl(), { search_path: schema, role: 'lumbung_app' }))
  const drop = async (): Promise<void> => {
    await asOwner(async c => {
      await c.query('SELECT pg_advisory_lock($1)', [CATALOG_LOCK])
      await c.query(`DROP SCHEMA ${schema} CASCADE`)
    })
  }
  return { schema, store, drop }
}
