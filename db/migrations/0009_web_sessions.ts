import { type Kysely, PostgresAdapter, sql } from 'kysely'

/*
 * Web sign-in sessions, kept so that a restart of the service does not sign the treasurer out in the middle of a
 * meeting. Only the SHA-256 of the session id is stored (the id itself lives in the browser's httpOnly cookie), with the
 * API key it was opened with and when it ends; nothing stored can sign a request. Unlike the ledger this table changes:
 * a sign-out or an expired session deletes its row. Frozen in time: this file never imports from src/.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createTable('web_sessions')
    .addColumn('id_hash', 'text', c => c.primaryKey().check(sql`length(id_hash) = 64`))
    .addColumn('key_id', 'text', c => c.notNull().references('api_keys.id'))
    .addColumn('expires_at', 'text', c => c.notNull())
    .addColumn('created_at', 'text', c => c.notNull())
    .execute()
  await db.schema.createIndex('web_sessions_expires').on('web_sessions').column('expires_at').execute()
  // PostgreSQL: lumbung_app gets SELECT and INSERT on new tables (migration 0007); a session also ends.
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql.raw('GRANT DELETE ON web_sessions TO lumbung_app').execute(db)
}

export async function down (): Promise<void> {
  throw new Error('the ledger is never rolled back: restore a backup instead')
}
