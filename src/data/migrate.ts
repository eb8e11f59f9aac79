import { Migrator, PostgresAdapter, sql, type MigrationProvider } from 'kysely'
import { migrations } from '../../db/migrations/index.js'
import type { Db } from './connect.js'

const provider: MigrationProvider = { getMigrations: async () => migrations }

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrate (db: Db): Promise<string[]> {
  // On PostgreSQL the bookkeeping tables live in the schema the ledger is created in (the first of the search_path):
  // Kysely would otherwise take another schema's kysely_migration for this one's.
  const schema = db.getExecutor().adapter instanceof PostgresAdapter
    ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
    : undefined
  const migrator = new Migrator({ db, provider, ...(schema === undefined ? {} : { migrationTableSchema: schema }) })
  const { error, results } = await migrator.migrateToLatest()
  if (error !== undefined) {
    const failed = results?.find(r => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`)
  }
  return (results ?? []).filter(r => r.status === 'Success').map(r => r.migrationName)
}
