import { loanPortfolio } from '../../reports/loan-portfolio.js'
import { col, COLLECTIBILITY, table, TOTAL, totalRow, type Builder } from '../common.js'
import { label, type RowsOf } from '../model.js'

const COLUMNS = [col('member', 'Anggota', 'Member'), col('disbursedOn', 'Tgl Cair', 'Disbursed', 'date'), col('principal', 'Pinjaman', 'Principal', 'amount'), col('outstanding', 'Sisa Pokok', 'Outstanding', 'amount'), col('arrears', 'Tunggakan', 'Arrears', 'amount'), col('daysPastDue', 'Hari Terlambat', 'Days Past Due', 'integer'), col('collectibility', 'Kolektibilitas', 'Collectibility')]

/** Daftar Pinjaman dan Kolektibilitas: every active loan on the end date, its standing, PAR30 and the non-performing share. */
export const loanPortfolioStatement: Builder = (books, p, head) => {
  const pf = loanPortfolio(books, p.to)
  const rows: RowsOf<typeof COLUMNS> = pf.rows.map(r => ({
    cells: {
      member: r.memberName, disbursedOn: r.loan.file.loan.disbursedOn, principal: r.loan.file.loan.principal, outstanding: r.loan.state.outstanding.principal,
      arrears: r.loan.state.arrears, daysPastDue: r.loan.state.daysPastDue, collectibility: COLLECTIBILITY[r.loan.collectibility]
    }
  }))
  rows.push(totalRow({ member: TOTAL, principal: pf.totals.principal, outstanding: pf.totals.outstanding, arrears: pf.totals.arrears }))
  return {
    ...head,
    period: { from: null, to: p.to },
    tables: [table(null, COLUMNS, rows)],
    summary: [
      { label: COLLECTIBILITY.lancar, value: pf.totals.byCollectibility.lancar, kind: 'amount' },
      { label: COLLECTIBILITY.kurang_lancar, value: pf.totals.byCollectibility.kurang_lancar, kind: 'amount' },
      { label: COLLECTIBILITY.diragukan, value: pf.totals.byCollectibility.diragukan, kind: 'amount' },
      { label: COLLECTIBILITY.macet, value: pf.totals.byCollectibility.macet, kind: 'amount' },
      { label: label('PAR30', 'PAR30'), value: pf.par30, kind: 'percent' },
      { label: label('Pinjaman bermasalah', 'Non-performing'), value: pf.nonPerformingPercent, kind: 'percent' }
    ]
  }
}
