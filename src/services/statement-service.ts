import type { Db } from '../data/connect.js'
import { buildStatement as build, NEEDS_ENTRIES, type StatementParams } from '../domain/statements/build.js'
import type { Statement, StatementKind } from '../domain/statements/model.js'
import { loadBooks } from './books-service.js'

export type { StatementParams }

/** A statement of the group's books as they stand (src/domain/statements: the same code the offline verifier runs). */
export async function buildStatement (db: Db, groupId: string, kind: StatementKind, p: StatementParams): Promise<Statement> {
  return build(await loadBooks(db, groupId, { entries: NEEDS_ENTRIES[kind] }), kind, p)
}
