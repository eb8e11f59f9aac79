import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { DomainError, InvalidFields, type ErrorCode, type FieldError } from '../domain/errors.js'
import { AMOUNT_PATTERN } from '../domain/money.js'
import { ReplayedError } from '../services/recorded-write.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The refusal sent for this request, for the audit log. */
    refusal: { code: string, detail: string } | null
  }
}

/** The one place where error codes meet HTTP statuses and titles. Exhaustive: a new code does not compile without a row. */
const statusOf: Record<ErrorCode, [number, string]> = {
  VALIDATION_FAILED: [400, 'The request is malformed'],
  MALFORMED_JSON: [400, 'The request body is not valid JSON'],
  UNAUTHORIZED: [401, 'A valid bearer token is required'],
  FORBIDDEN: [403, 'This key may not do that'],
  GROUP_NOT_FOUND: [404, 'No such group'],
  KEY_NOT_FOUND: [404, 'No such API key'],
  PERSON_NOT_FOUND: [404, 'No such person in the group'],
  LOGIN_TAKEN: [409, 'The login is already in use'],
  LINK_NOT_VALID: [410, 'The link was used, replaced or has expired'],
  WEBHOOK_NOT_FOUND: [404, 'No such webhook subscription'],
  DELIVERY_NOT_FOUND: [404, 'No such delivery of this subscription'],
  WEBHOOK_URL_NOT_ALLOWED: [422, 'The webhook URL is not allowed'],
  GATEWAY_NOT_FOUND: [404, 'The group has no message gateway'],
  GATEWAY_URL_NOT_ALLOWED: [422, 'The message gateway URL is not allowed'],
  MESSAGE_NOT_FOUND: [404, 'No such message in the group'],
  MESSAGE_NOT_FAILED: [409, 'Only a failed or skipped message is sent again'],
  MONITOR_NOT_FOUND: [404, 'No such balance monitor in the group'],
  UNKNOWN_GROUP: [422, 'A group named in the request does not exist'],
  MEMBER_NOT_FOUND: [404, 'No such member'],
  ACCOUNT_NOT_FOUND: [404, 'No such account'],
  ENTRY_NOT_FOUND: [404, 'No such journal entry'],
  ROUTE_NOT_FOUND: [404, 'No such route'],
  MEETING_NOT_FOUND: [404, 'No such meeting'],
  PUBLIC_PAGE_NOT_FOUND: [404, 'No public page'],
  LOAN_NOT_FOUND: [404, 'No such loan'],
  ACCOUNT_CODE_TAKEN: [409, 'The account code is already in use'],
  ENTRY_ALREADY_REVERSED: [409, 'The entry was already reversed'],
  IDEMPOTENCY_KEY_IN_USE: [409, 'A request with this idempotency key is still running'],
  LOAN_NOT_ACTIVE: [409, 'The loan is no longer active'],
  POKOK_ALREADY_PAID: [409, 'Simpanan pokok is paid once'],
  PAYLOAD_TOO_LARGE: [413, 'The request body is too large'],
  UNSUPPORTED_MEDIA_TYPE: [415, 'The request body must be application/json'],
  ENTRY_TOO_FEW_LINES: [422, 'An entry needs at least two lines'],
  ENTRY_UNBALANCED: [422, 'Entry does not balance'],
  ENTRY_TOO_LARGE: [422, 'The entry is too large'],
  UNKNOWN_ACCOUNT: [422, 'Unknown account code'],
  UNKNOWN_FUND: [422, 'Unknown fund'],
  ACCOUNT_NOT_ALLOWED: [422, 'That account cannot be used here'],
  INSUFFICIENT_FUNDS: [422, 'Not enough cash'],
  INSUFFICIENT_SAVINGS: [422, 'Not enough voluntary savings'],
  LOAN_TERMS_MISSING: [422, 'No loan terms have been agreed'],
  LOAN_TERMS_INVALID: [422, 'The loan terms are not valid'],
  LOAN_OUTSIDE_TERMS: [422, 'The loan is outside the approved terms'],
  LOAN_OUT_OF_TURN: [422, 'Another member is next in the loan queue'],
  REPAYMENT_EXCEEDS_PAYOFF: [422, 'The repayment is more than the loan still asks for'],
  PAYOFF_AMOUNT_MISMATCH: [422, 'The amount is not the loan\'s payoff'],
  DATE_BEFORE_DISBURSEMENT: [422, 'The date is before the loan was disbursed'],
  DATE_BEFORE_REPAYMENT: [422, 'The date is before a repayment of the loan on record'],
  PERIOD_CLOSED: [422, 'The period is closed'],
  PERIOD_ALREADY_CLOSED: [409, 'The period is already closed'],
  REPAYMENT_OUT_OF_ORDER: [422, 'A repayment cannot be dated before the loan\'s last repayment'],
  PERIOD_NOT_CLOSED: [422, 'The period is not closed'],
  SHU_PERCENT_NOT_100: [422, 'The SHU buckets do not add up to 100 %'],
  SHU_DECISION_MISSING: [422, 'No meeting has decided how to share the SHU'],
  SHU_NOT_POSITIVE: [422, 'There is no profit (SHU) to share'],
  SHU_BASIS_EMPTY: [422, 'No member qualifies for a shared SHU bucket'],
  SHU_ALREADY_DISTRIBUTED: [409, 'The period\'s SHU is already distributed'],
  SHU_NOTHING_OWED: [422, 'The member has no unpaid SHU share'],
  DATE_BEFORE_DISTRIBUTION: [422, 'The date is before the SHU distribution'],
  DATE_IN_FUTURE: [422, 'The date is in the future'],
  REVERSAL_BEFORE_ORIGINAL: [422, 'A reversal cannot precede the entry it reverses'],
  TURNOVER_LIMIT: [422, 'The group\'s books cannot hold that much'],
  ENTRY_BELONGS_TO_LOAN: [409, 'The entry belongs to a loan: correct it through the loan'],
  ENTRY_BELONGS_TO_SHU: [409, 'The entry belongs to an SHU distribution'],
  ENTRY_BELONGS_TO_PERIOD: [409, 'The entry closes a period'],
  ENTRY_IS_REVERSAL: [409, 'The entry is itself a reversal'],
  ENTRY_BELONGS_TO_ARISAN: [409, 'The entry belongs to an arisan'],
  ARISAN_NOT_FOUND: [404, 'No such arisan in the group'],
  ARISAN_ACCOUNT_TAKEN: [409, 'The account code for Titipan Arisan holds another account'],
  ARISAN_SLOTS_INVALID: [422, 'The slots are not a valid arisan'],
  ARISAN_ROUND_NOT_OPEN: [422, 'That round of the arisan is not open'],
  ARISAN_NOT_A_HOLDER: [422, 'The member does not hold that slot'],
  ARISAN_ALREADY_PAID: [409, 'The holder has already paid that round'],
  ARISAN_WRONG_AMOUNT: [422, 'The amount is not what the holder pays per round'],
  ARISAN_CYCLE_COMPLETE: [409, 'Every slot of the arisan has taken its pot'],
  ARISAN_ROUND_TAKEN: [409, 'The round was taken: its contributions stand'],
  CONTRIBUTION_NOT_FOUND: [404, 'No such contribution in the arisan'],
  ARISAN_POT_EMPTY: [422, 'The round\'s pot is empty or does not cover the host\'s fee'],
  MEMBER_REQUIRED: [422, 'A line on a member account must name its member'],
  REPAYMENT_NOT_FOUND: [404, 'No such repayment'],
  REPAYMENT_NOT_LATEST: [409, 'Only a loan\'s latest repayment can be reversed'],
  IDEMPOTENCY_KEY_REUSED: [422, 'The idempotency key was used for a different request'],
  RATE_LIMITED: [429, 'Too many requests'],
  READ_ONLY: [405, 'This server only reads'],
  INTERNAL: [500, 'Internal error']
}

