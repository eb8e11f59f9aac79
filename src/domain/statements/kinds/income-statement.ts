import { net, sumByAccount } from '../../books/books.js'
import { C, sumRows, table, totalRow, type Builder } from '../common.js'
import { label, type KeyOf, type Row } from '../model.js'

const COLUMNS = [C.code, C.name, C.amount]
const TOTAL_INCOME = label('Jumlah Pendapatan', 'Total Income')
const TOTAL_EXPENSES = label('Jumlah Beban', 'Total Expenses')

/** Laporan SHU: income and expenses of the period and their difference; a period's closing entry is left out. */
export const incomeStatement: Builder = (books, p, head) => {
  const t = sumByAccount(books, { from: p.from, to: p.to }, { withoutClosing: true })
  const income: Array<Row<KeyOf<typeof COLUMNS>>> = books.accounts.filter(a => a.type === 'income').map(a => ({ cells: { code: a.code, name: a.name, amount: -net(t, a.code) } }))
  const expenses: Array<Row<KeyOf<typeof COLUMNS>>> = books.accounts.filter(a => a.type === 'expense').map(a => ({ cells: { code: a.code, name: a.name, amount: net(t, a.code) } }))
  const ti = sumRows(income, 'amount')
  const te = sumRows(expenses, 'amount')
  income.push(totalRow({ code: '', name: TOTAL_INCOME, amount: ti }))
  expenses.push(totalRow({ code: '', name: TOTAL_EXPENSES, amount: te }))
  return {
    ...head,
    tables: [table(label('Pendapatan', 'Income'), COLUMNS, income), table(label('Beban', 'Expenses'), COLUMNS, expenses)],
    summary: [
      { label: TOTAL_INCOME, value: ti, kind: 'amount' },
      { label: TOTAL_EXPENSES, value: te, kind: 'amount' },
      { label: label('Sisa Hasil Usaha (SHU)', 'Surplus (SHU)'), value: ti - te, kind: 'amount' }
    ]
  }
}
