import SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import type { Store } from './connect.js'

/** Rows sent to PostgreSQL per INSERT. */
const CHUNK = 500

export interface CopyReport {
  /** Rows copied per table, in the order they were copied. */
  tables: Array<{ table: string, rows: number }>
  groupIds: string[]
}

/**
 * Copies a SQLite ledger (or one group of it) into a migrated, PostgreSQL store, in one transaction: everything or
 * nothing. Tables go in the order SQLite created them, which is an order their foreign keys allow, except that an
 * entry's lines go before the entries (the entry's insert trigger checks its lines); entries go in seq order, so
 * PostgreSQL's own triggers check every entry's balance, seq and link again on the way in. Rows are copied as stored:
 * ids, times, actors and hashes do not change, so the chain heads must come out the same.
 *
 * For one group, its rows are the ones carrying its group_id (or belonging to its loans or meetings), plus the API keys
 * that may use it; idempotency keys belong to no group and stay behind.
 */
export async function copyToPostgres (from: string, to: Store, groupId: string | null = null): Promise<CopyReport> {
  if (to.dialect !== 'postgres') throw new Error('the target must be PostgreSQL')
  const source = new SQLite(from, { readonly: true, fileMustExist: true })
  source.defaultSafeIntegers(true)
  try {
    const tables = copyOrder(source)
    const groupIds = groupId === null
      ? (source.prepare('SELECT id FROM groups ORDER BY id').all() as Array<{ id: string }>).map(r => r.id)
      : [groupId]
    if (groupId !== null && groupIds.length > 0 && source.prepare('SELECT 1 FROM groups WHERE id = ?').get(groupId) === undefined) {
      throw new Error(`no group ${groupId} in ${from}`)
    }
    const report: CopyReport = { tables: [], groupIds }
    await to.db.transaction().execute(async tx => {
      const existing = await tx.selectFrom('groups').select('id').where(eb => groupId === null ? eb.lit(true) : eb('id', '=', groupId)).limit(1).execute()
      if (existing.length > 0) throw new Error(groupId === null ? 'the target already holds groups: copy into an empty database' : `the target already holds group ${groupId}`)
      for (const table of tables) {
        const read = readRows(source, table, groupId)
        if (read === null) continue
        let rows = 0
        let chunk: Array<Record<string, unknown>> = []
        const flush = async (): Promise<void> => {
          if (chunk.length === 0) return
          const columns = Object.keys(chunk[0] ?? {})
          const values = chunk.map(r => sql`(${sql.join(columns.map(c => r[c]))})`)
          // API keys may already be there (an admin key, when groups move one by one): the first one stays.
          const conflict = table === 'api_keys' ? sql` ON CONFLICT (id) DO NOTHING` : sql``
          await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map(c => sql.id(c)))}) VALUES ${sql.join(values)}${conflict}`.execute(tx)
          rows += chunk.length
          chunk = []
        }
        for (const row of read) {
          chunk.push(row)
          if (chunk.length >= CHUNK) await flush()
        }
        await flush()
        report.tables.push({ table, rows })
      }
    })
    return report
  } finally {
    source.close()
  }
}

/**
 * Every ledger table in creation order, each after the tables its foreign keys name (a table rebuilt by a migration is
 * created late), journal lines moved before the entries; web sign-ins stay behind (sign in again).
 */
function copyOrder (db: SQLite.Database): string[] {
  const created = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%' AND name <> 'web_sessions' ORDER BY rowid").all() as Array<{ name: string }>).map(r => r.name)
  const parents = new Map(created.map(n => [n, (db.prepare('SELECT "table" AS parent FROM pragma_foreign_key_list(?)').all(n) as Array<{ parent: string }>).map(r => r.parent).filter(p => p !== n && created.includes(p))]))
  const names: string[] = []
  while (names.length < created.length) {
    const next = created.find(n => !names.includes(n) && (parents.get(n) ?? []).every(p => names.includes(p)))
    if (next === undefined) throw new Error('the tables\' foreign keys form a cycle')
    names.push(next)
  }
  const rest = names.filter(n => n !== 'journal_lines')
  rest.splice(rest.indexOf('journal_entries'), 0, 'journal_lines')
  return rest
}

function columnsOf (db: SQLite.Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Array<{ name: string }>).map(r => r.name)
}

/** The rows of a table to copy, in an order the target's triggers accept; null when the table has none for a group. */
function readRows (db: SQLite.Database, table: string, groupId: string | null): Iterable<Record<string, unknown>> | null {
  const columns = columnsOf(db, table)
  const order = table === 'journal_entries' ? ' ORDER BY group_id, seq' : table === 'journal_lines' ? ' ORDER BY group_id, seq, line_no' : ' ORDER BY rowid'
  const all = `SELECT * FROM "${table}"`
  if (groupId === null) return db.prepare(all + order).iterate() as Iterable<Record<string, unknown>>
  if (columns.includes('group_id')) return db.prepare(`${all} WHERE group_id = ?${order}`).iterate(groupId) as Iterable<Record<string, unknown>>
  if (table === 'groups') return db.prepare(`${all} WHERE id = ?`).iterate(groupId) as Iterable<Record<string, unknown>>
  if (columns.includes('loan_id')) return db.prepare(`${all} WHERE loan_id IN (SELECT id FROM loans WHERE group_id = ?)${order}`).iterate(groupId) as Iterable<Record<string, unknown>>
  if (columns.includes('meeting_id')) return db.prepare(`${all} WHERE meeting_id IN (SELECT id FROM meetings WHERE group_id = ?)${order}`).iterate(groupId) as Iterable<Record<string, unknown>>
  if (table === 'api_keys') {
    return db.prepare(`${all} WHERE group_ids IS NULL OR EXISTS (SELECT 1 FROM json_each(api_keys.group_ids) WHERE value = ?)${order}`).iterate(groupId) as Iterable<Record<string, unknown>>
  }
  return null
}
