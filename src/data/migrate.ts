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

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrate (db: Db): Promise<string[]> {
  const migrator = await migratorFor(db)
  const { error, results } = await migrator.migrateToLatest()
  if (error !== undefined) {
    const failed = results?.find(r => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`)
  }
  return (results ?? []).filter(r => r.status === 'Success').map(r => r.migrationName)
}
