import { Decimal } from 'decimal.js'
import type { Db } from '../data/connect.js'
import * as groups from '../data/group-repository.js'
import * as journal from '../data/journal-repository.js'
import { ACCOUNT, naturalBalance } from '../domain/ledger/accounts.js'
import type { Collectibility } from '../domain/loans/types.js'
import type { Rupiah } from '../domain/money.js'
import { requireGroup } from './group-service.js'
import { listLoans, type LoanView } from './loan-service.js'

/** A ratio as a percentage with two decimals, half-up ("5.60"); "0.00" when the base is zero. */
export function percent (part: Rupiah, whole: Rupiah): string {
  if (whole === 0n) return '0.00'
  return new Decimal(part.toString()).mul(100).div(whole.toString()).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)
}

export interface FundGrowth {
  asOf: string
  capital: { grants: Rupiah, donations: Rupiah, savingsPokok: Rupiah, savingsWajib: Rupiah, total: Rupiah }
  fund: Rupiah
  growth: Rupiah
  growthPercent: string
  income: { interest: Rupiah, penalty: Rupiah, other: Rupiah, total: Rupiah }
  expenses: Rupiah
}

/**
 * Laporan perkembangan dana: the capital put in (grants, donations, pokok and wajib savings), what the fund is worth
 * now (assets − liabilities: cash + loans outstanding − what is owed to members), and the growth between them.
 */
export async function fundGrowth (db: Db, groupId: string, asOf: string): Promise<FundGrowth> {
  await requireGroup(db, groupId)
  // Income and expenses since the start, leaving out the closing entries that moved them into SHU at each tutup buku.
  const [accounts, totals, flows] = await Promise.all([
    groups.listAccounts(db, groupId),
    journal.sumByAccount(db, groupId, { to: asOf }),
    journal.sumLinesByAccount(db, groupId, { to: asOf }, 'closing')
  ])
  const byCode = new Map(totals.map(t => [t.account, t]))
  const flowByCode = new Map(flows.map(t => [t.account, t]))
  const bal = (code: string): Rupiah => {
    const a = accounts.find(x => x.code === code)
    const t = byCode.get(code)
    return a === undefined || t === undefined ? 0n : naturalBalance(a.normalBalance, t.debit, t.credit)
  }
  const sumType = (type: string): Rupiah => accounts.filter(a => a.type === type).reduce((s, a) => {
    const t = byCode.get(a.code)
    return t === undefined ? s : s + (type === 'asset' || type === 'expense' ? t.debit - t.credit : t.credit - t.debit)
  }, 0n)
  const capital = { grants: bal(ACCOUNT.danaHibah), donations: bal(ACCOUNT.donasi), savingsPokok: bal(ACCOUNT.simpananPokok), savingsWajib: bal(ACCOUNT.simpananWajib), total: 0n }
  capital.total = capital.grants + capital.donations + capital.savingsPokok + capital.savingsWajib
  const fund = sumType('asset') - sumType('liability')
  const flow = (code: string): Rupiah => { const t = flowByCode.get(code); return t === undefined ? 0n : t.credit - t.debit }
  const incomeTotal = accounts.filter(a => a.type === 'income').reduce((s, a) => s + flow(a.code), 0n)
  const expenses = -accounts.filter(a => a.type === 'expense').reduce((s, a) => s + flow(a.code), 0n)
  const interest = flow(ACCOUNT.pendapatanJasa)
  const penalty = flow(ACCOUNT.pendapatanDenda)
  return {
    asOf,
    capital,
    fund,
    growth: fund - capital.total,
    growthPercent: percent(fund - capital.total, capital.total),
    income: { interest, penalty, other: incomeTotal - interest - penalty, total: incomeTotal },
    expenses
  }
}

export interface PortfolioRow {
  loan: LoanView
  memberName: string
}

export interface LoanPortfolio {
  asOf: string
  rows: PortfolioRow[]
  totals: { principal: Rupiah, outstanding: Rupiah, arrears: Rupiah, byCollectibility: Record<Collectibility, Rupiah> }
  /** Outstanding principal of loans more than 30 days late ÷ all outstanding principal. */
  par30: string
  /** Outstanding principal of kurang lancar, diragukan and macet loans ÷ all outstanding principal. */
  nonPerformingPercent: string
}

/** Daftar pinjaman dan kolektibilitas: every active loan on a date, with PAR30 and the non-performing share. */
export async function loanPortfolio (db: Db, groupId: string, asOf: string): Promise<LoanPortfolio> {
  const [views, members] = await Promise.all([listLoans(db, groupId, { status: 'active', asOf }), groups.listMembers(db, groupId)])
  const names = new Map(members.map(m => [m.id, m.name]))
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
    totals: { principal, outstanding, arrears, byCollectibility },
    par30: percent(late30, outstanding),
    nonPerformingPercent: percent(outstanding - byCollectibility.lancar, outstanding)
  }
}
