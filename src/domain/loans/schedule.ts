import { Decimal } from 'decimal.js'
import { daysInMonth, addDays, isIsoDate, type IsoDate } from '../dates.js'
import { DomainError } from '../errors.js'
import { MAX_AMOUNT } from '../money.js'
import type { Frequency, Installment, RatePer, RoundingMode, ScheduleInput } from './types.js'

/**
 * Enough digits that every product here (principal ≤ 10^15 × a rate with 6 decimals × 12 × 600 terms) is exact, so each
 * amount is one exact numerator over a whole denominator, divided once and rounded once.
 */
const D = Decimal.clone({ precision: 40 })

const DECIMAL_MODE: Record<RoundingMode, Decimal.Rounding> = {
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN
}

const RATE_RE = /^\d{1,3}(\.\d{1,6})?$/
const MAX_TERM_COUNT = 600

/** num / den rounded to a multiple of unit with one division, so an exact tie (…,5) is seen as a tie. */
function roundQuotient (num: Decimal.Value, den: Decimal.Value, unit: bigint, mode: RoundingMode): bigint {
  if (unit < 1n) throw new DomainError('LOAN_TERMS_INVALID', `rounding unit ${unit} must be at least 1`)
  const units = new D(num).div(new D(den).mul(unit.toString())).toDecimalPlaces(0, DECIMAL_MODE[mode])
  return BigInt(units.toFixed(0)) * unit
}

/**
 * x rounded to a multiple of unit (≥ 1): x / unit rounded to a whole number with the declared mode, times unit. The one
 * rounding rule of a loan; 'up' and 'down' are away from and towards zero.
 */
export function roundToUnit (x: Decimal, unit: bigint, mode: RoundingMode): bigint {
  return roundQuotient(x, 1, unit, mode)
}

/** The periodic rate as an exact fraction num / den, so amounts can be computed as (amount · num) / den in one division. */
function rateFraction (ratePercent: string, ratePer: RatePer, frequency: Frequency): { num: Decimal, den: Decimal } {
  if (!RATE_RE.test(ratePercent) || new D(ratePercent).gt(100)) {
    throw new DomainError('LOAN_TERMS_INVALID', `ratePercent "${ratePercent}" must be a decimal from 0 to 100 with at most 6 decimals`)
  }
  const percent = new D(ratePercent)
  if (frequency === 'monthly') return { num: percent, den: new D(ratePer === 'month' ? 100 : 1200) }
  // A monthly rate charged weekly: twelve months' worth spread over 52 weeks.
  return { num: ratePer === 'month' ? percent.mul(12) : percent, den: new D(5200) }
}

/**
 * The rate (jasa) per instalment period as a fraction, e.g. 1,5 %/month → 0.015: a yearly rate is divided by 12 for
 * monthly and by 52 for weekly instalments; a monthly rate charged weekly is ×12/52.
 */
export function periodicRate (ratePercent: string, ratePer: RatePer, frequency: Frequency): Decimal {
  const { num, den } = rateFraction(ratePercent, ratePer, frequency)
  return num.div(den)
}

/**
 * The due date of instalment n (n ≥ 0 whole; 0 is the disbursement date). Monthly: the disbursement's day of month n
 * months later, clamped to the month's end and always counted from the original day (31 Jan → 28 Feb → 31 Mar), so
 * due dates strictly increase. Weekly: n × 7 days later.
 */
