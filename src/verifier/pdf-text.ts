import { type Glyph, type PageContext, runContent } from './pdf/content.js'
import { PdfFile } from './pdf/file.js'
import { type Font, textString } from './pdf/fonts.js'
import { type Dict, fail, isNum, Name, PDF_LIMITS, type PdfLimits, Ref, Str, Stream, type Value } from './pdf/syntax.js'

export { PDF_LIMITS, PdfTextError, type PdfLimits } from './pdf/syntax.js'

/**
 * Reads the text of the PDFs that Lumbung itself prints (src/render/pdf.ts, pdfkit 0.17), so that the offline verifier
 * can check each printed statement shows the figures it should. Dependency-free (node:zlib only) so that it can be
 * bundled into the standalone verifier.
 *
 * It is deliberately narrow and strict, because it reads untrusted files: a classic cross-reference table (no
 * cross-reference or object streams, no incremental updates, no encryption), FlateDecode or unfiltered streams, and
 * Type0 fonts with Identity-H encoding and a ToUnicode CMap (how pdfkit embeds a TrueType font). Anything else — a
 * simple or standard-14 font, a form XObject, an inline image, rotated, invisible or off-page text — throws a
 * PdfTextError naming what it met, rather than returning text that might not be what a reader of the page sees.
 * Its work is bounded by PdfLimits (file size, objects, pages, decoded bytes, nesting, glyphs).
 */

/** A piece of text drawn in one go: consecutive glyphs on one baseline, each starting where the one before ended. */
export interface TextRun {
  /** Left end of the baseline, in PDF points from the page's bottom-left corner (default user space). */
  x: number
  /** The baseline, in points from the bottom (larger is higher up the page). */
  y: number
  /** How far the glyphs advance, in points. */
  width: number
  /** The font size as drawn, in points. */
  size: number
  text: string
}

export interface PdfPageText {
  /** The page's size in points (its MediaBox). */
  width: number
  height: number
  /** The text in reading order: top to bottom; the runs sharing a baseline left to right, joined by a single space. */
  lines: string[]
  /** The same text as positioned runs (table cells come out one run each), in the same reading order. */
  runs: TextRun[]
}

export interface PdfDocumentText {
  pages: PdfPageText[]
  /** The document Info dictionary: every entry decoded to a string (dates stay as written, e.g. `D:20261124020000Z`). */
  info: Record<string, string>
}

// ---------------------------------------------------------------------------------------------------------------
// Pages: runs and lines

const round = (n: number): number => Math.round(n * 1000) / 1000

/**
 * Glyphs into runs: a glyph joins the run before it when it sits on its baseline and starts about where the run ends
 * (a combining mark placed back over its letter too). Spaces at either end of a run are left out, text and extent.
 */
function runsOf (glyphs: Glyph[]): TextRun[] {
  const groups: Glyph[][] = []
  let run: Glyph[] | undefined
  let end = 0
  for (const g of glyphs) {
    const first = run?.[0]
    if (run !== undefined && first !== undefined && Math.abs(g.y - first.y) <= 0.35 * first.size &&
      g.x >= first.x - 0.25 * first.size && g.x <= end + 0.25 * first.size) {
      run.push(g)
      end = Math.max(end, g.end)
      continue
    }
    run = [g]
    end = g.end
    groups.push(run)
  }
  const runs: TextRun[] = []
  for (const group of groups) {
    const inked = group.map(g => g.text.trim() !== '')
    const from = inked.indexOf(true)
    if (from < 0) continue
    const kept = group.slice(from, inked.lastIndexOf(true) + 1)
    const head = kept[0]
    if (head === undefined) continue
    const right = kept.reduce((m, g) => Math.max(m, g.end), head.end)
    runs.push({ x: round(head.x), y: round(head.y), width: round(right - head.x), size: round(head.size), text: kept.map(g => g.text).join('') })
  }
  return runs
}

/** Runs into lines, top to bottom: runs whose baselines lie within a third of the text's size share a line. */
function linesOf (runs: TextRun[]): { lines: string[], runs: TextRun[] } {
  const byY = [...runs].sort((a, b) => b.y - a.y || a.x - b.x)
  const groups: TextRun[][] = []
  for (const r of byY) {
    const group = groups.at(-1)
    const top = group?.[0]
    if (group !== undefined && top !== undefined && top.y - r.y <= 0.35 * Math.min(top.size, r.size)) group.push(r)
    else groups.push([r])
  }
  const ordered = groups.map(g => g.sort((a, b) => a.x - b.x))
  return { lines: ordered.map(g => g.map(r => r.text).join(' ')), runs: ordered.flat() }
}

