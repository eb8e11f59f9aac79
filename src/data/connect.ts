import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase, type Transaction } from 'kysely'
import pg from 'pg'
import type { Database } from './database.js'

export type Db = Kysely<Database>
export type Tx = Transaction<Database>
export type Dialect = 'sqlite' | 'postgres'

/** A connected store: `db` for writes (one writer on SQLite), `reader` for reads that need not wait behind a write. */
export interface Store {
  dialect: Dialect
  db: Db
  reader: Db
  close: () => Promise<void>
}

export function isPostgresUrl (url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url)
}

/**
 * Opens the database named by `url`: a postgres:// URL selects PostgreSQL; anything else is a SQLite file path
 * (":memory:" for tests). SQLite runs in WAL mode with synchronous=FULL, so a committed write is on disk.
 */
export function connect (url: string, opts: { readOnly?: boolean } = {}): Store {
  const readOnly = opts.readOnly ?? false
  if (isPostgresUrl(url)) {
    // PostgreSQL bigint and numeric come back as text; repositories turn them into bigint. Reads have a pool of their
    // own, so that writes waiting for their group's lock never hold up a read. Read-only: every transaction is (a hot
    // standby is anyway; on a primary the setting makes the database itself refuse a write).
    const connectionString = readOnly ? withOption(url, '-c default_transaction_read_only=on') : url
    const pooled = (): Db => new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString, max: 10 }) }) })
    const [db, reader] = [pooled(), pooled()]
    return { dialect: 'postgres', db, reader, close: async () => { await reader.destroy(); await db.destroy() } }
  }
  const memory = url === ':memory:'
  if (!memory && !readOnly) mkdirSync(dirname(url), { recursive: true })
  if (!memory && readOnly && !existsSync(url)) throw new Error(`no database file at ${url}: a read-only server opens an existing one`)
  // Read-only: the file must exist, and both connections refuse writes (query_only).
  const writer = openSqlite(url, readOnly)
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingPrepares(writer) }) })
  // A second connection reads the last committed state while the writer holds a transaction (WAL). In memory
  // there is only one database, so reads share the writer.
  const reader = memory ? db : new Kysely<Database>({ dialect: new SqliteDialect({ database: async () => cachingPrepares(openSqlite(url, true)) }) })
  return {
    dialect: 'sqlite',
    db,
    reader,
    close: async () => {
      if (reader !== db) await reader.destroy()
      await db.destroy()
    }
  }
}

/** The URL with a run-time setting added to its libpq `options` (those in the URL win over the pool's own). */
export function withOption (url: string, option: string): string {
  const u = new URL(url)
  u.searchParams.set('options', [u.searchParams.get('options'), option].filter(o => o !== null && o !== '').join(' '))
  return u.toString()
}

/** Most distinct statements kept prepared per connection. */
const STATEMENT_CACHE = 1000

/**
 * Kysely prepares every query anew; preparing costs more than running the small statements of a posting. One connection
 * runs one statement at a time, so a prepared statement can be kept and reused for the same SQL text.
 */
function cachingPrepares (conn: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>()
  return {
    close: () => { conn.close() },
    prepare: (sql: string) => {
      let stmt = cache.get(sql)
      if (stmt === undefined) {
        stmt = conn.prepare(sql)
        if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value ?? '')
        cache.set(sql, stmt)
      }
      return stmt
    }
  }
}

function openSqlite (path: string, readonly = false): SQLite.Database {
  const conn = new SQLite(path, { fileMustExist: readonly })
  conn.defaultSafeIntegers(true)
  conn.pragma('busy_timeout = 5000')
  // 8 MB of page cache per connection (better-sqlite3 builds SQLite with 16 MB): the writer touches the tails of a
  // few indexes, and reports read the daily totals, so the smaller cache costs nothing measurable and saves memory.
  conn.pragma('cache_size = -8000')
  conn.pragma('foreign_keys = ON')
  if (!readonly) {
    conn.pragma('journal_mode = WAL')
    conn.pragma('synchronous = FULL')
  } else {
    conn.pragma('query_only = ON')
  }
  return conn
}
