import createClient, { type Client } from 'openapi-fetch'
import type { components, paths } from './generated/schema.js'

/**
 * The typed Lumbung client: openapi-fetch over the `paths` generated from openapi/openapi.json (npm run
 * client:generate). Paths, parameters, bodies and answers are checked by the compiler; nothing is checked at run time,
 * the server validates every request. Every call resolves to `{ data }` on a 2xx or `{ error }` (a problem document),
 * with the `response` for headers such as `idempotent-replayed`; only a network failure rejects.
 */
export type LumbungClient = Client<paths>

export function createLumbungClient (baseUrl: string, apiKey: string): LumbungClient {
  return createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${apiKey}` } })
}

/**
 * A fresh Idempotency-Key for one logical write. Keep it with the write and send the same key on every retry of it:
 * the server then replays the first answer (with `idempotent-replayed: true`) instead of writing twice.
 */
export function idempotencyKey (): string {
  return crypto.randomUUID()
}

export type { components, paths }
type Method = 'get' | 'post' | 'delete'
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>
type JsonContent<R> = R extends { content: { 'application/json': infer J } } ? J : never

/** The JSON body a route takes: `RequestJson<'/v1/groups/{groupId}/loans', 'post'>`. */
export type RequestJson<P extends keyof paths, M extends Method> =
  JsonContent<NonNullable<Operation<P, M> extends { requestBody?: infer B } ? B : never>>
/** The JSON a route answers with a given status: `ResponseJson<'/v1/groups/{groupId}/loans/{loanId}', 'get'>`. */
export type ResponseJson<P extends keyof paths, M extends Method, S extends number = 200> =
  Operation<P, M> extends { responses: infer R } ? S extends keyof R ? JsonContent<R[S]> : never : never

/** An RFC 9457 problem document: every 4xx and 5xx; `code` is stable, `errors[]` lists the fields at fault. */
export type Problem = components['schemas']['Problem']
export type Group = ResponseJson<'/v1/groups/{groupId}', 'get'>
export type Member = ResponseJson<'/v1/groups/{groupId}/members/{memberId}', 'get'>
/** A loan card as of a date: schedule, outstanding, arrears, kolektibilitas, repayments. */
export type Loan = ResponseJson<'/v1/groups/{groupId}/loans/{loanId}', 'get'>
/** A repayment and its allocation denda → jasa → pokok (penalty, interest, principal). */
export type Repayment = ResponseJson<'/v1/groups/{groupId}/loans/{loanId}/repayments', 'post', 201>
export type EventPage = ResponseJson<'/v1/groups/{groupId}/events', 'get'>
/** One change in a group, in gapless `seq` order: resume from `nextCursor` and nothing is missed or repeated. */
export type LumbungEvent = EventPage['items'][number]
