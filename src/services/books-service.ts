import type { Db, Tx } from '../data/connect.js'
import * as journal from '../data/journal-repository.js'
import { protectedRows } from '../data/record-repository.js'
import { booksOf, type Books, type JournalSummary } from '../domain/books/books.js'
import type { PostedEntry } from '../domain/books/types.js'
import { PROTECTED_TABLES, type ProtectedTableName } from '../domain/records/protected-tables.js'
import { requireGroup } from './group-service.js'

/** Entries read per page. */
const PAGE = 1000

/** The group's whole journal, in seq order. */
export async function allEntries (db: Db | Tx, groupId: string): Promise<PostedEntry[]> {
  const out: PostedEntry[] = []
  let after = 0
  for (;;) {
    const page = await journal.listEntries(db, groupId, { afterSeq: after, limit: PAGE })
    out.push(...page)
    const last = page.at(-1)
    if (last === undefined || page.length < PAGE) return out
    after = last.seq
  }
}

/**
 * The journal without its entries, for a statement of [from, to]: the head, the daily totals of the range with all
 * before it summed (verify keeps the daily totals equal to the postings), the closing entries and the reversal dates.
 */
async function summary (db: Db | Tx, groupId: string, range: { from: string | null, to: string }): Promise<JournalSummary> {
  const [head, daily, closings, reversedOn] = await Promise.all([
    journal.headWithTime(db, groupId), journal.dailyTotalsFor(db, groupId, range), journal.closingEntries(db, groupId), journal.reversalDates(db, groupId)
  ])
  return { head, daily: daily.sort((a, b) => a.date < b.date ? -1 : a.date > b.date ? 1 : 0), closings, reversedOn }
}

/**
 * A group's books as stored: every protected row (read as the record chain keeps rows, so that these are exactly the
 * books an auditor rebuilds from the record chain once verify has found every row equal to its record) and the
 * journal: every entry (`entries: true`), or (`entries: false`) its summary for balances over [from, to] only, from the
 * daily totals, which is enough for a balance sheet of a million entries. GROUP_NOT_FOUND when there is no such group.
 */
export async function loadBooks (db: Db | Tx, groupId: string, opts: { entries: true } | { entries: false, from: string | null, to: string }): Promise<Books> {
  await requireGroup(db, groupId)
  const records = []
  for (const t of PROTECTED_TABLES) {
    for (const r of await protectedRows(db, groupId, t.table as ProtectedTableName)) records.push({ table: t.table, ...r })
  }
  return booksOf(records, opts.entries ? { entries: await allEntries(db, groupId) } : await summary(db, groupId, opts))
}
