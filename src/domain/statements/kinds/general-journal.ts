import { entriesIn } from '../../books/books.js'
import { accountName, C, sumRows, table, TOTAL, totalRow, type Builder } from '../common.js'
import type { RowsOf } from '../model.js'

const COLUMNS = [C.date, C.seq, C.description, C.code, C.name, C.debit, C.credit]

/** Jurnal Umum: every entry of the period with its lines, and the totals of both sides. */
export const generalJournal: Builder = (books, p, head) => {
  const rows: RowsOf<typeof COLUMNS> = []
  for (const e of entriesIn(books, { from: p.from, to: p.to })) {
    e.lines.forEach((l, i) => rows.push({
      cells: {
        date: i === 0 ? e.date : null, seq: i === 0 ? e.seq : null, description: i === 0 ? e.description : null,
        code: l.account, name: accountName(books, l.account), debit: l.debit, credit: l.credit
      }
    }))
  }
  rows.push(totalRow({ name: TOTAL, debit: sumRows(rows, 'debit'), credit: sumRows(rows, 'credit') }))
  return { ...head, tables: [table(null, COLUMNS, rows)], summary: [] }
}
