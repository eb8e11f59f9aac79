import { createRequire } from 'node:module'
import PDFDocument from 'pdfkit'
import { dateIn } from '../domain/dates.js'
import { shown, type Column, type Lang, type Row, type Printable, type Table } from '../domain/statements/model.js'
import { keyFingerprint } from '../domain/ledger/checkpoint.js'
import { PDF_CHECKPOINT_KEY, PDF_DIGEST_KEY, statementDigest } from './binding.js'
import { cellText, formatDate, ledgerHeadText, periodText } from './format.js'

/**
 * The printable statement: A4 (landscape when a table has more than six columns), the group and period on top, tables
 * whose header repeats on every page, the summary, and signature lines for the Ketua, the Bendahara and the Pengawas.
 * The font is embedded from an npm package (DejaVu Sans Condensed: narrow, and it has every Indonesian letter), so
 * the same bytes come out on any server, whatever fonts it has.
 */

const require = createRequire(import.meta.url)
/**
 * Fonts are selected by path, not by a registered alias: pdfkit caches an aliased font that shares its file with the
 * default font under the file's name only, and would parse the whole TTF again on every switch to the alias.
 */
export const FONT = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf')
}

const MARGIN = 40
/** Room kept above the bottom margin's footer. */
const FOOTER_GAP = 6
const LINE_GAP = 1
const CELL_PAD_X = 4
const CELL_PAD_Y = 2.5
/** A line's box has the descender and line gap below the letters: text moves down a little to sit centred. */
const NUDGE = 1.2
const INDENT = 10
const TABLE_SIZES = [9, 8.5, 8, 7.5, 7, 6.5, 6]
const GREY = '#555555'
const HEADER_FILL = '#e6e6e6'
const RULE_LIGHT = '#c8c8c8'
/** Room to sign above the dotted name lines, and the whole block with the print date. */
const SIGNATURE_SPACE = 52
const SIGNATURE_HEIGHT = 8 + 24 + 14 + SIGNATURE_SPACE + 12
/** Portrait A4's text width: the summary never gets wider, so its figures stay near their labels. */
const SUMMARY_WIDTH = 515

const WORDS = {
  id: { page: (i: number, n: number) => `Halaman ${i} dari ${n}`, printed: 'Dicetak', continued: 'lanjutan', summary: 'Ringkasan', signers: ['Ketua', 'Bendahara', 'Pengawas'] },
  en: { page: (i: number, n: number) => `Page ${i} of ${n}`, printed: 'Printed', continued: 'continued', summary: 'Summary', signers: ['Chair', 'Treasurer', 'Supervisor'] }
} as const

export interface PdfOptions {
  /** Decides the calendar date printed under "Dicetak" (default WITA, Bali). */
  timeZone?: string
  /** Who signs under it (default the Ketua, the Bendahara and the Pengawas); a roll-up names its own. */
  signers?: readonly string[]
}

type Doc = PDFKit.PDFDocument
type Align = 'left' | 'right' | 'center'

interface Page {
  doc: Doc
  s: Printable
  lang: Lang
  left: number
  width: number
  bottom: number
  /** Where the content starts on a continuation page, under the running header. */
  top: number
  y: number
}

interface Layout {
  size: number
  widths: number[]
}

const isFigure = (c: Column): boolean => c.kind === 'amount' || c.kind === 'integer' || c.kind === 'percent'
const alignOf = (c: Column): Align => isFigure(c) ? 'right' : 'left'

function put (doc: Doc, text: string, x: number, y: number, width: number, o: { bold?: boolean, size: number, align?: Align, color?: string }): number {
  doc.font(o.bold === true ? FONT.bold : FONT.regular).fontSize(o.size).fillColor(o.color ?? 'black')
  const height = doc.heightOfString(text, { width, lineGap: LINE_GAP })
  doc.text(text, x, y, { width, align: o.align ?? 'left', lineGap: LINE_GAP })
  return height
}

function measure (doc: Doc, text: string, width: number, bold: boolean, size: number): number {
  return doc.font(bold ? FONT.bold : FONT.regular).fontSize(size).heightOfString(text, { width, lineGap: LINE_GAP })
}

function textWidth (doc: Doc, text: string, bold: boolean, size: number): number {
  return doc.font(bold ? FONT.bold : FONT.regular).fontSize(size).widthOfString(text)
}

