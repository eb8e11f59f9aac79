import { net, sumByAccount } from '../../books/books.js'
import { C, sumRows, table, totalRow, type Builder } from '../common.js'
import { label, type Row } from '../model.js'

/** Laporan SHU: income and expenses of the period and their difference; a period's closing entry is left out. */
export const incomeStatement: Builder = (books, p, head) => {
  const t = sumByAccount(books, { from: p.from, to: p.to }, { withoutClosing: true })
  const income: Row[] = books.accounts.filter(a => a.type === 'income').map(a => ({ cells: { code: a.code, name: a.name, amount: -net(t, a.code) } }))
  const expenses: Row[] = books.accounts.filter(a => a.type === 'expense').map(a => ({ cells: { code: a.code, name: a.name, amount: net(t, a.code) } }))
  const ti = sumRows(income, 'amount')
  const te = sumRows(expenses, 'amount')
  income.push(totalRow({ code: '', name: 'Jumlah Pendapatan', amount: ti }))
  expenses.push(totalRow({ code: '', name: 'Jumlah Beban', amount: te }))
  const cols = [C.code, C.name, C.amount]
  return {
    ...head,
    tables: [table(label('Pendapatan', 'Income'), cols, income), table(label('Beban', 'Expenses'), cols, expenses)],
    summary: [
      { label: label('Jumlah Pendapatan', 'Total Income'), value: ti, kind: 'amount' },
      { label: label('Jumlah Beban', 'Total Expenses'), value: te, kind: 'amount' },
      { label: label('Sisa Hasil Usaha (SHU)', 'Surplus (SHU)'), value: ti - te, kind: 'amount' }
    ]
  }
}
