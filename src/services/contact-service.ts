import type { Db, Tx } from '../data/connect.js'
import * as contacts from '../data/contact-repository.js'
import type { Contact } from '../data/contact-repository.js'
import { normalPhone } from '../domain/contacts.js'
import type { Actor, Env } from './context.js'
import { requireMember } from './group-service.js'

export type { Contact }

export async function getContact (db: Db, groupId: string, memberId: string): Promise<Contact> {
  await requireMember(db, groupId, memberId)
  return await contacts.findContact(db, groupId, memberId)
}

/** Sets (or clears, with null) a member's phone number and whether she wants messages. */
export async function setContact (tx: Tx, env: Env, actor: Actor, groupId: string, memberId: string, input: { phone: string | null, optedOut: boolean }): Promise<Contact> {
  await requireMember(tx, groupId, memberId)
  const phone = input.phone === null || input.phone.trim() === '' ? null : normalPhone(input.phone)
  const updatedAt = env.now().toISOString()
  await contacts.putContact(tx, groupId, { memberId, phone, optedOut: input.optedOut, updatedAt, actor })
  return { memberId, phone, optedOut: input.optedOut, updatedAt }
}
