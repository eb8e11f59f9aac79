import { inflateSync } from 'node:zlib'

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

export interface PdfLimits {
  /** The largest file read at all. */
  maxFileBytes: number
  /** Entries in the cross-reference table. */
  maxObjects: number
  maxPages: number
  /** What one stream may decode to (a content stream or a CMap); more throws before it is all inflated. */
  maxStreamBytes: number
  /** What all decoded streams together may come to. */
  maxTotalStreamBytes: number
  /** Nesting of arrays and dictionaries, of the page tree, and of q (saved graphics states). */
  maxDepth: number
  /** Glyphs drawn in the whole document. */
  maxGlyphs: number
}

export const PDF_LIMITS: Readonly<PdfLimits> = Object.freeze({
  maxFileBytes: 64 * 1024 * 1024,
  maxObjects: 100_000,
  maxPages: 10_000,
  maxStreamBytes: 16 * 1024 * 1024,
  maxTotalStreamBytes: 128 * 1024 * 1024,
  maxDepth: 32,
  maxGlyphs: 4_000_000
})

/** Everything this reader refuses or finds malformed. */
export class PdfTextError extends Error {
  override name = 'PdfTextError'
}

/** Text from the file as it may appear in a message: printable ASCII, the rest as \xNN. */
const shown = (s: string): string => s.replace(/[^\x20-\x7e]/g, c => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)

function fail (message: string): never {
  throw new PdfTextError(`PDF: ${message}`)
}

// ---------------------------------------------------------------------------------------------------------------
// Values and the lexer

class Name { constructor (readonly value: string) {} }
class Ref { constructor (readonly num: number, readonly gen: number) {} }
class Str { constructor (readonly bytes: Uint8Array) {} }
class Op { constructor (readonly op: string) {} }
class Stream { constructor (readonly dict: Dict, readonly data: Uint8Array, readonly num: number) {} }
type Dict = Map<string, Value>
type Value = null | boolean | number | Name | Ref | Str | Stream | Dict | Value[]

type Token =
  | { kind: 'value', value: null | boolean | number | Name | Str }
  | { kind: 'word', word: string }
  | { kind: 'open' | 'close' | 'dictOpen' | 'dictClose' | 'eof' }

/** 0 regular, 1 white space, 2 delimiter. */
const CLASS = new Uint8Array(256)
for (const c of [0, 9, 10, 12, 13, 32]) CLASS[c] = 1
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2
const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)$/
const MAX_TOKEN = 255
/** The longest string, literal or hex (pdfkit's are a line of text, or an Info entry). */
const MAX_STRING = 4 * 1024 * 1024
/** \n \r \t \b \f \( \) \\ in a literal string. */
const ESCAPES: Record<number, number> = { 110: 10, 114: 13, 116: 9, 98: 8, 102: 12, 40: 40, 41: 41, 92: 92 }

function hexValue (c: number): number {
  if (c >= 48 && c <= 57) return c - 48
  if (c >= 65 && c <= 70) return c - 55
  if (c >= 97 && c <= 102) return c - 87
  return -1
}

const latin1 = (bytes: Uint8Array): string => {
  let s = ''
  for (let i = 0; i < bytes.length; i += 4096) s += String.fromCharCode(...bytes.subarray(i, i + 4096))
  return s
}

class Lexer {
  pos: number
  constructor (readonly bytes: Uint8Array, start = 0, readonly end = bytes.length) { this.pos = start }

  skipSpace (): void {
    const b = this.bytes
    while (this.pos < this.end) {
      const c = b[this.pos] ?? 0
      if (CLASS[c] === 1) { this.pos++; continue }
      if (c !== 37) return // '%': a comment to the end of the line
      while (this.pos < this.end && b[this.pos] !== 10 && b[this.pos] !== 13) this.pos++
    }
  }

  next (): Token {
    this.skipSpace()
    const b = this.bytes
    if (this.pos >= this.end) return { kind: 'eof' }
    const c = b[this.pos] ?? 0
    const at = this.pos
    switch (c) {
      case 40: return { kind: 'value', value: this.literal() } // (
      case 91: this.pos++; return { kind: 'open' } // [
      case 93: this.pos++; return { kind: 'close' } // ]
      case 47: { // /
        this.pos++
        const raw = this.regular()
        let name = ''
        for (let i = 0; i < raw.length; i++) {
          if (raw[i] !== '#') { name += raw[i]; continue }
          const hi = hexValue(raw.charCodeAt(i + 1))
          const lo = hexValue(raw.charCodeAt(i + 2))
          if (hi < 0 || lo < 0) fail(`a bad #-escape in the name /${shown(raw)} at byte ${at}`)
          name += String.fromCharCode(hi * 16 + lo)
          i += 2
        }
        return { kind: 'value', value: new Name(name) }
      }
      case 60: // <
        if (b[this.pos + 1] === 60) { this.pos += 2; return { kind: 'dictOpen' } }
        return { kind: 'value', value: this.hex() }
      case 62: // >
        if (b[this.pos + 1] === 62) { this.pos += 2; return { kind: 'dictClose' } }
        return fail(`a stray '>' at byte ${at}`)
      case 41: case 123: case 125:
        return fail(`an unexpected '${String.fromCharCode(c)}' at byte ${at}`)
    }
    const word = this.regular()
    if (NUMBER_RE.test(word)) return { kind: 'value', value: Number(word) }
    if (word === 'true' || word === 'false') return { kind: 'value', value: word === 'true' }
    if (word === 'null') return { kind: 'value', value: null }
    return { kind: 'word', word }
  }

