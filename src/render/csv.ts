import type { Cell, Column, ColumnKind, Lang, Statement } from '../domain/statements/model.js'

const BOM = '\uFEFF'
const SECTION = { id: 'Bagian', en: 'Section' } as const

/**
 * The plain value for a machine: amounts as integers (`2500000`, `-5000`), dates `YYYY-MM-DD`, percents `5.60`.
 * Text typed by a user that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) gets a leading `'`.
 */
function csvValue (cell: Cell, kind: ColumnKind): string {
  if (cell === null) return ''
  if (typeof cell !== 'string') return cell.toString()
  return kind === 'text' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell
}

/** RFC 4180: a field with a comma, a quote or a line break is quoted, and its quotes doubled. */
function field (text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * The statement's tables as one CSV (UTF-8 with a BOM so that spreadsheets read it as UTF-8, CRLF, one header row).
 * Several tables share one header: a first column names the table, then the union of all tables' columns in order
 * of first appearance, empty where a table lacks one. The summary is left out: it repeats figures of the tables.
 */
export function renderCsv (s: Statement, lang: Lang): Buffer {
  const sectioned = s.tables.length > 1
  const columns: Column[] = []
  for (const t of s.tables) {
    for (const c of t.columns) if (!columns.some(x => x.key === c.key)) columns.push(c)
  }
  const lines: string[][] = [[...(sectioned ? [SECTION[lang]] : []), ...columns.map(c => c.label[lang])]]
  for (const t of s.tables) {
    const title = t.title === null ? '' : t.title[lang]
    for (const r of t.rows) {
      const cells = columns.map(c => {
        const own = t.columns.find(x => x.key === c.key)
        return own === undefined ? '' : csvValue(r.cells[own.key] ?? null, own.kind)
      })
      lines.push(sectioned ? [title, ...cells] : cells)
    }
  }
  return Buffer.from(BOM + lines.map(l => `${l.map(field).join(',')}\r\n`).join(''), 'utf8')
}
