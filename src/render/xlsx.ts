import ExcelJS from 'exceljs'
import { unzipSync, zipSync, type Zippable } from 'fflate'
import { shown, type ColumnKind, type Lang, type ShownCell, type Printable } from '../domain/statements/model.js'
import { formatNumber, ledgerHeadText, periodText } from './format.js'

const AMOUNT_FORMAT = '#,##0;-#,##0'
const PERCENT_FORMAT = '0.00" %"'
const INTEGER_FORMAT = '0'
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6E6E6' } }
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } }
const MAX_WIDTH = 50
const FALLBACK_TIME = '2000-01-01T00:00:00.000Z'

/** Excel refuses sheet names longer than 31 characters or with any of `[]:*?/\`. */
export function sheetName (title: string): string {
  const clean = title.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '')
  return clean.slice(0, 31).trim() || 'Laporan'
}

/** A cell as a spreadsheet value: amounts and percents as real numbers (so sums work), dates as `YYYY-MM-DD` text. */
function sheetValue (cell: ShownCell, kind: ColumnKind): string | number | null {
  if (cell === null) return null
  if (kind === 'amount' || kind === 'integer' || kind === 'percent') {
    const n = Number(cell)
    // An amount beyond 2^53 would silently lose rupiah as a double: it stays text instead.
    if (Number.isFinite(n) && (kind === 'percent' || Number.isSafeInteger(n))) return n
  }
  return typeof cell === 'string' ? cell : cell.toString()
}

const NUMBER_FORMATS: Record<ColumnKind, string | undefined> = { amount: AMOUNT_FORMAT, integer: INTEGER_FORMAT, percent: PERCENT_FORMAT, date: undefined, text: undefined }

/** Roughly how many characters Excel shows for the value, to size its column. */
function shownLength (cell: ShownCell, kind: ColumnKind): number {
  if (cell === null) return 0
  if (kind === 'amount' && typeof cell === 'bigint') return formatNumber(cell).length
  return String(cell).length
}

function parseTime (at: string | null): Date {
  const d = new Date(at ?? FALLBACK_TIME)
  return Number.isNaN(d.getTime()) ? new Date(FALLBACK_TIME) : d
}

/**
 * The statement as one worksheet: a heading block (title, group, village, period, subject, ledger head), then each
 * table with a bold header row, then the summary. Workbook times come from the ledger head, not the clock.
 */
export async function renderXlsx (s: Printable, lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const time = parseTime(s.ledgerHead.at)
  wb.creator = 'Lumbung'
  wb.lastModifiedBy = 'Lumbung'
  wb.created = time
  wb.modified = time
  wb.title = s.title[lang]

  const width = Math.max(1, ...s.tables.map(t => t.columns.length))
  const ws = wb.addWorksheet(sheetName(s.title[lang]), {
    pageSetup: { paperSize: 9, orientation: width > 6 ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 }
  })

  ws.addRow([s.title[lang]]).font = { bold: true, size: 14 }
  ws.addRow([s.group.name]).font = { bold: true }
  for (const line of [s.group.village, periodText(s.period, lang), s.subject?.[lang] ?? null, ledgerHeadText(s.ledgerHead, lang, true)]) {
    if (line !== null) ws.addRow([line])
  }

  const widths: number[] = Array.from({ length: width + 1 }, () => 6)
  const fit = (i: number, n: number): void => { widths[i] = Math.min(MAX_WIDTH, Math.max(widths[i] ?? 0, n + 2)) }

  for (const t of s.tables) {
    ws.addRow([])
    if (t.title !== null) ws.addRow([t.title[lang]]).font = { bold: true, size: 12 }
    const header = ws.addRow(t.columns.map(c => c.label[lang]))
    t.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1)
      cell.font = { bold: true }
      cell.fill = HEADER_FILL
      cell.border = { top: THIN, bottom: THIN }
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: c.kind === 'text' || c.kind === 'date' ? 'left' : 'right' }
      // The header wraps between words: its longest word sets the least width.
      fit(i + 1, Math.max(...c.label[lang].split(' ').map(w => w.length)))
    })
    const firstText = t.columns.findIndex(c => c.kind === 'text')
    for (const r of t.rows) {
      const values = t.columns.map(c => shown(r.cells[c.key], lang))
      const row = ws.addRow(t.columns.map((c, i) => sheetValue(values[i] ?? null, c.kind)))
      t.columns.forEach((c, i) => {
        const cell = row.getCell(i + 1)
        const format = NUMBER_FORMATS[c.kind]
        if (format !== undefined && typeof cell.value === 'number') cell.numFmt = format
        const length = shownLength(values[i] ?? null, c.kind)
        fit(i + 1, length)
        const indent = i === firstText && r.indent !== undefined && r.indent > 0 ? r.indent : undefined
        if (length > MAX_WIDTH || indent !== undefined) cell.alignment = { vertical: 'top', wrapText: length > MAX_WIDTH, ...(indent === undefined ? {} : { indent }) }
        if (r.emphasis === true) {
          cell.font = { bold: true }
          cell.border = { top: THIN }
        }
      })
    }
  }

  if (s.summary.length > 0) {
    ws.addRow([])
    const valueColumn = Math.max(2, width)
    for (const x of s.summary) {
      const row = ws.addRow([])
      row.getCell(1).value = x.label[lang]
      if (valueColumn > 2) ws.mergeCells(row.number, 1, row.number, valueColumn - 1)
      const cell = row.getCell(valueColumn)
      const value = shown(x.value, lang)
      cell.value = sheetValue(value, x.kind)
      const format = NUMBER_FORMATS[x.kind]
      if (format !== undefined && typeof cell.value === 'number') cell.numFmt = format
      fit(valueColumn, shownLength(value, x.kind))
      if (valueColumn === 2) fit(1, x.label[lang].length)
      row.font = { bold: true }
    }
  }

  widths.forEach((w, i) => { if (i > 0) ws.getColumn(i).width = w })
  return stableZip(new Uint8Array(await wb.xlsx.writeBuffer()), time)
}

/**
 * exceljs stamps every zip entry with the wall clock; the same parts zipped again with the ledger's time make the
 * file byte-identical for the same statement. Zip times are local wall-clock fields: the UTC fields go in, so the
 * server's time zone does not matter.
 */
function stableZip (xlsx: Uint8Array, time: Date): Buffer {
  const y = time.getUTCFullYear()
  const mtime = y < 1980 || y > 2099
    ? new Date(1980, 0, 1)
    : new Date(y, time.getUTCMonth(), time.getUTCDate(), time.getUTCHours(), time.getUTCMinutes(), time.getUTCSeconds())
  const parts: Zippable = {}
  for (const [name, data] of Object.entries(unzipSync(xlsx))) {
    if (!name.endsWith('/')) parts[name] = [data, { mtime }]
  }
  return Buffer.from(zipSync(parts, { level: 6 }))
}
