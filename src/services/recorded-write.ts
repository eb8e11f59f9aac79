import * as audit from '../data/event-repository.js'
import * as idem from '../data/idempotency-repository.js'
import { DomainError } from '../domain/errors.js'
import type { Actor, Env } from './context.js'
import type { Tx, WriteJob } from './writer.js'

/** A retry-safe write: an actor's Idempotency-Key and a fingerprint of the request it came with. */
export interface Retry {
  actor: Actor
  key: string
  fingerprint: string
}

/** Who asks for a write, in which group, as which action (method and route), under which request id, retry-safe or not. */
export interface WriteMeta {
  actor: Actor
  groupId: string | null
  action: string
  requestId: string
  retry: Retry | null
}

/** What a request's write answered, kept for a retry as its caller gave it (the HTTP layer's status and body). */
export interface Answer {
  status: number
  body: unknown
}

export interface Outcome extends Answer {
  replayed: boolean
}

/** A refusal replayed from the idempotency store: the same code and detail as the first time. */
export class ReplayedError extends DomainError {
  readonly replayed = true
}

/**
 * The write of a request, recorded: a request with a retry key first looks the key up in the same transaction; a
 * stored answer is replayed, a different request under the same key is refused, and otherwise the answer (success or
 * refusal) is stored in the request's own savepoint, so the key is written exactly when the change is. A success adds
 * its line to the audit log in the same savepoint, in the group the request names (or the one `groupOf` says it
 * created).
 */
export function recordedWrite (env: Env, meta: WriteMeta, answer: (tx: Tx) => Promise<Answer>, groupOf: (a: Answer) => string | null = () => null): WriteJob<Outcome> {
  const retry = meta.retry
  const now = (): string => env.now().toISOString()
  const run = async (tx: Tx): Promise<Outcome> => {
    const a = await answer(tx)
    await audit.appendAudit(tx, {
      id: env.newId('aud'), groupId: meta.groupId ?? groupOf(a), actor: meta.actor, action: meta.action, outcome: 'ok',
      status: a.status, code: null, detail: null, requestId: meta.requestId, createdAt: now()
    })
    return { ...a, replayed: false }
  }
  if (retry === null) return { groupId: meta.groupId, work: run }
  return {
    groupId: meta.groupId,
    locks: [`idempotency:${retry.actor.id}:${retry.key}`],
    work: async tx => {
      const stored = await idem.find(tx, retry.actor.id, retry.key)
      if (stored !== null) {
        if (stored.fingerprint !== retry.fingerprint) throw new DomainError('IDEMPOTENCY_KEY_REUSED', `Idempotency-Key ${retry.key} was used for a different request`)
        if (stored.status === 0) {
          const refusal = JSON.parse(stored.body) as Pick<DomainError, 'code' | 'detail' | 'errors'>
          throw new ReplayedError(refusal.code, refusal.detail, refusal.errors)
        }
        return { status: stored.status, body: JSON.parse(stored.body), replayed: true }
      }
      const out = await run(tx)
      await idem.insert(tx, { actorId: retry.actor.id, key: retry.key, fingerprint: retry.fingerprint, status: out.status, body: JSON.stringify(out.body), createdAt: now() })
      return out
    },
    onRefusal: async (tx, e) => {
      if (e instanceof ReplayedError || e.code === 'IDEMPOTENCY_KEY_REUSED') return
      await idem.insert(tx, {
        actorId: retry.actor.id, key: retry.key, fingerprint: retry.fingerprint, status: 0,
        body: JSON.stringify({ code: e.code, detail: e.detail, errors: e.errors }), createdAt: now()
      })
    }
  }
}
