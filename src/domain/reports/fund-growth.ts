import { Decimal } from 'decimal.js'
import { balanceOf, sumByAccount, type Books } from '../books/books.js'
import { ACCOUNT } from '../ledger/accounts.js'
import type { Rupiah } from '../money.js'

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
 * Income and expenses are counted since the start, leaving out the closing entries that moved them into SHU.
 */
export function fundGrowth (books: Books, asOf: string): FundGrowth {
  const totals = sumByAccount(books, { to: asOf })
  const flows = sumByAccount(books, { to: asOf }, { withoutClosing: true })
  const sumType = (type: string): Rupiah => books.accounts.filter(a => a.type === type).reduce((s, a) => {
    const t = totals.get(a.code)
    return t === undefined ? s : s + (type === 'asset' || type === 'expense' ? t.debit - t.credit : t.credit - t.debit)
  }, 0n)
  const bal = (code: string): Rupiah => balanceOf(books, totals, code)
  const capital = { grants: bal(ACCOUNT.danaHibah), donations: bal(ACCOUNT.donasi), savingsPokok: bal(ACCOUNT.simpananPokok), savingsWajib: bal(ACCOUNT.simpananWajib), total: 0n }
  capital.total = capital.grants + capital.donations + capital.savingsPokok + capital.savingsWajib
  const fund = sumType('asset') - sumType('liability')
  const flow = (code: string): Rupiah => { const t = flows.get(code); return t === undefined ? 0n : t.credit - t.debit }
  const incomeTotal = books.accounts.filter(a => a.type === 'income').reduce((s, a) => s + flow(a.code), 0n)
  const expenses = -books.accounts.filter(a => a.type === 'expense').reduce((s, a) => s + flow(a.code), 0n)
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
