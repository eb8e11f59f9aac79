import pg from 'pg'
import { connect } from '../../src/data/connect.js'
import { copyToPostgres } from '../../src/data/copy-to-postgres.js'
import { migrate } from '../../src/data/migrate.js'

/** `url` with every connection's search_path set to `schema` (libpq options). */
export function inSchema (url: string, schema: string): string {
  const u = new URL(url)
  u.searchParams.set('options', `-c search_path=${schema}`)
  return u.toString()
}

/**
 * The bench's PostgreSQL mode: a schema of its own in the given database, migrated, with the SQLite fixture copied in
 * through the same path as `npm run migrate-to-postgres` (PostgreSQL's triggers check every entry on the way in).
 */
export async function postgresFixture (url: string, sqliteFixture: string): Promise<{ url: string, ms: number, drop: () => Promise<void> }> {
  const schema = `lumbung_bench_${process.pid}`
  const admin = async (statement: string): Promise<void> => {
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    try { await c.query(statement) } finally { await c.end() }
  }
  await admin(`CREATE SCHEMA ${schema}`)
  const started = performance.now()
  const target = connect(inSchema(url, schema))
  try {
    await migrate(target.db)
    await copyToPostgres(sqliteFixture, target)
  } finally {
    await target.close()
  }
  // Fresh statistics for the planner, as autovacuum would gather soon after a real move.
  await admin('ANALYZE')
  return { url: inSchema(url, schema), ms: performance.now() - started, drop: async () => { await admin(`DROP SCHEMA ${schema} CASCADE`) } }
}
