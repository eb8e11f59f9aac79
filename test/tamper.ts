import { sql } from 'kysely'
import type { Api } from './helpers.js'
import { onPostgres } from './helpers.js'

/**
 * Edits the database as an attacker with the file (or the owner's login) would: every trigger dropped (SQLite) or
 * bypassed (PostgreSQL: the schema owner, with session_replication_role = replica), foreign keys off, then raw SQL.
 * The service's own role could do none of it.
 */
export async function tamper (api: Api, statements: readonly string[]): Promise<void> {
  const db = api.store.db
  if (onPostgres) {
    await db.transaction().execute(async tx => {
      await sql.raw('SET LOCAL ROLE NONE').execute(tx)
      await sql.raw('SET LOCAL session_replication_role = replica').execute(tx)
      for (const s of statements) await sql.raw(s).execute(tx)
    })
    return
  }
  await sql.raw('PRAGMA foreign_keys = OFF').execute(db)
  const triggers = (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'trigger'`.execute(db)).rows
  for (const t of triggers) await sql.raw(`DROP TRIGGER "${t.name}"`).execute(db)
  for (const s of statements) await sql.raw(s).execute(db)
}

/** A value quoted as an SQL string literal. */
export const lit = (v: string): string => `'${v.replaceAll("'", "''")}'`
