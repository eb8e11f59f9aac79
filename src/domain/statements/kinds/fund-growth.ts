import { fundGrowth } from '../../reports/fund-growth.js'
import { ITEM_AMOUNT, table, totalRow, type Builder } from '../common.js'
import { label, type RowsOf } from '../model.js'


/** Laporan Perkembangan Dana: the capital put in, what the fund is worth on the end date, and the growth (Rp 2.500.000 → Rp 2.640.000, +5,60 %). */
export const fundGrowthStatement: Builder = (books, p, head) => {
  const g = fundGrowth(books, p.to)
  const rows: RowsOf<typeof ITEM_AMOUNT> = [
    { cells: { item: label('Dana hibah / stimulan', 'Grants / stimulus'), amount: g.capital.grants } },
    { cells: { item: label('Donasi', 'Donations'), amount: g.capital.donations } },
    { cells: { item: label('Simpanan pokok', 'Principal savings (pokok)'), amount: g.capital.savingsPokok } },
    { cells: { item: label('Simpanan wajib', 'Compulsory savings (wajib)'), amount: g.capital.savingsWajib } },
    totalRow({ item: label('Modal yang dihimpun', 'Capital raised'), amount: g.capital.total }),
    { cells: { item: label('Pendapatan jasa pinjaman', 'Loan interest income'), amount: g.income.interest } },
    { cells: { item: label('Pendapatan denda', 'Penalty income'), amount: g.income.penalty } },
    { cells: { item: label('Pendapatan lain-lain', 'Other income'), amount: g.income.other } },
    { cells: { item: label('Beban', 'Expenses'), amount: -g.expenses } },
    totalRow({ item: label('Dana sekarang (aset − kewajiban)', 'Fund now (assets − liabilities)'), amount: g.fund }),
    totalRow({ item: label('Perkembangan', 'Growth'), amount: g.growth })
  ]
  return {
    ...head,
    period: { from: null, to: p.to },
    tables: [table(null, ITEM_AMOUNT, rows)],
    summary: [{ label: label('Perkembangan dana', 'Fund growth'), value: g.growthPercent, kind: 'percent' }]
  }
}
