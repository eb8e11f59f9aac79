import { Decimal } from 'decimal.js'
import { addDays, daysBetween, type IsoDate } from '../dates.js'
import { DomainError, invalid } from '../errors.js'
import type { Rupiah } from '../money.js'
import type {
  Collectibility, Installment, InstallmentState, LoanState, PaidPart, PastRepayment, PenaltyTerms, Rounding
} from './types.js'
import { roundToUnit } from './schedule.js'

/** Enough digits that a percentage of any amount up to 10^15 is exact before the one declared rounding. */
const D = Decimal.clone({ precision: 40 })


const positive = (x: bigint): bigint => x > 0n ? x : 0n
const min = (a: bigint, b: bigint): bigint => a < b ? a : b

interface Accrual { date: IsoDate, amount: Rupiah }

/** What one repayment paid to one instalment, all its parts for that instalment together. */
interface Payment { date: IsoDate, principal: Rupiah, interest: Rupiah, penalty: Rupiah }

/**
 * Denda accrued on one instalment up to asOf. Each accrual date b_k = dueDate + graceDays + 1 + 30·k charges a percent
 * (plus a fixed amount) of the principal and jasa still unpaid from repayments strictly before b_k, so a payment made
 * on b_k itself does not escape that accrual.
 */
function accruals (inst: Installment, interestCharged: Rupiah, payments: readonly Payment[], terms: PenaltyTerms,
  rounding: Rounding, asOf: IsoDate): Accrual[] {
  const out: Accrual[] = []
  const percent = new D(terms.percentOfOverdue)
  for (let k = 0; ; k++) {
    if (terms.per === 'once' && k > 0) break
    const date = addDays(inst.dueDate, terms.graceDays + 1 + 30 * k)
    if (date > asOf) break
    let paid = 0n
    for (const p of payments) if (p.date < date) paid += p.principal + p.interest
    const unpaid = inst.principal + interestCharged - paid
    if (unpaid > 0n) {
      const amount = roundToUnit(new D(unpaid.toString()).mul(percent).div(100).add(terms.fixed.toString()), rounding.roundTo, rounding.mode)
      out.push({ date, amount })
    }
  }
  return out
}

/**
 * Whether a repayment counts on `date`: it is dated on or before it and was not reversed on or before it. A repayment
 * undone later still counts on the days before its reversal, as its entry still does in the ledger on those days, so
 * the loan card of a past date (of a closed year too) agrees with Piutang on that date.
 */
export function standsOn (r: PastRepayment, date: IsoDate): boolean {
  return r.date <= date && (r.reversedOn === undefined || r.reversedOn === null || r.reversedOn > date)
}

/** The repayments that count on `date` (see `standsOn`), in the order given. */
export function standingOn<R extends PastRepayment> (repayments: readonly R[], date: IsoDate): R[] {
  return repayments.filter(r => standsOn(r, date))
}

/**
 * The latest day on which the loan's repayment record changed: its latest standing repayment, or the latest reversal
 * of one, whichever is later; null when there is neither. A new repayment, payoff or write-off is dated on or after it,
 * so that nothing recorded now changes what the loan was on an earlier day.
 */
export function lastRepaymentChange (repayments: readonly PastRepayment[]): { date: IsoDate, change: 'repayment' | 'reversal' } | null {
  let last: { date: IsoDate, change: 'repayment' | 'reversal' } | null = null
  for (const r of repayments) {
    const undone = r.reversedOn ?? null
    const at = undone === null ? { date: r.date, change: 'repayment' as const } : { date: undone, change: 'reversal' as const }
    if (last === null || at.date >= last.date) last = at
  }
  return last
}

/** The date of the repayment that brought the pokok paid up to the loan's whole principal, or null while some is left. */
function pokokRepaidOn (installments: readonly Installment[], counted: readonly PastRepayment[]): IsoDate | null {
  const principal = installments.reduce((s, i) => s + i.principal, 0n)
  let paid = 0n
  for (const r of counted) {
    for (const part of r.parts) paid += part.principal
    if (paid >= principal) return r.date
  }
  return null
}

/**
 * The state of a loan on asOf, derived from its schedule (angsuran) and the repayments that stand on asOf (dated on or
 * before it and not reversed on or before it; see `standsOn`). Paying an instalment's pokok in full before it falls due
 * waives its jasa beyond what was already paid to it then: that is how an early payoff saves the future interest. And
 * once the loan's whole pokok is repaid, every instalment not yet due on that day is charged only the jasa already paid
 * to it, those without pokok too: a paid-off loan stays paid off on every later date (no jasa revives, no denda
 * accrues). An instalment with nothing ever to pay counts as paid on its due date, or on the day the pokok was repaid
 * if that came first. Invariants: every outstanding figure is ≥ 0 when the repayments came from `allocate` or
 * `allocatePayoff`, payoff = outstanding principal + interest + penalty, remaining ≥ payoff, and settled ⇔ payoff = 0.
 */
