import { net, sumByAccount, totalsBefore, type Totals } from '../../books/books.js'
import type { Rupiah } from '../../money.js'
import { C, col, sumRows, table, TOTAL, totalRow, UNCLOSED_SHU, type Builder } from '../common.js'
import type { RowsOf } from '../model.js'

const COLUMNS = [C.code, C.name, col('opening', 'Saldo Awal', 'Opening', 'amount'), col('increase', 'Penambahan', 'Increase', 'amount'), col('decrease', 'Pengurangan', 'Decrease', 'amount'), col('closing', 'Saldo Akhir', 'Closing', 'amount')]

/** Laporan Perubahan Ekuitas: each equity account's opening, increases, decreases and closing, and the unclosed profit. */
export const equityChanges: Builder = (books, p, head) => {
  const opening = totalsBefore(books, p.from)
  const closing = sumByAccount(books, { to: p.to })
  const rows: RowsOf<typeof COLUMNS> = books.accounts.filter(a => a.type === 'equity').map(a => {
    const o = -net(opening, a.code)
    const c = -net(closing, a.code)
    const mov = {
      debit: (closing.get(a.code)?.debit ?? 0n) - (opening.get(a.code)?.debit ?? 0n),
      credit: (closing.get(a.code)?.credit ?? 0n) - (opening.get(a.code)?.credit ?? 0n)
    }
    return { cells: { code: a.code, name: a.name, opening: o, increase: mov.credit, decrease: mov.debit, closing: c } }
  })
  const unclosed = (t: Totals): Rupiah => -books.accounts.filter(a => a.type === 'income' || a.type === 'expense').reduce((s, a) => s + net(t, a.code), 0n)
  const uo = unclosed(opening)
  const uc = unclosed(closing)
  rows.push({ cells: { code: '', name: UNCLOSED_SHU, opening: uo, increase: uc > uo ? uc - uo : 0n, decrease: uc < uo ? uo - uc : 0n, closing: uc } })
  rows.push(totalRow({ code: '', name: TOTAL, opening: sumRows(rows, 'opening'), increase: sumRows(rows, 'increase'), decrease: sumRows(rows, 'decrease'), closing: sumRows(rows, 'closing') }))
  return {
    ...head,
    tables: [table(null, COLUMNS, rows)],
    summary: []
  }
}