function rule (doc: Doc, x: number, y: number, width: number, thickness: number, color: string): void {
  doc.save().moveTo(x, y).lineTo(x + width, y).lineWidth(thickness).strokeColor(color).stroke().restore()
}

const runningText = (p: Page): string => `${p.s.group.name} · ${p.s.title[p.lang]} · ${periodText(p.s.period, p.lang)}`

function newPage (p: Page): void {
  p.doc.addPage()
  p.y = MARGIN
  // A page that comes loose from the folder still says whose statement it is.
  p.y += put(p.doc, runningText(p), p.left, p.y, p.width, { size: 7.5, color: GREY })
  rule(p.doc, p.left, p.y + 2, p.width, 0.5, RULE_LIGHT)
  p.y += 10
}

/** Starts a new page unless `height` more points fit on this one; true when it did. */
function ensure (p: Page, height: number): boolean {
  if (p.y + height <= p.bottom) return false
  newPage(p)
  return true
}

function heading (p: Page): void {
  const { doc, s, lang } = p
  const line = (text: string, o: { bold?: boolean, size: number, gap?: number }): void => {
    p.y += put(doc, text, p.left, p.y, p.width, { ...o, align: 'center' }) + (o.gap ?? 2)
  }
  line(s.group.name, { bold: true, size: 12 })
  if (s.group.village !== null) line(s.group.village, { size: 10 })
  p.y += 6
  line(s.title[lang].toUpperCase(), { bold: true, size: 15, gap: 4 })
  line(periodText(s.period, lang), { size: 10 })
  if (s.subject !== null) line(s.subject[lang], { size: 10 })
  p.y += 4
  rule(doc, p.left, p.y, p.width, 1, 'black')
  p.y += 12
}

/**
 * Column widths. Figures and dates never wrap; their headers wrap only when space is short. Text columns then share
 * what is left, the short ones (codes, funds) first, so that wrapping falls on the long descriptions; room to spare
 * goes to the widest text column. When even the narrowest layout does not fit, the table steps down a font size.
 */
function layout (doc: Doc, columns: Column[], rows: Row[], lang: Lang, available: number): Layout {
  const firstText = columns.findIndex(c => c.kind === 'text')
  const pad = 2 * CELL_PAD_X
  let smallest: Layout | undefined
  for (const size of TABLE_SIZES) {
    const need = columns.map((c, i) => {
      const label = c.label[lang]
      const labelWord = Math.max(...label.split(/\s+/).map(w => textWidth(doc, w, true, size)))
      const labelFull = textWidth(doc, label, true, size)
      let widest = 0
      let longestWord = 0
      for (const r of rows) {
        const text = cellText(shown(r.cells[c.key], lang), c.kind, lang)
        if (text === '') continue
        const bold = r.emphasis === true
        const indent = i === firstText ? (r.indent ?? 0) * INDENT : 0
        for (const part of text.split('\n')) widest = Math.max(widest, textWidth(doc, part, bold, size) + indent)
        if (c.kind === 'text') longestWord = text.split(/\s+/).reduce((m, w) => Math.max(m, textWidth(doc, w, bold, size) + indent), longestWord)
      }
      const min = c.kind === 'text' ? Math.max(labelWord, Math.min(longestWord, 90)) + pad : Math.max(widest, labelWord) + pad
      return { min, natural: Math.max(min, Math.max(widest, labelFull) + pad), text: c.kind === 'text' }
    })
    const widths = need.map(n => n.min)
    let left = available - widths.reduce((a, b) => a + b, 0)
    if (left < 0) {
      smallest = { size, widths: widths.map(w => w * available / (available - left)) }
      continue
    }
    // Fair shares, smallest wants first: a column that wants less than its share gets all it wants.
    const fill = (indexes: number[]): void => {
      const order = indexes.sort((a, b) => ((need[a]?.natural ?? 0) - (need[a]?.min ?? 0)) - ((need[b]?.natural ?? 0) - (need[b]?.min ?? 0)))
      order.forEach((i, k) => {
        const want = (need[i]?.natural ?? 0) - (need[i]?.min ?? 0)
        const give = Math.min(want, left / (order.length - k))
        widths[i] = (widths[i] ?? 0) + give
        left -= give
      })
    }
    fill(need.flatMap((n, i) => n.text ? [] : [i]))
    fill(need.flatMap((n, i) => n.text ? [i] : []))
    if (left > 0) {
      const main = need.reduce((best, n, i) => n.text && (best < 0 || n.natural > (need[best]?.natural ?? 0)) ? i : best, -1)
      if (main >= 0) widths[main] = (widths[main] ?? 0) + left
      else widths.forEach((w, i) => { widths[i] = w + left / widths.length })
    }
    return { size, widths }
  }
  return smallest ?? { size: TABLE_SIZES.at(-1) ?? 6, widths: columns.map(() => available / columns.length) }
}

