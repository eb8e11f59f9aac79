import { addDays } from '../dates.js'
import { naturalBalance } from '../ledger/accounts.js'
import { LEGACY_KINDS } from '../records/protected-tables.js'
import type { RecordBody } from '../records/record-chain.js'
import type { Rupiah } from '../money.js'
import {
  accountFromRow, arisanContributionFromRow, arisanFromRecord, arisanRoundFromRow, distributionFromRow, fundFromRow, groupFromRow, loanFromRecord,
  meetingFromRecord, memberFromRow, payoutFromRow, periodFromRow, repaymentFromRow, writeOffFromRow
} from './rows.js'
import type {
  Account, Fund, Group, LoanFile, LoanRecord, Meeting, Member, Period, PostedEntry, RepaymentRecord, ShuDistribution, ShuPayout, WriteOffRecord
} from './types.js'
import type { Installment } from '../loans/types.js'
import type { Arisan, ArisanContribution, ArisanRound } from '../arisan/types.js'

/** What one account moved on one day: the daily totals every balance is summed from. */
export interface DayTotal {
  account: string
  date: string
  debit: Rupiah
  credit: Rupiah
}

/**
 * Everything a group's books hold, as plain data: its records (from the database's protected tables, or from an audit
 * bundle's record chain) and its journal. Every statement is computed from this alone (src/domain/statements), so
 * the service and an auditor's offline verifier, given the same books, print the same figures.
 *
 * Balances come from the daily totals, so a balance sheet of a million entries needs none of them; the entries
 * themselves are there when a statement lists them (`entries` is null when they were not loaded, and a statement that
 * needs them says so: src/domain/statements/build.ts).
 */
export interface Books {
  group: Group
  /** By code. */
  accounts: Account[]
  /** In registration order (created, then id). */
  members: Member[]
  funds: Fund[]
  /** By date, then as recorded. */
  meetings: Meeting[]
  /** In disbursement order. */
  loans: Array<{ loan: LoanRecord, installments: Installment[] }>
  /** Every repayment ever recorded, undone ones included, by date. */
  repayments: RepaymentRecord[]
  writeOffs: WriteOffRecord[]
  /** By end date. */
  periods: Period[]
  distributions: ShuDistribution[]
  /** By date, then as recorded. */
  payouts: ShuPayout[]
  /** In creation order. */
  arisans: Arisan[]
  /** By date, then as recorded. */
  arisanContributions: ArisanContribution[]
  /** By arisan, then round. */
  arisanRounds: ArisanRound[]
  /** The journal's head: the last entry's seq, hash and time (seq 0 before the first entry). */
  head: { seq: number, hash: string, at: string | null }
  /** Every account's totals per day, by date. */
  daily: DayTotal[]
  /** The closing entries (tutup buku), in seq order: what an income statement leaves out. */
  closings: PostedEntry[]
  /** When each reversed entry was reversed, by its id. */
  reversedOn: Map<string, string>
  /** The whole journal in seq order, or null when not loaded. */
  entries: PostedEntry[] | null
}

/** The journal part of the books, without the entries themselves (they may be added as `entries`). */
export type JournalSummary = Pick<Books, 'head' | 'daily' | 'closings' | 'reversedOn'>

const by = <T>(...keys: Array<(x: T) => string>) => (a: T, b: T): number => {
  for (const k of keys) {
    const x = k(a)
    const y = k(b)
    if (x !== y) return x < y ? -1 : 1
  }
  return 0
}

/** The journal summary of a whole journal, in seq order. */
export function summarise (entries: readonly PostedEntry[]): JournalSummary {
  const days = new Map<string, DayTotal>()
  for (const e of entries) {
    for (const l of e.lines) {
      const k = `${e.date}\u0000${l.account}`
      const t = days.get(k) ?? { account: l.account, date: e.date, debit: 0n, credit: 0n }
      t.debit += l.debit
      t.credit += l.credit
      days.set(k, t)
    }
  }
  const last = entries.at(-1)
  return {
    head: last === undefined ? { seq: 0, hash: '0'.repeat(64), at: null } : { seq: last.seq, hash: last.hash, at: last.createdAt },
    daily: [...days.values()].sort((a, b) => a.date < b.date ? -1 : a.date > b.date ? 1 : 0),
    closings: entries.filter(e => e.kind === 'closing'),
    reversedOn: reversalDates(entries)
  }
}

