import type { Db, Tx } from './connect.js'

/**
 * Runs reads on one consistent state of the database: a SQLite read transaction (WAL keeps its snapshot while the
 * writer commits) or a PostgreSQL REPEATABLE READ, READ ONLY transaction. What a statement's figures and its signed
 * checkpoint come from must be the same books.
 */
export async function inSnapshot<T> (db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return await db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(work)
}
