import type { ShuDecisionJson } from '../../shu/report.js'
import { formatRupiah } from '../../money.js'
import { C, col, table, type Builder } from '../common.js'
import { label, type Label, type Lang, type RowsOf } from '../model.js'

const COLUMNS = [C.date, col('attendance', 'Hadir', 'Present', 'integer'), col('attendees', 'Daftar Hadir', 'Attendees'), col('decisions', 'Keputusan', 'Decisions'), col('notes', 'Notulen', 'Minutes')]

/** Daftar Hadir dan Keputusan Rapat: each meeting of the period, who attended, what it decided, its minutes. */
export const meetingsStatement: Builder = (books, p, head) => {
  const names = new Map(books.members.map(m => [m.id, m.name]))
  const rows: RowsOf<typeof COLUMNS> = books.meetings.filter(m => (p.from === null || m.date >= p.from) && m.date <= p.to).map(m => {
    const decisions = m.decisions.map(d => d.type === 'general'
      ? label((d.body as { text: string }).text)
      : d.type === 'shu-distribution' ? describeShu(d.body as ShuDecisionJson) : describeTerms(d.body as Record<string, unknown>))
    return {
      cells: {
        date: m.date,
        attendance: m.attendees.length,
        attendees: m.attendees.map(a => names.get(a) ?? a).join(', '),
        decisions: joined(decisions, '; '),
        notes: m.notes
      }
    }
  })
  return { ...head, tables: [table(null, COLUMNS, rows)], summary: [] }
}

/** Labels joined in each language: what the meeting typed stays as it was in both. */
const joined = (labels: Label[], separator: string): Label => {
  const text = (lang: Lang): string => labels.map(l => l[lang]).join(separator)
  return label(text('id'), text('en'))
}

function describeShu (d: ShuDecisionJson): Label {
  const buckets = (decimal: string): string => d.buckets.map(b => `${b.name} ${b.percent.replace('.', decimal)} %`).join(', ')
  return label(`Pembagian SHU: ${buckets(',')}`, `SHU sharing: ${buckets('.')}`)
}

function describeTerms (t: Record<string, unknown>): Label {
  const max = t.maxPrincipal === null ? null : formatRupiah(BigInt(String(t.maxPrincipal)))
  const count = t.maxTermCount === null ? null : String(t.maxTermCount)
  const rate = `${String(t.method)} ${String(t.ratePercent)} %`
  return label(
    `Ketentuan pinjaman: ${rate} per ${t.ratePer === 'month' ? 'bulan' : 'tahun'}${max === null ? '' : `, maks. ${max}`}${count === null ? '' : `, maks. ${count} angsuran`}`,
    `Loan terms: ${rate} per ${t.ratePer === 'month' ? 'month' : 'year'}${max === null ? '' : `, at most ${max}`}${count === null ? '' : `, at most ${count} instalments`}`)
}
