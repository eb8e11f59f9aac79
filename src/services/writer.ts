import type { Db, Tx } from '../data/connect.js'
import { savepoint } from '../data/savepoints.js'
import { DomainError } from '../domain/errors.js'

export type { Tx }

/**
 * One write: its work, run inside the writer's transaction in a savepoint of its own.
 * - `groupId`: the group it writes to (PostgreSQL: writes of a group queue behind each other; SQLite has one queue).
 * - `locks`: advisory lock names taken, sorted, before the group's (PostgreSQL), e.g. a retry key's.
 * - `onRefusal`: runs in the same transaction after a DomainError rolled the work back (to remember the refusal).
 */
export interface WriteJob<T> {
  groupId: string | null
  locks?: readonly string[]
  work: (tx: Tx) => Promise<T>
  onRefusal?: (tx: Tx, error: DomainError) => Promise<void>
}

/** A queued write and how its caller hears of it once the transaction holding it has committed. */
export interface Job {
  job: WriteJob<unknown>
  resolve: (value: unknown) => void
  reject: (e: unknown) => void
  settle?: () => void
}

/** Most writes gathered into one transaction. */
const MAX_BATCH = 256

/**
 * The single writer. Writes queue here; whatever has queued while one transaction commits goes into the next one, each
 * write in a savepoint of its own, so many writes share one fsync (group commit). A refusal rolls back its savepoint
 * only. A result is handed back only after the transaction holding it has committed, so a success means the change is
 * on disk. The writer knows nothing of what its writes mean: requests, answers and retries are its callers' business.
 */
export class Writer {
  private readonly queue: Job[] = []
  private draining = false
  /** Transactions committed and writes they carried: the ratio shows how well commits are shared. */
  readonly stats = { commits: 0, writes: 0 }

  constructor (protected readonly db: Db) {}

  run<T> (job: WriteJob<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ job: job as WriteJob<unknown>, resolve: resolve as (value: unknown) => void, reject })
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
          // The commit itself failed: nothing of this batch is on disk, so no write of it may succeed.
          for (const job of batch) job.reject(e)
        }
      }
    } finally {
      this.draining = false
    }
  }

  /** One write in its savepoint; what it settles to is handed on once the transaction commits. */
  protected async step (tx: Tx, queued: Job): Promise<void> {
    await savepoint.begin(tx)
    try {
      const value = await queued.job.work(tx)
      await savepoint.release(tx)
      queued.settle = () => { queued.resolve(value) }
    } catch (e) {
      await savepoint.rollback(tx)
      if (e instanceof DomainError && queued.job.onRefusal !== undefined) await queued.job.onRefusal(tx, e)
      queued.settle = () => { queued.reject(e) }
    }
  }
}