  private regular (): string {
    const start = this.pos
    while (this.pos < this.end && CLASS[this.bytes[this.pos] ?? 0] === 0) {
      if (this.pos - start >= MAX_TOKEN) fail(`a token longer than ${MAX_TOKEN} bytes at byte ${start}`)
      this.pos++
    }
    return latin1(this.bytes.subarray(start, this.pos))
  }

  private literal (): Str {
    const b = this.bytes
    const start = this.pos++
    const out: number[] = []
    let depth = 1
    while (this.pos < this.end) {
      if (out.length > MAX_STRING) fail(`a string longer than ${MAX_STRING} bytes at byte ${start}`)
      let c = b[this.pos++] ?? 0
      if (c === 40) depth++
      else if (c === 41 && --depth === 0) return new Str(Uint8Array.from(out))
      else if (c === 13) { // an end of line in a string reads as \n, whatever it was written as
        if (b[this.pos] === 10) this.pos++
        c = 10
      } else if (c === 92) {
        if (this.pos >= this.end) break
        const e = b[this.pos++] ?? 0
        const mapped = ESCAPES[e]
        if (mapped !== undefined) { out.push(mapped); continue }
        if (e >= 48 && e <= 55) {
          let v = e - 48
          for (let k = 0; k < 2 && (b[this.pos] ?? 0) >= 48 && (b[this.pos] ?? 0) <= 55; k++) v = v * 8 + (b[this.pos++] ?? 0) - 48
          out.push(v & 0xff)
          continue
        }
        if (e === 13) { if (b[this.pos] === 10) this.pos++; continue } // a line continuation
        if (e === 10) continue
        c = e // any other escaped character stands for itself (the backslash is ignored)
      }
      out.push(c)
    }
    return fail(`a literal string that starts at byte ${start} is not closed`)
  }

  private hex (): Str {
    const b = this.bytes
    const start = this.pos++
    const out: number[] = []
    let high = -1
    while (this.pos < this.end) {
      if (out.length > MAX_STRING) fail(`a string longer than ${MAX_STRING} bytes at byte ${start}`)
      const c = b[this.pos++] ?? 0
      if (c === 62) {
        if (high >= 0) out.push(high * 16)
        return new Str(Uint8Array.from(out))
      }
      if (CLASS[c] === 1) continue
      const v = hexValue(c)
      if (v < 0) fail(`a bad character in the hex string at byte ${start}`)
      if (high < 0) high = v
      else { out.push(high * 16 + v); high = -1 }
    }
    return fail(`a hex string that starts at byte ${start} is not closed`)
  }
}

const isDict = (v: unknown): v is Dict => v instanceof Map
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v)
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

/**
 * One value from the lexer, with `n g R` references when `refs` (never in a content stream). Stops at a keyword,
 * which it returns as an Op for the caller (an operator in a content stream; `obj`, `stream`... elsewhere).
 */