function headerHeight (doc: Doc, t: Table, lang: Lang, l: Layout): number {
  return Math.max(...t.columns.map((c, i) => measure(doc, c.label[lang], (l.widths[i] ?? 0) - 2 * CELL_PAD_X, true, l.size))) + 2 * CELL_PAD_Y
}

function drawHeader (p: Page, t: Table, l: Layout): void {
  const { doc } = p
  const height = headerHeight(doc, t, p.lang, l)
  doc.save().rect(p.left, p.y, p.width, height).fill(HEADER_FILL).restore()
  separators(p, l, p.y, height)
  rule(doc, p.left, p.y, p.width, 0.75, 'black')
  let x = p.left
  t.columns.forEach((c, i) => {
    const w = l.widths[i] ?? 0
    put(doc, c.label[p.lang], x + CELL_PAD_X, p.y + CELL_PAD_Y + NUDGE, w - 2 * CELL_PAD_X, { bold: true, size: l.size, align: alignOf(c) })
    x += w
  })
  p.y += height
  rule(doc, p.left, p.y, p.width, 0.75, 'black')
}

function rowCells (t: Table, r: Row, lang: Lang): string[] {
  return t.columns.map(c => cellText(shown(r.cells[c.key], lang), c.kind, lang))
}

function rowHeight (doc: Doc, t: Table, r: Row, lang: Lang, l: Layout, firstText: number): number {
  const texts = rowCells(t, r, lang)
  const heights = texts.map((text, i) => {
    if (text === '') return 0
    const indent = i === firstText ? (r.indent ?? 0) * INDENT : 0
    return measure(doc, text, (l.widths[i] ?? 0) - 2 * CELL_PAD_X - indent, r.emphasis === true, l.size)
  })
  return Math.max(l.size + LINE_GAP, ...heights) + 2 * CELL_PAD_Y
}

function tableTitle (p: Page, t: Table, continued: boolean): void {
  if (t.title === null && !continued) return
  const title = (t.title ?? p.s.title)[p.lang]
  const text = continued ? `${title} (${WORDS[p.lang].continued})` : title
  p.y += put(p.doc, text, p.left, p.y, p.width, { bold: true, size: 10.5 }) + 3
}

/** Light lines between columns, so that two figures side by side never read as one. */
function separators (p: Page, l: Layout, y: number, height: number): void {
  let x = p.left
  p.doc.save().lineWidth(0.3).strokeColor(RULE_LIGHT)
  for (const w of l.widths.slice(0, -1)) {
    x += w
    p.doc.moveTo(x, y).lineTo(x, y + height)
  }
  p.doc.stroke().restore()
}

/** How many of a table's last rows go onto the next page with what follows, rather than leave it alone there. */
const KEEP_ROWS = 3

