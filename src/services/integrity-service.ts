import type { Db } from '../data/connect.js'
import * as groups from '../data/group-repository.js'
import * as journal from '../data/journal-repository.js'
import * as periods from '../data/period-repository.js'
import { brokenLink, GENESIS_HASH } from '../domain/ledger/hash-chain.js'

/** How many of each group's newest entries the start-up check recomputes. */
const TAIL = 64

export interface StartCheck {
  ok: boolean
  groups: number
  problem: { groupId: string, seq: number | null, reason: string } | null
}

/**
 * The check the server runs before it serves: for every group, the newest entries' hashes and links are recomputed,
 * the count of entries equals the head's seq (no gap, nothing deleted), and every closed period's checkpoint still
 * matches the chain. Fast at any size; the full check is GET …/verify and npm run verify.
 */
export async function checkAtStart (db: Db): Promise<StartCheck> {
  const all = await groups.listGroups(db, null)
  for (const g of all) {
    const head = await journal.head(db, g.id)
    const count = await journal.countEntries(db, g.id)
    if (count !== head.seq) return { ok: false, groups: all.length, problem: { groupId: g.id, seq: null, reason: `${count} entries but the head is seq ${head.seq}` } }
    const from = Math.max(0, head.seq - TAIL)
    const before = from === 0 ? { seq: 0, hash: GENESIS_HASH } : await journal.entryHashAt(db, g.id, from)
    if (before === null) return { ok: false, groups: all.length, problem: { groupId: g.id, seq: from, reason: `entry ${from} is missing` } }
    let prev = before
    for (const e of await journal.listEntries(db, g.id, { afterSeq: from, limit: TAIL })) {
      const reason = brokenLink(prev, e)
      if (reason !== null) return { ok: false, groups: all.length, problem: { groupId: g.id, seq: e.seq, reason } }
      prev = { seq: e.seq, hash: e.hash }
    }
    for (const p of await periods.listPeriods(db, g.id)) {
      const at = await journal.entryHashAt(db, g.id, p.seq)
      if (p.seq > 0 && at?.hash !== p.headHash) return { ok: false, groups: all.length, problem: { groupId: g.id, seq: p.seq, reason: `the checkpoint of the period closed through ${p.through} no longer matches the chain` } }
    }
  }
  return { ok: true, groups: all.length, problem: null }
}
