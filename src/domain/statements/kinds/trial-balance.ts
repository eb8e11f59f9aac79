import { net, sumByAccount, totalsBefore } from '../../books/books.js'
import type { Rupiah } from '../../money.js'
import { C, col, sumRows, table, TOTAL, totalRow, type Builder } from '../common.js'
import type { RowsOf } from '../model.js'

const COLUMNS = [C.code, C.name,
  col('openingDebit', 'Saldo Awal Debit', 'Opening Debit', 'amount'), col('openingCredit', 'Saldo Awal Kredit', 'Opening Credit', 'amount'),
  col('debit', 'Mutasi Debit', 'Movement Debit', 'amount'), col('credit', 'Mutasi Kredit', 'Movement Credit', 'amount'),
  col('closingDebit', 'Saldo Akhir Debit', 'Closing Debit', 'amount'), col('closingCredit', 'Saldo Akhir Kredit', 'Closing Credit', 'amount')]
const SUMMED = ['openingDebit', 'openingCredit', 'debit', 'credit', 'closingDebit', 'closingCredit'] as const

/** Neraca Saldo: per account the opening balance, the movements of the period and the closing balance, on their sides. */
export const trialBalance: Builder = (books, p, head) => {
  const opening = totalsBefore(books, p.from)
  const closing = sumByAccount(books, { to: p.to })
  const side = (n: Rupiah): [Rupiah, Rupiah] => n >= 0n ? [n, 0n] : [0n, -n]
  const rows: RowsOf<typeof COLUMNS> = books.accounts.map(a => {
    const [od, oc] = side(net(opening, a.code))
    const [cd, cc] = side(net(closing, a.code))
    const o = opening.get(a.code) ?? { debit: 0n, credit: 0n }
    const c = closing.get(a.code) ?? { debit: 0n, credit: 0n }
    return {
      cells: { code: a.code, name: a.name, openingDebit: od, openingCredit: oc, debit: c.debit - o.debit, credit: c.credit - o.credit, closingDebit: cd, closingCredit: cc }
    }
  })
  rows.push(totalRow({ code: '', name: TOTAL, ...Object.fromEntries(SUMMED.map(k => [k, sumRows(rows, k)])) }))
  return {
    ...head,
    tables: [table(null, COLUMNS, rows)],
    summary: []
  }
}