/** Draws a table; `keepWithEnd` is the height of what must follow its last rows on the same page (the signatures). */
function drawTable (p: Page, t: Table, l: Layout, keepWithEnd: number): void {
  const { doc, lang } = p
  const firstText = t.columns.findIndex(c => c.kind === 'text')
  const titleHeight = t.title === null ? 0 : measure(doc, t.title[lang], p.width, true, 10.5) + 3
  const firstRow = t.rows[0] === undefined ? 0 : rowHeight(doc, t, t.rows[0], lang, l, firstText)
  // A title and header never end a page on their own: at least one row comes with them.
  ensure(p, titleHeight + headerHeight(doc, t, lang, l) + firstRow)
  tableTitle(p, t, false)
  drawHeader(p, t, l)
  const maxRow = p.bottom - p.top - 60
  const heights = t.rows.map(r => Math.min(rowHeight(doc, t, r, lang, l, firstText), maxRow))
  const tailFrom = Math.max(1, t.rows.length - KEEP_ROWS)
  const tail = heights.slice(tailFrom).reduce((a, h) => a + h, 0) + 16 + keepWithEnd
  const header = headerHeight(doc, t, lang, l) + (measure(doc, 'X', p.width, true, 10.5) + 3)
  t.rows.forEach((r, i) => {
    const height = heights[i] ?? 0
    // Signatures under nothing but a total could be stapled to any figures: the last rows go with them.
    const keep = keepWithEnd > 0 && i === tailFrom && tail + header <= p.bottom - p.top
    if (ensure(p, keep ? tail : height)) {
      tableTitle(p, t, true)
      drawHeader(p, t, l)
    }
    const bold = r.emphasis === true
    separators(p, l, p.y, height)
    if (bold) rule(doc, p.left, p.y, p.width, 0.75, 'black')
    let x = p.left
    rowCells(t, r, lang).forEach((text, k) => {
      const c = t.columns[k]
      const w = l.widths[k] ?? 0
      const indent = k === firstText ? (r.indent ?? 0) * INDENT : 0
      if (c !== undefined && text !== '') {
        doc.font(bold ? FONT.bold : FONT.regular).fontSize(l.size).fillColor('black')
          .text(text, x + CELL_PAD_X + indent, p.y + CELL_PAD_Y + NUDGE, {
            width: w - 2 * CELL_PAD_X - indent, height: height - CELL_PAD_Y - NUDGE, align: alignOf(c), lineGap: LINE_GAP, ellipsis: true
          })
      }
      x += w
    })
    p.y += height
    rule(doc, p.left, p.y, p.width, 0.3, RULE_LIGHT)
  })
  rule(doc, p.left, p.y, p.width, 0.75, 'black')
  p.y += 16
}

interface SummaryLayout {
  width: number
  labelWidth: number
  valueWidth: number
  lines: Array<{ label: string, value: string, height: number }>
  /** Everything the summary takes, from its heading to the gap after it (0 when there is none). */
  height: number
}

const SUMMARY_SIZE = 9.5

function summaryLayout (p: Page): SummaryLayout {
  const { doc, s, lang } = p
  const width = Math.min(p.width, SUMMARY_WIDTH)
  const texts = s.summary.map(x => ({ label: x.label[lang], value: cellText(shown(x.value, lang), x.kind, lang) }))
  const valueWidth = Math.min(width / 2, Math.max(0, ...texts.map(x => textWidth(doc, x.value, true, SUMMARY_SIZE))) + 2 * CELL_PAD_X)
  const labelWidth = width - valueWidth
  const lines = texts.map(x => ({
    ...x,
    height: Math.max(
      measure(doc, x.label, labelWidth - 2 * CELL_PAD_X, false, SUMMARY_SIZE),
      measure(doc, x.value, valueWidth - 2 * CELL_PAD_X, true, SUMMARY_SIZE)
    ) + 2 * CELL_PAD_Y
  }))
  const heading = measure(doc, WORDS[lang].summary, width, true, 10.5) + 3
  return { width, labelWidth, valueWidth, lines, height: lines.length === 0 ? 0 : heading + lines.reduce((a, x) => a + x.height, 0) + 16 }
}

function drawSummary (p: Page, l: SummaryLayout): void {
  const { doc, lang } = p
  if (l.lines.length === 0) return
  // The summary and the signatures stay together when they fit on one page.
  if (l.height + SIGNATURE_HEIGHT <= p.bottom - p.top) ensure(p, l.height + SIGNATURE_HEIGHT)
  else ensure(p, 16 + (l.lines[0]?.height ?? 0))
  p.y += put(doc, WORDS[lang].summary, p.left, p.y, l.width, { bold: true, size: 10.5 }) + 3
  rule(doc, p.left, p.y, l.width, 0.75, 'black')
  for (const x of l.lines) {
    if (ensure(p, x.height)) rule(doc, p.left, p.y, l.width, 0.75, 'black')
    put(doc, x.label, p.left + CELL_PAD_X, p.y + CELL_PAD_Y + NUDGE, l.labelWidth - 2 * CELL_PAD_X, { size: SUMMARY_SIZE })
    put(doc, x.value, p.left + l.labelWidth + CELL_PAD_X, p.y + CELL_PAD_Y + NUDGE, l.valueWidth - 2 * CELL_PAD_X, { bold: true, size: SUMMARY_SIZE, align: 'right' })
    p.y += x.height
    rule(doc, p.left, p.y, l.width, 0.3, RULE_LIGHT)
  }
  p.y += 16
}

