import type { Tx } from '../data/connect.js'
import { savepoint } from '../data/savepoints.js'
import { DomainError, InvalidFields } from '../domain/errors.js'

export type ItemResult<T> = { ok: true, value: T } | { ok: false, error: DomainError }

/**
 * Runs each item in a savepoint of its own inside the caller's transaction: a refused item is undone alone and the
 * others stand (independent batch). Anything but a refusal aborts the whole batch.
 */
export async function independently<T> (tx: Tx, items: ReadonlyArray<(tx: Tx) => Promise<T>>): Promise<Array<ItemResult<T>>> {
  const out: Array<ItemResult<T>> = []
  for (const item of items) {
    await savepoint.begin(tx, 'lumbung_item')
    try {
      const value = await item(tx)
      await savepoint.release(tx, 'lumbung_item')
      out.push({ ok: true, value })
    } catch (e) {
      await savepoint.rollback(tx, 'lumbung_item')
      if (!(e instanceof DomainError)) throw e
      out.push({ ok: false, error: e })
    }
  }
  return out
}

/** Runs every item or none (atomic batch): the first refusal names its item and undoes them all. */
export async function atomically<T> (tx: Tx, items: ReadonlyArray<(tx: Tx) => Promise<T>>): Promise<T[]> {
  const out: T[] = []
  for (const [i, item] of items.entries()) {
    try {
      out.push(await item(tx))
    } catch (e) {
      if (!(e instanceof DomainError)) throw e
      const errors = e.errors.map(x => ({ ...x, path: x.path.startsWith('/') ? x.path : `entries/${i}/${x.path}` }))
      throw e instanceof InvalidFields ? new InvalidFields(errors) : new DomainError(e.code, `entries[${i}]: ${e.detail}`, errors)
    }
  }
  return out
}