export function statusFor (code: ErrorCode): number {
  return statusOf[code][0]
}

function kebab (code: string): string {
  return code.toLowerCase().replaceAll('_', '-')
}

export interface ProblemDoc {
  type: string
  title: string
  status: number
  code: ErrorCode
  detail: string
  instance?: string
  errors: FieldError[]
}

export function problem (code: ErrorCode, detail: string, errors: FieldError[] = [], instance?: string): ProblemDoc {
  const [status, title] = statusOf[code]
  return { type: `/problems/${kebab(code)}`, title, status, code, detail, ...(instance === undefined ? {} : { instance }), errors }
}

function sendProblem (reply: FastifyReply, p: ProblemDoc): FastifyReply {
  if (p.status === 401) reply.header('www-authenticate', 'Bearer realm="lumbung"')
  if (p.code === 'READ_ONLY') reply.header('allow', 'GET, HEAD')
  return reply.code(p.status).type('application/problem+json').send(p)
}

interface AjvError { instancePath: string, message?: string, keyword: string, params: Record<string, unknown> }

/** Ajv's words for the common cases, said the way a treasurer's form would say them. */
function messageOf (v: AjvError): string {
  switch (v.keyword) {
    case 'additionalProperties': return 'is not a known field'
    case 'required': return 'is required'
    case 'type': return `must be ${v.params.type === 'string' ? 'a string' : v.params.type === 'integer' ? 'a whole number' : `of type ${String(v.params.type)}`}`
    case 'format': return v.params.format === 'date' ? 'must be a calendar date YYYY-MM-DD' : `must be a valid ${String(v.params.format)}`
    case 'enum': return `must be one of ${(v.params.allowedValues as unknown[]).join(', ')}`
    case 'pattern':
      if (v.params.pattern === AMOUNT_PATTERN) return 'must be a whole number of rupiah from 1 to 1000000000000000, as a string of digits'
      if (v.params.pattern === '\\S') return 'must not be blank'
      return v.message ?? 'is invalid'
    default: return v.message ?? 'is invalid'
  }
}

