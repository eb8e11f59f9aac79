import { type Kysely, PostgresAdapter, sql } from 'kysely'

/*
 * Members who read their own books. A member signs in like the group's people (a login, a PIN, a session) on a key of
 * her own whose role is `member`, tied to the one member she is:
 * - `api_keys.role` may be `member`, and `people.role` may be `anggota`. Only the CHECK widens: no row changes.
 * - `key_members`: the member a `member` key stands for, in which group. Written once with its key, never changed.
 * SQLite cannot alter a CHECK: the two tables are rebuilt as SQLite's documented procedure does (a copy with the new
 * CHECK, the rows copied with their rowids, the old dropped, the copy renamed, its indexes and triggers made again).
 * That needs foreign keys off, which only src/data/migrate.ts can do (outside the transaction): the migration refuses to
 * run otherwise, and checks every foreign key before it ends. Frozen in time: this file never imports from src/.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>

const WIDER: Array<{ table: string, column: string, from: string, to: string }> = [
  { table: 'api_keys', column: 'role', from: "'admin','treasurer','auditor','integrator'", to: "'admin','treasurer','auditor','integrator','member'" },
  { table: 'people', column: 'role', from: "'pengelola','ketua','bendahara','pengawas'", to: "'pengelola','ketua','bendahara','pengawas','anggota'" }
]

async function widenSqlite (db: Db, table: string, from: string, to: string): Promise<void> {
  const { rows } = await sql<{ type: string, sql: string }>`select type, sql from sqlite_master where tbl_name = ${table} and sql is not null order by rowid`.execute(db)
  const create = rows.find(r => r.type === 'table')?.sql ?? ''
  const wider = create.replace(/^CREATE TABLE "?[a-z_]+"?/i, `CREATE TABLE "${table}_wider"`).replace(`in (${from})`, `in (${to})`)
  if (!create.includes(`in (${from})`) || wider === create) throw new Error(`${table}: the CHECK to widen is not as expected`)
  const columns = (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)).rows.map(r => `"${r.name}"`).join(', ')
  await sql.raw(wider).execute(db)
  await sql.raw(`INSERT INTO "${table}_wider" (rowid, ${columns}) SELECT rowid, ${columns} FROM "${table}" ORDER BY rowid`).execute(db)
  await sql.raw(`DROP TABLE "${table}"`).execute(db)
  await sql.raw(`ALTER TABLE "${table}_wider" RENAME TO "${table}"`).execute(db)
  for (const r of rows.filter(r => r.type !== 'table')) await sql.raw(r.sql).execute(db)
}

async function widenPostgres (db: Db, table: string, column: string, to: string): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    select conname as name from pg_constraint
    where conrelid = ${table}::regclass and contype = 'c' and pg_get_constraintdef(oid) like ${`%${column}%`}`.execute(db)
  if (rows.length !== 1) throw new Error(`${table}: expected one CHECK on ${column}, found ${rows.length}`)
  await sql.raw(`ALTER TABLE ${table} DROP CONSTRAINT "${rows[0]?.name ?? ''}", ADD CONSTRAINT ${table}_${column}_check CHECK (${column} in (${to}))`).execute(db)
}

export async function up (db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  if (!pg) {
    const fk = (await sql<{ foreign_keys: number | bigint }>`pragma foreign_keys`.execute(db)).rows[0]?.foreign_keys
    if (Number(fk) !== 0) throw new Error('0016_member_access rebuilds tables: run it through src/data/migrate.ts, which turns foreign keys off around the migrations')
    await sql`pragma legacy_alter_table = on`.execute(db)
  }
  for (const w of WIDER) {
    if (pg) await widenPostgres(db, w.table, w.column, w.to)
    else await widenSqlite(db, w.table, w.from, w.to)
  }
  await db.schema.createTable('key_members')
    .addColumn('key_id', 'text', c => c.primaryKey().references('api_keys.id'))
    .addColumn('group_id', 'text', c => c.notNull().references('groups.id'))
    .addColumn('member_id', 'text', c => c.notNull().references('members.id'))
    .addColumn('created_at', 'text', c => c.notNull())
    .execute()
  await db.schema.createIndex('key_members_member').on('key_members').columns(['group_id', 'member_id']).execute()
  if (!pg) {
    await sql`pragma legacy_alter_table = off`.execute(db)
    for (const verb of ['UPDATE', 'DELETE']) {
      await sql.raw(`CREATE TRIGGER key_members_no_${verb.toLowerCase()} BEFORE ${verb} ON key_members BEGIN SELECT RAISE(ABORT, 'key_members is written once'); END`).execute(db)
    }
    const broken = (await sql`pragma foreign_key_check`.execute(db)).rows
    if (broken.length > 0) throw new Error(`0016_member_access: ${broken.length} rows break a foreign key`)
  }
}

export async function down (): Promise<void> {
  throw new Error('the ledger is never rolled back: restore a backup instead')
}
