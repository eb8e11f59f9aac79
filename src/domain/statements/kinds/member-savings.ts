import { entriesIn } from '../../books/books.js'
import { DomainError } from '../../errors.js'
import { memberSavings, savingsByMember } from '../../reports/savings.js'
import { C, col, sumRows, table, TOTAL, totalRow, type Builder } from '../common.js'
import { label, type RowsOf } from '../model.js'

const PASSBOOK_COLUMNS = [C.date, C.seq, C.description, col('kind', 'Jenis', 'Kind'), col('deposit', 'Setoran', 'Deposit', 'amount'), col('withdrawal', 'Penarikan', 'Withdrawal', 'amount'), C.balance]
const RECAP_COLUMNS = [col('member', 'Anggota', 'Member'), col('householdNo', 'No. KK', 'Household'), col('pokok', 'Pokok', 'Pokok', 'amount'), col('wajib', 'Wajib', 'Wajib', 'amount'), col('sukarela', 'Sukarela', 'Sukarela', 'amount'), col('total', 'Jumlah', 'Total', 'amount')]

/** Buku Simpanan Anggota: one member's passbook (`memberId`), or every member's savings per kind as of the end date. */
export const memberSavingsStatement: Builder = (books, p, head) => {
  if (p.memberId !== undefined) {
    const member = books.members.find(m => m.id === p.memberId)
    if (member === undefined) throw new DomainError('MEMBER_NOT_FOUND', `no member ${p.memberId} in group ${books.group.id}`)
    const book = memberSavings(entriesIn(books, { to: p.to }), member)
    const rows: RowsOf<typeof PASSBOOK_COLUMNS> = book.rows
      .filter(r => p.from === null || r.date >= p.from)
      .map(r => ({ cells: { date: r.date, seq: r.seq, description: r.description, kind: r.kind, deposit: r.deposit, withdrawal: r.withdrawal, balance: r.balance } }))
    return {
      ...head,
      subject: label(`Anggota: ${book.name}`, `Member: ${book.name}`),
      tables: [table(null, PASSBOOK_COLUMNS, rows)],
      summary: [
        { label: label('Simpanan Pokok', 'Principal savings (pokok)'), value: book.balances.pokok, kind: 'amount' },
        { label: label('Simpanan Wajib', 'Mandatory savings (wajib)'), value: book.balances.wajib, kind: 'amount' },
        { label: label('Simpanan Sukarela', 'Voluntary savings (sukarela)'), value: book.balances.sukarela, kind: 'amount' },
        { label: label('Jumlah Simpanan', 'Total savings'), value: book.balances.total, kind: 'amount' }
      ]
    }
  }
  const balances = savingsByMember(entriesIn(books, { to: p.to }))
  const rows: RowsOf<typeof RECAP_COLUMNS> = books.members.map(m => {
    const b = balances.get(m.id) ?? { pokok: 0n, wajib: 0n, sukarela: 0n }
    return { cells: { member: m.name, householdNo: m.householdNo, pokok: b.pokok, wajib: b.wajib, sukarela: b.sukarela, total: b.pokok + b.wajib + b.sukarela } }
  })
  rows.push(totalRow({ member: TOTAL, pokok: sumRows(rows, 'pokok'), wajib: sumRows(rows, 'wajib'), sukarela: sumRows(rows, 'sukarela'), total: sumRows(rows, 'total') }))
  return {
    ...head,
    period: { from: null, to: p.to },
    tables: [table(null, RECAP_COLUMNS, rows)],
    summary: []
  }
}
