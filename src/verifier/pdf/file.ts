import { inflateSync } from 'node:zlib'
import { type Dict, fail, isDict, isInt, latin1, Lexer, Name, Op, parseValue, type PdfLimits, Ref, shown, Stream, type Value } from './syntax.js'

/** The file: cross-reference table, trailer, indirect objects, streams (the strict reader of ../pdf-text.ts). */

export class PdfFile {
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
