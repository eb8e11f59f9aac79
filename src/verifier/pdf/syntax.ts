/** PDF syntax for the strict reader of ../pdf-text.ts: its limits and error, the values, the lexer and parseValue. */
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
export const shown = (s: string): string => s.replace(/[^\x20-\x7e]/g, c => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)

export function fail (message: string): never {
  throw new PdfTextError(`PDF: ${message}`)
}


export class Name { constructor (readonly value: string) {} }
export class Ref { constructor (readonly num: number, readonly gen: number) {} }
export class Str { constructor (readonly bytes: Uint8Array) {} }
export class Op { constructor (readonly op: string) {} }
export class Stream { constructor (readonly dict: Dict, readonly data: Uint8Array, readonly num: number) {} }
export type Dict = Map<string, Value>
export type Value = null | boolean | number | Name | Ref | Str | Stream | Dict | Value[]

export type Token =
  | { kind: 'value', value: null | boolean | number | Name | Str }
  | { kind: 'word', word: string }
  | { kind: 'open' | 'close' | 'dictOpen' | 'dictClose' | 'eof' }

/** 0 regular, 1 white space, 2 delimiter. */
export const CLASS = new Uint8Array(256)
for (const c of [0, 9, 10, 12, 13, 32]) CLASS[c] = 1
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2
export const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)$/
export const MAX_TOKEN = 255
/** The longest string, literal or hex (pdfkit's are a line of text, or an Info entry). */
export const MAX_STRING = 4 * 1024 * 1024
/** \n \r \t \b \f \( \) \\ in a literal string. */
export const ESCAPES: Record<number, number> = { 110: 10, 114: 13, 116: 9, 98: 8, 102: 12, 40: 40, 41: 41, 92: 92 }

export function hexValue (c: number): number {
  if (c >= 48 && c <= 57) return c - 48
  if (c >= 65 && c <= 70) return c - 55
  if (c >= 97 && c <= 102) return c - 87
  return -1
}

export const latin1 = (bytes: Uint8Array): string => {
  let s = ''
  for (let i = 0; i < bytes.length; i += 4096) s += String.fromCharCode(...bytes.subarray(i, i + 4096))
  return s
}

export class Lexer {
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

export const isDict = (v: unknown): v is Dict => v instanceof Map
export const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v)
export const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

/**
 * One value from the lexer, with `n g R` references when `refs` (never in a content stream). Stops at a keyword,
 * which it returns as an Op for the caller (an operator in a content stream; `obj`, `stream`... elsewhere).
 */
export function parseValue (lx: Lexer, refs: boolean, maxDepth: number, depth = 0, token: Token = lx.next()): Value | Op {
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
