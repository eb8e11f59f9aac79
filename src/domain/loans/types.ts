import type { IsoDate } from '../dates.js'
import type { Rupiah } from '../money.js'

/** How interest (jasa) is charged: flat on the original principal, declining (equal principal), or annuity (equal instalments). */
export type LoanMethod = 'flat' | 'declining' | 'annuity'
export type RatePer = 'month' | 'year'
export type Frequency = 'monthly' | 'weekly'
export type RoundingMode = 'half-up' | 'half-even' | 'up' | 'down'

/** One declared rounding: every amount a multiple of roundTo, instalments multiples of instalmentRoundTo. */
export interface Rounding {
  roundTo: Rupiah
  instalmentRoundTo: Rupiah
  mode: RoundingMode
}

export interface ScheduleInput {
  principal: Rupiah
  termCount: number
  frequency: Frequency
  method: LoanMethod
  /** A decimal string, e.g. "1.5" for 1,5 %. */
  ratePercent: string
  ratePer: RatePer
  disbursedOn: IsoDate
  rounding: Rounding
}

export interface Installment {
  /** 1-based. */
  n: number
  dueDate: IsoDate
  principal: Rupiah
  interest: Rupiah
  /** principal + interest */
  total: Rupiah
  /** Principal still outstanding after this instalment is paid as scheduled. */
  balance: Rupiah
}

/** Denda: a penalty on amounts overdue past the grace days, per started 30-day period ("month") or once. */
export interface PenaltyTerms {
  /** A decimal string: percent of the overdue amount, e.g. "1". */
  percentOfOverdue: string
  /** A fixed amount added at each accrual. */
  fixed: Rupiah
  per: 'month' | 'once'
  graceDays: number
}

/** What one repayment paid to one instalment. */
export interface PaidPart {
  n: number
  penalty: Rupiah
  interest: Rupiah
  principal: Rupiah
}

/** A repayment already posted: its date and what it paid to each instalment. */
export interface PastRepayment {
  date: IsoDate
  parts: PaidPart[]
  /** The date of the entry that reversed it (the repayment was undone), or null / absent while it stands. */
  reversedOn?: IsoDate | null
}

export interface InstallmentState extends Installment {
  paidPrincipal: Rupiah
  paidInterest: Rupiah
  paidPenalty: Rupiah
  /** Interest this instalment is charged: its scheduled interest, or what was paid of it when its principal was fully paid before it fell due. */
  interestCharged: Rupiah
  /** Penalty accrued on this instalment up to asOf. */
  penaltyAccrued: Rupiah
  /** The date of the repayment that settled it, or null while anything is unpaid. */
  paidOn: IsoDate | null
}

export interface LoanState {
  asOf: IsoDate
  installments: InstallmentState[]
  outstanding: {
    /** All principal not yet paid, due or not. */
    principal: Rupiah
    /** Interest of instalments due on or before asOf, not yet paid. */
    interest: Rupiah
    /** Penalty accrued up to asOf, not yet paid. */
    penalty: Rupiah
  }
  /** Unpaid principal + interest of instalments whose due date is before asOf. */
  arrears: Rupiah
  /** asOf − the due date of the oldest instalment with unpaid principal or interest due before asOf; 0 if none. */
  daysPastDue: number
  /**
   * What settles the loan on asOf (the payoff, pelunasan dipercepat): outstanding principal + due interest + penalty;
   * the interest of instalments not yet due is waived.
   */
  payoff: Rupiah
  /**
   * Everything the schedule still asks: all unpaid principal and interest of every instalment, due or not, plus the
   * penalty: the most one repayment may pay.
   */
  remaining: Rupiah
  settled: boolean
}

/** Kolektibilitas: Indonesian loan quality classes. */
export type Collectibility = 'lancar' | 'kurang_lancar' | 'diragukan' | 'macet'
