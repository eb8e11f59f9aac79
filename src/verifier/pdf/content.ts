import type { PdfFile } from './file.js'
import { type Font, loadFont } from './fonts.js'
import { type Dict, fail, isInt, isNum, Lexer, Name, Op, parseValue, Ref, shown, Str, Stream, type Value } from './syntax.js'

/** Content streams: the operators run, and the glyphs they draw placed on the page (the strict reader of ../pdf-text.ts). */

export type Matrix = [number, number, number, number, number, number]
export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0]
/** m × n, in PDF's row-vector convention (apply m first, then n). */
export const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]
]
export const translate = (tx: number, ty: number): Matrix => [1, 0, 0, 1, tx, ty]

export interface GState {
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

export interface Glyph { x: number, y: number, end: number, size: number, text: string }

/** Operators that draw no text, with how many operands they take (-1: a variable number). */
export const OTHER_OPERATORS: Record<string, number> = {
  w: 1, J: 1, j: 1, M: 1, d: 2, ri: 1, i: 1, gs: 1,
  m: 2, l: 2, c: 6, v: 4, y: 4, h: 0, re: 4,
  S: 0, s: 0, f: 0, F: 0, 'f*': 0, B: 0, 'B*': 0, b: 0, 'b*': 0, n: 0, W: 0, 'W*': 0,
  CS: 1, cs: 1, SC: -1, SCN: -1, sc: -1, scn: -1, G: 1, g: 1, RG: 3, rg: 3, K: 4, k: 4,
  sh: 1, MP: 1, DP: 2, BMC: 1, BDC: 2, EMC: 0, BX: 0, EX: 0
}

export interface PageContext {
  file: PdfFile
  resources: Dict
  fonts: Map<number, Font>
  box: [number, number, number, number]
}

/**
 * One content stream run operator by operator: the graphics state and its saved copies, the text object's matrices,
 * the operands read so far, and the glyphs drawn, each placed on the page.
 */
class Interpreter {
  readonly glyphs: Glyph[] = []
  readonly operands: Value[] = []
  private readonly stack: GState[] = []
  private gs: GState = { ctm: IDENTITY, font: null, fontSize: 0, charSpacing: 0, wordSpacing: 0, scale: 1, leading: 0, rise: 0, render: 0 }
  /** The text matrix inside BT … ET, null outside. */
  private tm: Matrix | null = null
  private tlm: Matrix = IDENTITY

  constructor (private readonly ctx: PageContext) {}

  /** The operator with the operands read before it; anything it does not know or allow throws. */
  run (op: string): void {
    if (!this.graphics(op) && !this.textState(op) && !this.textShow(op)) this.other(op)
    this.operands.length = 0
  }

  /** The stream is over: nothing may be left open. */
  end (): void {
    if (this.operands.length > 0) fail('the content stream ends with operands but no operator')
    if (this.tm !== null) fail('the content stream ends inside a text object')
    if (this.stack.length > 0) fail('the content stream ends with a graphics state still saved (q without Q)')
  }

  private nums (op: string, n: number): number[] {
    if (this.operands.length !== n || !this.operands.every(isNum)) fail(`'${op}' needs ${n} numbers`)
    return this.operands as number[]
  }

  private inText (op: string): Matrix {
    return this.tm ?? fail(`'${op}' outside a text object (BT ... ET)`)
  }

  private outsideText (op: string): void {
    if (this.tm !== null) fail(`'${op}' inside a text object`)
  }

  private moveLine (tx: number, ty: number): void {
    this.tlm = mul(translate(tx, ty), this.tlm)
    this.tm = this.tlm
  }

