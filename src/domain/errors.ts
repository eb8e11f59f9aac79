/**
 * Every refusal the domain and the services can give, by a stable code. The HTTP layer maps each code to a status in
 * one exhaustive table (src/http/errors.ts), so adding a code here without deciding its status does not compile.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'GROUP_NOT_FOUND'
  | 'KEY_NOT_FOUND'
  | 'PERSON_NOT_FOUND'
  | 'LOGIN_TAKEN'
  | 'LINK_NOT_VALID'
  | 'WEBHOOK_NOT_FOUND'
  | 'DELIVERY_NOT_FOUND'
  | 'WEBHOOK_URL_NOT_ALLOWED'
  | 'GATEWAY_NOT_FOUND'
  | 'GATEWAY_URL_NOT_ALLOWED'
  | 'MESSAGE_NOT_FOUND'
  | 'MESSAGE_NOT_FAILED'
  | 'MONITOR_NOT_FOUND'
  | 'UNKNOWN_GROUP'
  | 'MEMBER_NOT_FOUND'
  | 'ACCOUNT_NOT_FOUND'
  | 'ENTRY_NOT_FOUND'
  | 'MEETING_NOT_FOUND'
  | 'PUBLIC_PAGE_NOT_FOUND'
  | 'LOAN_NOT_FOUND'
  | 'ROUTE_NOT_FOUND'
  | 'ACCOUNT_CODE_TAKEN'
  | 'ENTRY_ALREADY_REVERSED'
  | 'IDEMPOTENCY_KEY_IN_USE'
  | 'LOAN_NOT_ACTIVE'
  | 'POKOK_ALREADY_PAID'
  | 'ENTRY_TOO_FEW_LINES'
  | 'ENTRY_UNBALANCED'
  | 'ENTRY_TOO_LARGE'
  | 'UNKNOWN_ACCOUNT'
  | 'UNKNOWN_FUND'
  | 'ACCOUNT_NOT_ALLOWED'
  | 'INSUFFICIENT_FUNDS'
  | 'INSUFFICIENT_SAVINGS'
  | 'LOAN_TERMS_MISSING'
  | 'LOAN_TERMS_INVALID'
  | 'LOAN_OUTSIDE_TERMS'
  | 'LOAN_OUT_OF_TURN'
  | 'REPAYMENT_EXCEEDS_PAYOFF'
  | 'PAYOFF_AMOUNT_MISMATCH'
  | 'DATE_BEFORE_DISBURSEMENT'
  | 'DATE_BEFORE_REPAYMENT'
  | 'REPAYMENT_OUT_OF_ORDER'
  | 'PERIOD_NOT_CLOSED'
  | 'SHU_PERCENT_NOT_100'
  | 'SHU_DECISION_MISSING'
  | 'SHU_NOT_POSITIVE'
  | 'SHU_BASIS_EMPTY'
  | 'SHU_ALREADY_DISTRIBUTED'
  | 'SHU_NOTHING_OWED'
  | 'DATE_BEFORE_DISTRIBUTION'
  | 'PERIOD_CLOSED'
  | 'PERIOD_ALREADY_CLOSED'
  | 'DATE_IN_FUTURE'
  | 'REVERSAL_BEFORE_ORIGINAL'
  | 'TURNOVER_LIMIT'
  | 'ENTRY_BELONGS_TO_LOAN'
  | 'ENTRY_BELONGS_TO_SHU'
  | 'ENTRY_BELONGS_TO_PERIOD'
  | 'ENTRY_IS_REVERSAL'
  | 'ENTRY_BELONGS_TO_ARISAN'
  | 'ARISAN_NOT_FOUND'
  | 'ARISAN_ACCOUNT_TAKEN'
  | 'ARISAN_SLOTS_INVALID'
  | 'ARISAN_ROUND_NOT_OPEN'
  | 'ARISAN_NOT_A_HOLDER'
  | 'ARISAN_ALREADY_PAID'
  | 'ARISAN_WRONG_AMOUNT'
  | 'ARISAN_CYCLE_COMPLETE'
  | 'ARISAN_POT_EMPTY'
  | 'CONTRIBUTION_NOT_FOUND'
  | 'ARISAN_ROUND_TAKEN'
  | 'MEMBER_REQUIRED'
  | 'REPAYMENT_NOT_FOUND'
  | 'REPAYMENT_NOT_LATEST'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'MALFORMED_JSON'
  | 'RATE_LIMITED'
  | 'READ_ONLY'
  | 'INTERNAL'

/**
 * One offending field of a request. A domain or service function names the field relative to the request's part
 * (`amount`, `lines/0/debit`, `decisions/1/buckets/0/account`); the HTTP layer makes it a JSON pointer into the
 * request (`/body/amount`, `/query/loanId`). A path that already starts with `/` is a pointer the HTTP layer made.
 */
export interface FieldError {
  path: string
  message: string
}

/** A refusal with a stable code: no HTTP, no I/O. */
export class DomainError extends Error {
  readonly code: ErrorCode
  readonly detail: string
  readonly errors: FieldError[]

  constructor (code: ErrorCode, detail: string = code, errors: FieldError[] = []) {
    super(detail)
    this.name = 'DomainError'
    this.code = code
    this.detail = detail
    this.errors = errors
  }
}

/** A refusal of named fields: its detail is written where the fields become pointers (the HTTP layer). */
export class InvalidFields extends DomainError {
  constructor (errors: FieldError[]) {
    super('VALIDATION_FAILED', errors.map(e => `${e.path}: ${e.message}`).join('; '), errors)
    this.name = 'InvalidFields'
  }
}

/** A malformed request: the field at fault is named (relative to the body or query) so a form can show the message beside it. */
export function invalid (field: string, message: string): DomainError {
  return new InvalidFields([{ path: field, message }])
}
