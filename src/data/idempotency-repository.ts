import { sql, type Selectable } from 'kysely'
import type { Db, Tx } from './connect.js'
import type { IdempotencyKeysTable } from './database.js'
import { insertRows, rowsOf } from './statements.js'

export interface StoredAnswer {
  actorId: string
  key: string
  fingerprint: string
  /** The HTTP status of a stored success; 0 for a stored refusal, whose body is {code, detail, errors}. */
  status: number
  body: string
  createdAt: string
}

export async function find (db: Db | Tx, actorId: string, key: string): Promise<StoredAnswer | null> {
  const [row] = await rowsOf(db, sql<Selectable<IdempotencyKeysTable>>`select * from idempotency_keys where actor_id = ${actorId} and "key" = ${key}`)
  if (row === undefined) return null
  return { actorId, key, fingerprint: row.request_hash, status: Number(row.status), body: row.body, createdAt: row.created_at }
}

export async function insert (db: Db | Tx, a: StoredAnswer): Promise<void> {
  await insertRows(db, 'idempotency_keys', [{
    actor_id: a.actorId, key: a.key, request_hash: a.fingerprint, status: a.status, body: a.body, created_at: a.createdAt
  }])
}
