import { shown, type Column, type ColumnKind, type Lang, type ShownCell, type Printable } from '../domain/statements/model.js'

const BOM = '\uFEFF'
const SECTION = { id: 'Bagian', en: 'Section' } as const

/** A spreadsheet runs a cell that begins with one of these as a formula (OWASP's list: `=`, `+`, `-`, `@`, tab, CR). */
const FORMULA_START = /^[=+\-@\t\r]/
/** A number as a machine reads it: an amount or integer (`2500000`, `-5000`), a percent (`5.60`). */
const NUMBER = /^-?\d+(\.\d+)?$/
const NUMERIC: ReadonlySet<ColumnKind> = new Set(['amount', 'integer', 'percent'])

/**
 * Text a spreadsheet would run as a formula gets a leading `'`: any text the CSV writes (titles, section names, header
 * labels, cells), because fund, account, member and SHU bucket names are typed by users and reach all of them.
 */
function neutral (text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/**
 * The plain value for a machine: amounts and integers as integers (`2500000`, `-5000`), dates `YYYY-MM-DD`, percents
 * `5.60`. A number stays a plain number (the sign of `-5000` is not a formula); anything else is text, neutralised.
 */
function csvValue (cell: ShownCell, kind: ColumnKind): string {
  if (cell === null) return ''
  const text = cell.toString()
  return (typeof cell !== 'string' || NUMERIC.has(kind)) && NUMBER.test(text) ? text : neutral(text)
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
export function renderCsv (s: Printable, lang: Lang): Buffer {
  const sectioned = s.tables.length > 1
  const columns: Column[] = []
  for (const t of s.tables) {
    for (const c of t.columns) if (!columns.some(x => x.key === c.key)) columns.push(c)
  }
  const lines: string[][] = [[...(sectioned ? [SECTION[lang]] : []), ...columns.map(c => c.label[lang])].map(neutral)]
  for (const t of s.tables) {
    const title = t.title === null ? '' : neutral(t.title[lang])
    for (const r of t.rows) {
      const cells = columns.map(c => {
        const own = t.columns.find(x => x.key === c.key)
        return own === undefined ? '' : csvValue(shown(r.cells[own.key], lang), own.kind)
      })
      lines.push(sectioned ? [title, ...cells] : cells)
    }
  }
  return Buffer.from(BOM + lines.map(l => `${l.map(field).join(',')}\r\n`).join(''), 'utf8')
}
