/**
 * HTML built from template literals: every interpolated value is escaped unless it is already `Html` (the output of
 * `html` itself or of `raw`, which only this folder's templates use, for markup they wrote).
 */
export class Html {
  constructor (readonly value: string) {}
  toString (): string { return this.value }
}

export function escape (s: string): string {
  return s.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)
}

type Part = Html | string | number | bigint | boolean | null | undefined | Part[]

function render (p: Part): string {
  if (p === null || p === undefined || p === false || p === true) return ''
  if (p instanceof Html) return p.value
  if (Array.isArray(p)) return p.map(render).join('')
  return escape(String(p))
}

export function html (strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? ''
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '')
  return new Html(out)
}

/** Markup this folder wrote itself (never user data). */
export function raw (s: string): Html {
  return new Html(s)
}
