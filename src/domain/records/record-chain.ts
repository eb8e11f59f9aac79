import { canonicalJson, GENESIS_HASH, sha256Hex, type Json } from '../ledger/hash-chain.js'
import type { ChildTable, ProtectedTable } from './protected-tables.js'

/**
 * The record chain: per group, every protected row (see protected-tables.ts) as it was inserted, in order, each record
 * hashed with the one before it like the journal's entries. A row as the chain keeps it has every column as text or
 * null: a whole number as its digits, whichever driver read it (SQLite's bigint, PostgreSQL's string or number), so the
 * same row gives the same record on both databases and a value that is no longer a whole number shows.
 */
export type Row = Record<string, string | null>

export interface RecordBody {
  row: Row
  /** Child rows by table, each list in key order. */
  children?: Record<string, Row[]>
}

export interface ChainedRecord {
  groupId: string
  seq: number
  table: string
  id: string
  createdAt: string
  body: RecordBody
  prevHash: string
}

export type HashedRecord = ChainedRecord & { hash: string }

export { GENESIS_HASH }

/** A row as a driver returned it (or as it is about to be inserted), in the chain's form. Throws on a value no column of ours holds. */
export function normalizeRow (raw: Readonly<Record<string, unknown>>): Row {
  const row: Row = {}
  for (const [k, v] of Object.entries(raw)) {
    if (v === null || v === undefined) row[k] = null
    else if (typeof v === 'string') row[k] = v
    else if (typeof v === 'bigint') row[k] = v.toString()
    else if (typeof v === 'number') row[k] = Number.isFinite(v) ? String(v) : `non-finite ${String(v)}`
    else if (typeof v === 'boolean') row[k] = v ? 'true' : 'false'
    else throw new Error(`column ${k} holds a ${typeof v}, which no recorded column holds`)
  }
  return row
}

/** A row's id within its group: its key columns, joined with `/`. */
export function keyOf (key: readonly string[], row: Row): string {
  return key.map(k => row[k] ?? '').join('/')
}

const byKey = (key: readonly string[]) => (a: Row, b: Row): number => {
  const x = keyOf(key, a)
  const y = keyOf(key, b)
  // Keys that are whole numbers (an instalment's n, a decision's position) sort as numbers.
  if (/^\d+$/.test(x) && /^\d+$/.test(y) && x.length !== y.length) return x.length - y.length
  return x < y ? -1 : x > y ? 1 : 0
}

/** The record of a row and its children, children in key order: the same rows always give the same body. */
export function recordBody (table: ProtectedTable, row: Row, children: Readonly<Record<string, readonly Row[]>> = {}): RecordBody {
  if (table.children.length === 0) return { row }
  const sorted: Record<string, Row[]> = {}
  for (const c of table.children) sorted[c.table] = [...(children[c.table] ?? [])].sort(byKey(c.key))
  return { row, children: sorted }
}

function bodyJson (b: RecordBody): Json {
  return b.children === undefined ? { row: b.row } : { children: b.children, row: b.row }
}

export function canonicalRecord (r: ChainedRecord): string {
  return canonicalJson({ body: bodyJson(r.body), createdAt: r.createdAt, groupId: r.groupId, id: r.id, prevHash: r.prevHash, seq: r.seq, table: r.table })
}

export function recordHash (r: ChainedRecord): string {
  return sha256Hex(canonicalRecord(r))
}

/** Why `r` does not follow `prev` in the record chain, or null when it does. */
export function brokenRecordLink (prev: { seq: number, hash: string }, r: HashedRecord): string | null {
  if (r.seq !== prev.seq + 1) return `record ${prev.seq + 1} is missing (found ${r.seq})`
  if (r.prevHash !== prev.hash) return 'prevHash does not match the previous record\'s hash'
  if (recordHash(r) !== r.hash) return 'hash does not match the record\'s content'
  return null
}

const show = (v: string | null | undefined): string => v === null || v === undefined ? 'null' : JSON.stringify(v)

function rowDifference (recorded: Row, found: Row): string | null {
  const columns = [...new Set([...Object.keys(recorded), ...Object.keys(found)])].sort()
  for (const c of columns) {
    // A column added by a later migration is absent from older records: it must then still be empty.
    const want = recorded[c] ?? null
    const got = found[c] ?? null
    if (want !== got) return `column ${c} is ${show(got)}, the record chain says ${show(want)}`
  }
  return null
}

/** How the stored row (and its children) differ from their record, naming the first column that does; null when equal. */
export function bodyDifference (table: ProtectedTable, recorded: RecordBody, found: RecordBody): string | null {
  const own = rowDifference(recorded.row, found.row)
  if (own !== null) return own
  for (const c of table.children) {
    const want = recorded.children?.[c.table] ?? []
    const got = found.children?.[c.table] ?? []
    const diff = childDifference(c, want, got)
    if (diff !== null) return `${c.table}: ${diff}`
  }
  return null
}

function childDifference (c: ChildTable, want: readonly Row[], got: readonly Row[]): string | null {
  const wanted = new Map(want.map(r => [keyOf(c.key, r), r]))
  const found = new Map(got.map(r => [keyOf(c.key, r), r]))
  for (const [k, r] of wanted) {
    const g = found.get(k)
    if (g === undefined) return `row ${k} was deleted`
    const d = rowDifference(r, g)
    if (d !== null) return `row ${k}: ${d}`
  }
  for (const k of found.keys()) if (!wanted.has(k)) return `row ${k} is not in the record chain`
  if (got.length !== found.size) return 'two rows share a key'
  return null
}