/**
 * The books from the records of a group (table and body, as the record chain or the protected tables give them) and
 * its journal: the whole of it (`entries`), or its summary with the entries left out. Throws when a record is not
 * what Lumbung writes.
 */
export function booksOf (records: Iterable<{ table: string, id: string, body: RecordBody }>, journal: { entries: readonly PostedEntry[] } | JournalSummary): Books {
  let group: Group | null = null
  const b: Omit<Books, 'group' | keyof JournalSummary | 'entries'> = { accounts: [], members: [], funds: [], meetings: [], loans: [], repayments: [], writeOffs: [], periods: [], distributions: [], payouts: [], arisans: [], arisanContributions: [], arisanRounds: [] }
  for (const r of records) {
    const row = r.body.row
    switch (r.table) {
      case 'groups': group = groupFromRow(row); break
      case 'accounts': b.accounts.push(accountFromRow(row)); break
      case 'members': b.members.push(memberFromRow(row)); break
      case 'funds': b.funds.push(fundFromRow(row)); break
      case 'meetings': b.meetings.push(meetingFromRecord(r.body)); break
      case 'loans': b.loans.push(loanFromRecord(r.body)); break
      case 'loan_repayments': b.repayments.push(repaymentFromRow(row)); break
      case 'loan_write_offs': b.writeOffs.push(writeOffFromRow(row)); break
      case 'periods': b.periods.push(periodFromRow(row)); break
      case 'shu_distributions': b.distributions.push(distributionFromRow(row)); break
      case 'shu_payouts': b.payouts.push(payoutFromRow(row)); break
      case 'arisans': b.arisans.push(arisanFromRecord(r.body)); break
      case 'arisan_contributions': b.arisanContributions.push(arisanContributionFromRow(row)); break
      case 'arisan_rounds': b.arisanRounds.push(arisanRoundFromRow(row)); break
      case LEGACY_KINDS.table: break
      default: throw new Error(`a record of table ${r.table}, which Lumbung does not keep`)
    }
  }
  if (group === null) throw new Error('the records hold no group')
  b.accounts.sort(by(a => a.code))
  b.members.sort(by(m => m.createdAt, m => m.id))
  b.funds.sort(by(f => f.createdAt, f => f.id))
  b.meetings.sort(by(m => m.date, m => m.createdAt, m => m.id))
  b.loans.sort(by(l => l.loan.disbursedOn, l => l.loan.createdAt, l => l.loan.id))
  b.repayments.sort(by(r => r.date, r => r.createdAt, r => r.id))
  b.periods.sort(by(p => p.through))
  b.distributions.sort(by(d => d.through))
  b.payouts.sort(by(p => p.date, p => p.createdAt, p => p.id))
  b.arisans.sort(by(a => a.createdAt, a => a.id))
  b.arisanContributions.sort(by(c => c.date, c => c.createdAt, c => c.id))
  b.arisanRounds.sort((x, y) => x.arisanId < y.arisanId ? -1 : x.arisanId > y.arisanId ? 1 : x.round - y.round)
  const withReversals = (reversedOn: Map<string, string>): typeof b => ({ ...b, arisanContributions: contributionsReversed(b.arisanContributions, reversedOn) })
  if ('entries' in journal) {
    const entries = [...journal.entries].sort((x, y) => x.seq - y.seq)
    const summary = summarise(entries)
    return { group, ...withReversals(summary.reversedOn), ...summary, entries }
  }
  return { group, ...withReversals(journal.reversedOn), ...journal, entries: null }
}

