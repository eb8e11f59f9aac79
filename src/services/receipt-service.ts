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
const LABEL = new TextEncoder().encode('lumbung receipt links v1')

function receiptKey (env: Env): Buffer {
  return createHash('sha256').update(env.signer.sign(LABEL)).digest()
}

/** The token of an entry's receipt link: 128 bits, base64url. */
export function receiptToken (env: Env, groupId: string, entryId: string): string {
  return createHmac('sha256', receiptKey(env)).update(`${groupId}:${entryId}`).digest('base64url').slice(0, 22)
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
  const expected = Buffer.from(receiptToken(env, groupId, entryId))
  const got = Buffer.from(token)
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) return null
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
