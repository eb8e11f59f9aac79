import type { Db, Tx } from '../data/connect.js'
import * as journal from '../data/journal-repository.js'
import * as records from '../data/record-repository.js'
import { CHECKPOINT_FORMAT, signCheckpoint, type SignedCheckpoint } from '../domain/ledger/checkpoint.js'
import type { Env } from './context.js'
import { requireGroup } from './group-service.js'

/**
 * The signed checkpoint of a group's books as they stand: the journal's head, the record chain's head, and the time the
 * later of them was written. The same books always give the same checkpoint (and, Ed25519 being deterministic, the
 * same signature), so a statement carries it without writing anything.
 */
export async function checkpointOf (db: Db | Tx, env: Env, groupId: string): Promise<SignedCheckpoint> {
  await requireGroup(db, groupId)
  const [entries, chain] = await Promise.all([journal.headWithTime(db, groupId), records.recordHead(db, groupId)])
  const times = [entries.at, chain.at].filter((t): t is string => t !== null).sort()
  return signCheckpoint({
    format: CHECKPOINT_FORMAT,
    groupId,
    seq: entries.seq,
    hash: entries.hash,
    records: { seq: chain.seq, hash: chain.hash },
    at: times.at(-1) ?? new Date(0).toISOString()
  }, env.signer)
}
