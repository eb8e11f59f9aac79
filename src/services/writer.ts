import type { Db, Tx } from '../data/connect.js'

export type { Tx }
import * as audit from '../data/event-repository.js'
import * as idem from '../data/idempotency-repository.js'
import { savepoint } from '../data/savepoints.js'
import { DomainError } from '../domain/errors.js'
import type { Actor } from './context.js'

/** What a write answers, as the HTTP layer will send it. */
export interface Answer {
  status: number
  body: unknown
}

export interface Outcome extends Answer {
  replayed: boolean
}

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

/** A refusal replayed from the idempotency store: the same code and detail as the first time. */
export class ReplayedError extends DomainError {
  readonly replayed = true
}

export interface Job {
  meta: WriteMeta | null
  work: (tx: Tx) => Promise<Answer>
  resolve: (o: Outcome) => void
  reject: (e: unknown) => void
  settle?: () => void
}

/** Most writes gathered into one transaction. */
const MAX_BATCH = 256

/**
 * The single writer. Write requests queue here; whatever has queued while one transaction commits goes into the next
 * one, each request in a savepoint of its own, so many requests share one fsync (group commit). A request's refusal
 * rolls back its savepoint only. An answer leaves only after the transaction holding it has committed, so a 2xx means
 * the change is on disk.
 *
 * Idempotency: a request with a key first looks the key up in the same transaction; a stored answer is replayed, a
 * different request under the same key is refused, and otherwise the answer (success or refusal) is stored in the
 * request's own savepoint, so the key is written exactly when the change is.
 */
export class Writer {
  private readonly queue: Job[] = []
  private draining = false
  /** Transactions committed and writes they carried: the ratio shows how well commits are shared. */
  readonly stats = { commits: 0, writes: 0 }

  constructor (protected readonly db: Db, private readonly now: () => Date, private readonly newId: (prefix: string) => string) {}

  /** Runs a write; with `meta`, its success is recorded in the audit log and its Idempotency-Key honoured. */
  run (meta: WriteMeta | null, work: (tx: Tx) => Promise<Answer>): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ meta, work, resolve, reject })
      if (!this.draining) void this.drain()
    })
  }

  private async drain (): Promise<void> {
    this.draining = true
    try {
      while (this.queue.length > 0) {
        // better-sqlite3 is synchronous: a transaction runs to its commit without giving the event loop a turn, so
        // requests that arrived meanwhile could never join it. One turn of the loop before each batch lets them queue.
        await new Promise<void>(resolve => { setImmediate(resolve) })
        const batch = this.queue.splice(0, MAX_BATCH)
        try {
          await this.db.transaction().execute(async tx => {
            for (const job of batch) await this.step(tx, job)
          })
          this.stats.commits++
          this.stats.writes += batch.length
          for (const job of batch) job.settle?.()
        } catch (e) {
          // The commit itself failed: nothing of this batch is on disk, so no request of it may succeed.
          for (const job of batch) job.reject(e)
        }
      }
    } finally {
      this.draining = false
    }
  }

  protected async step (tx: Tx, job: Job): Promise<void> {
    await savepoint.begin(tx)
    try {
      const outcome = await this.attempt(tx, job)
      await savepoint.release(tx)
      job.settle = () => { job.resolve(outcome) }
    } catch (e) {
      await savepoint.rollback(tx)
      const retry = job.meta?.retry ?? null
      if (e instanceof DomainError && retry !== null && !(e instanceof ReplayedError) && e.code !== 'IDEMPOTENCY_KEY_REUSED') {
        await idem.insert(tx, {
          actorId: retry.actor.id,
          key: retry.key,
          fingerprint: retry.fingerprint,
          status: 0,
          body: JSON.stringify({ code: e.code, detail: e.detail, errors: e.errors }),
          createdAt: this.now().toISOString()
        })
      }
      job.settle = () => { job.reject(e) }
    }
  }

  private async attempt (tx: Tx, job: Job): Promise<Outcome> {
    const retry = job.meta?.retry ?? null
    if (retry === null) return await this.execute(tx, job)
    const stored = await idem.find(tx, retry.actor.id, retry.key)
    if (stored !== null) {
      if (stored.fingerprint !== retry.fingerprint) {
        throw new DomainError('IDEMPOTENCY_KEY_REUSED', `Idempotency-Key ${retry.key} was used for a different request`)
      }
      if (stored.status === 0) {
        const refusal = JSON.parse(stored.body) as Pick<DomainError, 'code' | 'detail' | 'errors'>
        throw new ReplayedError(refusal.code, refusal.detail, refusal.errors)
      }
      return { status: stored.status, body: JSON.parse(stored.body), replayed: true }
    }
    const answer = await this.execute(tx, job)
    await idem.insert(tx, {
      actorId: retry.actor.id,
      key: retry.key,
      fingerprint: retry.fingerprint,
      status: answer.status,
      body: JSON.stringify(answer.body),
      createdAt: this.now().toISOString()
    })
    return answer
  }

  /** The work itself, and its line in the audit log, in the same savepoint. */
  private async execute (tx: Tx, job: Job): Promise<Outcome> {
    const answer = await job.work(tx)
    const meta = job.meta
    if (meta !== null) {
      await audit.appendAudit(tx, {
        id: this.newId('aud'), groupId: meta.groupId ?? groupOf(answer.body), actor: meta.actor, action: meta.action, outcome: 'ok',
        status: answer.status, code: null, detail: null, requestId: meta.requestId, createdAt: this.now().toISOString()
      })
    }
    return { ...answer, replayed: false }
  }
}

/** A group created by the write itself (POST /v1/groups) is the group its audit line belongs to. */
function groupOf (body: unknown): string | null {
  const id = (body as { id?: unknown } | null)?.id
  return typeof id === 'string' && id.startsWith('grp_') ? id : null
}
