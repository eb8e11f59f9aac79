import { sql } from 'kysely'
import type { Tx } from './connect.js'

/** One request's share of a group-commit transaction: undone alone on refusal, kept on success. */
export const savepoint = {
  begin: async (tx: Tx): Promise<void> => { await sql`savepoint lumbung_write`.execute(tx) },
  release: async (tx: Tx): Promise<void> => { await sql`release savepoint lumbung_write`.execute(tx) },
  rollback: async (tx: Tx): Promise<void> => {
    await sql`rollback to savepoint lumbung_write`.execute(tx)
    await sql`release savepoint lumbung_write`.execute(tx)
  }
}
