import type { Decision } from '../../books/types.js'
import { decisionText, type DecisionText, type TermsText } from '../../decisions.js'
import type { ShuDecisionJson } from '../../shu/report.js'
import { C, col, table, type Builder } from '../common.js'
import { label, type Label, type Lang, type RowsOf } from '../model.js'

const COLUMNS = [C.date, col('attendance', 'Hadir', 'Present', 'integer'), col('attendees', 'Daftar Hadir', 'Attendees'), col('decisions', 'Keputusan', 'Decisions'), col('notes', 'Notulen', 'Minutes')]

/** Daftar Hadir dan Keputusan Rapat: each meeting of the period, who attended, what it decided, its minutes. */
export const meetingsStatement: Builder = (books, p, head) => {
  const names = new Map(books.members.map(m => [m.id, m.name]))
  const rows: RowsOf<typeof COLUMNS> = books.meetings.filter(m => (p.from === null || m.date >= p.from) && m.date <= p.to).map(m => {
    const decisions = m.decisions.map(d => decisionText(storedDecision(d, names)))
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

/** A decision as its row keeps it: the body is the general text, the stored terms or the SHU rule. */
function storedDecision (d: Decision, names: ReadonlyMap<string, string>): DecisionText {
  if (d.type === 'general') return { type: 'general', text: (d.body as { text: string }).text }
  if (d.type === 'shu-distribution') return { type: 'shu-distribution', buckets: (d.body as ShuDecisionJson).buckets }
  if (d.type === 'savings-terms') return { type: 'savings-terms', wajibAmount: (d.body as { wajibAmount: string }).wajibAmount }
  if (d.type === 'publication') return { type: 'publication', public: (d.body as { public: boolean }).public }
  if (d.type === 'loan-queue') return { type: 'loan-queue', names: (d.body as { memberIds: string[] }).memberIds.map(m => names.get(m) ?? m) }
  return { type: 'loan-terms', terms: d.body as TermsText }
}
