import { loanFiles, type Books } from '../books/books.js'
import type { Collectibility } from '../loans/types.js'
import { loanView, type LoanStatus, type LoanView } from '../loans/view.js'
import type { Rupiah } from '../money.js'
import { percent } from './fund-growth.js'

/** Every loan disbursed by `asOf` as it stands that day, optionally of one status or member, in disbursement order. */
export function loanViews (books: Books, asOf: string, f: { status?: LoanStatus, memberId?: string } = {}): LoanView[] {
  return loanFiles(books, asOf)
    .filter(x => f.memberId === undefined || x.loan.memberId === f.memberId)
    .map(x => loanView(x, asOf))
    .filter(v => f.status === undefined || v.status === f.status)
}

export interface PortfolioRow {
  loan: LoanView
  memberName: string
}

export interface LoanPortfolio {
  asOf: string
  rows: PortfolioRow[]
  /** late30: the outstanding principal of loans more than 30 days late (PAR30's numerator). */
  totals: { principal: Rupiah, outstanding: Rupiah, arrears: Rupiah, late30: Rupiah, byCollectibility: Record<Collectibility, Rupiah> }
  /** Outstanding principal of loans more than 30 days late ÷ all outstanding principal. */
  par30: string
  /** Outstanding principal of kurang lancar, diragukan and macet loans ÷ all outstanding principal. */
  nonPerformingPercent: string
}

/** Daftar pinjaman dan kolektibilitas: every active loan on a date, with PAR30 and the non-performing share. */
export function loanPortfolio (books: Books, asOf: string): LoanPortfolio {
  const views = loanViews(books, asOf, { status: 'active' })
  const names = new Map(books.members.map(m => [m.id, m.name]))
  const byCollectibility: Record<Collectibility, Rupiah> = { lancar: 0n, kurang_lancar: 0n, diragukan: 0n, macet: 0n }
  let principal = 0n
  let outstanding = 0n
  let arrears = 0n
  let late30 = 0n
  for (const v of views) {
    principal += v.file.loan.principal
    outstanding += v.state.outstanding.principal
    arrears += v.state.arrears
    byCollectibility[v.collectibility] += v.state.outstanding.principal
    if (v.state.daysPastDue > 30) late30 += v.state.outstanding.principal
  }
  return {
    asOf,
    rows: views.map(loan => ({ loan, memberName: names.get(loan.file.loan.memberId) ?? '' })),
    totals: { principal, outstanding, arrears, late30, byCollectibility },
    par30: percent(late30, outstanding),
    nonPerformingPercent: percent(outstanding - byCollectibility.lancar, outstanding)
  }
}
