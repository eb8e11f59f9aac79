import { createHash } from 'node:crypto'
import type { EntryKind } from './entry-kind.js'
import type { Line } from './journal-entry.js'

/**
 * Each group's entries form a chain: an entry's hash is SHA-256 over the canonical JSON of the entry, which includes
 * the previous entry's hash. Changing any posted figure, date, text or actor breaks every later link.
 *
 * The canonical JSON is the one an auditor recomputes offline (docs/AUDIT.md, "The hash chain"): object keys sorted by
 * code unit, no white space, amounts as strings of digits, absent values as null, lines in their posted order.
 *
 * Hash version 2 (every entry posted since migration 0010) adds the entry's kind and source and `"v":2`; version 1
 * (entries posted before) is the form without them, whose kind and source the group's record chain holds instead.
 */
export const GENESIS_HASH = '0'.repeat(64)

/** The canonical forms an entry's hash has had; new entries use the latest. */
export type HashVersion = 1 | 2
export const HASH_VERSION: HashVersion = 2

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
  kind: EntryKind
  /** The id of the record the entry belongs to (its loan, repayment, period, fund …), per its kind. */
  source: string | null
  hashVersion: HashVersion
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

/**
 * JSON with keys sorted at every level and no white space: the one canonical form (hashes, signatures, request
 * fingerprints). Numbers must be safe integers, unless `anyNumber` (a request's fingerprint, before the body's figures
 * are read) takes them as JSON writes them.
 */
export function canonicalJson (value: Json, opts: { anyNumber?: boolean } = {}): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number') {
    if (opts.anyNumber !== true && !Number.isSafeInteger(value)) throw new Error(`canonical JSON takes only safe integers, got ${value}`)
    return JSON.stringify(value)
  }
  if (Array.isArray(value)) return `[${value.map(v => canonicalJson(v, opts)).join(',')}]`
  const keys = Object.keys(value).sort()
  return `{${keys.filter(k => value[k] !== undefined).map(k => `${JSON.stringify(k)}:${canonicalJson(value[k] as Json, opts)}`).join(',')}}`
}

export function canonicalEntry (e: ChainedEntry): string {
  const v1: { [k: string]: Json } = {
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
  }
  return canonicalJson(e.hashVersion === 1 ? v1 : { ...v1, kind: e.kind, source: e.source, v: 2 })
}

export function sha256Hex (text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

export function entryHash (e: ChainedEntry): string {
  return sha256Hex(canonicalEntry(e))
}

/** A place in the chain: an entry's seq and hash, and the hash version it used (absent before the first entry). */
export interface Link {
  seq: number
  hash: string
  hashVersion?: HashVersion
}

/**
 * Why `e` does not follow `prev` in the chain, or null when it does. Versions only go forward: an entry in an older form
 * after a newer one would let an edit of its kind or source pass unhashed.
 */
export function brokenLink (prev: Link, e: ChainedEntry & { hash: string }): string | null {
  if (e.seq !== prev.seq + 1) return `seq ${prev.seq + 1} is missing (found ${e.seq})`
  if (e.prevHash !== prev.hash) return 'prevHash does not match the previous entry\'s hash'
  if (prev.hashVersion !== undefined && e.hashVersion < prev.hashVersion) return `hash version ${e.hashVersion} after version ${prev.hashVersion}`
  if (entryHash(e) !== e.hash) return 'hash does not match the entry\'s content'
  return null
}

/** The link `e` makes for the entry after it. */
export function linkOf (e: ChainedEntry & { hash: string }): Link {
  return { seq: e.seq, hash: e.hash, hashVersion: e.hashVersion }
}

/** The first link that does not hold, walking entries in seq order; null when the chain is whole. */
export function firstBrokenLink (entries: Iterable<ChainedEntry & { hash: string }>, start: Link = { seq: 0, hash: GENESIS_HASH }): { seq: number, reason: string } | null {
  let prev = start
  for (const e of entries) {
    const reason = brokenLink(prev, e)
    if (reason !== null) return { seq: Math.min(e.seq, prev.seq + 1), reason }
    prev = linkOf(e)
  }
  return null
}
