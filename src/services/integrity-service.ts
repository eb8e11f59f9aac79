import type { Db } from '../data/connect.js'
import * as events from '../data/event-repository.js'
import * as groups from '../data/group-repository.js'
import * as journal from '../data/journal-repository.js'
import * as periods from '../data/period-repository.js'
import { allRecords, listRecords, protectedRows } from '../data/record-repository.js'
import { booksOf, contributionsReversed } from '../domain/books/books.js'
import type { PostedEntry } from '../domain/books/types.js'
import { checkpointFindings, legacyKindFindings, rowFindings, walkRecords, type RecordChain } from '../domain/integrity/records.js'
import { entryChecker, isRegistered, registerFindings, type Finding } from '../domain/integrity/registers.js'
import type { SignedCheckpoint } from '../domain/ledger/checkpoint.js'
import { brokenLink, GENESIS_HASH, linkOf, type Link } from '../domain/ledger/hash-chain.js'
import { journalEntry } from '../domain/ledger/journal-entry.js'
import type { Rupiah } from '../domain/money.js'
import { PROTECTED_TABLES, type ProtectedTableName } from '../domain/records/protected-tables.js'
import { requireGroup } from './group-service.js'

export type { Finding }

export interface Verification {
  valid: boolean
  /** Entries checked, and the last one that checked out. */
  entries: number
  head: { seq: number, hash: string }
  /** Records of the record chain checked, and the last one that checked out. */
  records: { count: number, head: { seq: number, hash: string } }
  /** Signed checkpoints checked (the periods' and any given), and periods closed before checkpoints were signed. */
  checkpoints: { checked: number, unsigned: number }
  /** The journal's first broken entry, when the chain itself is broken. */
  firstBadSeq: number | null
  /** The first finding, in one sentence. */
  problem: string | null
  /** Every finding (at most MAX_FINDINGS), each naming its table and row. */
  findings: Finding[]
}

/** Entries and records read per page: a full check of a million entries stays within a few MB of live objects. */
const PAGE = 500
export const MAX_FINDINGS = 100

export const findingText = (f: Finding): string => `${f.table}${f.id === null ? '' : ` ${f.id}`}: ${f.detail}`

async function recordChain (db: Db, groupId: string): Promise<RecordChain> {
  return walkRecords(groupId, await allRecords(db, groupId, PAGE))
}

/**
 * The full check of a group's books, trusting nothing stored:
 * - the journal's hash chain recomputed entry by entry, every entry balanced, its kind and source fitting, no line on a
 *   member account without its member, every reversal the exact swap of its original; every entry matching the
 *   `entry.posted` event written with it; the daily totals rebuilt from the postings and compared;
 * - the record chain recomputed record by record, and every row of every protected table (accounts, members, funds,
 *   meetings, loans and their schedules, repayments, write-offs, periods, SHU distributions and payouts, the group
 *   itself) compared column by column with its record; a row edited, deleted or slipped in is named by table and row;
 * - the registers recomputed from the journal (registers.ts): repayments, write-offs, disbursements, period totals, SHU;
 * - every period's signed checkpoint, and every checkpoint given (one an auditor or a member kept): its signature by
 *   `key` (the service's public key, when known), and both chains still passing through the heads it names, so a
 *   deleted or rewritten tail shows.
 * Reads only; every finding is reported (up to MAX_FINDINGS), not just the first.
 */
