import type { Books } from '../books/books.js'
import type { PostedEntry } from '../books/types.js'
import { ACCOUNT } from '../ledger/accounts.js'
import { kindMismatch } from '../ledger/entry-kind.js'
import { MEMBER_ACCOUNTS, reversalLines, sideOn, type Line } from '../ledger/journal-entry.js'
import { totals as splitTotals } from '../loans/repayment.js'
import type { Rupiah } from '../money.js'
import { arisanFindings } from './arisan-findings.js'
import { queueFindings } from './queue-findings.js'

/** A discrepancy, naming the table (or the journal) and the row it was found in. */
export interface Finding {
  table: string
  id: string | null
  detail: string
}

const sameLines = (a: readonly Line[], b: readonly Line[]): boolean =>
  a.length === b.length && a.every((l, i) => {
    const m = b[i]
    return m !== undefined && l.account === m.account && l.debit === m.debit && l.credit === m.credit && l.fund === m.fund && l.member === m.member
  })

const REGISTERED = new Set(['disbursement', 'repayment', 'write-off', 'closing', 'shu-distribution', 'shu-payout', 'arisan-contribution', 'arisan-round'])

/** Whether the register checks need an entry of this kind (they are few: the rest of the journal need not be kept). */
export const isRegistered = (kind: PostedEntry['kind']): boolean => REGISTERED.has(kind)

/**
 * The checks of each entry on its own against the registers: its kind and source fit; an entry a register depends on
 * is named by a record; a funding names a fund and a savings entry a member of the group; no line on a member account
 * lacks its member; a reversal swaps the lines of its original exactly. Made once, then run on every entry in seq
 * order, so a journal of any length is checked as it streams past (`original` is the entry a reversal reverses).
 */
export function entryChecker (books: Books): (e: PostedEntry, original: PostedEntry | undefined) => Finding[] {
  const named = new Set<string>([
    ...books.loans.map(l => l.loan.disbursementEntryId), ...books.repayments.map(r => r.entryId), ...books.writeOffs.map(w => w.entryId),
    ...books.periods.flatMap(p => p.closingEntryId === null ? [] : [p.closingEntryId]), ...books.distributions.map(d => d.entryId), ...books.payouts.map(p => p.entryId),
    ...books.arisanContributions.map(c => c.entryId), ...books.arisanRounds.map(r => r.entryId)
  ])
  const funds = new Set(books.funds.map(f => f.id))
  const members = new Set(books.members.map(m => m.id))
  return (e, original) => {
    const out: Finding[] = []
    const add = (detail: string): void => { out.push({ table: 'journal_entries', id: `seq ${e.seq}`, detail }) }
    const mismatch = kindMismatch(e.kind, e.source, e.reverses)
    if (mismatch !== null) add(mismatch)
    if (REGISTERED.has(e.kind) && !named.has(e.id)) add(`a ${e.kind} entry that no record names`)
    if (e.kind === 'funding' && e.source !== null && !funds.has(e.source)) add(`funding of fund ${e.source}, which the group does not have`)
    if ((e.kind === 'savings-deposit' || e.kind === 'savings-withdrawal') && e.source !== null && !members.has(e.source)) add(`savings of member ${e.source}, who is not a member`)
    const untagged = e.lines.findIndex(l => l.member === null && MEMBER_ACCOUNTS.includes(l.account))
    if (untagged >= 0) add(`line ${untagged} is on member account ${e.lines[untagged]?.account ?? ''} without a member: the account parts from the passbooks`)
    if (e.reverses !== null) {
      if (original === undefined || original.seq >= e.seq) add(`reverses ${e.reverses}, which is not an earlier entry`)
      else if (!sameLines(e.lines, reversalLines(original.lines))) add(`does not swap the lines of seq ${original.seq}, which it reverses`)
    }
    return out
  }
}

/**
 * The registers recomputed from the journal and compared with what they say (pure: the service's verify and the
 * auditor's offline verifier both run it): each disbursement, repayment, write-off, closing, SHU distribution and
 * payout is the entry it names, figure for figure; each loan's principal outstanding in its register is what Piutang
 * holds for it; each period's totals are what the journal gives on its last day; each distribution shares its
 * period's SHU and each payout a member's share. `entry` finds an entry of a registered kind by id (isRegistered).
 * Returns every finding, in the order found.
 */
