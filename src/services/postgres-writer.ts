import { setTimeout as sleep } from 'node:timers/promises'
import { isRetryable, lockUntilCommit } from '../data/locks.js'
import { type Answer, type Job, type Outcome, type Tx, type WriteMeta, Writer } from './writer.js'

type Settled = { ok: true, outcome: Outcome } | { ok: false, error: unknown }

/** Most times a write is run again after a serialization failure or a deadlock. */
const MAX_ATTEMPTS = 8

/**
 * The writer on PostgreSQL: each request in a transaction of its own (many run at once on the pool), with the same
 * savepoint, idempotency and audit steps as the single SQLite writer. Writes within a group are serialised by an
 * advisory lock on the group taken first in the transaction, so `seq` stays gapless and each entry chains onto the
 * head the previous writer committed (READ COMMITTED: every statement after the lock sees that commit); groups write
 * in parallel. A retry-safe request first locks its Idempotency-Key, so identical requests in flight run once and the
 * second replays. Locks are always taken in that order (key, then group), so writers cannot deadlock on them; a
 * serialization failure or deadlock elsewhere runs the whole request again.
 */
export class PostgresWriter extends Writer {
  /** The last write queued per group in this process. */
  private readonly tails = new Map<string, Promise<unknown>>()

  override async run (meta: WriteMeta | null, work: (tx: Tx) => Promise<Answer>): Promise<Outcome> {
    return await this.inTurn(meta?.groupId ?? null, async () => await this.attemptAll(meta, work))
  }

  /**
   * Runs the writes of a group one after the other within this process, so that they wait here rather than on the
   * advisory lock, each holding a pooled connection the other groups (and readers) need. The lock still orders the
   * group's writes across processes.
   */
  private async inTurn<T> (groupId: string | null, write: () => Promise<T>): Promise<T> {
    if (groupId === null) return await write()
    const mine = (this.tails.get(groupId) ?? Promise.resolve()).then(write, write)
    const tail = mine.catch(() => {})
    this.tails.set(groupId, tail)
    try {
      return await mine
    } finally {
      if (this.tails.get(groupId) === tail) this.tails.delete(groupId)
    }
  }

  private async attemptAll (meta: WriteMeta | null, work: (tx: Tx) => Promise<Answer>): Promise<Outcome> {
    for (let attempt = 1; ; attempt++) {
      let result = { ok: false, error: new Error('the write did not settle') } as Settled
      const job: Job = {
        meta,
        work,
        resolve: outcome => { result = { ok: true, outcome } },
        reject: error => { result = { ok: false, error } }
      }
      try {
        await this.db.transaction().execute(async tx => {
          if (meta?.retry != null) await lockUntilCommit(tx, `idempotency:${meta.retry.actor.id}:${meta.retry.key}`)
          if (meta?.groupId != null) await lockUntilCommit(tx, `group:${meta.groupId}`)
          await this.step(tx, job)
        })
        this.stats.commits++
        this.stats.writes++
        job.settle?.()
      } catch (e) {
        result = { ok: false, error: e }
      }
      if (result.ok) return result.outcome
      if (!isRetryable(result.error) || attempt === MAX_ATTEMPTS) throw result.error
      await sleep(Math.random() * 5 * attempt)
    }
  }
}