function pageText (file: PdfFile, page: Dict, inherited: Dict, fonts: Map<number, Font>, index: number): PdfPageText {
  const get = (key: string): Value => file.resolve(page.get(key) ?? inherited.get(key))
  const box = get('MediaBox')
  if (!Array.isArray(box) || box.length !== 4 || !box.every(isNum)) return fail(`page ${index}: no valid /MediaBox`)
  const [x1, y1, x2, y2] = box as number[]
  const rotate = get('Rotate')
  if (rotate !== null && rotate !== 0) fail(`page ${index}: rotated pages (/Rotate ${String(rotate)}) are not supported`)
  const resources = get('Resources')
  const ctx: PageContext = { file, resources: resources === null ? new Map() : file.dict(resources, `page ${index}'s /Resources`), fonts, box: [Math.min(x1 ?? 0, x2 ?? 0), Math.min(y1 ?? 0, y2 ?? 0), Math.max(x1 ?? 0, x2 ?? 0), Math.max(y1 ?? 0, y2 ?? 0)] }
  const contents = file.resolve(page.get('Contents'))
  const streams = Array.isArray(contents) ? contents.map(c => file.resolve(c)) : contents === null ? [] : [contents]
  const parts: Uint8Array[] = []
  for (const s of streams) {
    if (!(s instanceof Stream)) return fail(`page ${index}: /Contents is not a stream`)
    parts.push(file.decode(s), Uint8Array.of(10))
  }
  const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  parts.reduce((at, p) => { data.set(p, at); return at + p.length }, 0)
  const { lines, runs } = linesOf(runsOf(runContent(ctx, data)))
  return { width: round(ctx.box[2] - ctx.box[0]), height: round(ctx.box[3] - ctx.box[1]), lines, runs }
}

const INHERITED = ['Resources', 'MediaBox', 'CropBox', 'Rotate']

/** The leaves of the page tree in order, each with the attributes it inherits. */
function pages (file: PdfFile, root: Value): Array<{ page: Dict, inherited: Dict }> {
  const out: Array<{ page: Dict, inherited: Dict }> = []
  const seen = new Set<number>()
  const walk = (ref: Value, inherited: Dict, depth: number): void => {
    if (depth > file.limits.maxDepth) fail(`the page tree is more than ${file.limits.maxDepth} deep`)
    if (!(ref instanceof Ref)) fail('a page tree node that is not an indirect object')
    const num = (ref as Ref).num
    if (seen.has(num)) fail(`object ${num} appears twice in the page tree`)
    seen.add(num)
    const node = file.dict(ref, `page tree node ${num}`)
    const type = node.get('Type')
    const own: Dict = new Map(inherited)
    for (const key of INHERITED) if (node.has(key)) own.set(key, node.get(key) ?? null)
    if (type instanceof Name && type.value === 'Page') {
      if (out.length >= file.limits.maxPages) fail(`more than ${file.limits.maxPages} pages`)
      out.push({ page: node, inherited: own })
      return
    }
    if (!(type instanceof Name) || type.value !== 'Pages') return fail(`page tree node ${num} is neither /Page nor /Pages`)
    const kids = file.resolve(node.get('Kids'))
    if (!Array.isArray(kids)) return fail(`page tree node ${num} has no /Kids array`)
    const before = out.length
    for (const kid of kids) walk(kid, own, depth + 1)
    if (file.resolve(node.get('Count')) !== out.length - before) fail(`page tree node ${num} says /Count ${String(node.get('Count'))} but has ${out.length - before} pages`)
  }
  walk(root, new Map(), 0)
  return out
}

function infoOf (file: PdfFile): Record<string, string> {
  const ref = file.trailer.get('Info')
  const info: Record<string, string> = {}
  if (ref === undefined) return info
  for (const [rawKey, raw] of file.dict(ref, 'the Info dictionary')) {
    let key: string
    try {
      key = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(rawKey, c => c.charCodeAt(0)))
    } catch {
      return fail('an Info key that is not UTF-8')
    }
    const v = file.resolve(raw)
    if (v instanceof Str) info[key] = textString(v.bytes, `Info /${key}`)
    else if (v instanceof Name) info[key] = v.value
    else if (typeof v === 'number' || typeof v === 'boolean') info[key] = String(v)
    else fail(`Info /${key} is not a string`)
  }
  return info
}

/**
 * The text of a PDF that Lumbung printed: each page's lines in reading order and its positioned runs, and the Info
 * dictionary. Throws a PdfTextError on anything malformed, unsupported or over `limits` (defaults: PDF_LIMITS).
 *
 *   const { pages, info } = pdfText(readFileSync('neraca-saldo.pdf'))
 *   pages[0].lines.includes('Halaman 1 dari 1')   // info.Title === 'Neraca Saldo · Kelompok …'
 */
export function pdfText (bytes: Uint8Array, limits: Partial<PdfLimits> = {}): PdfDocumentText {
  const file = new PdfFile(bytes, { ...PDF_LIMITS, ...limits })
  const catalog = file.dict(file.trailer.get('Root') ?? fail('the trailer has no /Root'), 'the document catalog')
  const type = catalog.get('Type')
  if (!(type instanceof Name) || type.value !== 'Catalog') fail('/Root is not a /Catalog')
  const fonts = new Map<number, Font>()
  const list = pages(file, catalog.get('Pages') ?? fail('the catalog has no /Pages'))
  return { pages: list.map((p, i) => pageText(file, p.page, p.inherited, fonts, i + 1)), info: infoOf(file) }
}
