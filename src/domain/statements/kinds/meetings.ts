import type { ShuDecisionJson } from '../../shu/report.js'
import { formatRupiah } from '../../money.js'
import { C, col, table, type Builder } from '../common.js'
import type { Row } from '../model.js'

/** Daftar Hadir dan Keputusan Rapat: each meeting of the period, who attended, what it decided, its minutes. */
export const meetingsStatement: Builder = (books, p, head) => {
  const names = new Map(books.members.map(m => [m.id, m.name]))
  const rows: Row[] = books.meetings.filter(m => (p.from === null || m.date >= p.from) && m.date <= p.to).map(m => ({
    cells: {
      date: m.date,
      attendance: m.attendees.length,
      attendees: m.attendees.map(a => names.get(a) ?? a).join(', '),
      decisions: m.decisions.map(d => d.type === 'general' ? (d.body as { text: string }).text : d.type === 'shu-distribution' ? describeShu(d.body as ShuDecisionJson) : describeTerms(d.body as Record<string, unknown>)).join('; '),
      notes: m.notes
    }
  }))
  return { ...head, tables: [table(null, [C.date, col('attendance', 'Hadir', 'Present', 'integer'), col('attendees', 'Daftar Hadir', 'Attendees'), col('decisions', 'Keputusan', 'Decisions'), col('notes', 'Notulen', 'Minutes')], rows)], summary: [] }
}

export function describeShu (d: ShuDecisionJson): string {
  return `Pembagian SHU: ${d.buckets.map(b => `${b.name} ${b.percent.replace('.', ',')} %`).join(', ')}`
}

function describeTerms (t: Record<string, unknown>): string {
  const max = t.maxPrincipal === null ? '' : `, maks. ${formatRupiah(BigInt(String(t.maxPrincipal)))}`
  const term = t.maxTermCount === null ? '' : `, maks. ${String(t.maxTermCount)} angsuran`
  return `Ketentuan pinjaman: ${String(t.method)} ${String(t.ratePercent)} % per ${t.ratePer === 'month' ? 'bulan' : 'tahun'}${max}${term}`
}
