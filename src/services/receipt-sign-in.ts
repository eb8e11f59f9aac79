import type { Db, Tx } from '../data/connect.js'
import * as keys from '../data/key-repository.js'
import * as outbox from '../data/message-repository.js'
import type { Message } from '../data/message-repository.js'
import * as people from '../data/people-repository.js'
import type { Person } from '../data/people-repository.js'
import { DomainError } from '../domain/errors.js'
import type { Env } from './context.js'
import { linkToken, tokenMatches } from './receipt-service.js'

/**
 * The one-time sign-in a receipt carries (issue 18): a member who has a sign-in of her own gets, in each receipt sent
 * to her number, a second link that opens her Buku saya without her PIN, once, within 7 days of the receipt. The link
 * is /buku-saya/<message id>/<token>, the token an HMAC of the message id under a key derived from the signing key:
 * nothing secret is stored, and the outbox keeps the receipt's text without it (it is added as the message leaves).
 * Opening it shows a button (a link preview fetching the page uses nothing); pressing it writes `receipt_sign_ins`, whose
 * primary key refuses a second use. It stops working when her sign-in is revoked.
 */
const LABEL = 'lumbung receipt sign-in links v1'
export const RECEIPT_SIGN_IN_DAYS = 7

export const receiptSignInPath = (env: Env, messageId: string): string => `/buku-saya/${messageId}/${linkToken(env, LABEL, messageId)}`

/** The person a member's live sign-in stands for, or null when she has none. */
async function personOfMember (db: Db | Tx, groupId: string, memberId: string): Promise<Person | null> {
  const [keyId] = await keys.liveKeysOfMember(db, groupId, memberId)
  return keyId === undefined ? null : await people.findPerson(db, { keyId })
}

/** The sign-in link a receipt leaving now carries, or null (not a receipt, or she has no sign-in of her own). */
export async function receiptSignInLink (db: Db, env: Env, origin: string, m: Message): Promise<string | null> {
  if (m.kind !== 'receipt' || m.memberId === null) return null
  return await personOfMember(db, m.groupId, m.memberId) === null ? null : `${origin}${receiptSignInPath(env, m.id)}`
}

/** The person behind a receipt's sign-in link while it may still be used, or null (wrong token, used, expired, revoked). */
export async function receiptSignInOf (db: Db | Tx, env: Env, messageId: string, token: string): Promise<Person | null> {
  if (!tokenMatches(env, LABEL, messageId, token)) return null
  const m = await outbox.findMessage(db, null, messageId)
  if (m === null || m.kind !== 'receipt' || m.memberId === null) return null
  if (env.now().getTime() - Date.parse(m.createdAt) > RECEIPT_SIGN_IN_DAYS * 86_400_000) return null
  if (await outbox.receiptSignInUsed(db, messageId)) return null
  return await personOfMember(db, m.groupId, m.memberId)
}

/** Uses the link: her person, to open a session for; LINK_NOT_VALID when it may not be used (any more). */
export async function useReceiptSignIn (tx: Tx, env: Env, messageId: string, token: string): Promise<Person> {
  const person = await receiptSignInOf(tx, env, messageId, token)
  if (person === null) throw new DomainError('LINK_NOT_VALID', 'this sign-in link was used, has expired or her sign-in was revoked')
  await outbox.useReceiptSignIn(tx, messageId, person.id, env.now().toISOString())
  return person
}
