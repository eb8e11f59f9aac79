import { DomainError, invalid } from './errors.js'

/** Whole rupiah. Rupiah has no minor unit in practice, so an amount is an integer and never a float. */
export type Rupiah = bigint

/** The largest single amount the API accepts: Rp 1.000.000.000.000.000 (10^15). */
export const MAX_AMOUNT: Rupiah = 10n ** 15n

/** The wire form of a positive amount: digits, no sign, no leading zero, at most 10^15. */
/**
 * The most a group's entries may move in total over its life (the sum of every entry's total). Every balance and every
 * sum of a group's lines is at most this, so all of them stay exact in a signed 64-bit integer (migration 0008).
 */
export const TURNOVER_LIMIT: Rupiah = 10n ** 18n

/**
 * The turnover a group's entries may reach, reversals apart: half the limit. Every reversal undoes a different entry and
 * is never itself reversed, so reversals add at most as much again, and a reversal always fits under TURNOVER_LIMIT:
 * no sequence of requests can leave a group whose mistakes cannot be undone.
 */
export const TURNOVER_CEILING: Rupiah = TURNOVER_LIMIT / 2n

/** The most one request may move in all (a batch of entries): far beyond any group's year, far below the ceiling. */
export const REQUEST_LIMIT: Rupiah = 10n ** 16n

/** Refuses a request that would move more than REQUEST_LIMIT in all (the debits it asks for, well-formed or not yet checked). */
export function requireWithinRequest (debits: Iterable<string | undefined>, field: string): void {
  let total = 0n
  for (const d of debits) if (d !== undefined && AMOUNT_RE.test(d)) total += BigInt(d)
  if (total > REQUEST_LIMIT) {
    const message = `one request moves at most Rp ${formatNumber(REQUEST_LIMIT)} (10^16) in all; this one asks for Rp ${formatNumber(total)}: send it in parts`
    throw new DomainError('ENTRY_TOO_LARGE', message, [{ path: field, message }])
  }
}

export const AMOUNT_PATTERN = '^(?:[1-9][0-9]{0,14}|1000000000000000)$'
const AMOUNT_RE = new RegExp(AMOUNT_PATTERN)

/** Parses a positive amount from its wire form; `field` names it in the error. */
export function parseAmount (text: string, field: string): Rupiah {
  if (!AMOUNT_RE.test(text)) throw invalid(field, 'must be a whole number of rupiah from 1 to 1000000000000000, as a string of digits')
  return BigInt(text)
}

/** A signed amount as text ("-5000" for a balance on the side opposite the account's normal side). */
export function formatAmount (amount: Rupiah): string {
  return amount.toString()
}

export function sum (amounts: Iterable<Rupiah>): Rupiah {
  let total = 0n
  for (const a of amounts) total += a
  return total
}

/** Coerces what a driver returns for an integer column (bigint, number or numeric string) to rupiah. */
export function toRupiah (value: bigint | number | string | null | undefined): Rupiah {
  if (value === null || value === undefined) return 0n
  if (typeof value === 'bigint') return value
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new DomainError('INTERNAL', `unsafe integer from the database: ${value}`)
    return BigInt(value)
  }
  return BigInt(value)
}

/** `2500000n` → `2.500.000`: thousands grouped with dots, as people in Indonesia read amounts. */
export function formatNumber (x: Rupiah): string {
  const digits = (x < 0n ? -x : x).toString()
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')
  return x < 0n ? `-${grouped}` : grouped
}

/** `2500000n` → `Rp 2.500.000`, `-5000n` → `-Rp 5.000`, `0n` → `Rp 0`. */
export function formatRupiah (x: Rupiah): string {
  return x < 0n ? `-Rp ${formatNumber(-x)}` : `Rp ${formatNumber(x)}`
}