function drawSignatures (p: Page, printed: string, signers: readonly string[]): void {
  const { doc, lang } = p
  const words = WORDS[lang]
  const space = SIGNATURE_SPACE
  ensure(p, SIGNATURE_HEIGHT)
  p.y += 8
  put(doc, `${words.printed}: ${printed}`, p.left, p.y, p.width, { size: 9.5, align: 'right' })
  p.y += 24
  const third = p.width / Math.max(signers.length, 1)
  signers.forEach((role, i) => {
    const x = p.left + i * third
    put(doc, role, x, p.y, third, { bold: true, size: 10, align: 'center' })
    const lineWidth = Math.min(150, third - 30)
    const lineX = x + (third - lineWidth) / 2
    const lineY = p.y + 14 + space
    doc.save().moveTo(lineX, lineY).lineTo(lineX + lineWidth, lineY).lineWidth(0.8).dash(1, { space: 2 }).strokeColor('black').stroke().undash().restore()
  })
  p.y += 14 + space + 12
}

function footers (p: Page): void {
  const { doc, s, lang } = p
  const range = doc.bufferedPageRange()
  const head = ledgerHeadText(s.ledgerHead, lang, false, s.checkpoint === undefined ? null : keyFingerprint(s.checkpoint.key))
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    // Writing inside the bottom margin would make pdfkit start a new page; the footer lives there on purpose.
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    const y = doc.page.height - MARGIN + 12
    rule(doc, p.left, y - 4, p.width, 0.5, RULE_LIGHT)
    put(doc, head, p.left, y, p.width * 0.7, { size: 7.5, color: GREY })
    put(doc, WORDS[lang].page(i - range.start + 1, range.count), p.left + p.width * 0.7, y, p.width * 0.3, { size: 7.5, color: GREY, align: 'right' })
    doc.page.margins.bottom = bottom
  }
}

/**
 * The statement as an A4 PDF for the village office. `printedAt` is the only time in it (its print date and
 * CreationDate), so the same statement printed at the same instant gives the same bytes.
 */
export async function renderPdf (s: Printable, lang: Lang, printedAt: Date, options: PdfOptions = {}): Promise<Buffer> {
  const landscape = s.tables.some(t => t.columns.length > 6)
  const doc = new PDFDocument({
    size: 'A4',
    layout: landscape ? 'landscape' : 'portrait',
    margin: MARGIN,
    bufferPages: true,
    autoFirstPage: false,
    font: FONT.regular,
    lang: lang === 'id' ? 'id-ID' : 'en',
    displayTitle: true,
    info: {
      Title: `${s.title[lang]} · ${s.group.name}`,
      Author: 'Lumbung',
      Subject: periodText(s.period, lang),
      Creator: 'Lumbung',
      Producer: 'Lumbung',
      CreationDate: printedAt,
      ModDate: printedAt,
      ...(s.checkpoint === undefined ? {} : { Keywords: 'lumbung-checkpoint', [PDF_CHECKPOINT_KEY]: JSON.stringify(s.checkpoint), [PDF_DIGEST_KEY]: statementDigest(s, lang) })
    }
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  doc.addPage()
  const p: Page = { doc, s, lang, left: MARGIN, width: doc.page.width - 2 * MARGIN, bottom: doc.page.height - MARGIN - FOOTER_GAP, top: MARGIN, y: MARGIN }
  p.top = MARGIN + measure(doc, runningText(p), p.width, false, 7.5) + 10
  heading(p)
  // Tables with the same columns (Aset, Kewajiban, Ekuitas) share one layout, so their columns line up.
  const signature = (t: Table): string => JSON.stringify(t.columns.map(c => [c.key, c.kind, c.label[lang]]))
  const layouts = new Map<string, Layout>()
  for (const t of s.tables) {
    const key = signature(t)
    if (layouts.has(key)) continue
    const rows = s.tables.filter(x => signature(x) === key).flatMap(x => x.rows)
    layouts.set(key, layout(doc, t.columns, rows, lang, p.width))
  }
  const summary = summaryLayout(p)
  s.tables.forEach((t, i) => {
    const l = layouts.get(signature(t))
    if (l !== undefined) drawTable(p, t, l, i === s.tables.length - 1 ? summary.height + SIGNATURE_HEIGHT : 0)
  })
  drawSummary(p, summary)
  drawSignatures(p, formatDate(dateIn(printedAt, options.timeZone ?? 'Asia/Makassar'), lang), options.signers ?? WORDS[lang].signers)
  footers(p)
  doc.end()
  return await done
}
