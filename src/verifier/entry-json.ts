import { isIsoDate } from '../domain/dates.js'
import { isEntryKind } from '../domain/ledger/entry-kind.js'
import type { EntryJson, EntryLineJson } from '../domain/ledger/entry-json.js'

/*
 * journal.jsonl holds one entry per line in seq order, in the JSON form the API gives entries
 * (src/domain/ledger/entry-json.ts); this file reads it back strictly, as data.
 */
export type { EntryJson, EntryLineJson } from '../domain/ledger/entry-json.js'

const ENTRY_KEYS = new Set(['id', 'groupId', 'seq', 'date', 'description', 'reference', 'kind', 'source', 'lines', 'reverses', 'reversedBy', 'actor', 'createdAt', 'prevHash', 'hashVersion', 'hash'])
const LINE_KEYS = new Set(['account', 'debit', 'credit', 'fund', 'memberId'])
const HASH_RE = /^[0-9a-f]{64}$/
/** A positive whole rupiah in its one wire form: no sign, no leading zero. */
const AMOUNT_RE = /^[1-9][0-9]*$/

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const isStr = (v: unknown): v is string => typeof v === 'string'
const isStrOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string'

/** The first key of `o` outside `allowed`, or undefined. */
const unknownKey = (o: Obj, allowed: Set<string>): string | undefined => Object.keys(o).find(k => !allowed.has(k))

/**
 * Reads one journal.jsonl line strictly: every field present with its type, no field the format does not define,
 * amounts in their one canonical spelling (so the text on file is exactly what the hash covers). Throws an Error
 * whose message says what is wrong.
 */
export function parseEntryJson (text: string): EntryJson {
  let v: unknown
  try { v = JSON.parse(text) } catch (err) { throw new Error(`not JSON (${(err as Error).message})`) }
  if (!isObj(v)) throw new Error('not a JSON object')
  const extra = unknownKey(v, ENTRY_KEYS)
  if (extra !== undefined) throw new Error(`unknown field "${extra}"`)
  const { id, groupId, seq, date, description, reference, kind, source, lines, reverses, reversedBy, actor, createdAt, prevHash, hashVersion, hash } = v
  if (!isStr(id) || id === '') throw new Error('id must be a non-empty string')
  if (!isStr(groupId) || groupId === '') throw new Error('groupId must be a non-empty string')
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) throw new Error('seq must be a positive integer')
  if (!isStr(date) || !isIsoDate(date)) throw new Error('date must be a calendar date YYYY-MM-DD')
  if (!isStr(description)) throw new Error('description must be a string')
  if (!isStrOrNull(reference)) throw new Error('reference must be a string or null')
  if (!isStrOrNull(reverses)) throw new Error('reverses must be a string or null')
  if (!isEntryKind(kind)) throw new Error('kind must be one of the entry kinds')
  if (!isStrOrNull(source)) throw new Error('source must be a string or null')
  if (hashVersion !== 1 && hashVersion !== 2) throw new Error('hashVersion must be 1 or 2')
  if (reversedBy !== undefined && !isStrOrNull(reversedBy)) throw new Error('reversedBy must be a string or null')
  if (!isObj(actor) || !isStr(actor.id) || !isStr(actor.name) || unknownKey(actor, new Set(['id', 'name'])) !== undefined) {
    throw new Error('actor must be {id, name}')
  }
  if (!isStr(createdAt)) throw new Error('createdAt must be a string')
  if (!isStr(prevHash) || !HASH_RE.test(prevHash)) throw new Error('prevHash must be 64 lowercase hex digits')
  if (!isStr(hash) || !HASH_RE.test(hash)) throw new Error('hash must be 64 lowercase hex digits')
  if (!Array.isArray(lines)) throw new Error('lines must be an array')
  const parsedLines = lines.map((l: unknown, i): EntryLineJson => {
    if (!isObj(l)) throw new Error(`line ${i} is not an object`)
    const extraKey = unknownKey(l, LINE_KEYS)
    if (extraKey !== undefined) throw new Error(`line ${i}: unknown field "${extraKey}"`)
    if (!isStr(l.account) || l.account === '') throw new Error(`line ${i}: account must be a non-empty string`)
    if (!isStrOrNull(l.fund)) throw new Error(`line ${i}: fund must be a string or null`)
    if (!isStrOrNull(l.memberId)) throw new Error(`line ${i}: memberId must be a string or null`)
    const hasDebit = l.debit !== undefined
    const hasCredit = l.credit !== undefined
    if (hasDebit === hasCredit) throw new Error(`line ${i}: must carry exactly one of debit and credit`)
    const amount = hasDebit ? l.debit : l.credit
    if (!isStr(amount) || !AMOUNT_RE.test(amount)) throw new Error(`line ${i}: ${hasDebit ? 'debit' : 'credit'} must be a positive whole number as a string of digits`)
    const side = hasDebit ? { debit: amount } : { credit: amount }
    return { account: l.account, ...side, fund: l.fund, memberId: l.memberId }
  })
  return {
    id, groupId, seq, date, description, reference, kind, source, lines: parsedLines, reverses,
    ...(reversedBy === undefined ? {} : { reversedBy }),
    actor: { id: actor.id, name: actor.name }, createdAt, prevHash, hashVersion, hash
  }
}

export { entryFromJson as chainedEntry, entryLines } from '../domain/ledger/entry-json.js'
