import { Decimal } from 'decimal.js'
import { balanceOf, sumByAccount, type Books } from '../books/books.js'
import { addDays } from '../dates.js'
import { ACCOUNT, type AccountType } from '../ledger/accounts.js'
import type { Collectibility } from '../loans/types.js'
import type { Rupiah } from '../money.js'
import { fundGrowth, percent } from './fund-growth.js'
import { fundUse, type FundTotals } from './fund-use.js'
import { loanPortfolio } from './loan-portfolio.js'

/**
 * Roll-ups for supervisors (issue 18): one row of figures per group, computed from that group's own books with the
 * same functions its statements use, and their totals. Pure. Every formula is in docs/ROLLUP.md:
 * - members: those who joined on or before asOf; women: of them, those whose profile records her as female;
 * - savings: the balances of 3101 pokok, 3102 wajib and 2101 sukarela on asOf;
 * - loans: outstanding principal on asOf (as the loan portfolio counts it), the principal disbursed in [from, asOf],
 *   PAR30 = principal of loans more than 30 days late ÷ outstanding principal, the kolektibilitas buckets;
 * - fund: the fund growth report on asOf (capital put in, the fund now, growth); grants used: of the lines tagged with
 *   each grant, what was spent on purposes and what is lent out (the Laporan Penggunaan Dana's figures);
 * - SAVIX: return on savings = (income − expenses since the start) ÷ savings; loan fund utilisation = outstanding
 *   principal ÷ (outstanding principal + Kas + Bank); average savings per member = savings ÷ members, rounded down.
 * Percentages have two decimals, half-up; totals recompute each ratio from the summed parts, never average ratios.
 */

export const INACTIVE_DAYS = 60

export interface Parts {
  members: number
  /** Of them, those recorded as women, and those whose sex is not recorded. */
  women: number
  sexNotRecorded: number
  savings: { pokok: Rupiah, wajib: Rupiah, sukarela: Rupiah, total: Rupiah }
  cash: Rupiah
  loans: { active: number, outstanding: Rupiah, late30: Rupiah, disbursed: Rupiah, disbursedCount: number, byCollectibility: Record<Collectibility, Rupiah> }
  fund: { grants: Rupiah, grantsUsed: Rupiah, capital: Rupiah, fund: Rupiah, growth: Rupiah, income: Rupiah, expenses: Rupiah }
  shu: Rupiah
  meetings: { count: number, attendances: number, seats: number }
}

export interface Ratios {
  par30: string
  fundGrowthPercent: string
  attendancePercent: string
  returnOnSavings: string
  loanFundUtilisation: string
  averageSavingsPerMember: Rupiah
}

export interface GroupRow extends Parts, Ratios {
  groupId: string
  name: string
  kind: string
  lastMeeting: string | null
  lastPosting: string | null
  inactive: boolean
  /** The state of the group's books the row was computed from: its journal's last seq and hash. */
  head: { seq: number, hash: string }
}

export interface Rollup { from: string, asOf: string, groups: GroupRow[], totals: Parts & Ratios & { groups: number, inactive: number } }


export function ratiosOf (p: Parts): Ratios {
  return {
    par30: percent(p.loans.late30, p.loans.outstanding),
    fundGrowthPercent: percent(p.fund.growth, p.fund.capital),
    attendancePercent: percent(BigInt(p.meetings.attendances), BigInt(p.meetings.seats)),
    returnOnSavings: percent(p.fund.income - p.fund.expenses, p.savings.total),
    loanFundUtilisation: percent(p.loans.outstanding, p.loans.outstanding + p.cash),
    averageSavingsPerMember: p.members === 0 ? 0n : BigInt(new Decimal(p.savings.total.toString()).div(p.members).floor().toFixed(0))
  }
}

/** A group's grants put to use on asOf: of the lines tagged with each grant, what was spent and what is lent out (fund-use.ts). */
function grantsUsed (books: Books, fundLines: readonly FundTotals[]): Rupiah {
  const typeOf = (code: string): AccountType | undefined => books.accounts.find(a => a.code === code)?.type
  return books.funds.filter(f => f.kind === 'grant').reduce((s, f) => {
    const u = fundUse(fundLines.filter(x => x.fund === f.id), typeOf)
    return s + u.spent + u.lent
  }, 0n)
}

/**
 * One group's figures on asOf, its flows counted over [from, asOf]. `fundLines`: its fund-tagged lines on or before
 * asOf, summed; `sexes`: the sex recorded for its members (member profiles), by member id.
 */