function parseValue (lx: Lexer, refs: boolean, maxDepth: number, depth = 0, token: Token = lx.next()): Value | Op {
  if (depth > maxDepth) fail(`arrays and dictionaries nested more than ${maxDepth} deep (byte ${lx.pos})`)
  switch (token.kind) {
    case 'value': {
      const v = token.value
      if (refs && isInt(v) && v >= 0) {
        const save = lx.pos
        const gen = lx.next()
        if (gen.kind === 'value' && isInt(gen.value) && gen.value >= 0) {
          const r = lx.next()
          if (r.kind === 'word' && r.word === 'R') return new Ref(v, gen.value)
        }
        lx.pos = save
      }
      return v
    }
    case 'word': return new Op(token.word)
    case 'open': {
      const items: Value[] = []
      for (;;) {
        const t = lx.next()
        if (t.kind === 'close') return items
        const v = parseValue(lx, refs, maxDepth, depth + 1, t)
        if (v instanceof Op) return fail(`'${shown(v.op)}' inside an array (byte ${lx.pos})`)
        items.push(v)
      }
    }
    case 'dictOpen': {
      const dict: Dict = new Map()
      for (;;) {
        const t = lx.next()
        if (t.kind === 'dictClose') return dict
        if (t.kind !== 'value' || !(t.value instanceof Name)) return fail(`a dictionary key that is not a name (byte ${lx.pos})`)
        const key = t.value.value
        if (dict.has(key)) fail(`the key /${shown(key)} twice in one dictionary (byte ${lx.pos})`)
        const v = parseValue(lx, refs, maxDepth, depth + 1)
        if (v instanceof Op) return fail(`'${shown(v.op)}' as the value of /${shown(key)} (byte ${lx.pos})`)
        dict.set(key, v)
      }
    }
    case 'eof': return fail(`the data ends in the middle of a value (byte ${lx.pos})`)
    default: return fail(`an unexpected '${token.kind === 'close' ? ']' : '>>'}' at byte ${lx.pos}`)
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The file: cross-reference table, trailer, indirect objects, streams

class PdfFile {
  readonly offsets = new Map<number, { offset: number, gen: number }>()
  readonly trailer: Dict
  private readonly cache = new Map<number, Value>()
  private readonly loading = new Set<number>()
  private decoded = 0
  glyphs = 0

  constructor (readonly bytes: Uint8Array, readonly limits: PdfLimits) {
    if (bytes.length > limits.maxFileBytes) fail(`the file is ${bytes.length} bytes, more than the ${limits.maxFileBytes} allowed`)
    if (!/^%PDF-\d\.\d/.test(latin1(bytes.subarray(0, 8)))) fail('no %PDF- header at the start: not a PDF file')
    const tail = latin1(bytes.subarray(Math.max(0, bytes.length - 1024)))
    const m = /startxref\s+(\d{1,15})\s+%%EOF\s*$/.exec(tail)
    if (m === null) fail('the file does not end with startxref and %%EOF: it is truncated or not a PDF')
    this.trailer = this.readXref(Number(m?.[1]))
  }

  private readXref (at: number): Dict {
    const b = this.bytes
    const lx = new Lexer(b, at)
    const word = lx.next()
    if (word.kind !== 'word' || word.word !== 'xref') {
      const stream = word.kind === 'value' && /^\s*\d+\s+obj\b/.test(latin1(b.subarray(lx.pos, lx.pos + 32)))
      return fail(`startxref points at byte ${at}, where there is ${stream ? 'an object: cross-reference streams are not supported' : 'no cross-reference table'}`)
    }
    for (;;) {
      const save = lx.pos
      const first = lx.next()
      if (first.kind === 'word' && first.word === 'trailer') break
      const count = lx.next()
      if (first.kind !== 'value' || !isInt(first.value) || first.value < 0 || count.kind !== 'value' || !isInt(count.value) || count.value < 0) {
        return fail(`a malformed cross-reference subsection header at byte ${save}`)
      }
      const start = first.value
      if (start + count.value > this.limits.maxObjects) fail(`the cross-reference table has more than ${this.limits.maxObjects} objects`)
      // Entries are 20 bytes each: 10-digit offset, space, 5-digit generation, space, n or f, a two-byte end of line.
      while (lx.pos < b.length && (b[lx.pos] === 32 || b[lx.pos] === 13 || b[lx.pos] === 10)) lx.pos++
      if (lx.pos + count.value * 20 > b.length) fail(`the cross-reference table at byte ${at} runs past the end of the file`)
      for (let i = 0; i < count.value; i++) {
        const entry = latin1(b.subarray(lx.pos, lx.pos + 20))
        const e = /^(\d{10}) (\d{5}) ([nf])(?: \r| \n|\r\n)$/.exec(entry)
        if (e === null) fail(`a malformed cross-reference entry for object ${start + i} at byte ${lx.pos}`)
        lx.pos += 20
        const num = start + i
        if (this.offsets.has(num)) fail(`object ${num} is in the cross-reference table twice`)
        if (e?.[3] === 'n') {
          const offset = Number(e[1])
          if (num === 0) fail('object 0 is marked in use in the cross-reference table')
          if (offset >= b.length) fail(`the cross-reference table puts object ${num} at byte ${offset}, past the end of the file`)
          this.offsets.set(num, { offset, gen: Number(e[2]) })
        }
      }
    }
    const trailer = parseValue(lx, true, this.limits.maxDepth)
    if (!isDict(trailer)) return fail('the trailer is not a dictionary')
    for (const key of ['Encrypt', 'Prev', 'XRefStm']) {
      if (trailer.has(key)) fail(`the trailer has /${key}: ${key === 'Encrypt' ? 'encrypted files' : 'incremental updates and cross-reference streams'} are not supported`)
    }
    const size = trailer.get('Size')
    if (!isInt(size) || size < 1 || size > this.limits.maxObjects) fail('the trailer has no valid /Size')
    for (const num of this.offsets.keys()) if (num >= Number(size)) fail(`object ${num} is beyond the trailer's /Size ${String(size)}`)
    return trailer
  }

  /** The value behind a reference (objects are read once, on first use); any other value as it is. */
  resolve (v: Value | undefined): Value {
    if (!(v instanceof Ref)) return v ?? null
    const cached = this.cache.get(v.num)
    if (cached !== undefined) return cached
    const entry = this.offsets.get(v.num)
    if (entry === undefined) return fail(`object ${v.num} ${v.gen} R is not in the cross-reference table`)
    if (entry.gen !== v.gen) fail(`object ${v.num} is generation ${entry.gen}, not ${v.gen}`)
    if (this.loading.has(v.num)) fail(`object ${v.num} refers to itself while being read`)
    if (this.loading.size > this.limits.maxDepth) fail(`objects whose reading needs more than ${this.limits.maxDepth} other objects first`)
    this.loading.add(v.num)
    try {
      const value = this.readObject(v.num, entry.offset, entry.gen)
      this.cache.set(v.num, value)
      return value
    } finally {
      this.loading.delete(v.num)
    }
  }

  private readObject (num: number, offset: number, gen: number): Value {
    const lx = new Lexer(this.bytes, offset)
    const n = lx.next()
    const g = lx.next()
    const obj = lx.next()
    if (n.kind !== 'value' || n.value !== num || g.kind !== 'value' || g.value !== gen || obj.kind !== 'word' || obj.word !== 'obj') {
      fail(`the cross-reference table puts object ${num} at byte ${offset}, but "${num} ${gen} obj" is not there`)
    }
    const value = parseValue(lx, true, this.limits.maxDepth)
    if (value instanceof Op) return fail(`object ${num} holds '${shown(value.op)}' instead of a value`)
    if (value instanceof Ref) fail(`object ${num} is only a reference to another object`)
    const after = lx.next()
    if (after.kind === 'word' && after.word === 'endobj') return value
    if (!(after.kind === 'word' && after.word === 'stream' && isDict(value))) return fail(`object ${num} does not end with endobj`)
    const b = this.bytes
    // The data starts after the end of line that follows "stream".
    if (b[lx.pos] === 13 && b[lx.pos + 1] === 10) lx.pos += 2
    else if (b[lx.pos] === 10) lx.pos += 1
    else fail(`object ${num}: no end of line after "stream"`)
    const length = value.get('Length') instanceof Ref ? this.resolve(value.get('Length')) : value.get('Length')
    if (!isInt(length) || length < 0) return fail(`stream ${num} has no valid /Length`)
    const start = lx.pos
    if (start + length > b.length) fail(`stream ${num} (/Length ${length}) runs past the end of the file`)
    lx.pos = start + length
    const end = lx.next()
    const close = lx.next()
    if (end.kind !== 'word' || end.word !== 'endstream' || close.kind !== 'word' || close.word !== 'endobj') {
      fail(`stream ${num} does not end with endstream and endobj where its /Length says`)
    }
    return new Stream(value, b.subarray(start, start + length), num)
  }

  dict (v: Value | undefined, what: string): Dict {
    const d = this.resolve(v)
    return isDict(d) ? d : fail(`${what} is not a dictionary`)
  }

  /** A stream's data with its filters undone: none, or FlateDecode without predictors; the size is bounded. */
  decode (s: Stream): Uint8Array {
    const filter = this.resolve(s.dict.get('Filter'))
    const filters = Array.isArray(filter) ? filter.map(f => this.resolve(f)) : filter === null ? [] : [filter]
    if (filters.length > 1 || filters.some(f => !(f instanceof Name))) fail(`stream ${s.num}: only a single filter is supported`)
    if (s.dict.has('DecodeParms') && this.resolve(s.dict.get('DecodeParms')) !== null) fail(`stream ${s.num}: /DecodeParms (predictors) are not supported`)
    const name = (filters[0] as Name | undefined)?.value
    const total = this.limits.maxTotalStreamBytes - this.decoded
    const room = Math.min(this.limits.maxStreamBytes, total)
    const what = room === total ? `the streams inflate to more than the ${this.limits.maxTotalStreamBytes} bytes allowed in all (at stream ${s.num})` : `stream ${s.num} inflates to more than ${room} bytes`
    let out: Uint8Array
    if (name === undefined) {
      out = s.data
    } else if (name === 'FlateDecode') {
      try {
        out = inflateSync(s.data, { maxOutputLength: Math.max(1, room) })
      } catch (err) {
        const code = (err as { code?: string }).code
        if (code === 'ERR_BUFFER_TOO_LARGE') return fail(what)
        return fail(`stream ${s.num}: its FlateDecode data is corrupt (${(err as Error).message})`)
      }
    } else {
      return fail(`stream ${s.num}: the /${shown(name)} filter is not supported`)
    }
    if (out.length > room) fail(what)
    this.decoded += out.length
    return out
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Text strings (the Info dictionary) and fonts

/** PDFDocEncoding where it differs from ISO Latin-1 (PDF 32000-1, Annex D); undefined codes are refused. */
const PDF_DOC: Record<number, number> = {
  0x18: 0x02d8, 0x19: 0x02c7, 0x1a: 0x02c6, 0x1b: 0x02d9, 0x1c: 0x02dd, 0x1d: 0x02db, 0x1e: 0x02da, 0x1f: 0x02dc,
  0x80: 0x2022, 0x81: 0x2020, 0x82: 0x2021, 0x83: 0x2026, 0x84: 0x2014, 0x85: 0x2013, 0x86: 0x0192, 0x87: 0x2044,
  0x88: 0x2039, 0x89: 0x203a, 0x8a: 0x2212, 0x8b: 0x2030, 0x8c: 0x201e, 0x8d: 0x201c, 0x8e: 0x201d, 0x8f: 0x2018,
  0x90: 0x2019, 0x91: 0x201a, 0x92: 0x2122, 0x93: 0xfb01, 0x94: 0xfb02, 0x95: 0x0141, 0x96: 0x0152, 0x97: 0x0160,
  0x98: 0x0178, 0x99: 0x017d, 0x9a: 0x0131, 0x9b: 0x0142, 0x9c: 0x0153, 0x9d: 0x0161, 0x9e: 0x017e, 0xa0: 0x20ac
}

/** UTF-16BE code units to a string; a lone surrogate is refused. */
function utf16 (bytes: Uint8Array, from: number, what: string): string {
  if ((bytes.length - from) % 2 !== 0) fail(`${what}: UTF-16 text of an odd number of bytes`)
  const units: number[] = []
  for (let i = from; i < bytes.length; i += 2) units.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0))
  for (let i = 0; i < units.length; i++) {
    const u = units[i] ?? 0
    if (u >= 0xd800 && u <= 0xdbff) {
      const lo = units[i + 1] ?? 0
      if (lo < 0xdc00 || lo > 0xdfff) fail(`${what}: a lone UTF-16 surrogate`)
      i++
    } else if (u >= 0xdc00 && u <= 0xdfff) {
      fail(`${what}: a lone UTF-16 surrogate`)
    }
  }
  let s = ''
  for (let i = 0; i < units.length; i += 4096) s += String.fromCharCode(...units.slice(i, i + 4096))
  return s
}

/** A PDF text string: UTF-16BE after a byte order mark, UTF-8 after one (PDF 2.0), or else PDFDocEncoding. */
function textString (bytes: Uint8Array, what: string): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, 2, what)
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3))
    } catch {
      return fail(`${what}: invalid UTF-8`)
    }
  }
  let s = ''
  for (const c of bytes) {
    if (c === 0x9f || c === 0xad) fail(`${what}: byte ${c} is not defined in PDFDocEncoding`)
    s += String.fromCharCode(PDF_DOC[c] ?? c)
  }
  return s
}