/** A field name as one JSON-pointer token (RFC 6901): `~` becomes `~0`, `/` becomes `~1`. */
function pointerToken (name: string): string {
  return name.replaceAll('~', '~0').replaceAll('/', '~1')
}

/** Ajv's findings as JSON pointers into the request: /body/lines/0/debit, /query/limit … */
function fieldErrors (err: FastifyError): FieldError[] {
  const part = err.validationContext === 'querystring' ? 'query' : (err.validationContext ?? 'body')
  return ((err.validation ?? []) as AjvError[]).map(v => {
    const extra = v.keyword === 'additionalProperties' ? `/${pointerToken(String(v.params.additionalProperty))}` : ''
    const missing = v.keyword === 'required' ? `/${pointerToken(String(v.params.missingProperty))}` : ''
    return { path: `/${part}${v.instancePath}${extra}${missing}`, message: messageOf(v) }
  })
}

/** The part of a request a field named by the domain is in: the query of a read, the body of a write. */
export type RequestPart = 'body' | 'query'

export function partOf (method: string): RequestPart {
  return method === 'GET' || method === 'HEAD' || method === 'DELETE' ? 'query' : 'body'
}

/** A domain refusal as a problem: the fields it names become JSON pointers into `part` of the request. */
export function domainProblem (err: DomainError, part: RequestPart, requestId?: string): ProblemDoc {
  const errors = err.errors.map(e => ({ ...e, path: e.path.startsWith('/') ? e.path : `/${part}/${e.path}` }))
  const detail = err instanceof InvalidFields ? errors.map(e => `${e.path}: ${e.message}`).join('; ') : err.detail
  return problem(err.code, detail, errors, requestId)
}

/** Turns anything thrown into a problem document; a 5xx says only that it failed and the request id. */
export function toProblem (err: unknown, requestId: string, part: RequestPart = 'body'): ProblemDoc {
  if (err instanceof DomainError && statusFor(err.code) < 500) return domainProblem(err, part, requestId)
  const fe = err as FastifyError
  if (fe.validation !== undefined) {
    const errors = fieldErrors(fe)
    return problem('VALIDATION_FAILED', errors.map(e => `${e.path} ${e.message}`).join('; '), errors, requestId)
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return problem('PAYLOAD_TOO_LARGE', 'the request body is over the limit', [], requestId)
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return problem('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json', [], requestId)
    case 'FST_ERR_CTP_EMPTY_JSON_BODY': return problem('MALFORMED_JSON', 'the body is empty but the content type says JSON', [], requestId)
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH': return problem('VALIDATION_FAILED', 'the Content-Length header does not match the body', [], requestId)
    // The router refuses these before any route runs: no id is that long, and the path must decode.
    case 'FST_ERR_MAX_PARAM_LENGTH': return problem('VALIDATION_FAILED', 'a path parameter is longer than 100 characters: no id is that long', [], requestId)
    case 'FST_ERR_BAD_URL': return problem('VALIDATION_FAILED', 'the path is not valid percent-encoded UTF-8', [], requestId)
  }
  if (fe.statusCode === 429) return problem('RATE_LIMITED', fe.message, [], requestId)
  if (fe.statusCode === 400 || err instanceof SyntaxError) return problem('MALFORMED_JSON', 'the body is not valid JSON', [], requestId)
  if (fe.statusCode === 415) return problem('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json', [], requestId)
  if (fe.statusCode === 413) return problem('PAYLOAD_TOO_LARGE', 'the request body is over the limit', [], requestId)
  return problem('INTERNAL', `the request failed; quote request id ${requestId} to the operator`, [], requestId)
}

export function errorHandler (err: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const p = toProblem(err, req.id, partOf(req.method))
  req.refusal = { code: p.code, detail: p.detail }
  if (p.status >= 500) req.log.error({ err }, 'request failed')
  else req.log.info({ code: p.code, detail: p.detail }, 'request refused')
  if (err instanceof ReplayedError) reply.header('idempotent-replayed', 'true')
  return sendProblem(reply, p)
}

export function notFoundHandler (req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(reply, problem('ROUTE_NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0] ?? ''}`, [], req.id))
}