export function groupRow (books: Books, from: string, asOf: string, fundLines: readonly FundTotals[], sexes: ReadonlyMap<string, 'female' | 'male'>): GroupRow {
  const totals = sumByAccount(books, { to: asOf })
  const bal = (code: string): Rupiah => balanceOf(books, totals, code)
  const savings = { pokok: bal(ACCOUNT.simpananPokok), wajib: bal(ACCOUNT.simpananWajib), sukarela: bal(ACCOUNT.simpananSukarela), total: 0n }
  savings.total = savings.pokok + savings.wajib + savings.sukarela
  const pf = loanPortfolio(books, asOf)
  const lent = books.loans.filter(l => l.loan.disbursedOn >= from && l.loan.disbursedOn <= asOf)
  const growth = fundGrowth(books, asOf)
  const joined = books.members.filter(m => (m.joinedOn ?? m.createdAt.slice(0, 10)) <= asOf)
  const members = joined.length
  const meetings = books.meetings.filter(m => m.date >= from && m.date <= asOf)
  const parts: Parts = {
    members,
    women: joined.filter(m => sexes.get(m.id) === 'female').length,
    sexNotRecorded: joined.filter(m => !sexes.has(m.id)).length,
    savings,
    cash: bal(ACCOUNT.kas) + bal(ACCOUNT.bank),
    loans: {
      active: pf.rows.length, outstanding: pf.totals.outstanding, late30: pf.totals.late30, byCollectibility: pf.totals.byCollectibility,
      disbursed: lent.reduce((s, l) => s + l.loan.principal, 0n), disbursedCount: lent.length
    },
    fund: {
      grants: growth.capital.grants, grantsUsed: grantsUsed(books, fundLines), capital: growth.capital.total, fund: growth.fund, growth: growth.growth,
      income: growth.income.total, expenses: growth.expenses
    },
    shu: books.distributions.filter(d => d.date >= from && d.date <= asOf).reduce((s, d) => s + d.plan.shu, 0n),
    meetings: { count: meetings.length, attendances: meetings.reduce((s, m) => s + m.attendees.length, 0), seats: meetings.length * members }
  }
  const lastMeeting = books.meetings.filter(m => m.date <= asOf).at(-1)?.date ?? null
  const lastPosting = books.daily.filter(d => d.date <= asOf).reduce<string | null>((last, d) => last === null || d.date > last ? d.date : last, null)
  const since = addDays(asOf, -INACTIVE_DAYS)
  const g = books.group
  return {
    groupId: g.id, name: g.name, kind: g.kind, ...parts, ...ratiosOf(parts), lastMeeting, lastPosting,
    inactive: !((lastMeeting !== null && lastMeeting > since) || (lastPosting !== null && lastPosting > since)),
    head: { seq: books.head.seq, hash: books.head.hash }
  }
}

const ZERO_BUCKETS = (): Record<Collectibility, Rupiah> => ({ lancar: 0n, kurang_lancar: 0n, diragukan: 0n, macet: 0n })

/** The rows summed: every amount and count added up, every ratio worked out again from the sums. */
export function rollupOf (rows: GroupRow[], from: string, asOf: string): Rollup {
  const t: Parts = {
    members: 0,
    women: 0,
    sexNotRecorded: 0,
    savings: { pokok: 0n, wajib: 0n, sukarela: 0n, total: 0n },
    cash: 0n,
    loans: { active: 0, outstanding: 0n, late30: 0n, disbursed: 0n, disbursedCount: 0, byCollectibility: ZERO_BUCKETS() },
    fund: { grants: 0n, grantsUsed: 0n, capital: 0n, fund: 0n, growth: 0n, income: 0n, expenses: 0n },
    shu: 0n,
    meetings: { count: 0, attendances: 0, seats: 0 }
  }
  for (const r of rows) {
    t.members += r.members
    t.women += r.women
    t.sexNotRecorded += r.sexNotRecorded
    for (const k of ['pokok', 'wajib', 'sukarela', 'total'] as const) t.savings[k] += r.savings[k]
    t.cash += r.cash
    t.loans.active += r.loans.active
    t.loans.outstanding += r.loans.outstanding
    t.loans.late30 += r.loans.late30
    t.loans.disbursed += r.loans.disbursed
    t.loans.disbursedCount += r.loans.disbursedCount
    for (const k of Object.keys(t.loans.byCollectibility) as Collectibility[]) t.loans.byCollectibility[k] += r.loans.byCollectibility[k]
    for (const k of ['grants', 'grantsUsed', 'capital', 'fund', 'growth', 'income', 'expenses'] as const) t.fund[k] += r.fund[k]
    t.shu += r.shu
    t.meetings.count += r.meetings.count
    t.meetings.attendances += r.meetings.attendances
    t.meetings.seats += r.meetings.seats
  }
  return { from, asOf, groups: rows, totals: { ...t, ...ratiosOf(t), groups: rows.length, inactive: rows.filter(r => r.inactive).length } }
}