export function registerFindings (books: Books, entry: (id: string) => PostedEntry | undefined): Finding[] {
  const out: Finding[] = []
  const add = (table: string, id: string | null, detail: string): void => { out.push({ table, id, detail }) }
  const entryAt = (table: string, id: string, entryId: string, kind: PostedEntry['kind'], source: string): PostedEntry | null => {
    const e = entry(entryId)
    if (e === undefined) { add(table, id, `its entry ${entryId} is not in the journal`); return null }
    if (e.kind !== kind || e.source !== source) { add(table, id, `its entry ${entryId} (seq ${e.seq}) is a ${e.kind} entry of ${e.source ?? 'nothing'}, not the ${kind} of ${source}`); return null }
    return e
  }
  const c: Check = { add, entryAt }
  loanFindings(books, c)
  periodFindings(books, c)
  shuFindings(books, c)
  arisanFindings(books, add, entryAt)
  queueFindings(books, add)
  return out
}

/** How the register checks report: a finding, and the entry a register row names (null, reported, when it is not that row's entry). */
interface Check {
  add: (table: string, id: string | null, detail: string) => void
  entryAt: (table: string, id: string, entryId: string, kind: PostedEntry['kind'], source: string) => PostedEntry | null
}

function loanFindings (books: Books, { add, entryAt }: Check): void {
  // Loans: the disbursement, every repayment and the write-off are their entries; Piutang per loan equals the register.
  for (const { loan } of books.loans) {
    const d = entryAt('loans', loan.id, loan.disbursementEntryId, 'disbursement', loan.id)
    const lent = d === null ? 0n : sideOn(d.lines, ACCOUNT.piutangPinjaman, 'debit')
    if (d !== null && (lent !== loan.principal || d.date !== loan.disbursedOn)) add('loans', loan.id, `principal ${loan.principal} on ${loan.disbursedOn}, but entry seq ${d.seq} lends ${lent} on ${d.date}`)
    let outstanding = loan.principal
    let piutang = d === null ? 0n : lent - sideOn(d.lines, ACCOUNT.piutangPinjaman, 'credit')
    for (const r of books.repayments.filter(x => x.loanId === loan.id)) {
      const split = splitTotals(r.parts)
      if (split.penalty !== r.penalty || split.interest !== r.interest || split.principal !== r.principal || r.penalty + r.interest + r.principal !== r.amount) {
        add('loan_repayments', r.id, `its parts add up to denda ${split.penalty}, jasa ${split.interest}, pokok ${split.principal}, not the ${r.penalty}, ${r.interest}, ${r.principal} of ${r.amount} it records`)
      }
      const e = entryAt('loan_repayments', r.id, r.entryId, 'repayment', r.id)
      if (e !== null) {
        const got = { amount: sideOn(e.lines, ACCOUNT.kas, 'debit'), penalty: sideOn(e.lines, ACCOUNT.pendapatanDenda, 'credit'), interest: sideOn(e.lines, ACCOUNT.pendapatanJasa, 'credit'), principal: sideOn(e.lines, ACCOUNT.piutangPinjaman, 'credit') }
        if (got.amount !== r.amount || got.penalty !== r.penalty || got.interest !== r.interest || got.principal !== r.principal || e.date !== r.date) {
          add('loan_repayments', r.id, `records ${r.amount} (denda ${r.penalty}, jasa ${r.interest}, pokok ${r.principal}) on ${r.date}; entry seq ${e.seq} posts ${got.amount} (${got.penalty}, ${got.interest}, ${got.principal}) on ${e.date}`)
        }
        // A reversal swaps its original's lines (checked entry by entry), so an undone repayment gives its pokok back.
        if (!books.reversedOn.has(e.id)) piutang -= got.principal
      }
      if (!books.reversedOn.has(r.entryId)) outstanding -= r.principal
    }
    const w = books.writeOffs.find(x => x.loanId === loan.id)
    if (w !== undefined) {
      const e = entryAt('loan_write_offs', loan.id, w.entryId, 'write-off', loan.id)
      if (e !== null) {
        const moved = sideOn(e.lines, ACCOUNT.piutangPinjaman, 'credit')
        if (moved !== w.amount || e.date !== w.date) add('loan_write_offs', loan.id, `writes off ${w.amount} on ${w.date}; entry seq ${e.seq} takes ${moved} off Piutang on ${e.date}`)
        piutang -= moved
      }
      outstanding -= w.amount
    }
    if (outstanding !== piutang) add('loans', loan.id, `the register leaves pokok ${outstanding} outstanding, Piutang (1201) holds ${piutang} for the loan`)
    if (outstanding < 0n) add('loans', loan.id, `more pokok was repaid or written off than was lent: ${outstanding}`)
  }

}

