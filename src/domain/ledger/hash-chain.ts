import { createHash } from 'node:crypto'
import type { Line } from './journal-entry.js'

/**
 * Each group's entries form a chain: an entry's hash is SHA-256 over the canonical JSON of the entry, which includes
 * the previous entry's hash. Changing any posted figure, date, text or actor breaks every later link.
 *
 * The canonical JSON is the one an auditor recomputes offline (README, "The hash chain"): object keys sorted by code
 * unit, no white space, amounts as strings of digits, absent values as null, lines in their posted order.
 */
export const GENESIS_HASH = '0'.repeat(64)

export interface ChainedEntry {
  id: string
  groupId: string
  seq: number
  date: string
  description: string
  reference: string | null
  reverses: string | null
  actor: { id: string, name: string }
  createdAt: string
  lines: readonly Line[]
  prevHash: string
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

/** JSON with keys sorted at every level and no white space. Numbers must be safe integers. */
export function canonicalJson (value: Json): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`canonical JSON takes only safe integers, got ${value}`)
    return JSON.stringify(value)
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const keys = Object.keys(value).sort()
  return `{${keys.map(k => `${JSON.stringify(k)}:${canonicalJson(value[k] as Json)}`).join(',')}}`
}

export function canonicalEntry (e: ChainedEntry): string {
  return canonicalJson({
    actor: { id: e.actor.id, name: e.actor.name },
    createdAt: e.createdAt,
    date: e.date,
    description: e.description,
    groupId: e.groupId,
    id: e.id,
    lines: e.lines.map(l => ({
      account: l.account,
      credit: l.credit.toString(),
      debit: l.debit.toString(),
      fund: l.fund,
      member: l.member
    })),
    prevHash: e.prevHash,
    reference: e.reference,
    reverses: e.reverses,
    seq: e.seq
  })
}

export function entryHash (e: ChainedEntry): string {
  return createHash('sha256').update(canonicalEntry(e), 'utf8').digest('hex')
}

/** Why `e` does not follow `prev` in the chain, or null when it does. */
export function brokenLink (prev: { seq: number, hash: string }, e: ChainedEntry & { hash: string }): string | null {
  if (e.seq !== prev.seq + 1) return `seq ${prev.seq + 1} is missing (found ${e.seq})`
  if (e.prevHash !== prev.hash) return 'prevHash does not match the previous entry\'s hash'
  if (entryHash(e) !== e.hash) return 'hash does not match the entry\'s content'
  return null
}

/** The first link that does not hold, walking entries in seq order; null when the chain is whole. */
export function firstBrokenLink (entries: Iterable<ChainedEntry & { hash: string }>, start = { seq: 0, hash: GENESIS_HASH }): { seq: number, reason: string } | null {
  let prev = start
  for (const e of entries) {
    const reason = brokenLink(prev, e)
    if (reason !== null) return { seq: Math.min(e.seq, prev.seq + 1), reason }
    prev = { seq: e.seq, hash: e.hash }
  }
  return null
}
