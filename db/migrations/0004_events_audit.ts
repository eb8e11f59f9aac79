import { type Kysely, PostgresAdapter, sql } from 'kysely'

/*
 * The event feed (what changed, in order, per group; written in the same transaction as the change) and the audit log
 * (who did what and when, refused writes included). Both append-only. Frozen in time.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up (db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  await db.schema.createTable('events')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('group_id', 'text', c => c.notNull().references('groups.id'))
    .addColumn('seq', 'integer', c => c.notNull().check(sql`seq >= 1`))
    .addColumn('type', 'text', c => c.notNull())
    .addColumn('entity_id', 'text', c => c.notNull())
    .addColumn('data', 'text', c => c.notNull())
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('actor_id', 'text', c => c.notNull())
    .addColumn('actor_name', 'text', c => c.notNull())
    .addUniqueConstraint('events_group_seq', ['group_id', 'seq'])
    .execute()

  await db.schema.createTable('audit_log')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('group_id', 'text')
    .addColumn('actor_id', 'text', c => c.notNull())
    .addColumn('actor_name', 'text', c => c.notNull())
    .addColumn('action', 'text', c => c.notNull())
    .addColumn('outcome', 'text', c => c.notNull().check(sql`outcome in ('ok','refused')`))
    .addColumn('status', 'integer', c => c.notNull())
    .addColumn('code', 'text')
    .addColumn('detail', 'text')
    .addColumn('request_id', 'text', c => c.notNull())
    .addColumn('created_at', 'text', c => c.notNull())
    .execute()
  await db.schema.createIndex('audit_log_group').on('audit_log').columns(['group_id', 'created_at']).execute()

  for (const table of ['events', 'audit_log']) {
    if (pg) {
      await sql.raw(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION lumbung_append_only()`).execute(db)
    } else {
      await sql.raw(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`).execute(db)
      await sql.raw(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`).execute(db)
    }
  }
}

export async function down (): Promise<void> {
  throw new Error('the ledger is never rolled back: restore a backup instead')
}
