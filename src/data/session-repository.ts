import { sql } from 'kysely'
import type { Db, Tx } from './connect.js'
import type { WebSessionsTable } from './database.js'
import { insertRows, rowsOf } from './statements.js'

/** A web session as stored: the SHA-256 of its id, the API key it was opened with, and when it ends. */
export interface StoredSession {
  idHash: string
  keyId: string
  expiresAt: string
  createdAt: string
}

export async function insertSession (tx: Tx, s: StoredSession): Promise<void> {
  await insertRows(tx, 'web_sessions', [{ id_hash: s.idHash, key_id: s.keyId, expires_at: s.expiresAt, created_at: s.createdAt }])
}

export async function findSession (db: Db | Tx, idHash: string): Promise<StoredSession | null> {
  const [r] = await rowsOf(db, sql<WebSessionsTable>`select * from web_sessions where id_hash = ${idHash}`)
  return r === undefined ? null : { idHash: r.id_hash, keyId: r.key_id, expiresAt: r.expires_at, createdAt: r.created_at }
}

/** Ends a session, and every session that has expired by `now`. */
export async function deleteSession (tx: Tx, idHash: string, now: string): Promise<void> {
  await sql`delete from web_sessions where id_hash = ${idHash} or expires_at <= ${now}`.execute(tx)
}
