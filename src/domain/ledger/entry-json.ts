import type { EntryKind } from './entry-kind.js'
import type { ChainedEntry, HashVersion } from './hash-chain.js'
import type { Line } from './journal-entry.js'

/** One line of an entry's JSON form: exactly one of debit and credit, a string of digits. */
export interface EntryLineJson {
  account: string
  debit?: string
  credit?: string
  fund: string | null
  memberId: string | null
}

/**
 * The JSON form of a posted entry: what the API answers and what an audit bundle's journal.jsonl holds, one per line.
 */
export interface EntryJson {
  id: string
  groupId: string
  seq: number
  date: string
  description: string
  reference: string | null
  /** What the entry is (entry-kind.ts) and the record it belongs to. */
  kind: EntryKind
  source: string | null
  lines: EntryLineJson[]
  reverses: string | null
  /** The entry that reverses this one. Not part of the hash: a verifier checks it against the other entries. */
  reversedBy?: string | null
  actor: { id: string, name: string }
  createdAt: string
  prevHash: string
  /** Which canonical form the hash covers: 2 (kind and source included) or 1 (entries posted before migration 0010). */
  hashVersion: HashVersion
  hash: string
}

export function entryToJson (e: ChainedEntry & { hash: string, reversedBy: string | null }): EntryJson & { reversedBy: string | null } {
  return {
    id: e.id,
    groupId: e.groupId,
    seq: e.seq,
    date: e.date,
    description: e.description,
    reference: e.reference,
    kind: e.kind,
    source: e.source,
    lines: e.lines.map(l => ({
      account: l.account,
      ...(l.debit > 0n ? { debit: l.debit.toString() } : { credit: l.credit.toString() }),
      fund: l.fund,
      memberId: l.member
    })),
    reverses: e.reverses,
    reversedBy: e.reversedBy,
    actor: e.actor,
    createdAt: e.createdAt,
    prevHash: e.prevHash,
    hashVersion: e.hashVersion,
    hash: e.hash
  }
}

/** The lines of a JSON entry as the domain has them (amounts as bigint, both sides present). */
export function entryLines (e: Pick<EntryJson, 'lines'>): Line[] {
  return e.lines.map(l => ({ account: l.account, debit: BigInt(l.debit ?? '0'), credit: BigInt(l.credit ?? '0'), fund: l.fund, member: l.memberId }))
}

/** The inverse of entryToJson: the entry as the hash chain sees it, with the hash it claims. */
export function entryFromJson (e: EntryJson): ChainedEntry & { hash: string } {
  return {
    id: e.id,
    groupId: e.groupId,
    seq: e.seq,
    date: e.date,
    description: e.description,
    reference: e.reference,
    reverses: e.reverses,
    actor: { id: e.actor.id, name: e.actor.name },
    createdAt: e.createdAt,
    lines: entryLines(e),
    prevHash: e.prevHash,
    kind: e.kind,
    source: e.source,
    hashVersion: e.hashVersion,
    hash: e.hash
  }
}