/** The arisan contributions, each with the date its entry was reversed (recorded in error), from the journal's reversals. */
export function contributionsReversed (contributions: readonly ArisanContribution[], reversedOn: ReadonlyMap<string, string>): ArisanContribution[] {
  return contributions.map(c => ({ ...c, reversedOn: reversedOn.get(c.entryId) ?? null }))
}

/** The date each reversed entry was reversed on, by the reversed entry's id. */
export function reversalDates (entries: readonly PostedEntry[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const e of entries) if (e.reverses !== null) out.set(e.reverses, e.date)
  return out
}

/**
 * The loans disbursed by `asOf`, each with every repayment and the date it was undone, if it was: on a day before its
 * reversal a repayment still stands, as Piutang in the ledger says for those days (loans/repayment.ts standsOn).
 */
export function loanFiles (books: Books, asOf: string): LoanFile[] {
  return books.loans.filter(l => l.loan.disbursedOn <= asOf).map(l => fileOf(books, l))
}

/** One loan (whenever it was disbursed), or null when the books hold no such loan. */
export function loanFile (books: Books, loanId: string): LoanFile | null {
  const l = books.loans.find(x => x.loan.id === loanId)
  return l === undefined ? null : fileOf(books, l)
}

function fileOf (books: Books, l: Books['loans'][number]): LoanFile {
  return {
    loan: l.loan,
    installments: l.installments,
    repayments: books.repayments.filter(r => r.loanId === l.loan.id).map(r => ({ ...r, reversedOn: books.reversedOn.get(r.entryId) ?? null })),
    writeOff: books.writeOffs.find(w => w.loanId === l.loan.id) ?? null
  }
}

/** Debits and credits per account. */
export type Totals = Map<string, { debit: Rupiah, credit: Rupiah }>

type Range = { from?: string | null, to?: string | null }
const inRange = (date: string, range: Range): boolean => !((range.from != null && date < range.from) || (range.to != null && date > range.to))

/** The entries dated in [from, to] (either end open), in seq order. Throws when the books were loaded without them. */
export function entriesIn (books: Books, range: Range): PostedEntry[] {
  if (books.entries === null) throw new Error('these books were loaded without their entries')
  return books.entries.filter(e => inRange(e.date, range))
}

/**
 * Each account's debits and credits over [from, to], from the daily totals; `withoutClosing` leaves out the closing
 * entries (an income statement's view of a period whose income and expenses were closed into SHU).
 */
export function sumByAccount (books: Books, range: Range, opts: { withoutClosing?: boolean } = {}): Totals {
  const t: Totals = new Map()
  const add = (account: string, debit: Rupiah, credit: Rupiah): void => {
    const x = t.get(account) ?? { debit: 0n, credit: 0n }
    t.set(account, { debit: x.debit + debit, credit: x.credit + credit })
  }
  for (const d of books.daily) if (inRange(d.date, range)) add(d.account, d.debit, d.credit)
  if (opts.withoutClosing === true) {
    for (const e of books.closings) if (inRange(e.date, range)) for (const l of e.lines) add(l.account, -l.debit, -l.credit)
  }
  return t
}

/** Totals up to the day before `from` (nothing when the range starts at the beginning). */
export function totalsBefore (books: Books, from: string | null): Totals {
  return from === null ? new Map() : sumByAccount(books, { to: addDays(from, -1) })
}

/** debit − credit of an account in totals. */
export function net (t: Totals, code: string): Rupiah {
  const x = t.get(code)
  return x === undefined ? 0n : x.debit - x.credit
}

export function accountOf (books: Books, code: string): Account | undefined {
  return books.accounts.find(a => a.code === code)
}

/** An account's balance on its normal side in totals. */
export function balanceOf (books: Books, t: Totals, code: string): Rupiah {
  const a = accountOf(books, code)
  const x = t.get(code)
  return a === undefined || x === undefined ? 0n : naturalBalance(a.normalBalance, x.debit, x.credit)
}

