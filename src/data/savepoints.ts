import { sql } from 'kysely'
import type { Tx } from './connect.js'

/**
 * A piece of a group-commit transaction that can be undone alone: one request (`lumbung_write`), or one item of an
 * independent batch nested inside it (`lumbung_item`).
 */
export type SavepointName = 'lumbung_write' | 'lumbung_item'

export const savepoint = {
  begin: async (tx: Tx, name: SavepointName = 'lumbung_write'): Promise<void> => { await sql.raw(`savepoint ${name}`).execute(tx) },
  release: async (tx: Tx, name: SavepointName = 'lumbung_write'): Promise<void> => { await sql.raw(`release savepoint ${name}`).execute(tx) },
  rollback: async (tx: Tx, name: SavepointName = 'lumbung_write'): Promise<void> => {
    await sql.raw(`rollback to savepoint ${name}`).execute(tx)
    await sql.raw(`release savepoint ${name}`).execute(tx)
  }
}
