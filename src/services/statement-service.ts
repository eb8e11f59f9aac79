import type { Db } from '../data/connect.js'
import { inSnapshot } from '../data/snapshot.js'
import { buildStatement as build, NEEDS_ENTRIES, type StatementParams } from '../domain/statements/build.js'
import type { Statement, StatementKind } from '../domain/statements/model.js'
import { loadBooks } from './books-service.js'
import { checkpointOf } from './checkpoint-service.js'
import type { Env } from './context.js'

export type { StatementParams }

/**
 * A statement of the group's books as they stand (src/domain/statements: the same code the offline verifier runs),
 * with the signed checkpoint of those very books.
 */
export async function buildStatement (db: Db, env: Env, groupId: string, kind: StatementKind, p: StatementParams): Promise<Statement> {
  return await inSnapshot(db, async tx => {
    const books = await loadBooks(tx, groupId, NEEDS_ENTRIES[kind] ? { entries: true } : { entries: false, from: p.from, to: p.to })
    return { ...build(books, kind, p), checkpoint: await checkpointOf(tx, env, groupId) }
  })
}
