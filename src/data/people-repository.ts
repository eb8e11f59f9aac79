import type { Db, Tx } from './connect.js'
import type { PersonRole } from '../domain/people.js'

/** A person as stored (see db/migrations/0011_people.ts), with her key's groups and whether it is revoked. */
export interface Person {
  id: string
  keyId: string
  login: string
  name: string
  role: PersonRole
  createdBy: string
  createdAt: string
}

export interface PersonPin {
  personId: string
  pinHash: string
  failures: number
  lockedUntil: string | null
}

export interface SignInLink {
  tokenHash: string
  kind: 'setup' | 'invitation'
  personId: string | null
  expiresAt: string
  usedAt: string | null
  createdBy: string
  createdAt: string
}

export type AttemptOutcome = 'signed_in' | 'wrong_pin' | 'locked' | 'unknown_login' | 'pin_confirmed' | 'pin_refused'
export interface Attempt { personId: string | null, outcome: AttemptOutcome, at: string }

type Q = Db | Tx
type PersonRow = { id: string, key_id: string, login: string, name: string, role: PersonRole, created_by: string, created_at: string }
const toPerson = (r: PersonRow): Person => ({ id: r.id, keyId: r.key_id, login: r.login, name: r.name, role: r.role, createdBy: r.created_by, createdAt: r.created_at })

export async function insertPerson (tx: Tx, p: Person): Promise<void> {
  await tx.insertInto('people').values({ id: p.id, key_id: p.keyId, login: p.login, name: p.name, role: p.role, created_by: p.createdBy, created_at: p.createdAt }).execute()
}

export async function findPerson (db: Q, by: { id: string } | { login: string } | { keyId: string }): Promise<Person | null> {
  const q = db.selectFrom('people').selectAll()
  const r = await ('id' in by ? q.where('id', '=', by.id) : 'login' in by ? q.where('login', '=', by.login) : q.where('key_id', '=', by.keyId)).executeTakeFirst()
  return r === undefined ? null : toPerson(r)
}

/** A person with her key's groups (null: the pengelola's global key) and when it was revoked. */
export type KeyedPerson = Person & { groupIds: string[] | null, revokedAt: string | null }
/** A group's person as listed: her key, and her PIN row (null until she chooses a PIN). */
export type GroupPerson = KeyedPerson & { pin: PersonPin | null }

const withKeys = (db: Q) => db.selectFrom('people').innerJoin('api_keys', 'api_keys.id', 'people.key_id')
  .select(['people.id', 'people.key_id', 'people.login', 'people.name', 'people.role', 'people.created_by', 'people.created_at', 'api_keys.group_ids', 'api_keys.revoked_at'])
  .orderBy('people.created_at').orderBy('people.id')
const toKeyed = (r: PersonRow & { group_ids: string | null, revoked_at: string | null }): KeyedPerson =>
  ({ ...toPerson(r), groupIds: r.group_ids === null ? null : JSON.parse(r.group_ids) as string[], revokedAt: r.revoked_at })

/** Every person, with her key's groups and when it was revoked. */
export async function listPeople (db: Q): Promise<KeyedPerson[]> {
  return (await withKeys(db).execute()).map(toKeyed)
}

/**
 * The people who may use a group (the pengelola, whose key is global, included), or only the one asked for if she is
 * one of them, with their keys and PIN rows in one read. The key's groups are JSON, so the group is picked here.
 */
export async function groupPeople (db: Q, groupId: string, personId?: string): Promise<GroupPerson[]> {
  const q = withKeys(db).leftJoin('person_pins', 'person_pins.person_id', 'people.id').select(['person_pins.pin_hash', 'person_pins.failures', 'person_pins.locked_until'])
  const rows = await (personId === undefined ? q : q.where('people.id', '=', personId)).execute()
  return rows.map(r => ({
    ...toKeyed(r), pin: r.pin_hash === null ? null : { personId: r.id, pinHash: r.pin_hash, failures: Number(r.failures), lockedUntil: r.locked_until }
  })).filter(p => p.groupIds === null || p.groupIds.includes(groupId))
}

export async function countPeople (db: Q): Promise<number> {
  const r = await db.selectFrom('people').select(eb => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()
  return Number(r.n)
}

export async function findPin (db: Q, personId: string): Promise<PersonPin | null> {
  const r = await db.selectFrom('person_pins').selectAll().where('person_id', '=', personId).executeTakeFirst()
  return r === undefined ? null : { personId: r.person_id, pinHash: r.pin_hash, failures: Number(r.failures), lockedUntil: r.locked_until }
}

/** A new PIN: the count of failed tries starts again. */
export async function setPin (tx: Tx, personId: string, pinHash: string, at: string): Promise<void> {
  const found = await findPin(tx, personId)
  if (found === null) await tx.insertInto('person_pins').values({ person_id: personId, pin_hash: pinHash, failures: 0, locked_until: null, updated_at: at }).execute()
  else await tx.updateTable('person_pins').set({ pin_hash: pinHash, failures: 0, locked_until: null, updated_at: at }).where('person_id', '=', personId).execute()
}

export async function setTries (tx: Tx, personId: string, failures: number, lockedUntil: string | null, at: string): Promise<void> {
  await tx.updateTable('person_pins').set({ failures, locked_until: lockedUntil, updated_at: at }).where('person_id', '=', personId).execute()
}

export async function insertLink (tx: Tx, l: SignInLink): Promise<void> {
  await tx.insertInto('sign_in_links').values({
    token_hash: l.tokenHash, kind: l.kind, person_id: l.personId, expires_at: l.expiresAt, used_at: l.usedAt, created_by: l.createdBy, created_at: l.createdAt
  }).execute()
}

export async function findLink (db: Q, tokenHash: string): Promise<SignInLink | null> {
  const r = await db.selectFrom('sign_in_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
  return r === undefined
    ? null
    : { tokenHash: r.token_hash, kind: r.kind, personId: r.person_id, expiresAt: r.expires_at, usedAt: r.used_at, createdBy: r.created_by, createdAt: r.created_at }
}

/** Marks links used: one by its hash, or every unused link of a kind (and person), so that an older link stops working. */
export async function useLinks (tx: Tx, at: string, which: { tokenHash: string } | { kind: 'setup' } | { personId: string }): Promise<void> {
  const q = tx.updateTable('sign_in_links').set({ used_at: at }).where('used_at', 'is', null)
  await ('tokenHash' in which ? q.where('token_hash', '=', which.tokenHash) : 'kind' in which ? q.where('kind', '=', 'setup') : q.where('person_id', '=', which.personId)).execute()
}

export async function insertAttempt (tx: Tx, a: { id: string, personId: string | null, outcome: AttemptOutcome, at: string }): Promise<void> {
  await tx.insertInto('sign_in_attempts').values({ id: a.id, person_id: a.personId, outcome: a.outcome, at: a.at }).execute()
}

export async function listAttempts (db: Q, personIds: string[], limit: number): Promise<Attempt[]> {
  if (personIds.length === 0) return []
  const rows = await db.selectFrom('sign_in_attempts').selectAll().where('person_id', 'in', personIds).orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute()
  return rows.map(r => ({ personId: r.person_id, outcome: r.outcome, at: r.at }))
}