function periodFindings (books: Books, { add, entryAt }: Check): void {
  // Periods: the closing entry and the totals are what the journal gives on the last day.
  for (const p of books.periods) {
    const netOf = new Map<string, Rupiah>()
    for (const d of books.daily) if (d.date <= p.through) netOf.set(d.account, (netOf.get(d.account) ?? 0n) + d.debit - d.credit)
    let debit = 0n
    let credit = 0n
    for (const n of netOf.values()) { if (n > 0n) debit += n; else credit -= n }
    const closing = p.closingEntryId === null ? null : entryAt('periods', p.id, p.closingEntryId, 'closing', p.id)
    if (closing !== null && closing.date !== p.through) add('periods', p.id, `closes through ${p.through}, but its closing entry seq ${closing.seq} is dated ${closing.date}`)
    let income = 0n
    let expenses = 0n
    for (const a of books.accounts) {
      if (a.type !== 'income' && a.type !== 'expense') continue
      const before = (netOf.get(a.code) ?? 0n) - (closing === null ? 0n : sideOn(closing.lines, a.code, 'debit') - sideOn(closing.lines, a.code, 'credit'))
      if (a.type === 'income') income -= before
      else expenses += before
    }
    const want = { debit: debit.toString(), credit: credit.toString(), income: income.toString(), expenses: expenses.toString(), shu: (income - expenses).toString() }
    const wrong = (Object.keys(want) as Array<keyof typeof want>).find(k => p.totals[k] !== want[k])
    if (wrong !== undefined) add('periods', p.id, `its ${wrong} total says ${p.totals[wrong]}, the journal through ${p.through} gives ${want[wrong]}`)
  }

}

function shuFindings (books: Books, { add, entryAt }: Check): void {
  // SHU: each distribution posts its plan, each payout pays a share once.
  for (const d of books.distributions) {
    const period = books.periods.find(p => p.through === d.through)
    if (period === undefined || BigInt(period.totals.shu) !== d.plan.shu) add('shu_distributions', d.id, `shares ${d.plan.shu}, but the period closed through ${d.through} made ${period?.totals.shu ?? 'nothing (no such period)'}`)
    const toMembers = d.plan.members.reduce((s, m) => s + m.total, 0n)
    const buckets = d.plan.buckets.reduce((s, b) => s + b.amount, 0n)
    if (buckets !== d.plan.shu) add('shu_distributions', d.id, `its buckets add up to ${buckets}, not the ${d.plan.shu} shared`)
    const e = entryAt('shu_distributions', d.id, d.entryId, 'shu-distribution', d.id)
    if (e !== null && (sideOn(e.lines, ACCOUNT.shuBerjalan, 'debit') !== d.plan.shu || sideOn(e.lines, ACCOUNT.utangShu, 'credit') !== toMembers)) {
      add('shu_distributions', d.id, `shares ${d.plan.shu} (${toMembers} to members); entry seq ${e.seq} moves ${sideOn(e.lines, ACCOUNT.shuBerjalan, 'debit')} (${sideOn(e.lines, ACCOUNT.utangShu, 'credit')})`)
    }
  }
  for (const p of books.payouts) {
    const d = books.distributions.find(x => x.id === p.distributionId)
    const share = d?.plan.members.find(m => m.memberId === p.memberId)?.total
    if (share !== p.amount) add('shu_payouts', p.id, `pays ${p.amount}, but the member's share of distribution ${p.distributionId} is ${share ?? 'nothing'}`)
    const e = entryAt('shu_payouts', p.id, p.entryId, 'shu-payout', p.id)
    if (e !== null && (sideOn(e.lines, ACCOUNT.utangShu, 'debit') !== p.amount || e.date !== p.date)) add('shu_payouts', p.id, `pays ${p.amount} on ${p.date}; entry seq ${e.seq} moves ${sideOn(e.lines, ACCOUNT.utangShu, 'debit')} on ${e.date}`)
  }
}
