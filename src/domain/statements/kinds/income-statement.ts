import { net, sumByAccount } from '../../books/books.js'
import { ACCOUNT_AMOUNT, sumRows, table, totalRow, type Builder } from '../common.js'
import { label, type RowsOf } from '../model.js'

const TOTAL_INCOME = label('Jumlah Pendapatan', 'Total Income')
const TOTAL_EXPENSES = label('Jumlah Beban', 'Total Expenses')

/** Laporan SHU: income and expenses of the period and their difference; a period's closing entry is left out. */
export const incomeStatement: Builder = (books, p, head) => {
  const t = sumByAccount(books, { from: p.from, to: p.to }, { withoutClosing: true })
  const income: RowsOf<typeof ACCOUNT_AMOUNT> = books.accounts.filter(a => a.type === 'income').map(a => ({ cells: { code: a.code, name: a.name, amount: -net(t, a.code) } }))
  const expenses: RowsOf<typeof ACCOUNT_AMOUNT> = books.accounts.filter(a => a.type === 'expense').map(a => ({ cells: { code: a.code, name: a.name, amount: net(t, a.code) } }))
  const ti = sumRows(income, 'amount')
  const te = sumRows(expenses, 'amount')
  income.push(totalRow({ code: '', name: TOTAL_INCOME, amount: ti }))
  expenses.push(totalRow({ code: '', name: TOTAL_EXPENSES, amount: te }))
  return {
    ...head,
    tables: [table(label('Pendapatan', 'Income'), ACCOUNT_AMOUNT, income), table(label('Beban', 'Expenses'), ACCOUNT_AMOUNT, expenses)],
    summary: [
      { label: TOTAL_INCOME, value: ti, kind: 'amount' },
      { label: TOTAL_EXPENSES, value: te, kind: 'amount' },
      { label: label('Sisa Hasil Usaha (SHU)', 'Surplus (SHU)'), value: ti - te, kind: 'amount' }
    ]
  }
}
