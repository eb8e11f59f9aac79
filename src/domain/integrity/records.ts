import type { PostedEntry } from '../books/types.js'
import { checkpointHolds, keyFingerprint, type SignedCheckpoint } from '../ledger/checkpoint.js'
import { LEGACY_KINDS, type ProtectedTable } from '../records/protected-tables.js'
import { bodyDifference, brokenRecordLink, GENESIS_HASH, type HashedRecord, type RecordBody } from '../records/record-chain.js'
import type { Finding } from './registers.js'

export interface RecordChain {
  /** The last record that checked out. */
  head: { seq: number, hash: string }
  count: number
  /** Each record by table and id. */
  byKey: Map<string, HashedRecord>
  /** The first broken link, or a record named twice; null when the chain is whole. */
  broken: Finding | null
}

export const recordKey = (table: string, id: string): string => `${table}\u0000${id}`

/** Walks a group's record chain in seq order, recomputing every hash and link. */
export function walkRecords (groupId: string, records: Iterable<HashedRecord>): RecordChain {
  let head = { seq: 0, hash: GENESIS_HASH }
  const byKey = new Map<string, HashedRecord>()
  for (const r of records) {
    const broken = r.groupId !== groupId ? `record of group ${r.groupId} in the chain of ${groupId}` : brokenRecordLink(head, r)
    if (broken !== null) return { head, count: byKey.size, byKey, broken: { table: 'records', id: `seq ${Math.min(r.seq, head.seq + 1)}`, detail: broken } }
    const key = recordKey(r.table, r.id)
    if (byKey.has(key)) return { head, count: byKey.size, byKey, broken: { table: 'records', id: `seq ${r.seq}`, detail: `${r.table} ${r.id} is recorded twice` } }
    byKey.set(key, r)
    head = { seq: r.seq, hash: r.hash }
  }
  return { head, count: byKey.size, byKey, broken: null }
}

/**
 * A protected table's stored rows against their records: a row that differs names its first differing column; a row
 * without a record was written behind the service's back; a record without its row was deleted.
 */
export function rowFindings (chain: RecordChain, table: ProtectedTable, rows: ReadonlyArray<{ id: string, body: RecordBody }>): Finding[] {
  const out: Finding[] = []
  const seen = new Set<string>()
  for (const row of rows) {
    seen.add(row.id)
    const r = chain.byKey.get(recordKey(table.table, row.id))
    if (r === undefined) { out.push({ table: table.table, id: row.id, detail: 'the row is not in the record chain: it was not written by Lumbung' }); continue }
    const diff = bodyDifference(table, r.body, row.body)
    if (diff !== null) out.push({ table: table.table, id: row.id, detail: `${diff} (record ${r.seq})` })
  }
  for (const r of chain.byKey.values()) {
    if (r.table === table.table && !seen.has(r.id)) out.push({ table: table.table, id: r.id, detail: `the row of record ${r.seq} was deleted` })
  }
  return out
}

/**
 * Entries posted before hash version 2 carry a kind and source their hash does not cover: they must be what the record
 * chain's legacy-kinds record says. Entries of version 2 need no such record.
 */
export function legacyKindFindings (chain: RecordChain, entries: readonly PostedEntry[]): Finding[] {
  const old = entries.filter(e => e.hashVersion === 1)
  if (old.length === 0) return []
  const record = chain.byKey.get(recordKey(LEGACY_KINDS.table, LEGACY_KINDS.id))
  const kinds = new Map((record?.body.children?.journal_entries ?? []).map(r => [r.id ?? '', r]))
  const out: Finding[] = []
  for (const e of old) {
    const k = kinds.get(e.id)
    if (k === undefined) out.push({ table: 'journal_entries', id: `seq ${e.seq}`, detail: 'an entry of hash version 1 that the record chain does not classify' })
    else if (k.kind !== e.kind || (k.source_id ?? null) !== e.source) out.push({ table: 'journal_entries', id: `seq ${e.seq}`, detail: `kind ${e.kind} of ${e.source ?? 'nothing'}, the record chain says ${k.kind ?? ''} of ${k.source_id ?? 'nothing'}` })
  }
  return out
}

/**
 * A signed checkpoint against the books: its signature holds, it is signed by the expected key (when one is given),
 * and both chains still pass through the heads it names, so nothing up to them was deleted or rewritten.
 */
export function checkpointFindings (
  s: SignedCheckpoint, what: string, books: { groupId: string, hashAt: (seq: number) => string | undefined, lastSeq: number, chain: RecordChain }, expectedKey: string | null
): Finding[] {
  const c = s.checkpoint
  const fail = (detail: string): Finding[] => [{ table: 'checkpoints', id: what, detail }]
  if (!checkpointHolds(s)) return fail('the signature does not hold: the checkpoint was altered or not signed by its key')
  if (expectedKey !== null && s.key !== expectedKey) return fail(`signed by key ${keyFingerprint(s.key)}, not by the expected key ${keyFingerprint(expectedKey)}`)
  if (c.groupId !== books.groupId) return fail(`is a checkpoint of group ${c.groupId}`)
  if (c.seq > 0) {
    const hash = books.hashAt(c.seq)
    if (hash === undefined) return fail(`names journal seq ${c.seq}, but the journal ends at seq ${books.lastSeq}: entries were deleted`)
    if (hash !== c.hash) return fail(`names journal seq ${c.seq} with hash ${c.hash}; the journal has ${hash} there: it was rewritten`)
  }
  if (c.records.seq > 0) {
    let r: HashedRecord | undefined
    for (const x of books.chain.byKey.values()) if (x.seq === c.records.seq) r = x
    if (r === undefined) return fail(`names record ${c.records.seq}, but the record chain ends at ${books.chain.head.seq}: records were deleted`)
    if (r.hash !== c.records.hash) return fail(`names record ${c.records.seq} with hash ${c.records.hash}; the record chain has ${r.hash} there: it was rewritten`)
  }
  return []
}