  /** q Q cm, BT ET and Do (an image only). */
  private graphics (op: string): boolean {
    switch (op) {
      case 'q':
        this.nums(op, 0)
        this.outsideText(op)
        if (this.stack.length >= this.ctx.file.limits.maxDepth) fail(`graphics states saved (q) more than ${this.ctx.file.limits.maxDepth} deep`)
        this.stack.push(this.gs)
        this.gs = { ...this.gs }
        return true
      case 'Q':
        this.nums(op, 0)
        this.outsideText(op)
        this.gs = this.stack.pop() ?? fail('\'Q\' without a matching \'q\'')
        return true
      case 'cm': {
        const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = this.nums(op, 6)
        this.outsideText(op)
        this.gs.ctm = mul([a, b, c, d, e, f], this.gs.ctm)
        return true
      }
      case 'BT':
        this.nums(op, 0)
        this.outsideText(op)
        this.tm = IDENTITY
        this.tlm = IDENTITY
        return true
      case 'ET':
        this.nums(op, 0)
        this.inText(op)
        this.tm = null
        return true
      case 'Do':
        this.image()
        return true
      default: return false
    }
  }

  /** Do: only an image, which draws no text; a form XObject could, and is refused. */
  private image (): void {
    const { file, resources } = this.ctx
    const [name] = this.operands
    if (this.operands.length !== 1 || !(name instanceof Name)) fail('\'Do\' needs a name')
    const key = (name as Name).value
    const xobjects = file.dict(resources.get('XObject') ?? new Map(), 'the page\'s /XObject resources')
    const x = file.resolve(xobjects.get(key) ?? fail(`XObject /${shown(key)} is not in the page's resources`))
    const sub = x instanceof Stream ? x.dict.get('Subtype') : undefined
    if (!(sub instanceof Name) || sub.value !== 'Image') fail(`XObject /${shown(key)} is not an image: form XObjects are not supported`)
  }

  /** The text state and position: Tf Tc Tw Tz TL Ts Tr, Td TD Tm T*. */
  private textState (op: string): boolean {
    const gs = this.gs
    switch (op) {
      case 'Tf': this.selectFont(); return true
      case 'Tc': gs.charSpacing = this.nums(op, 1)[0] ?? 0; return true
      case 'Tw': gs.wordSpacing = this.nums(op, 1)[0] ?? 0; return true
      case 'Tz': gs.scale = (this.nums(op, 1)[0] ?? 100) / 100; return true
      case 'TL': gs.leading = this.nums(op, 1)[0] ?? 0; return true
      case 'Ts': gs.rise = this.nums(op, 1)[0] ?? 0; return true
      case 'Tr': {
        const [mode] = this.nums(op, 1)
        if (!isInt(mode) || mode < 0 || mode > 7) fail('\'Tr\' needs a mode from 0 to 7')
        gs.render = Number(mode)
        return true
      }
      case 'Td': case 'TD': {
        const [tx = 0, ty = 0] = this.nums(op, 2)
        this.inText(op)
        if (op === 'TD') gs.leading = -ty
        this.moveLine(tx, ty)
        return true
      }
      case 'Tm': {
        const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = this.nums(op, 6)
        this.inText(op)
        this.tlm = [a, b, c, d, e, f]
        this.tm = this.tlm
        return true
      }
      case 'T*': this.nums(op, 0); this.inText(op); this.moveLine(0, -gs.leading); return true
      default: return false
    }
  }

  /** Tf: a font of the page's resources, loaded once per document. */
  private selectFont (): void {
    const { file, resources, fonts } = this.ctx
    const [name, size] = this.operands
    if (this.operands.length !== 2 || !(name instanceof Name) || !isNum(size) || size <= 0) fail('\'Tf\' needs a font name and a positive size')
    const key = (name as Name).value
    const fontRes: Dict = file.dict(resources.get('Font') ?? new Map(), 'the page\'s /Font resources')
    const ref = fontRes.get(key) ?? fail(`font /${shown(key)} is not in the page's resources`)
    const id = ref instanceof Ref ? ref.num : -1
    let font = id >= 0 ? fonts.get(id) : undefined
    if (font === undefined) {
      font = loadFont(file, ref, key)
      if (id >= 0) fonts.set(id, font)
    }
    this.gs.font = font
    this.gs.fontSize = Number(size)
  }