/** A font as the text operators need it: each two-byte code's width (thousandths of an em) and Unicode text. */
interface Font {
  id: number
  width: (code: number) => number
  text: (code: number) => string
}

function parseWidths (file: PdfFile, w: Value, what: string): Map<number, number> {
  const widths = new Map<number, number>()
  const items = file.resolve(w)
  if (items === null) return widths
  if (!Array.isArray(items)) return fail(`${what}: /W is not an array`)
  const width = (v: Value | undefined): number => {
    const n = file.resolve(v)
    return isNum(n) && Math.abs(n) < 1e5 ? n : fail(`${what}: a bad width in /W`)
  }
  // Each CID once: so the work is bounded by the 65 536 CIDs whatever /W holds.
  const set = (cid: number, value: number): void => {
    if (widths.has(cid)) fail(`${what}: CID ${cid} has two widths in /W`)
    widths.set(cid, value)
  }
  for (let i = 0; i < items.length;) {
    const first = file.resolve(items[i])
    const next = file.resolve(items[i + 1])
    if (!isInt(first) || first < 0 || first > 0xffff) fail(`${what}: a bad CID in /W`)
    const c = Number(first)
    if (Array.isArray(next)) {
      if (c + next.length > 0x10000) fail(`${what}: /W runs past CID 65535`)
      next.forEach((x, k) => set(c + k, width(x)))
      i += 2
    } else {
      if (!isInt(next) || next < c || next > 0xffff) fail(`${what}: a bad CID range in /W`)
      const wv = width(items[i + 2])
      for (let k = c; k <= next; k++) set(k, wv)
      i += 3
    }
  }
  return widths
}

