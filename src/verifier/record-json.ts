import type { HashedRecord, Row } from '../domain/records/record-chain.js'

/*
 * records.jsonl holds the group's record chain, one record per line in seq order, as the service stores it; this file
 * reads a line back strictly, as data.
 */
const RECORD_KEYS = ['groupId', 'seq', 'table', 'id', 'createdAt', 'body', 'prevHash', 'hash']
const HASH_RE = /^[0-9a-f]{64}$/

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

function row (v: unknown, at: string): Row {
  if (!isObj(v)) throw new Error(`${at} must be an object of columns`)
  const out: Row = {}
  for (const [k, x] of Object.entries(v)) {
    if (x !== null && typeof x !== 'string') throw new Error(`${at}.${k} must be text or null`)
    out[k] = x
  }
  return out
}

/** One records.jsonl line: every field present with its type, nothing else; throws an Error saying what is wrong. */
export function parseRecordJson (text: string): HashedRecord {
  let v: unknown
  try { v = JSON.parse(text) } catch (err) { throw new Error(`not JSON (${(err as Error).message})`) }
  if (!isObj(v)) throw new Error('not a JSON object')
  const extra = Object.keys(v).find(k => !RECORD_KEYS.includes(k))
  if (extra !== undefined) throw new Error(`unknown field "${extra}"`)
  const { groupId, seq, table, id, createdAt, body, prevHash, hash } = v
  if (typeof groupId !== 'string' || groupId === '') throw new Error('groupId must be a non-empty string')
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) throw new Error('seq must be a positive integer')
  if (typeof table !== 'string' || typeof id !== 'string' || typeof createdAt !== 'string') throw new Error('table, id and createdAt must be strings')
  if (typeof prevHash !== 'string' || !HASH_RE.test(prevHash) || typeof hash !== 'string' || !HASH_RE.test(hash)) throw new Error('prevHash and hash must be 64 lowercase hex digits')
  if (!isObj(body) || Object.keys(body).some(k => k !== 'row' && k !== 'children')) throw new Error('body must be {row, children?}')
  const children: Record<string, Row[]> = {}
  if (body.children !== undefined) {
    if (!isObj(body.children)) throw new Error('body.children must be an object of tables')
    for (const [t, rows] of Object.entries(body.children)) {
      if (!Array.isArray(rows)) throw new Error(`body.children.${t} must be a list of rows`)
      children[t] = rows.map((r, i) => row(r, `body.children.${t}[${i}]`))
    }
  }
  return {
    groupId, seq, table, id, createdAt, prevHash, hash,
    body: body.children === undefined ? { row: row(body.row, 'body.row') } : { row: row(body.row, 'body.row'), children }
  }
}
