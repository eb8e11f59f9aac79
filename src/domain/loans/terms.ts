import { DomainError } from '../errors.js'
import type { Rupiah } from '../money.js'
import type { LoanMethod, PenaltyTerms, RatePer, Rounding } from './types.js'

/**
 * Loan terms as the members' meeting (rapat) agreed them: method, rate (jasa), limits, rounding, penalty (denda) and
 * the days-past-due thresholds of the collectibility classes. Anything outside them is an audit finding, so a loan
 * outside them is refused.
 */
export interface LoanTerms {
  method: LoanMethod
  ratePercent: string
  ratePer: RatePer
  maxTermCount: number | null
  maxPrincipal: Rupiah | null
  rounding: Rounding
  penalty: PenaltyTerms | null
  /** Days past due above which a loan is kurang lancar, diragukan, macet. */
  collectibilityDays: readonly [number, number, number]
}

export const DEFAULT_COLLECTIBILITY_DAYS = [30, 90, 180] as const

/** A penalty's days of grace when the meeting named none: none, denda from the day after the due date. */
export const DEFAULT_GRACE_DAYS = 0
/** What the treasurer's meeting form offers for the grace days, shown and editable: a week, as groups usually allow. */
export const SUGGESTED_GRACE_DAYS = 7

/** Checks what the schema cannot: the rounding units nest, the thresholds increase. */
export function loanTerms (t: LoanTerms): LoanTerms {
  if (t.rounding.instalmentRoundTo % t.rounding.roundTo !== 0n) {
    throw new DomainError('LOAN_TERMS_INVALID', `instalmentRoundTo ${t.rounding.instalmentRoundTo} must be a multiple of roundTo ${t.rounding.roundTo}`)
  }
  const [a, b, c] = t.collectibilityDays
  if (!(a < b && b < c)) throw new DomainError('LOAN_TERMS_INVALID', 'collectibilityDays must increase, e.g. [30, 90, 180]')
  if (Number(t.ratePercent) > 100) throw new DomainError('LOAN_TERMS_INVALID', 'ratePercent is at most 100')
  return t
}

/** A loan asked for under these terms stays within the approved maximum principal and term. */
export function requireWithinTerms (t: LoanTerms, principal: Rupiah, termCount: number): void {
  if (t.maxPrincipal !== null && principal > t.maxPrincipal) {
    throw new DomainError('LOAN_OUTSIDE_TERMS', `principal ${principal} is over the approved maximum ${t.maxPrincipal}`)
  }
  if (t.maxTermCount !== null && termCount > t.maxTermCount) {
    throw new DomainError('LOAN_OUTSIDE_TERMS', `term of ${termCount} instalments is over the approved maximum ${t.maxTermCount}`)
  }
}

/** The JSON form kept in a decision's body: amounts as strings, like the API. */
export interface LoanTermsJson {
  method: LoanMethod
  ratePercent: string
  ratePer: RatePer
  maxTermCount: number | null
  maxPrincipal: string | null
  roundTo: string
  instalmentRoundTo: string
  roundingMode: Rounding['mode']
  penalty: { percentOfOverdue: string, fixed: string, per: 'month' | 'once', graceDays: number } | null
  collectibilityDays: [number, number, number]
}

export function termsToJson (t: LoanTerms): LoanTermsJson {
  return {
    method: t.method,
    ratePercent: t.ratePercent,
    ratePer: t.ratePer,
    maxTermCount: t.maxTermCount,
    maxPrincipal: t.maxPrincipal === null ? null : t.maxPrincipal.toString(),
    roundTo: t.rounding.roundTo.toString(),
    instalmentRoundTo: t.rounding.instalmentRoundTo.toString(),
    roundingMode: t.rounding.mode,
    penalty: t.penalty === null ? null : { ...t.penalty, fixed: t.penalty.fixed.toString() },
    collectibilityDays: [...t.collectibilityDays]
  }
}

export function termsFromJson (j: LoanTermsJson): LoanTerms {
  return {
    method: j.method,
    ratePercent: j.ratePercent,
    ratePer: j.ratePer,
    maxTermCount: j.maxTermCount,
    maxPrincipal: j.maxPrincipal === null ? null : BigInt(j.maxPrincipal),
    rounding: { roundTo: BigInt(j.roundTo), instalmentRoundTo: BigInt(j.instalmentRoundTo), mode: j.roundingMode },
    penalty: j.penalty === null ? null : { ...j.penalty, fixed: BigInt(j.penalty.fixed) },
    collectibilityDays: j.collectibilityDays
  }
}