  /** The operators that draw text: Tj ' " TJ. */
  private textShow (op: string): boolean {
    const operands = this.operands
    switch (op) {
      case 'Tj':
        if (operands.length !== 1) fail('\'Tj\' needs one string')
        this.show(operands[0], op)
        return true
      case '\'':
        if (operands.length !== 1) fail('\' needs one string')
        this.inText(op)
        this.moveLine(0, -this.gs.leading)
        this.show(operands[0], op)
        return true
      case '"': {
        const [aw, ac, s] = operands
        if (operands.length !== 3 || !isNum(aw) || !isNum(ac)) fail('" needs two numbers and a string')
        this.inText(op)
        this.gs.wordSpacing = Number(aw)
        this.gs.charSpacing = Number(ac)
        this.moveLine(0, -this.gs.leading)
        this.show(s, op)
        return true
      }
      case 'TJ': {
        const [items] = operands
        if (operands.length !== 1 || !Array.isArray(items)) fail('\'TJ\' needs one array')
        for (const item of items as Value[]) {
          if (isNum(item)) this.tm = mul(translate(-item / 1000 * this.gs.fontSize * this.gs.scale, 0), this.inText(op))
          else this.show(item, op)
        }
        return true
      }
      default: return false
    }
  }

  /** A string shown: each two-byte code a glyph, placed by the text and graphics matrices, kept on the page. */
  private show (s: Value | undefined, op: string): void {
    const { file, box } = this.ctx
    const gs = this.gs
    let m = this.inText(op)
    if (!(s instanceof Str)) fail(`'${op}' needs a string`)
    const font = gs.font ?? fail(`'${op}' before any font was selected (Tf)`)
    const bytes = (s as Str).bytes
    if (bytes.length % 2 !== 0) fail(`'${op}': a string of an odd number of bytes for a two-byte (Identity-H) font`)
    if (gs.render > 2) fail(`text rendering mode ${gs.render} (invisible or clipping text) is not supported`)
    for (let i = 0; i < bytes.length; i += 2) {
      if (++file.glyphs > file.limits.maxGlyphs) fail(`more than ${file.limits.maxGlyphs} glyphs`)
      const code = ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)
      const [a, b, c, d, e, f] = mul(m, gs.ctm)
      if (!(a > 0 && d > 0 && Math.abs(b) <= 1e-6 * a)) fail('rotated, mirrored or vertical text is not supported')
      const x = gs.rise * c + e
      const y = gs.rise * d + f
      const size = gs.fontSize * d
      if (size < 1) fail(`text ${size.toFixed(2)} points high is too small to read`)
      if (x < box[0] - 1 || x > box[2] + 1 || y < box[1] - 1 || y > box[3] + 1) fail('text drawn outside the page (its MediaBox)')
      const tx = (font.width(code) / 1000 * gs.fontSize + gs.charSpacing) * gs.scale
      m = mul(translate(tx, 0), m)
      this.glyphs.push({ x, y, end: x + tx * a, size, text: font.text(code) })
    }
    this.tm = m
  }

  /** Everything else: refused outright (inline images, Type 3 glyph operators, unknown ones), or checked for arity. */
  private other (op: string): void {
    if (op === 'BI') fail('inline images are not supported')
    if (op === 'd0' || op === 'd1') fail(`'${op}' belongs in a Type 3 glyph, not a page`)
    const arity = OTHER_OPERATORS[op]
    if (arity === undefined) fail(`the operator '${shown(op)}' is not supported`)
    if (arity >= 0 && this.operands.length !== arity) fail(`'${op}' needs ${arity} operands, not ${this.operands.length}`)
  }
}

/** The glyphs a page's content stream draws, in the order drawn. */
export function runContent (ctx: PageContext, data: Uint8Array): Glyph[] {
  const lx = new Lexer(data)
  const interpreter = new Interpreter(ctx)
  for (;;) {
    lx.skipSpace()
    if (lx.pos >= data.length) break
    const v = parseValue(lx, false, ctx.file.limits.maxDepth)
    if (v instanceof Op) {
      interpreter.run(v.op)
      continue
    }
    if (interpreter.operands.length >= 64) fail('more than 64 operands for one operator')
    interpreter.operands.push(v)
  }
  interpreter.end()
  return interpreter.glyphs
}
