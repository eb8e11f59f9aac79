import type { LoanFile, RepaymentRecord } from '../books/types.js'
import { collectibility, loanState, standingOn } from './repayment.js'
import { termsFromJson, type LoanTerms, type LoanTermsJson } from './terms.js'
import type { Collectibility, LoanState } from './types.js'

export type LoanStatus = 'active' | 'paid_off' | 'written_off'

/** A loan as the treasurer and the auditor see it on a date: its terms, schedule with payments, and standing. */
export interface LoanView {
  file: LoanFile
  terms: LoanTerms & { meetingId: string, decisionId: string }
  status: LoanStatus
  state: LoanState
  collectibility: Collectibility
  /** The repayments that stand on the view's date: dated by then and not reversed by then. */
  repayments: RepaymentRecord[]
}

/** The loan on `asOf`, from its file (every repayment, each counted only on the days it stands). */
export function loanView (file: LoanFile, asOf: string): LoanView {
  const terms = termsFromJson(file.loan.terms as LoanTermsJson)
  const state = loanState(file.installments, file.repayments, terms.penalty, terms.rounding, asOf)
  const status: LoanStatus = file.writeOff !== null && file.writeOff.date <= asOf ? 'written_off' : state.settled ? 'paid_off' : 'active'
  return {
    file,
    terms: { ...terms, meetingId: file.loan.meetingId, decisionId: file.loan.decisionId },
    status,
    state,
    collectibility: status === 'active' ? collectibility(state.daysPastDue, terms.collectibilityDays) : 'lancar',
    repayments: standingOn(file.repayments, asOf)
  }
}