/** The code → Unicode map of a ToUnicode CMap with two-byte codes: bfchar, and bfrange in both its forms. */
function parseToUnicode (file: PdfFile, s: Stream, what: string): Map<number, string> {
  const map = new Map<number, string>()
  const lx = new Lexer(file.decode(s))
  const code = (v: Value | Op, ctx: string): number => {
    if (!(v instanceof Str) || v.bytes.length !== 2) return fail(`${what}: a ${ctx} that is not a two-byte code`)
    return ((v.bytes[0] ?? 0) << 8) | (v.bytes[1] ?? 0)
  }
  const dest = (v: Value | Op): string => {
    if (!(v instanceof Str) || v.bytes.length < 2 || v.bytes.length > 64) return fail(`${what}: a bad destination string`)
    return utf16(v.bytes, 0, what)
  }
  const set = (c: number, text: string): void => {
    if (map.has(c)) fail(`${what}: code ${c} is mapped twice`)
    // Code 0 maps pdfkit's .notdef glyph (a character the font lacks) to U+0000: it printed as a box.
    map.set(c, text === '\0' ? '\uFFFD' : text)
  }
  /** The values up to `end`: a section of the CMap. */
  const section = (end: string): Array<Value | Op> => {
    const items: Array<Value | Op> = []
    for (;;) {
      const v = parseValue(lx, false, file.limits.maxDepth)
      if (v instanceof Op) {
        if (v.op === end) return items
        return fail(`${what}: '${shown(v.op)}' inside a ${end.slice(3)} section`)
      }
      items.push(v)
    }
  }
  for (;;) {
    const t = lx.next()
    if (t.kind === 'eof') break
    if (t.kind !== 'word') { parseValue(lx, false, file.limits.maxDepth, 0, t); continue }
    switch (t.word) {
      case 'usecmap': return fail(`${what}: usecmap is not supported`)
      case 'begincidrange': case 'begincidchar': case 'beginnotdefrange': case 'beginnotdefchar':
        return fail(`${what}: ${t.word} has no place in a ToUnicode CMap`)
      case 'begincodespacerange': {
        const items = section('endcodespacerange')
        if (items.length % 2 !== 0) fail(`${what}: an odd codespace range`)
        for (const v of items) code(v, 'codespace bound')
        break
      }
      case 'beginbfchar': {
        const items = section('endbfchar')
        if (items.length % 2 !== 0) fail(`${what}: an odd bfchar section`)
        for (let i = 0; i < items.length; i += 2) set(code(items[i] ?? null, 'bfchar code'), dest(items[i + 1] ?? null))
        break
      }
      case 'beginbfrange': {
        // pdfkit writes "1 beginbfrange" however many ranges follow: the count is not relied on.
        const items = section('endbfrange')
        if (items.length % 3 !== 0) fail(`${what}: a bfrange section not made of triples`)
        for (let i = 0; i < items.length; i += 3) {
          const lo = code(items[i] ?? null, 'bfrange start')
          const hi = code(items[i + 1] ?? null, 'bfrange end')
          const to = items[i + 2] ?? null
          if (hi < lo) fail(`${what}: a bfrange that ends before it starts`)
          if (Array.isArray(to)) {
            if (to.length !== hi - lo + 1) fail(`${what}: a bfrange array of ${to.length} strings for ${hi - lo + 1} codes`)
            to.forEach((x, k) => set(lo + k, dest(x)))
          } else {
            // The incrementing form: the last UTF-16 unit of the destination counts up with the code.
            const first = dest(to)
            const last = first.charCodeAt(first.length - 1)
            if (last + (hi - lo) > 0xffff || (last <= 0xdfff && last + (hi - lo) >= 0xd800 && hi > lo)) fail(`${what}: a bfrange that counts past a UTF-16 unit`)
            for (let k = 0; k <= hi - lo; k++) set(lo + k, first.slice(0, -1) + String.fromCharCode(last + k))
          }
        }
        break
      }
    }
  }
  return map
}

