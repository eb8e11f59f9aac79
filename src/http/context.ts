import { createHash } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { DomainError } from '../domain/errors.js'
import { canonicalJson, type Json } from '../domain/ledger/hash-chain.js'
import type { Principal } from '../services/auth-service.js'
import { recordedWrite, type Retry, type WriteMeta } from '../services/recorded-write.js'
import type { Tx } from '../services/writer.js'

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null
    /** The SHA-256 of the bearer token that authenticated the request, or null: what the rate limit counts by. */
    credential: string | null
  }
}

/** The token of an `Authorization: Bearer <token>` header (`Bearer` in any case, any spaces between and after), or null. */
export function bearerTokenOf (header: string | undefined): string | null {
  const m = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null
  return m?.[1] ?? null
}

/** The caller; routes under /v1 only run after the auth hook has set it. */
export function principalOf (req: FastifyRequest): Principal {
  if (req.principal === null) throw new DomainError('UNAUTHORIZED', 'a bearer token is required')
  return req.principal
}

/** The group a request is about, from its path. */
export function groupIdOf (req: FastifyRequest): string | null {
  const id = (req.params as { groupId?: unknown } | undefined)?.groupId
  return typeof id === 'string' ? id : null
}

/** The action as the audit log names it: the method and the route pattern. */
export function actionOf (req: FastifyRequest): string {
  return `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0] ?? ''}`
}

/** What the writer needs to know of a write request. */
export function metaOf (req: FastifyRequest): WriteMeta {
  return { actor: principalOf(req).actor, groupId: groupIdOf(req), action: actionOf(req), requestId: req.id, retry: retryOf(req) }
}

/** The retry identity of a POST: the caller's Idempotency-Key and a fingerprint of what was asked. */
export function retryOf (req: FastifyRequest): Retry | null {
  const key = req.headers['idempotency-key']
  if (typeof key !== 'string' || key === '') return null
  const fingerprint = createHash('sha256').update(`${req.method} ${req.url}\n${canonicalJson((req.body ?? null) as Json, { anyNumber: true })}`).digest('hex')
  return { actor: principalOf(req).actor, key, fingerprint }
}

/**
 * Runs a write through the single writer (group commit), recorded (idempotency and the audit log) with the answer it
 * sends: `present` makes the body, `status` the status; `createdGroup` names the group a write created (its audit
 * line's group). A replayed answer carries the header Idempotent-Replayed: true.
 */
export async function write<T> (req: FastifyRequest, reply: FastifyReply, work: (tx: Tx) => Promise<T>, present: (t: T) => unknown, status = 201,
  createdGroup?: (body: unknown) => string): Promise<FastifyReply> {
  const { env, writer } = req.server.lumbung
  const out = await writer.run(recordedWrite(env, metaOf(req), async tx => ({ status, body: present(await work(tx)) }),
    a => createdGroup === undefined ? null : createdGroup(a.body)))
  if (out.replayed) reply.header('idempotent-replayed', 'true')
  return reply.code(out.status).send(out.body)
}
