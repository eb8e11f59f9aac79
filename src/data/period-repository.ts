import type { Period } from '../domain/books/types.js'
import type { SignedCheckpoint } from '../domain/ledger/checkpoint.js'
import { sql } from 'kysely'
import type { Db, Tx } from './connect.js'
import { insertProtected } from './record-repository.js'
import { rowsOf } from './statements.js'

export type { Period }

export async function insertPeriod (db: Tx, p: Period): Promise<void> {
  await insertProtected(db, p.groupId, 'periods', [{
    row: {
      id: p.id, group_id: p.groupId, through: p.through, closing_entry_id: p.closingEntryId, seq: p.seq, head_hash: p.headHash,
      totals: JSON.stringify(p.totals), created_at: p.createdAt, actor_id: p.actor.id, actor_name: p.actor.name,
      checkpoint: p.checkpoint === null ? null : JSON.stringify(p.checkpoint)
    }
  }])
}

export async function listPeriods (db: Db | Tx, groupId: string): Promise<Period[]> {
  const rows = await db.selectFrom('periods').selectAll().where('group_id', '=', groupId).orderBy('through').execute()
  return rows.map(r => ({
    id: r.id, groupId: r.group_id, through: r.through, closingEntryId: r.closing_entry_id, seq: Number(r.seq), headHash: r.head_hash,
    totals: JSON.parse(r.totals) as Period['totals'], checkpoint: r.checkpoint === null ? null : JSON.parse(r.checkpoint) as SignedCheckpoint,
    createdAt: r.created_at, actor: { id: r.actor_id, name: r.actor_name }
  }))
}

/** The end of the latest closed period, or null. */
export async function closedThrough (db: Db | Tx, groupId: string): Promise<string | null> {
  const [r] = await rowsOf(db, sql<{ through: string | null }>`select max(through) as through from periods where group_id = ${groupId}`)
  return r?.through ?? null
}
