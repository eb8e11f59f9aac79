/**
 * What a treasurer types, read the way she means it: amounts as `2.500.000`, `2500000` or `Rp 2.500.000` (dots or
 * spaces group thousands; there are no cents), rates as `1,5` or `1.5`.
 */

/** A whole-rupiah amount as a string of digits, `''` for an empty field, or null when it is not an amount. */
export function parseAmount (text: string | undefined): string | null {
  const t = (text ?? '').trim().replace(/^rp\.?\s*/i, '')
  if (t === '') return ''
  if (/^\d{1,3}(\.\d{3})+$/.test(t) || /^\d{1,3}( \d{3})+$/.test(t)) return String(BigInt(t.replace(/[. ]/g, '')))
  if (/^\d+$/.test(t)) return String(BigInt(t))
  return null
}

/** A percentage with a comma or a dot (`1,5`) as the API's decimal string (`1.5`), `''` when empty, null when not a number. */
export function parseRate (text: string | undefined): string | null {
  const t = (text ?? '').trim().replace(/\s*%$/, '').replace(',', '.')
  if (t === '') return ''
  return /^(0|[1-9]\d{0,2})(\.\d{1,6})?$/.test(t) ? t : null
}

/** A positive whole number (a count of instalments), `''` when empty, null otherwise. */
export function parseCount (text: string | undefined): number | '' | null {
  const t = (text ?? '').trim()
  if (t === '') return ''
  return /^[1-9]\d{0,2}$/.test(t) ? Number(t) : null
}