function loadFont (file: PdfFile, ref: Value, resource: string): Font {
  const what = `font /${shown(resource)}`
  const f = file.dict(ref, what)
  const subtype = f.get('Subtype')
  if (!(subtype instanceof Name) || subtype.value !== 'Type0') {
    const kind = subtype instanceof Name ? `/${shown(subtype.value)}` : 'no subtype'
    return fail(`${what} is ${kind}: only Type0 fonts with Identity-H encoding are supported (how pdfkit embeds a TrueType font)`)
  }
  const encoding = f.get('Encoding')
  if (!(encoding instanceof Name) || encoding.value !== 'Identity-H') fail(`${what}: only the Identity-H encoding is supported`)
  const descendants = file.resolve(f.get('DescendantFonts'))
  if (!Array.isArray(descendants) || descendants.length !== 1) return fail(`${what}: /DescendantFonts is not an array of one font`)
  const cid = file.dict(descendants[0], `${what}'s descendant font`)
  const cidType = cid.get('Subtype')
  if (!(cidType instanceof Name) || (cidType.value !== 'CIDFontType2' && cidType.value !== 'CIDFontType0')) fail(`${what}: the descendant font is not a CIDFont`)
  const dw = file.resolve(cid.get('DW') ?? 1000)
  if (!isNum(dw)) fail(`${what}: a bad /DW`)
  const widths = parseWidths(file, cid.get('W') ?? null, what)
  const toUnicode = file.resolve(f.get('ToUnicode'))
  if (!(toUnicode instanceof Stream)) return fail(`${what} has no /ToUnicode CMap: its text cannot be read`)
  const unicode = parseToUnicode(file, toUnicode, what)
  return {
    id: ref instanceof Ref ? ref.num : -1,
    width: c => widths.get(c) ?? Number(dw),
    text: c => unicode.get(c) ?? fail(`${what}: glyph code ${c} has no Unicode mapping in its ToUnicode CMap`)
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Content streams

type Matrix = [number, number, number, number, number, number]
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0]
/** m × n, in PDF's row-vector convention (apply m first, then n). */
const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]
]
const translate = (tx: number, ty: number): Matrix => [1, 0, 0, 1, tx, ty]

