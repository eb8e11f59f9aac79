import { sql, type Insertable, type RawBuilder } from 'kysely'
import type { Db, Tx } from './connect.js'
import type { Database } from './database.js'

type Q = Db | Tx

/*
 * The posting path's statements written as SQL text through Kysely's `sql` tag. Each posting runs about fifteen small
 * statements, and Kysely's query builder (building, freezing and compiling the operation tree) costs more than SQLite's
 * own work for them: the tag compiles a flat list of text and values instead. The tag still binds every value as a
 * parameter in the dialect's own style (`?` or `$1`), so the same text runs on SQLite and PostgreSQL. Column names come
 * from the typed rows below, never from a request.
 */

/** The column list of a table's insert, quoted, made once per table and column order. */
const columnLists = new Map<string, RawBuilder<unknown>>()

function columnList (table: string, columns: readonly string[]): RawBuilder<unknown> {
  const key = `${table}(${columns.join(',')})`
  let list = columnLists.get(key)
  if (list === undefined) {
    list = sql.raw(`insert into "${table}" (${columns.map(c => `"${c}"`).join(', ')}) values `)
    columnLists.set(key, list)
  }
  return list
}

/** Inserts rows, each with the same columns in the same order, in one statement. */
export async function insertRows<T extends keyof Database & string> (db: Q, table: T, rows: ReadonlyArray<Insertable<Database[T]>>): Promise<void> {
  const first = rows[0]
  if (first === undefined) return
  const columns = Object.keys(first) as Array<keyof typeof first & string>
  const values = sql.join(rows.map(r => sql`(${sql.join(columns.map(c => r[c]))})`))
  await sql`${columnList(table, columns)}${values}`.execute(db)
}

/** The rows of a query written with the `sql` tag, typed as the caller declares them. */
export async function rowsOf<R> (db: Q, query: RawBuilder<R>): Promise<R[]> {
  return (await query.execute(db)).rows
}
