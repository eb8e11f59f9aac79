import { type Kysely, PostgresAdapter, sql } from 'kysely'

/*
 * Where a group is, and keys that follow a region. Groups are supervised upward (the pendamping, the kecamatan, the
 * dinas): a supervisor's key reads every group inside its region and programme, those added later too.
 * - `group_places`: a group's provinsi, kabupaten/kota, kecamatan and desa by name, and `region_code`, the most precise
 *   national region code known (Kemendagri: 51, 51.03, 51.03.05, 51.03.05.2001). Not money: it changes when it was
 *   typed wrong; who changed it last is kept.
 * - `key_regions`: an auditor key scoped to a region code (every group whose code is it or inside it) and optionally one
 *   programme (the group's kind), instead of a list of groups. Written once with its key, never changed.
 * Frozen in time: this file never imports from src/.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up (db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const code = (column: string) => sql.raw(`${column} is null or ${pg ? `${column} ~ '^[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{4})?)?)?$'` : `(length(${column}) in (2, 5, 8, 13) and ${column} not glob '*[^0-9.]*')`}`)
  await db.schema.createTable('group_places')
    .addColumn('group_id', 'text', c => c.primaryKey().references('groups.id'))
    .addColumn('region_code', 'text', c => c.check(code('region_code')))
    .addColumn('province', 'text')
    .addColumn('regency', 'text')
    .addColumn('district', 'text')
    .addColumn('village', 'text')
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('actor_id', 'text', c => c.notNull())
    .addColumn('actor_name', 'text', c => c.notNull())
    .execute()
  await db.schema.createIndex('group_places_region').on('group_places').column('region_code').execute()
  await db.schema.createTable('key_regions')
    .addColumn('key_id', 'text', c => c.primaryKey().references('api_keys.id'))
    .addColumn('region_code', 'text', c => c.notNull().check(code('region_code')))
    .addColumn('programme', 'text')
    .execute()
  if (pg) {
    await sql.raw('GRANT UPDATE (region_code, province, regency, district, village, updated_at, actor_id, actor_name) ON group_places TO lumbung_app').execute(db)
  } else {
    await sql.raw("CREATE TRIGGER key_regions_no_update BEFORE UPDATE ON key_regions BEGIN SELECT RAISE(ABORT, 'key_regions is written once'); END").execute(db)
  }
}

export async function down (): Promise<void> {
  throw new Error('the ledger is never rolled back: restore a backup instead')
}
