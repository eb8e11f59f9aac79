import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { Db } from '../data/connect.js'
import * as groups from '../data/group-repository.js'
import type { PostedEntry } from '../domain/books/types.js'
import type { SignedCheckpoint } from '../domain/ledger/checkpoint.js'
import { membersOf } from '../domain/ledger/journal-entry.js'
import { checkpointOf } from './checkpoint-service.js'
import type { Env } from './context.js'
import { getEntry } from './ledger-reads.js'

/**
 * Receipts (kuitansi) a member keeps on her phone: a link that shows one entry, its place in the hash chain and the
 * signed checkpoint of the books that contain it. The link's token is an HMAC of the group and entry ids under a key
 * derived from the signing key (Ed25519 signatures are deterministic, so the key is the same at every start and known
 * only to whoever holds the signing key): unguessable, nothing stored, nothing written when an entry is posted.
 */
/** A link token: 128 bits of an HMAC of `what` under a key derived from the signing key and the link's label. */
export function linkToken (env: Env, label: string, what: string): string {
  const key = createHash('sha256').update(env.signer.sign(new TextEncoder().encode(label))).digest()
  return createHmac('sha256', key).update(what).digest('base64url').slice(0, 22)
}

/** Whether `token` is the link token of `what`, compared in constant time. */
export function tokenMatches (env: Env, label: string, what: string, token: string): boolean {
  const expected = Buffer.from(linkToken(env, label, what))
  const got = Buffer.from(token)
  return got.length === expected.length && timingSafeEqual(got, expected)
}

const LABEL = 'lumbung receipt links v1'

/** The token of an entry's receipt link: 128 bits, base64url. */
export function receiptToken (env: Env, groupId: string, entryId: string): string {
  return linkToken(env, LABEL, `${groupId}:${entryId}`)
}

/** The path of an entry's receipt, on whichever server serves it. */
export const receiptPath = (env: Env, groupId: string, entryId: string): string => `/kuitansi/${groupId}/${entryId}/${receiptToken(env, groupId, entryId)}`

export interface Receipt {
  group: { id: string, name: string }
  entry: PostedEntry
  members: Map<string, string>
  accounts: Map<string, string>
  /** The books as they stand now: the entry's seq is at or below its seq. */
  checkpoint: SignedCheckpoint
}

/** The receipt behind a link, or null when the token is not that entry's (or the entry is not the group's). */
export async function receiptOf (db: Db, env: Env, groupId: string, entryId: string, token: string): Promise<Receipt | null> {
  if (!tokenMatches(env, LABEL, `${groupId}:${entryId}`, token)) return null
  const group = await groups.findGroup(db, groupId)
  if (group === null) return null
  const entry = await getEntry(db, groupId, entryId).catch(() => null)
  if (entry === null) return null
  const memberIds = membersOf(entry.lines)
  const members = new Map<string, string>()
  for (const id of memberIds) members.set(id, (await groups.findMember(db, groupId, id))?.name ?? id)
  const accounts = new Map([...(await groups.findAccounts(db, groupId, entry.lines.map(l => l.account))).values()].map(a => [a.code, a.name]))
  return { group: { id: group.id, name: group.name }, entry, members, accounts, checkpoint: await checkpointOf(db, env, groupId) }
}
