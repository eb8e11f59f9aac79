import { fundGrowth } from '../../reports/fund-growth.js'
import { C, col, table, totalRow, type Builder } from '../common.js'
import { label, type Row } from '../model.js'

/** Laporan Perkembangan Dana: the capital put in, what the fund is worth on the end date, and the growth (Rp 2.500.000 → Rp 2.640.000, +5,60 %). */
export const fundGrowthStatement: Builder = (books, p, head) => {
  const g = fundGrowth(books, p.to)
  const rows: Row[] = [
    { cells: { item: 'Dana hibah / stimulan', amount: g.capital.grants } },
    { cells: { item: 'Donasi', amount: g.capital.donations } },
    { cells: { item: 'Simpanan pokok', amount: g.capital.savingsPokok } },
    { cells: { item: 'Simpanan wajib', amount: g.capital.savingsWajib } },
    totalRow({ item: 'Modal yang dihimpun', amount: g.capital.total }),
    { cells: { item: 'Pendapatan jasa pinjaman', amount: g.income.interest } },
    { cells: { item: 'Pendapatan denda', amount: g.income.penalty } },
    { cells: { item: 'Pendapatan lain-lain', amount: g.income.other } },
    { cells: { item: 'Beban', amount: -g.expenses } },
    totalRow({ item: 'Dana sekarang (aset − kewajiban)', amount: g.fund }),
    totalRow({ item: 'Perkembangan', amount: g.growth })
  ]
  return {
    ...head,
    period: { from: null, to: p.to },
    tables: [table(null, [col('item', 'Uraian', 'Item'), C.amount], rows)],
    summary: [{ label: label('Perkembangan dana', 'Fund growth'), value: g.growthPercent, kind: 'percent' }]
  }
}