interface GState {
  ctm: Matrix
  font: Font | null
  fontSize: number
  charSpacing: number
  wordSpacing: number
  scale: number
  leading: number
  rise: number
  render: number
}

interface Glyph { x: number, y: number, end: number, size: number, text: string }

/** Operators that draw no text, with how many operands they take (-1: a variable number). */
const OTHER_OPERATORS: Record<string, number> = {
  w: 1, J: 1, j: 1, M: 1, d: 2, ri: 1, i: 1, gs: 1,
  m: 2, l: 2, c: 6, v: 4, y: 4, h: 0, re: 4,
  S: 0, s: 0, f: 0, F: 0, 'f*': 0, B: 0, 'B*': 0, b: 0, 'b*': 0, n: 0, W: 0, 'W*': 0,
  CS: 1, cs: 1, SC: -1, SCN: -1, sc: -1, scn: -1, G: 1, g: 1, RG: 3, rg: 3, K: 4, k: 4,
  sh: 1, MP: 1, DP: 2, BMC: 1, BDC: 2, EMC: 0, BX: 0, EX: 0
}

interface PageContext {
  file: PdfFile
  resources: Dict
  fonts: Map<number, Font>
  box: [number, number, number, number]
}

function runContent (ctx: PageContext, data: Uint8Array): Glyph[] {
  const { file } = ctx
  const limits = file.limits
  const lx = new Lexer(data)
  const glyphs: Glyph[] = []
  const stack: GState[] = []
  let gs: GState = { ctm: IDENTITY, font: null, fontSize: 0, charSpacing: 0, wordSpacing: 0, scale: 1, leading: 0, rise: 0, render: 0 }
  let tm: Matrix | null = null
  let tlm: Matrix = IDENTITY
  const operands: Value[] = []
  const fontRes = (): Dict => file.dict(ctx.resources.get('Font') ?? new Map(), 'the page\'s /Font resources')

  const nums = (op: string, n: number): number[] => {
    if (operands.length !== n || !operands.every(isNum)) fail(`'${op}' needs ${n} numbers`)
    return operands as number[]
  }
  const inText = (op: string): Matrix => tm ?? fail(`'${op}' outside a text object (BT ... ET)`)
  const moveLine = (tx: number, ty: number): void => { tlm = mul(translate(tx, ty), tlm); tm = tlm }
  const show = (s: Value | undefined, op: string): void => {
    let m = inText(op)
    if (!(s instanceof Str)) fail(`'${op}' needs a string`)
    const font = gs.font ?? fail(`'${op}' before any font was selected (Tf)`)
    const bytes = (s as Str).bytes
    if (bytes.length % 2 !== 0) fail(`'${op}': a string of an odd number of bytes for a two-byte (Identity-H) font`)
    if (gs.render > 2) fail(`text rendering mode ${gs.render} (invisible or clipping text) is not supported`)
    for (let i = 0; i < bytes.length; i += 2) {
      if (++file.glyphs > limits.maxGlyphs) fail(`more than ${limits.maxGlyphs} glyphs`)
      const code = ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)
      const trm = mul(m, gs.ctm)
      const [a, b, c, d, e, f] = trm
      if (!(a > 0 && d > 0 && Math.abs(b) <= 1e-6 * a)) fail('rotated, mirrored or vertical text is not supported')
      const x = gs.rise * c + e
      const y = gs.rise * d + f
      const size = gs.fontSize * d
      if (size < 1) fail(`text ${size.toFixed(2)} points high is too small to read`)
      if (x < ctx.box[0] - 1 || x > ctx.box[2] + 1 || y < ctx.box[1] - 1 || y > ctx.box[3] + 1) fail('text drawn outside the page (its MediaBox)')
      const tx = (font.width(code) / 1000 * gs.fontSize + gs.charSpacing) * gs.scale
      m = mul(translate(tx, 0), m)
      glyphs.push({ x, y, end: x + tx * a, size, text: font.text(code) })
    }
    tm = m
  }

  for (;;) {
    lx.skipSpace()
    if (lx.pos >= data.length) break
    const v = parseValue(lx, false, limits.maxDepth)
    if (!(v instanceof Op)) {
      if (operands.length >= 64) fail('more than 64 operands for one operator')
      operands.push(v)
      continue
    }
    const op = v.op
    switch (op) {
      case 'q':
        nums(op, 0)
        if (tm !== null) fail('\'q\' inside a text object')
        if (stack.length >= limits.maxDepth) fail(`graphics states saved (q) more than ${limits.maxDepth} deep`)
        stack.push(gs)
        gs = { ...gs }
        break
      case 'Q':
        nums(op, 0)
        if (tm !== null) fail('\'Q\' inside a text object')
        gs = stack.pop() ?? fail('\'Q\' without a matching \'q\'')
        break
      case 'cm': {
        const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = nums(op, 6)
        if (tm !== null) fail('\'cm\' inside a text object')
        gs.ctm = mul([a, b, c, d, e, f], gs.ctm)
        break
      }
      case 'BT':
        nums(op, 0)
        if (tm !== null) fail('\'BT\' inside a text object')
        tm = IDENTITY
        tlm = IDENTITY
        break
      case 'ET':
        nums(op, 0)
        inText(op)
        tm = null
        break
      case 'Tf': {
        const [name, size] = operands
        if (operands.length !== 2 || !(name instanceof Name) || !isNum(size) || size <= 0) fail('\'Tf\' needs a font name and a positive size')
        const key = (name as Name).value
        const ref = fontRes().get(key) ?? fail(`font /${shown(key)} is not in the page's resources`)
        const id = ref instanceof Ref ? ref.num : -1
        let font = id >= 0 ? ctx.fonts.get(id) : undefined
        if (font === undefined) {
          font = loadFont(file, ref, key)
          if (id >= 0) ctx.fonts.set(id, font)
        }
        gs.font = font
        gs.fontSize = Number(size)
        break
      }
      case 'Tc': gs.charSpacing = nums(op, 1)[0] ?? 0; break
      case 'Tw': gs.wordSpacing = nums(op, 1)[0] ?? 0; break
      case 'Tz': gs.scale = (nums(op, 1)[0] ?? 100) / 100; break
      case 'TL': gs.leading = nums(op, 1)[0] ?? 0; break
      case 'Ts': gs.rise = nums(op, 1)[0] ?? 0; break
      case 'Tr': {
        const [mode] = nums(op, 1)
        if (!isInt(mode) || mode < 0 || mode > 7) fail('\'Tr\' needs a mode from 0 to 7')
        gs.render = Number(mode)
        break
      }
      case 'Td': case 'TD': {
        const [tx = 0, ty = 0] = nums(op, 2)
        inText(op)
        if (op === 'TD') gs.leading = -ty
        moveLine(tx, ty)
        break
      }
      case 'Tm': {
        const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = nums(op, 6)
        inText(op)
        tlm = [a, b, c, d, e, f]
        tm = tlm
        break
      }
      case 'T*': nums(op, 0); inText(op); moveLine(0, -gs.leading); break
      case 'Tj':
        if (operands.length !== 1) fail('\'Tj\' needs one string')
        show(operands[0], op)
        break
      case '\'':
        if (operands.length !== 1) fail('\' needs one string')
        inText(op)
        moveLine(0, -gs.leading)
        show(operands[0], op)
        break
      case '"': {
        const [aw, ac, s] = operands
        if (operands.length !== 3 || !isNum(aw) || !isNum(ac)) fail('" needs two numbers and a string')
        inText(op)
        gs.wordSpacing = Number(aw)
        gs.charSpacing = Number(ac)
        moveLine(0, -gs.leading)
        show(s, op)
        break
      }
      case 'TJ': {
        const [items] = operands
        if (operands.length !== 1 || !Array.isArray(items)) fail('\'TJ\' needs one array')
        for (const item of items as Value[]) {
          if (isNum(item)) tm = mul(translate(-item / 1000 * gs.fontSize * gs.scale, 0), inText(op))
          else show(item, op)
        }
        break
      }
      case 'Do': {
        const [name] = operands
        if (operands.length !== 1 || !(name instanceof Name)) fail('\'Do\' needs a name')
        const key = (name as Name).value
        const xobjects = file.dict(ctx.resources.get('XObject') ?? new Map(), 'the page\'s /XObject resources')
        const x = file.resolve(xobjects.get(key) ?? fail(`XObject /${shown(key)} is not in the page's resources`))
        const sub = x instanceof Stream ? x.dict.get('Subtype') : undefined
        if (!(sub instanceof Name) || sub.value !== 'Image') fail(`XObject /${shown(key)} is not an image: form XObjects are not supported`)
        break
      }
      case 'BI': return fail('inline images are not supported')
      case 'd0': case 'd1': return fail(`'${op}' belongs in a Type 3 glyph, not a page`)
      default: {
        const arity = OTHER_OPERATORS[op]
        if (arity === undefined) return fail(`the operator '${shown(op)}' is not supported`)
        if (arity >= 0 && operands.length !== arity) fail(`'${op}' needs ${arity} operands, not ${operands.length}`)
      }
    }
    operands.length = 0
  }
  if (operands.length > 0) fail('the content stream ends with operands but no operator')
  if (tm !== null) fail('the content stream ends inside a text object')
  if (stack.length > 0) fail('the content stream ends with a graphics state still saved (q without Q)')
  return glyphs
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