export function loanState (installments: Installment[], repayments: PastRepayment[], penalty: PenaltyTerms | null,
  rounding: Rounding, asOf: IsoDate): LoanState {
  // A stable sort keeps same-day repayments in the order they were posted.
  const counted = standingOn(repayments, asOf).sort((a, b) => a.date < b.date ? -1 : a.date > b.date ? 1 : 0)
  const repaidOn = pokokRepaidOn(installments, counted)

  const states: InstallmentState[] = installments.map(inst => {
    const payments: Payment[] = []
    let principal = 0n
    let interest = 0n
    let interestCharged = inst.interest
    let waived = false
    for (const r of counted) {
      const mine = r.parts.filter(part => part.n === inst.n)
      if (mine.length === 0) continue
      const paid: Payment = { date: r.date, principal: 0n, interest: 0n, penalty: 0n }
      for (const part of mine) { paid.principal += part.principal; paid.interest += part.interest; paid.penalty += part.penalty }
      payments.push(paid)
      principal += paid.principal
      interest += paid.interest
      // Only a repayment that pays pokok can prepay it; an instalment without pokok keeps its scheduled jasa.
      if (!waived && paid.principal > 0n && principal >= inst.principal && r.date < inst.dueDate) {
        waived = true
        interestCharged = min(inst.interest, interest)
      }
    }
    if (repaidOn !== null && repaidOn < inst.dueDate) {
      const paidByThen = payments.reduce((s, p) => p.date <= repaidOn ? s + p.interest : s, 0n)
      interestCharged = min(interestCharged, paidByThen)
    }
    const accrued = penalty === null ? [] : accruals(inst, interestCharged, payments, penalty, rounding, asOf)
    let paidOn: IsoDate | null = null
    const sofar: Payment = { date: inst.dueDate, principal: 0n, interest: 0n, penalty: 0n }
    for (const p of payments) {
      sofar.principal += p.principal; sofar.interest += p.interest; sofar.penalty += p.penalty
      const penaltyDue = accrued.reduce((s, a) => a.date <= p.date ? s + a.amount : s, 0n)
      if (sofar.principal >= inst.principal && sofar.interest >= interestCharged && sofar.penalty >= penaltyDue) { paidOn = p.date; break }
    }
    if (paidOn === null && payments.length === 0 && inst.principal === 0n && interestCharged === 0n) {
      const settledOn = repaidOn !== null && repaidOn < inst.dueDate ? repaidOn : inst.dueDate
      if (settledOn <= asOf) paidOn = settledOn
    }
    return {
      ...inst,
      paidPrincipal: principal,
      paidInterest: interest,
      paidPenalty: payments.reduce((s, p) => s + p.penalty, 0n),
      interestCharged,
      penaltyAccrued: accrued.reduce((s, a) => s + a.amount, 0n),
      paidOn
    }
  })

  let outPrincipal = 0n
  let outInterest = 0n
  let scheduledInterest = 0n
  let outPenalty = 0n
  let arrears = 0n
  let oldest: IsoDate | null = null
  for (const s of states) {
    const principalLeft = positive(s.principal - s.paidPrincipal)
    const interestLeft = positive(s.interestCharged - s.paidInterest)
    outPrincipal += principalLeft
    scheduledInterest += interestLeft
    if (s.dueDate <= asOf) outInterest += interestLeft
    outPenalty += positive(s.penaltyAccrued - s.paidPenalty)
    if (s.dueDate < asOf && principalLeft + interestLeft > 0n) {
      arrears += principalLeft + interestLeft
      if (oldest === null || s.dueDate < oldest) oldest = s.dueDate
    }
  }
  const payoff = outPrincipal + outInterest + outPenalty
  return {
    asOf,
    installments: states,
    outstanding: { principal: outPrincipal, interest: outInterest, penalty: outPenalty },
    arrears,
    daysPastDue: oldest === null ? 0 : daysBetween(oldest, asOf),
    payoff,
    remaining: outPrincipal + scheduledInterest + outPenalty,
    settled: payoff === 0n
  }
}

/** Instalments oldest first (by due date, then number): the order every allocation walks them in. */
function byDueDate (state: LoanState): InstallmentState[] {
  return [...state.installments].sort((a, b) => a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.n - b.n)
}

/**
 * Splits `amount` over a loan's open amounts on `date`: denda first (every instalment, oldest first), then the jasa of
 * every instalment due by `date`, then their pokok, each oldest first; then the instalments not yet due in due-date
 * order, each its jasa then its pokok (`coming: 'instalments'`, a repayment), or only their pokok (`coming: 'pokok'`,
 * a payoff). Throws if anything is left over, so a drift between the figures and the walk cannot lose money.
 */