export async function verify (db: Db, groupId: string, opts: { key: string | null, since?: readonly SignedCheckpoint[] }): Promise<Verification> {
  await requireGroup(db, groupId)
  const findings: Finding[] = []
  const add = (f: Finding): void => { if (findings.length < MAX_FINDINGS) findings.push(f) }

  const { chain, books } = await recordFindings(db, groupId, add)
  const storedPeriods = await periods.listPeriods(db, groupId)
  const wanted = new Set([
    ...storedPeriods.map(p => p.seq),
    ...storedPeriods.flatMap(p => p.checkpoint === null ? [] : [p.checkpoint.checkpoint.seq]),
    ...(opts.since ?? []).map(s => s.checkpoint.seq)
  ])
  const j = await walkJournal(db, groupId, books, wanted, add)
  for (const f of legacyKindFindings(chain, j.legacy)) add(f)
  await dailyTotalFindings(db, groupId, j.rebuilt, add)
  if (books !== null && j.firstBadSeq === null) {
    const daily = [...j.rebuilt].map(([k, t]) => { const [account = '', date = ''] = k.split('|'); return { account, date, ...t } })
    const full = {
      ...books, daily, closings: [...j.registered.values()].filter(e => e.kind === 'closing'), reversedOn: j.reversedOn,
      arisanContributions: contributionsReversed(books.arisanContributions, j.reversedOn)
    }
    for (const f of registerFindings(full, id => j.registered.get(id))) add(f)
  }

  let checked = 0
  let unsigned = 0
  const heads = { groupId, hashAt: (seq: number) => j.hashes.get(seq), lastSeq: j.prev.seq, chain }
  for (const p of storedPeriods) {
    if (p.seq > 0 && j.hashes.get(p.seq) !== p.headHash) add({ table: 'periods', id: p.id, detail: `the period closed through ${p.through} names seq ${p.seq} hash ${p.headHash}, which the journal no longer has` })
    if (p.checkpoint === null) { unsigned++; continue }
    checked++
    for (const f of checkpointFindings(p.checkpoint, `of the period closed through ${p.through}`, heads, opts.key)) add(f)
  }
  for (const [i, s] of (opts.since ?? []).entries()) {
    checked++
    for (const f of checkpointFindings(s, `kept checkpoint ${i + 1} (seq ${s.checkpoint.seq})`, heads, opts.key)) add(f)
  }
  const first = findings[0]
  return {
    valid: findings.length === 0,
    entries: j.count,
    head: { seq: j.prev.seq, hash: j.prev.hash },
    records: { count: chain.count, head: chain.head },
    checkpoints: { checked, unsigned },
    firstBadSeq: j.firstBadSeq,
    problem: first === undefined ? null : findingText(first),
    findings
  }
}

type Add = (f: Finding) => void

/** The record chain recomputed, every protected row against its record, and the books rebuilt from the records. */
async function recordFindings (db: Db, groupId: string, add: Add): Promise<{ chain: RecordChain, books: ReturnType<typeof booksOf> | null }> {
  const chain = await recordChain(db, groupId)
  if (chain.broken !== null) add(chain.broken)
  // The rows as stored, each against its record; the books are then rebuilt from the records (what an auditor sees).
  for (const t of PROTECTED_TABLES) {
    for (const f of rowFindings(chain, t, await protectedRows(db, groupId, t.table as ProtectedTableName))) add(f)
  }
  try {
    return { chain, books: booksOf(chain.byKey.values(), { head: { seq: 0, hash: GENESIS_HASH, at: null }, daily: [], closings: [], reversedOn: new Map() }) }
  } catch (err) {
    add({ table: 'records', id: null, detail: `the records do not make up a group's books: ${(err as Error).message}` })
    return { chain, books: null }
  }
}

/** What the walk of the journal gathered for the checks after it. */
interface JournalWalk {
  prev: Link
  count: number
  firstBadSeq: number | null
  /** The hash at each seq a period or a checkpoint names. */
  hashes: Map<number, string>
  registered: Map<string, PostedEntry>
  reversedOn: Map<string, string>
  /** Debits and credits per `account|date`, rebuilt from the postings. */
  rebuilt: Map<string, { debit: Rupiah, credit: Rupiah }>
  legacy: PostedEntry[]
}

/**
 * The journal's hash chain recomputed entry by entry (stopping at the first broken link), every entry balanced and
 * fitting its kind, every entry matching its entry.posted event, and no event left over.
 */
