import { PdfFile } from './file.js'
import { fail, isInt, isNum, Lexer, Name, Op, parseValue, Ref, shown, Str, Stream, type Value } from './syntax.js'

/** Text strings (the Info dictionary) and fonts: Type0, Identity-H, ToUnicode (the strict reader of ../pdf-text.ts). */

/** PDFDocEncoding where it differs from ISO Latin-1 (PDF 32000-1, Annex D); undefined codes are refused. */
export const PDF_DOC: Record<number, number> = {
  0x18: 0x02d8, 0x19: 0x02c7, 0x1a: 0x02c6, 0x1b: 0x02d9, 0x1c: 0x02dd, 0x1d: 0x02db, 0x1e: 0x02da, 0x1f: 0x02dc,
  0x80: 0x2022, 0x81: 0x2020, 0x82: 0x2021, 0x83: 0x2026, 0x84: 0x2014, 0x85: 0x2013, 0x86: 0x0192, 0x87: 0x2044,
  0x88: 0x2039, 0x89: 0x203a, 0x8a: 0x2212, 0x8b: 0x2030, 0x8c: 0x201e, 0x8d: 0x201c, 0x8e: 0x201d, 0x8f: 0x2018,
  0x90: 0x2019, 0x91: 0x201a, 0x92: 0x2122, 0x93: 0xfb01, 0x94: 0xfb02, 0x95: 0x0141, 0x96: 0x0152, 0x97: 0x0160,
  0x98: 0x0178, 0x99: 0x017d, 0x9a: 0x0131, 0x9b: 0x0142, 0x9c: 0x0153, 0x9d: 0x0161, 0x9e: 0x017e, 0xa0: 0x20ac
}

/** UTF-16BE code units to a string; a lone surrogate is refused. */
export function utf16 (bytes: Uint8Array, from: number, what: string): string {
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
export function textString (bytes: Uint8Array, what: string): string {
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
export interface Font {
  id: number
  width: (code: number) => number
  text: (code: number) => string
}

export function parseWidths (file: PdfFile, w: Value, what: string): Map<number, number> {
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
export function parseToUnicode (file: PdfFile, s: Stream, what: string): Map<number, string> {
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

export function loadFont (file: PdfFile, ref: Value, resource: string): Font {
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
