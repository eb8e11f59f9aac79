import { loanFile } from '../../books/books.js'
import { daysBetween } from '../../dates.js'
import { DomainError, invalid } from '../../errors.js'
import { loanView, type LoanStatus } from '../../loans/view.js'
import { formatRupiah } from '../../money.js'
import { col, COLLECTIBILITY, sumRows, table, totalRow, type Builder } from '../common.js'
import { label, type Label, type RowsOf } from '../model.js'

const LOAN_STATUS_LABEL: Record<LoanStatus, Label> = { active: label('Aktif', 'Active'), paid_off: label('Lunas', 'Paid off'), written_off: label('Dihapusbukukan', 'Written off') }
const COLUMNS = [col('n', 'Ke', 'No.', 'integer'), col('dueDate', 'Jatuh Tempo', 'Due', 'date'), col('principal', 'Pokok', 'Principal', 'amount'), col('interest', 'Jasa', 'Interest', 'amount'), col('total', 'Angsuran', 'Instalment', 'amount'), col('paidOn', 'Tgl Bayar', 'Paid On', 'date'), col('paidPrincipal', 'Bayar Pokok', 'Paid Principal', 'amount'), col('paidInterest', 'Bayar Jasa', 'Paid Interest', 'amount'), col('paidPenalty', 'Denda', 'Penalty', 'amount'), col('remaining', 'Sisa Pokok', 'Principal Left', 'amount'), col('daysLate', 'Hari Terlambat', 'Days Late', 'integer')]

/** Kartu Pinjaman (`loanId`): the schedule with what was paid of each instalment and when, the principal left, days late. */
export const loanCard: Builder = (books, p, head) => {
  if (p.loanId === undefined) throw invalid('loanId', 'is required for the loan card')
  const file = loanFile(books, p.loanId)
  if (file === null) throw new DomainError('LOAN_NOT_FOUND', `no loan ${p.loanId} in group ${books.group.id}`)
  const v = loanView(file, p.to)
  const member = books.members.find(m => m.id === v.file.loan.memberId)
  let paidPrincipal = v.file.loan.principal
  const rows: RowsOf<typeof COLUMNS> = v.state.installments.map(i => {
    paidPrincipal -= i.paidPrincipal
    const lateDays = i.paidOn !== null ? Math.max(0, daysBetween(i.dueDate, i.paidOn)) : i.dueDate < p.to ? daysBetween(i.dueDate, p.to) : 0
    return {
      cells: {
        n: i.n, dueDate: i.dueDate, principal: i.principal, interest: i.interestCharged, total: i.principal + i.interestCharged, paidOn: i.paidOn,
        paidPrincipal: i.paidPrincipal, paidInterest: i.paidInterest, paidPenalty: i.paidPenalty, remaining: paidPrincipal, daysLate: lateDays
      }
    }
  })
  rows.push(totalRow({ n: null, dueDate: null, principal: sumRows(rows, 'principal'), interest: sumRows(rows, 'interest'), total: sumRows(rows, 'total'), paidPrincipal: sumRows(rows, 'paidPrincipal'), paidInterest: sumRows(rows, 'paidInterest'), paidPenalty: sumRows(rows, 'paidPenalty') }))
  const t = v.terms
  const name = member?.name ?? v.file.loan.memberId
  return {
    ...head,
    period: { from: v.file.loan.disbursedOn, to: p.to },
    subject: label(
      `${name} · pinjaman ${formatRupiah(v.file.loan.principal)} · ${v.file.loan.termCount} angsuran · ${t.method} ${t.ratePercent.replace('.', ',')} % per ${t.ratePer === 'month' ? 'bulan' : 'tahun'}`,
      `${name} · loan ${formatRupiah(v.file.loan.principal)} · ${v.file.loan.termCount} instalments · ${t.method} ${t.ratePercent} % per ${t.ratePer}`),
    tables: [table(null, COLUMNS, rows)],
    summary: [
      { label: label('Status', 'Status'), value: LOAN_STATUS_LABEL[v.status], kind: 'text' },
      { label: label('Sisa pokok', 'Outstanding principal'), value: v.state.outstanding.principal, kind: 'amount' },
      { label: label('Tunggakan', 'Arrears'), value: v.state.arrears, kind: 'amount' },
      { label: label('Denda terutang', 'Penalty due'), value: v.state.outstanding.penalty, kind: 'amount' },
      { label: label('Kolektibilitas', 'Collectibility'), value: COLLECTIBILITY[v.collectibility], kind: 'text' }
    ]
  }
}
