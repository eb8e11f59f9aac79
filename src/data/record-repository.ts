import { sql } from 'kysely'
import { protectedTable, type ProtectedTableName } from '../domain/records/protected-tables.js'
import {
  GENESIS_HASH, keyOf, normalizeRow, recordBody, recordHash, type HashedRecord, type RecordBody, type Row
} from '../domain/records/record-chain.js'
import type { Db, Tx } from './connect.js'
import type { Database } from './database.js'
import { insertRows, rowsOf } from './statements.js'

type Q = Db | Tx
type Values = Record<string, unknown>

export interface RecordHead {
  seq: number
  hash: string
  at: string | null
}

/** The last record of the group's chain; the genesis (seq 0) before the first. */
export async function recordHead (db: Q, groupId: string): Promise<RecordHead> {
  const [r] = await rowsOf(db, sql<{ seq: bigint | number | string, hash: string, created_at: string }>`
    select seq, hash, created_at from records where group_id = ${groupId} order by seq desc limit 1`)
  return r === undefined ? { seq: 0, hash: GENESIS_HASH, at: null } : { seq: Number(r.seq), hash: r.hash, at: r.created_at }
}

/**
 * Inserts protected rows (with their child rows) and, in the same transaction, their records at the end of the group's
 * record chain: no protected row is ever written without the record that verify compares it with.
 */
export async function insertProtected (tx: Tx, groupId: string, table: ProtectedTableName,
  rows: ReadonlyArray<{ row: Values, children?: Readonly<Record<string, readonly Values[]>> }>): Promise<void> {
  if (rows.length === 0) return
  const t = protectedTable(table)
  await insertRows(tx, table, rows.map(r => r.row) as never)
  for (const c of t.children) {
    const childRows = rows.flatMap(r => [...(r.children?.[c.table] ?? [])])
    if (childRows.length > 0) await insertRows(tx, c.table as keyof Database & string, childRows as never)
  }
  await appendRecords(tx, groupId, rows.map(r => {
    const row = normalizeRow(r.row)
    const children: Record<string, Row[]> = {}
    for (const c of t.children) children[c.table] = (r.children?.[c.table] ?? []).map(normalizeRow)
    return { table, id: keyOf(t.key, row), createdAt: row.created_at ?? '', body: recordBody(t, row, children) }
  }))
}

/** Appends records to the group's chain, each linked to the one before. */
export async function appendRecords (tx: Tx, groupId: string, items: ReadonlyArray<{ table: string, id: string, createdAt: string, body: RecordBody }>): Promise<void> {
  let prev = await recordHead(tx, groupId)
  const rows = []
  for (const item of items) {
    const r = { groupId, seq: prev.seq + 1, table: item.table, id: item.id, createdAt: item.createdAt, body: item.body, prevHash: prev.hash }
    const hash = recordHash(r)
    rows.push({
      group_id: groupId, seq: r.seq, table_name: r.table, record_id: r.id, body: JSON.stringify(r.body), created_at: r.createdAt,
      prev_hash: r.prevHash, hash
    })
    prev = { seq: r.seq, hash, at: r.createdAt }
  }
  // One statement per record: the insert rule checks each against the one inserted before it.
  for (const row of rows) await insertRows(tx, 'records', [row])
}

/** A page of the group's records in seq order. */
export async function listRecords (db: Q, groupId: string, afterSeq: number, limit: number): Promise<HashedRecord[]> {
  const rows = await db.selectFrom('records').selectAll().where('group_id', '=', groupId).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute()
  return rows.map(r => ({
    groupId: r.group_id, seq: Number(r.seq), table: r.table_name, id: r.record_id, createdAt: r.created_at,
    body: JSON.parse(r.body) as RecordBody, prevHash: r.prev_hash, hash: r.hash
  }))
}

/** The group's whole record chain, in seq order (read in pages). */
export async function allRecords (db: Q, groupId: string, page = 500): Promise<HashedRecord[]> {
  const all: HashedRecord[] = []
  for (let after = 0; ;) {
    const rows = await listRecords(db, groupId, after, page)
    all.push(...rows)
    const last = rows.at(-1)
    if (last === undefined || rows.length < page) return all
    after = last.seq
  }
}

/** The group's stored rows of a protected table, each with its child rows, in the record chain's form. */
export async function protectedRows (db: Q, groupId: string, table: ProtectedTableName): Promise<Array<{ id: string, body: RecordBody }>> {
  const t = protectedTable(table)
  const parents = (await rowsOf(db, sql<Values>`select * from ${sql.table(table)} where ${sql.ref(t.group)} = ${groupId}`)).map(normalizeRow)
  const children = new Map<string, Map<string, Row[]>>()
  for (const c of t.children) {
    const byParent = new Map<string, Row[]>()
    const rows = await rowsOf(db, sql<Values>`select c.* from ${sql.table(c.table)} c
      where c.${sql.ref(c.parent)} in (select p.${sql.ref(t.key[0] ?? 'id')} from ${sql.table(table)} p where p.${sql.ref(t.group)} = ${groupId})`)
    for (const raw of rows) {
      const row = normalizeRow(raw)
      const parent = row[c.parent] ?? ''
      byParent.set(parent, [...(byParent.get(parent) ?? []), row])
    }
    children.set(c.table, byParent)
  }
  return parents.map(row => {
    const id = keyOf(t.key, row)
    const own: Record<string, Row[]> = {}
    for (const c of t.children) own[c.table] = children.get(c.table)?.get(row[t.key[0] ?? 'id'] ?? '') ?? []
    return { id, body: recordBody(t, row, own) }
  })
}
