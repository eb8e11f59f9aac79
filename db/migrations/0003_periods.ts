import { type Kysely, PostgresAdapter, sql } from 'kysely'

/*
 * Period close (tutup buku): a checkpoint per closed period. Once a period is closed, no entry may be dated on or
 * before its end (the service refuses it; corrections go into the open period). Append-only. Frozen in time.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up (db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  await db.schema.createTable('periods')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('group_id', 'text', c => c.notNull().references('groups.id'))
    .addColumn('through', 'text', c => c.notNull())
    .addColumn('closing_entry_id', 'text', c => c.references('journal_entries.id'))
    .addColumn('seq', 'integer', c => c.notNull())
    .addColumn('head_hash', 'text', c => c.notNull())
    .addColumn('totals', 'text', c => c.notNull())
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('actor_id', 'text', c => c.notNull())
    .addColumn('actor_name', 'text', c => c.notNull())
    .addUniqueConstraint('periods_group_through', ['group_id', 'through'])
    .execute()
  if (pg) {
    await sql.raw(`CREATE TRIGGER periods_append_only BEFORE UPDATE OR DELETE ON periods
      FOR EACH ROW EXECUTE FUNCTION lumbung_append_only()`).execute(db)
  } else {
    await sql.raw(`CREATE TRIGGER periods_no_update BEFORE UPDATE ON periods BEGIN SELECT RAISE(ABORT, 'periods is append-only'); END`).execute(db)
    await sql.raw(`CREATE TRIGGER periods_no_delete BEFORE DELETE ON periods BEGIN SELECT RAISE(ABORT, 'periods is append-only'); END`).execute(db)
  }
}

export async function down (): Promise<void> {
  throw new Error('the ledger is never rolled back: restore a backup instead')
}
