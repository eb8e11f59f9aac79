import { Migrator, PostgresAdapter, sql, type MigrationProvider } from 'kysely'
import { migrations } from '../../db/migrations/index.js'
import type { Db } from './connect.js'

const provider: MigrationProvider = { getMigrations: async () => migrations }

/**
 * The migrator for this database. On PostgreSQL the bookkeeping tables live in the schema the ledger is created in (the
 * first of the search_path): Kysely would otherwise take another schema's kysely_migration for this one's.
 */
async function migratorFor (db: Db): Promise<Migrator> {
  const schema = db.getExecutor().adapter instanceof PostgresAdapter
    ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
    : undefined
  return new Migrator({ db, provider, ...(schema === undefined ? {} : { migrationTableSchema: schema }) })
}

/** The migrations this code knows that the database has not had; reads only (for a read-only start). */
export async function pendingMigrations (db: Db): Promise<string[]> {
  return (await (await migratorFor(db)).getMigrations()).filter(m => m.executedAt === undefined).map(m => m.name)
}

/**
 * Brings the schema up to date; throws with the failing migration's name. On SQLite, foreign keys are off while the
 * migrations run (in one transaction), as SQLite's procedure for rebuilding a table asks: a migration that rebuilds one
 * checks every foreign key itself before it ends (see db/migrations/0016_member_access.ts).
 */
export async function migrate (db: Db): Promise<string[]> {
  const migrator = await migratorFor(db)
  const sqlite = !(db.getExecutor().adapter instanceof PostgresAdapter)
  if (sqlite) await sql`pragma foreign_keys = off`.execute(db)
  const { error, results } = await migrator.migrateToLatest().finally(async () => {
    if (sqlite) await sql`pragma foreign_keys = on`.execute(db)
  })
  if (error !== undefined) {
    const failed = results?.find(r => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`)
  }
  return (results ?? []).filter(r => r.status === 'Success').map(r => r.migrationName)
}
