import { setTimeout as sleep } from 'node:timers/promises'
import { isRetryable, lockUntilCommit } from '../data/locks.js'
import { type Job, type WriteJob, Writer } from './writer.js'

type Settled = { ok: true, value: unknown } | { ok: false, error: unknown }

/** Most times a write is run again after a serialization failure or a deadlock. */
const MAX_ATTEMPTS = 8
/** Most writes of one group gathered into one transaction. */
const MAX_BATCH = 256

/** A queued write of a group, with what it settled to in the transaction that ran it and how often it ran. */
interface Queued {
  job: WriteJob<unknown>
  resolve: (value: unknown) => void
  reject: (e: unknown) => void
  attempts: number
}

/**
 * The writer on PostgreSQL, with the same savepoint and refusal steps as the single SQLite writer.
 *
 * Writes of a group go through the group's own queue: whatever queued while the group's last transaction ran goes
 * into its next one, each write in a savepoint of its own (group commit, per group), so one commit serves many
 * requests and groups still write in parallel on the pool. The transaction first locks what its writes name (their
 * `locks`, e.g. Idempotency-Keys, in sorted order), then the group (an advisory lock), so `seq` stays gapless and each entry chains onto the
 * head the previous writer committed, also across processes (READ COMMITTED: every statement after the lock sees that
 * commit), and identical requests in flight run once while the second replays. Locks are always taken in that order,
 * so writers cannot deadlock on them; a serialization failure or deadlock elsewhere runs the write (or, when the commit
 * fails, the whole batch) again. Writes outside any group run each in a transaction of their own.
 */
export class PostgresWriter extends Writer {
  private readonly queues = new Map<string, Queued[]>()

  override async run<T> (job: WriteJob<T>): Promise<T> {
    const groupId = job.groupId
    if (groupId === null) return await this.alone(job)
    return await new Promise<T>((resolve, reject) => {
      const queue = this.queues.get(groupId)
      const queued: Queued = { job: job as WriteJob<unknown>, resolve: resolve as (value: unknown) => void, reject, attempts: 0 }
      if (queue !== undefined) {
        queue.push(queued)
        return
      }
      this.queues.set(groupId, [queued])
      void this.drainGroup(groupId)
    })
  }

  /** Runs the group's queue until it is empty; the queue stays in the map while it drains, so new writes join it. */
  private async drainGroup (groupId: string): Promise<void> {
    const queue = this.queues.get(groupId) ?? []
    try {
      while (queue.length > 0) {
        // One turn of the event loop, so that requests arriving now join this batch.
        await new Promise<void>(resolve => { setImmediate(resolve) })
        const batch = queue.splice(0, MAX_BATCH)
        const again = await this.runBatch(groupId, batch)
        queue.unshift(...again)
      }
    } finally {
      this.queues.delete(groupId)
    }
  }

  /** One transaction for a batch; answers what settled and returns the writes to run again. */
  private async runBatch (groupId: string, batch: Queued[]): Promise<Queued[]> {
    const results = new Map<Queued, Settled>()
    const jobs = batch.map((q): [Queued, Job] => {
      q.attempts++
      return [q, {
        job: q.job,
        resolve: value => { results.set(q, { ok: true, value }) },
        reject: error => { results.set(q, { ok: false, error }) }
      }]
    })
    try {
      await this.db.transaction().execute(async tx => {
        const keys = [...new Set(batch.flatMap(q => q.job.locks ?? []))].sort()
        for (const key of keys) await lockUntilCommit(tx, key)
        await lockUntilCommit(tx, `group:${groupId}`)
        for (const [, job] of jobs) await this.step(tx, job)
      })
    } catch (e) {
      // The commit failed: nothing of the batch is on disk. A retryable failure runs it all again.
      if (isRetryable(e) && batch.every(q => q.attempts < MAX_ATTEMPTS)) {
        await sleep(Math.random() * 5 * (batch[0]?.attempts ?? 1))
        return batch
      }
      for (const q of batch) q.reject(e)
      return []
    }
    this.stats.commits++
    this.stats.writes += batch.length
    const again: Queued[] = []
    for (const [q, job] of jobs) {
      job.settle?.()
      const r = results.get(q) ?? { ok: false, error: new Error('the write did not settle') }
      // A write that met a deadlock or serialization failure was rolled back to its savepoint: it runs again.
      if (!r.ok && isRetryable(r.error) && q.attempts < MAX_ATTEMPTS) again.push(q)
      else if (r.ok) q.resolve(r.value)
      else q.reject(r.error)
    }
    return again
  }

  /** A write outside any group: a transaction of its own, run again after a serialization failure or a deadlock. */
  private async alone<T> (write: WriteJob<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let result = { ok: false, error: new Error('the write did not settle') } as Settled
      const job: Job = {
        job: write as WriteJob<unknown>,
        resolve: value => { result = { ok: true, value } },
        reject: error => { result = { ok: false, error } }
      }
      try {
        await this.db.transaction().execute(async tx => {
          for (const lock of [...(write.locks ?? [])].sort()) await lockUntilCommit(tx, lock)
          await this.step(tx, job)
        })
        this.stats.commits++
        this.stats.writes++
        job.settle?.()
      } catch (e) {
        result = { ok: false, error: e }
      }
      if (result.ok) return result.value as T
      if (!isRetryable(result.error) || attempt === MAX_ATTEMPTS) throw result.error
      await sleep(Math.random() * 5 * attempt)
    }
  }
}
