import { sql } from 'kysely'
import type { Tx } from './connect.js'

/**
 * PostgreSQL advisory locks held until the transaction ends. A lock is named by text, hashed to the 64-bit key
 * PostgreSQL locks on; two names that hash alike only serialise more than needed, never less.
 */
export async function lockUntilCommit (tx: Tx, name: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${name}, 0))`.execute(tx)
}

/** SQLSTATEs after which the whole transaction may simply be run again: serialization failure, deadlock. */
const RETRYABLE = new Set(['40001', '40P01'])

export function isRetryable (e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' && RETRYABLE.has(code)
}