async function walkJournal (db: Db, groupId: string, books: ReturnType<typeof booksOf> | null, wanted: Set<number>, add: Add): Promise<JournalWalk> {
  const w: JournalWalk = {
    prev: { seq: 0, hash: GENESIS_HASH }, count: 0, firstBadSeq: null, hashes: new Map(), registered: new Map(), reversedOn: new Map(), rebuilt: new Map(), legacy: []
  }
  const reversed = new Map<string, PostedEntry>()
  const check = books === null ? null : entryChecker(books)
  const posted = eventStream(db, groupId)
  walk: for (;;) {
    const page = await journal.listEntries(db, groupId, { afterSeq: w.prev.seq, limit: PAGE })
    if (page.length === 0) break
    for (const e of page) {
      const broken = brokenLink(w.prev, e)
      if (broken !== null) {
        w.firstBadSeq = Math.min(e.seq, w.prev.seq + 1)
        add({ table: 'journal_entries', id: `seq ${w.firstBadSeq}`, detail: broken })
        break walk
      }
      try { journalEntry(e.lines) } catch (err) { add({ table: 'journal_entries', id: `seq ${e.seq}`, detail: `does not balance: ${(err as Error).message}` }) }
      for (const f of check?.(e, e.reverses === null ? undefined : reversed.get(e.reverses)) ?? []) add(f)
      const event = await posted.next()
      if (event === null || event.seq !== e.seq || event.hash !== e.hash) {
        add({ table: 'events', id: `entry seq ${e.seq}`, detail: event === null ? 'the entry has no entry.posted event' : `the entry.posted event names seq ${event.seq} hash ${event.hash}, the entry is hash ${e.hash}` })
      }
      for (const l of e.lines) {
        const k = `${l.account}|${e.date}`
        const t = w.rebuilt.get(k) ?? { debit: 0n, credit: 0n }
        w.rebuilt.set(k, { debit: t.debit + l.debit, credit: t.credit + l.credit })
      }
      if (wanted.has(e.seq)) w.hashes.set(e.seq, e.hash)
      if (isRegistered(e.kind)) w.registered.set(e.id, e)
      if (e.reversedBy !== null) reversed.set(e.id, e)
      if (e.reverses !== null) w.reversedOn.set(e.reverses, e.date)
      if (e.hashVersion === 1) w.legacy.push(e)
      w.prev = linkOf(e)
      w.count++
    }
  }
  const extra = await posted.next()
  if (w.firstBadSeq === null && extra !== null) add({ table: 'events', id: `entry seq ${extra.seq}`, detail: 'an entry.posted event names an entry the journal does not have: it was deleted' })
  return w
}

/** The stored daily totals against the ones rebuilt from the postings: each wrong or missing one is named. */
async function dailyTotalFindings (db: Db, groupId: string, rebuilt: JournalWalk['rebuilt'], add: Add): Promise<void> {
  const storedKeys = new Set<string>()
  for (const s of await journal.allDailyTotals(db, groupId)) {
    const k = `${s.account}|${s.date}`
    storedKeys.add(k)
    const r = rebuilt.get(k) ?? { debit: 0n, credit: 0n }
    if (r.debit !== s.debit || r.credit !== s.credit) add({ table: 'account_daily_totals', id: `${s.account} ${s.date}`, detail: 'does not match the postings' })
  }
  for (const k of rebuilt.keys()) if (!storedKeys.has(k)) add({ table: 'account_daily_totals', id: k.replace('|', ' '), detail: 'is missing' })
}

/** The group's entry.posted events in order, one at a time (paged): the journal's own account of what it posted. */
function eventStream (db: Db, groupId: string): { next: () => Promise<{ seq: number, hash: string } | null> } {
  let buffer: Array<{ seq: number, hash: string }> = []
  let after = 0
  let done = false
  return {
    next: async () => {
      while (buffer.length === 0 && !done) {
        const page = await events.listEvents(db, groupId, after, PAGE)
        done = page.length < PAGE
        after = page.at(-1)?.seq ?? after
        buffer = page.filter(e => e.type === 'entry.posted').map(e => {
          const data = e.data as { seq?: unknown, hash?: unknown }
          return { seq: Number(data.seq), hash: String(data.hash) }
        })
      }
      return buffer.shift() ?? null
    }
  }
}