function split (state: LoanState, date: IsoDate, amount: Rupiah, coming: 'instalments' | 'pokok'): PaidPart[] {
  const byAge = byDueDate(state)
  const due = byAge.filter(s => s.dueDate <= date)
  const notDue = byAge.filter(s => s.dueDate > date)
  const parts = new Map<number, PaidPart>()
  let left = amount
  const take = (s: InstallmentState, component: 'penalty' | 'interest' | 'principal'): void => {
    const open = component === 'penalty' ? s.penaltyAccrued - s.paidPenalty
      : component === 'interest' ? s.interestCharged - s.paidInterest
        : s.principal - s.paidPrincipal
    const paid = min(left, positive(open))
    if (paid === 0n) return
    const part = parts.get(s.n) ?? { n: s.n, penalty: 0n, interest: 0n, principal: 0n }
    part[component] += paid
    parts.set(s.n, part)
    left -= paid
  }
  for (const s of byAge) take(s, 'penalty')
  for (const s of due) take(s, 'interest')
  for (const s of due) take(s, 'principal')
  for (const s of notDue) {
    if (coming === 'instalments') take(s, 'interest')
    take(s, 'principal')
  }
  if (left > 0n) throw new DomainError('INTERNAL', `${left} left over after allocating ${amount} on ${date}`)
  return [...parts.values()].sort((a, b) => a.n - b.n)
}

/**
 * What a new repayment of `amount` on `date` pays, instalment by instalment: first what is due (denda, then jasa, then
 * pokok, each oldest instalment first), then whatever is left pays the coming instalments in due-date order, each its
 * jasa then its pokok, just as they would be paid on their due dates. So paying the next angsuran a few days early (at
 * the monthly meeting) settles that angsuran, jasa included: nothing is late on its due date and no denda accrues.
 * A repayment is at most `remaining` (every pokok and jasa still scheduled, due or not, plus denda); more is refused
 * with REPAYMENT_EXCEEDS_PAYOFF. Settling the loan early with the coming jasa waived is the payoff (`allocatePayoff`).
 * Invariants: the parts sum to `amount` exactly, no part exceeds what was open for its component, parts are non-zero
 * and sorted by n.
 */
export function allocate (installments: Installment[], repayments: PastRepayment[], penalty: PenaltyTerms | null,
  rounding: Rounding, date: IsoDate, amount: Rupiah): PaidPart[] {
  if (amount < 1n) throw invalid('amount', 'must be at least 1 rupiah')
  const state = loanState(installments, repayments, penalty, rounding, date)
  if (amount > state.remaining) {
    throw new DomainError('REPAYMENT_EXCEEDS_PAYOFF', `the repayment of ${amount} is more than the loan still asks on ${date}: ` +
      `${state.remaining} (every pokok and jasa still scheduled, plus denda). To settle the loan early for ${state.payoff}, ` +
      'with the jasa of the instalments not yet due waived, record a payoff (pelunasan dipercepat: POST …/loans/{loanId}/payoff)')
  }
  return split(state, date, amount, 'instalments')
}

/**
 * Pelunasan dipercepat: what settling the loan on `date` pays, and how. The amount is the loan's payoff on that date
 * (outstanding pokok + the jasa of instalments already due + denda): what is due is paid as in any repayment (denda →
 * jasa → pokok, oldest first), then the pokok of every instalment not yet due; their jasa is waived (see `loanState`).
 * Refused with LOAN_NOT_ACTIVE when nothing is left to pay.
 */
export function allocatePayoff (installments: Installment[], repayments: PastRepayment[], penalty: PenaltyTerms | null,
  rounding: Rounding, date: IsoDate): { amount: Rupiah, parts: PaidPart[] } {
  const state = loanState(installments, repayments, penalty, rounding, date)
  if (state.payoff === 0n) throw new DomainError('LOAN_NOT_ACTIVE', `the loan is already paid off on ${date}`)
  return { amount: state.payoff, parts: split(state, date, state.payoff, 'pokok') }
}

/**
 * Kolektibilitas from days past due, with the thresholds of the group's policy (by default 30, 90 and 180 days):
 * up to t0 lancar (current), up to t1 kurang lancar (substandard), up to t2 diragukan (doubtful), beyond macet (loss).
 */
export function collectibility (daysPastDue: number, thresholds: readonly [number, number, number] = [30, 90, 180]): Collectibility {
  const [t0, t1, t2] = thresholds
  if (daysPastDue <= t0) return 'lancar'
  if (daysPastDue <= t1) return 'kurang_lancar'
  if (daysPastDue <= t2) return 'diragukan'
  return 'macet'
}

/** The denda, jasa and pokok of a repayment, summed over its parts: the three credit lines of its journal entry. */
export function totals (parts: PaidPart[]): { penalty: Rupiah, interest: Rupiah, principal: Rupiah } {
  let penalty = 0n
  let interest = 0n
  let principal = 0n
  for (const p of parts) { penalty += p.penalty; interest += p.interest; principal += p.principal }
  return { penalty, interest, principal }
}
