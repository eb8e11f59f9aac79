import { parseAmount } from './input.js'
import { parseTanggal, TANGGAL_ERROR } from './tanggal.js'
import { AMOUNT_HINT } from './messages.js'
import type { FormState } from './layout.js'
import { partKey, refusalInto, type Answer, type Api, type Problem } from './api.js'
import type { ErrorCode } from '../domain/errors.js'

/** The form's own fields (everything but the CSRF token and the idempotency key). */
export function formState (body: Record<string, string>): { f: FormState, idem: string } {
  const { _csrf: _c, _idem: idem, ...values } = body
  return { f: { values, errors: {} }, idem: idem ?? '' }
}

/** An amount field read as digits; a field error (and null) when it is not an amount or is empty but required. */
export function amountOf (f: FormState, name: string, required = true): string | null {
  const a = parseAmount(f.values[name])
  if (a === null) { f.errors[name] = AMOUNT_HINT; return null }
  if (a === '' || a === '0') {
    if (required) f.errors[name] = a === '' ? 'Wajib diisi.' : 'Jumlah harus lebih dari nol.'
    return null
  }
  return a
}

export function textOf (f: FormState, name: string, required = true): string | null {
  const t = (f.values[name] ?? '').trim()
  if (t === '') { if (required) f.errors[name] = 'Wajib diisi.'; return null }
  return t
}

export function dateOf (f: FormState, name: string): string | null {
  const date = parseTanggal(f.values[name] ?? '')
  if (date === null) f.errors[name] = TANGGAL_ERROR
  return date
}

/**
 * One write of a form through /v1 with the part's idempotency key; a refusal is placed into the form (field errors
 * next to their fields) and null returned.
 */
export async function submit<T> (api: Api, f: FormState, idem: string, part: string, url: string, body: unknown,
  fields: Record<string, string>, codeField: Partial<Record<ErrorCode, string>> = {}): Promise<Answer<T> | null> {
  const a = await api.post<T>(url, body, partKey(idem, part, body))
  if (a.problem !== null) { refusalInto(f, a.problem as Problem, fields, codeField); return null }
  return a
}

export function hasErrors (f: FormState): boolean {
  return Object.keys(f.errors).length > 0 || (f.banner ?? null) !== null
}