/** How many of each group's newest entries the quick start-up check recomputes. */
const TAIL = 64

export interface StartCheck {
  ok: boolean
  groups: number
  /** The first group that fails, with its first finding. */
  problem: { groupId: string, seq: number | null, reason: string } | null
  /** Every finding of that group (the full check), or the one problem (the quick check). */
  findings: Finding[]
}

/**
 * The check the server runs before it serves. `full` (the default): the whole verify of every group (both chains,
 * every protected row, the registers, every checkpoint), so an edit of any money record stops the server before it
 * serves the books. `tail`, for books too large to check at every start: the newest entries' hashes and links, the
 * count of entries against the head's seq (nothing deleted), and every closed period's checkpoint against the chain;
 * the full check then stays GET …/verify and npm run verify.
 */
export async function checkAtStart (db: Db, opts: { key: string | null, mode?: 'full' | 'tail', kept?: Readonly<Record<string, SignedCheckpoint>> }): Promise<StartCheck> {
  const all = await groups.listGroups(db, null)
  const fail = (groupId: string, seq: number | null, reason: string, findings: Finding[] = [{ table: 'journal_entries', id: seq === null ? null : `seq ${seq}`, detail: reason }]): StartCheck =>
    ({ ok: false, groups: all.length, problem: { groupId, seq, reason }, findings })
  const kept = opts.kept ?? {}
  for (const id of Object.keys(kept)) {
    if (!all.some(g => g.id === id)) return fail(id, null, 'a group whose checkpoint the service kept is not in the database: it was deleted', [{ table: 'groups', id, detail: 'deleted: the service kept a checkpoint of it' }])
  }
  for (const g of all) {
    const mine = kept[g.id]
    if (opts.mode !== 'tail') {
      const v = await verify(db, g.id, { key: opts.key, since: mine === undefined ? [] : [mine] })
      if (!v.valid) return fail(g.id, v.firstBadSeq, v.problem ?? 'does not verify', v.findings)
      continue
    }
    if (mine !== undefined) {
      const c = mine.checkpoint
      const at = c.seq === 0 ? null : await journal.entryHashAt(db, g.id, c.seq)
      const record = c.records.seq === 0 ? undefined : (await listRecords(db, g.id, c.records.seq - 1, 1))[0]
      if ((c.seq > 0 && at?.hash !== c.hash) || (c.records.seq > 0 && record?.hash !== c.records.hash)) {
        return fail(g.id, c.seq, `the books no longer pass through the checkpoint the service kept (journal seq ${c.seq}, record ${c.records.seq}): entries or records were deleted or rewritten`)
      }
    }
    const head = await journal.head(db, g.id)
    const count = await journal.countEntries(db, g.id)
    if (count !== head.seq) return fail(g.id, null, `${count} entries but the head is seq ${head.seq}`)
    const from = Math.max(0, head.seq - TAIL)
    const before = from === 0 ? { seq: 0, hash: GENESIS_HASH } : await journal.entryHashAt(db, g.id, from)
    if (before === null) return fail(g.id, from, `entry ${from} is missing`)
    let prev: Link = before
    for (const e of await journal.listEntries(db, g.id, { afterSeq: from, limit: TAIL })) {
      const reason = brokenLink(prev, e)
      if (reason !== null) return fail(g.id, e.seq, reason)
      prev = linkOf(e)
    }
    for (const p of await periods.listPeriods(db, g.id)) {
      const at = await journal.entryHashAt(db, g.id, p.seq)
      if (p.seq > 0 && at?.hash !== p.headHash) return fail(g.id, p.seq, `the checkpoint of the period closed through ${p.through} no longer matches the chain`)
    }
  }
  return { ok: true, groups: all.length, problem: null, findings: [] }
}
