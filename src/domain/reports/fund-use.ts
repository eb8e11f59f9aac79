import { CASH_ACCOUNTS, type AccountType } from '../ledger/accounts.js'
import type { Rupiah } from '../money.js'

/** The lines of one fund (a grant or a donation, or '' for lines that name none) on one account, summed. */
export interface FundTotals { fund: string, account: string, debit: Rupiah, credit: Rupiah }

/**
 * What became of one fund, from its tagged lines (closing entries carry no fund): received (equity and liability
 * credits), earned (income), spent on each purpose (expenses, and assets that are neither cash nor loans), and what is
 * left, held as loans not yet repaid (12xx) and as cash. The Laporan Penggunaan Dana prints it per fund; the roll-up
 * counts a grant's `used` as spent + lent.
 */
export interface FundUse {
  received: Rupiah
  earned: Rupiah
  spentOn: Array<{ account: string, amount: Rupiah }>
  spent: Rupiah
  lent: Rupiah
  cash: Rupiah
}

const isCash = (code: string): boolean => (CASH_ACCOUNTS as readonly string[]).includes(code)
const isLoan = (code: string): boolean => code.startsWith('12')

export function fundUse (mine: readonly FundTotals[], typeOf: (code: string) => AccountType | undefined): FundUse {
  const sorted = [...mine].sort((a, b) => a.account < b.account ? -1 : a.account > b.account ? 1 : 0)
  const byType = (type: AccountType): FundTotals[] => sorted.filter(s => typeOf(s.account) === type)
  const spentOn = [...byType('expense'), ...byType('asset').filter(a => !isCash(a.account) && !isLoan(a.account))]
    .map(x => ({ account: x.account, amount: x.debit - x.credit }))
    .filter(x => x.amount !== 0n)
  return {
    received: [...byType('equity'), ...byType('liability')].reduce((s, x) => s + x.credit - x.debit, 0n),
    earned: byType('income').reduce((s, x) => s + x.credit - x.debit, 0n),
    spentOn,
    spent: spentOn.reduce((s, x) => s + x.amount, 0n),
    lent: sorted.filter(x => isLoan(x.account)).reduce((s, x) => s + x.debit - x.credit, 0n),
    cash: sorted.filter(x => isCash(x.account)).reduce((s, x) => s + x.debit - x.credit, 0n)
  }
}
