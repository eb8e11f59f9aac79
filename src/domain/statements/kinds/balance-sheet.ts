import { net, sumByAccount } from '../../books/books.js'
import type { AccountType } from '../../ledger/accounts.js'
import { ACCOUNT_AMOUNT, sumRows, table, totalRow, UNCLOSED_SHU, type Builder } from '../common.js'
import { label, type RowsOf } from '../model.js'

const TOTAL_ASSETS = label('Jumlah Aset', 'Total Assets')
const TOTAL_LIABILITIES = label('Jumlah Kewajiban', 'Total Liabilities')
const TOTAL_EQUITY = label('Jumlah Ekuitas', 'Total Equity')

/** Neraca: assets against liabilities and equity as of the end date, with the profit of the period not yet closed. */
export const balanceSheet: Builder = (books, p, head) => {
  const t = sumByAccount(books, { to: p.to })
  const ofType = (type: AccountType): typeof books.accounts => books.accounts.filter(a => a.type === type)
  const section = (type: AccountType, sign: 1n | -1n): RowsOf<typeof ACCOUNT_AMOUNT> =>
    ofType(type).map(a => ({ cells: { code: a.code, name: a.name, amount: sign * net(t, a.code) } }))
  const assets = section('asset', 1n)
  const liabilities = section('liability', -1n)
  const equity = section('equity', -1n)
  const unclosed = -ofType('income').reduce((s, a) => s + net(t, a.code), 0n) - ofType('expense').reduce((s, a) => s + net(t, a.code), 0n)
  equity.push({ cells: { code: '', name: UNCLOSED_SHU, amount: unclosed } })
  const totalAssets = sumRows(assets, 'amount')
  const totalLiabilities = sumRows(liabilities, 'amount')
  const totalEquity = sumRows(equity, 'amount')
  assets.push(totalRow({ code: '', name: TOTAL_ASSETS, amount: totalAssets }))
  liabilities.push(totalRow({ code: '', name: TOTAL_LIABILITIES, amount: totalLiabilities }))
  equity.push(totalRow({ code: '', name: TOTAL_EQUITY, amount: totalEquity }))
  return {
    ...head,
    period: { from: null, to: p.to },
    tables: [table(label('Aset', 'Assets'), ACCOUNT_AMOUNT, assets), table(label('Kewajiban', 'Liabilities'), ACCOUNT_AMOUNT, liabilities), table(label('Ekuitas', 'Equity'), ACCOUNT_AMOUNT, equity)],
    summary: [
      { label: TOTAL_ASSETS, value: totalAssets, kind: 'amount' },
      { label: label('Jumlah Kewajiban dan Ekuitas', 'Total Liabilities and Equity'), value: totalLiabilities + totalEquity, kind: 'amount' }
    ]
  }
}