export function dueDate (disbursedOn: IsoDate, frequency: Frequency, n: number): IsoDate {
  if (frequency === 'weekly') return addDays(disbursedOn, 7 * n)
  const [y, m, d] = disbursedOn.split('-').map(Number) as [number, number, number]
  const months = (m - 1) + n
  const year = y + Math.floor(months / 12)
  const month = (months % 12) + 1
  const day = Math.min(d, daysInMonth(year, month))
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

function validate (input: ScheduleInput): void {
  const fail = (detail: string): never => { throw new DomainError('LOAN_TERMS_INVALID', detail) }
  const { principal, termCount, rounding } = input
  if (!Number.isInteger(termCount) || termCount < 1 || termCount > MAX_TERM_COUNT) fail(`termCount ${termCount} must be a whole number from 1 to ${MAX_TERM_COUNT}`)
  if (principal < 1n || principal > MAX_AMOUNT) fail(`principal ${principal} must be from 1 to ${MAX_AMOUNT}`)
  if (rounding.roundTo < 1n) fail(`roundTo ${rounding.roundTo} must be at least 1`)
  if (rounding.instalmentRoundTo < 1n) fail(`instalmentRoundTo ${rounding.instalmentRoundTo} must be at least 1`)
  if (rounding.instalmentRoundTo % rounding.roundTo !== 0n) fail(`instalmentRoundTo ${rounding.instalmentRoundTo} must be a multiple of roundTo ${rounding.roundTo}`)
  if (!isIsoDate(input.disbursedOn)) fail(`disbursedOn "${input.disbursedOn}" must be a calendar date YYYY-MM-DD`)
  if (!isIsoDate(dueDate(input.disbursedOn, input.frequency, termCount))) fail('the last instalment would fall after 9999-12-31')
}

const clamp = (x: bigint, lo: bigint, hi: bigint): bigint => x < lo ? lo : x > hi ? hi : x

/**
 * The instalment plan (angsuran) of a loan: n rows of pokok (principal) and jasa (interest).
 * - flat: the jasa of the whole loan is J = round(P·r·n), the documented total, and it is spread over the rows by
 *   cumulative rounding: row i's jasa is round(J·i/n) − round(J·(i−1)/n), with the loan's one rounding (unit roundTo,
 *   declared mode). The differences telescope, so Σ jasa = J exactly; each is ≥ 0 (the rounding never decreases) and a
 *   multiple of roundTo (J is). The instalment stays roundInst(P/n + P·r), equal on every row: pokok = instalment −
 *   that row's jasa absorbs the rounding, and the last row takes the rest of the pokok.
 * - annuity: equal instalments roundInst(P·r / (1 − (1+r)^−n)) (P/n when r = 0); jasa round(balance·r).
 * - declining: equal pokok roundInst(P/n); jasa round(balance·r).
 * Invariants: Σ pokok = P exactly, the last row leaves balance 0, no amount is negative, a row's pokok never exceeds the
 * balance before it, and every jasa is a multiple of roundTo (every pokok too when P is). Throws LOAN_TERMS_INVALID.
 */
export function schedule (input: ScheduleInput): Installment[] {
  validate(input)
  const { principal: P, termCount: n, method, rounding } = input
  const { roundTo, instalmentRoundTo, mode } = rounding
  const rate = rateFraction(input.ratePercent, input.ratePer, input.frequency)
  const p = new D(P.toString())
  /** (x · rate) rounded to roundTo: jasa on an amount, as one exact quotient. */
  const jasaOn = (x: Decimal, times = 1): bigint => roundQuotient(x.mul(rate.num).mul(times), rate.den, roundTo, mode)

  let instalment = 0n
  if (method === 'flat') {
    // P/n + P·num/den = P·(den + n·num) / (n·den)
    instalment = roundQuotient(p.mul(rate.den.add(rate.num.mul(n))), rate.den.mul(n), instalmentRoundTo, mode)
  } else if (method === 'annuity') {
    const r = rate.num.div(rate.den)
    instalment = r.isZero()
      ? roundQuotient(p, n, instalmentRoundTo, mode)
      : roundToUnit(p.mul(r).div(new D(1).sub(r.add(1).pow(-n))), instalmentRoundTo, mode)
  } else {
    instalment = roundQuotient(p, n, instalmentRoundTo, mode)
  }
  /** Flat: the loan's whole jasa and the cumulative jasa through row i, round(J·i/n). */
  const flatTotal = method === 'flat' ? jasaOn(p, n) : 0n
  const flatThrough = (i: number): bigint => roundQuotient(new D((flatTotal * BigInt(i)).toString()), n, roundTo, mode)

  const rows: Installment[] = []
  let balance = P
  for (let i = 1; i <= n; i++) {
    const last = i === n
    let interest: bigint
    let principal: bigint
    if (method === 'flat') {
      interest = flatThrough(i) - flatThrough(i - 1)
      principal = instalment - interest
    } else {
      interest = jasaOn(new D(balance.toString()))
      principal = method === 'annuity' ? instalment - interest : instalment
    }
    principal = last ? balance : clamp(principal, 0n, balance)
    interest = interest < 0n ? 0n : interest
    balance -= principal
    rows.push({ n: i, dueDate: dueDate(input.disbursedOn, input.frequency, i), principal, interest, total: principal + interest, balance })
  }
  return rows
}
