import { randomBytes } from 'node:crypto'
import type { Db, Tx } from '../data/connect.js'
import * as keys from '../data/key-repository.js'
import * as people from '../data/people-repository.js'
import type { Person } from '../data/people-repository.js'
import type { GroupKind } from '../domain/books/types.js'
import { DomainError, invalid } from '../domain/errors.js'
import { FREE_TRIES, type GroupPersonRole, KEY_ROLE, lockSeconds, loginOrRefuse, managesPeople, normalLogin, pinProblem, type PersonRole } from '../domain/people.js'
import { hashToken, type Principal } from './auth-service.js'
import type { Actor, Env } from './context.js'
import { createGroup } from './group-service.js'
import { createKey } from './key-service.js'
import { hashPin, NO_PIN, pinMatches } from './pin-hash.js'

export type { Person }

/**
 * People who sign in with a login and a PIN (see db/migrations/0011_people.ts): made by the setup link or invited by
 * the ketua or the pengelola, each on a key of her own whose secret nobody sees. PINs are hashed before a write starts
 * (scrypt is slow on purpose and must not hold the writer); the lockout is decided inside the write, so tries sent at
 * once are counted one after the other.
 */

export const INVITATION_DAYS = 7

/** A one-time link as handed out: the token goes in the path (/undangan/<token>, /mulai/<token>), only its hash is kept. */
export interface NewLink { token: string, expiresAt: string }

export type PersonStatus = 'diundang' | 'aktif' | 'terkunci' | 'dicabut'
export interface PersonView {
  id: string
  name: string
  login: string
  role: PersonRole
  status: PersonStatus
  groupIds: string[] | null
  createdAt: string
  lockedUntil: string | null
  lastSignInAt: string | null
}

/** Runs a write in the service's writer and hands back its result once committed. */
export type Run = <T>(work: (tx: Tx) => Promise<T>) => Promise<T>

export async function newLink (tx: Tx, env: Env, kind: 'setup' | 'invitation', personId: string | null, actor: Actor): Promise<NewLink> {
  const token = randomBytes(24).toString('base64url')
  const now = env.now()
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86400_000).toISOString()
  await people.insertLink(tx, { tokenHash: hashToken(token), kind, personId, expiresAt, usedAt: null, createdBy: actor.id, createdAt: now.toISOString() })
  return { token, expiresAt }
}

/** The person behind a key, or null (an API key that is no one's). */
export async function personOfKey (db: Db | Tx, keyId: string): Promise<Person | null> {
  return await people.findPerson(db, { keyId })
}

/** The pengelola anywhere, a ketua in her own groups: anyone else is refused. */
async function requireManager (db: Db | Tx, by: Principal, groupId: string): Promise<void> {
  const person = by.role === 'admin' ? null : await people.findPerson(db, { keyId: by.actor.id })
  const inScope = by.groupIds === null || by.groupIds.includes(groupId)
  if (!inScope || !managesPeople(person?.role ?? null, by.role)) throw new DomainError('FORBIDDEN', 'only the group\'s ketua or the pengelola may invite people, revoke them or make keys')
}

/** The group's person, or PERSON_NOT_FOUND; the pengelola (the install's) is managed by the admin alone. */
async function personIn (db: Db | Tx, by: Principal, groupId: string, personId: string): Promise<people.GroupPerson> {
  const p = (await people.groupPeople(db, groupId, personId))[0]
  if (p === undefined) throw new DomainError('PERSON_NOT_FOUND', `no person ${personId} in group ${groupId}`)
  if (p.role === 'pengelola' && by.role !== 'admin') throw new DomainError('FORBIDDEN', 'the pengelola is re-invited or revoked by an admin only')
  return p
}

/** Makes a person and her key in a group, and an invitation link for her to choose her PIN. */
export interface Invited { person: PersonView, invitation: NewLink }

export async function invitePerson (tx: Tx, env: Env, by: Principal, groupId: string, input: { name: string, login: string, role: GroupPersonRole }): Promise<Invited> {
  await requireManager(tx, by, groupId)
  const login = loginOrRefuse(input.login)
  if (await people.findPerson(tx, { login }) !== null) throw new DomainError('LOGIN_TAKEN', `the login ${login} is already someone's`)
  const { key } = await createKey(tx, env, { name: input.name, role: KEY_ROLE[input.role], groupIds: [groupId] })
  const person: Person = { id: env.newId('psn'), keyId: key.id, login, name: input.name, role: input.role, createdBy: by.actor.id, createdAt: env.now().toISOString() }
  await people.insertPerson(tx, person)
  const invitation = await newLink(tx, env, 'invitation', person.id, by.actor)
  return { person: { ...viewOf(person, key.groupIds, null, null), status: 'diundang' }, invitation }
}

/** A new invitation for someone already invited (her earlier links stop working): also how a forgotten PIN is replaced. */
export async function reinvite (tx: Tx, env: Env, by: Principal, groupId: string, personId: string): Promise<Invited> {
  await requireManager(tx, by, groupId)
  const p = await personIn(tx, by, groupId, personId)
  if (p.revokedAt !== null) throw invalid('personId', 'this person was revoked: invite her again as a new person')
  await people.useLinks(tx, env.now().toISOString(), { personId })
  const invitation = await newLink(tx, env, 'invitation', personId, by.actor)
  return { person: await viewIn(tx, env, groupId, personId), invitation }
}

/** Revokes a person at once: her key (so every session of hers ends on its next request) and her open links. */
export async function revokePerson (tx: Tx, env: Env, by: Principal, groupId: string, personId: string): Promise<PersonView> {
  await requireManager(tx, by, groupId)
  const p = await personIn(tx, by, groupId, personId)
  if (p.keyId === by.actor.id) throw new DomainError('FORBIDDEN', 'no one revokes herself: ask the pengelola or another ketua')
  const at = env.now().toISOString()
  await keys.revokeKey(tx, p.keyId, at)
  await people.useLinks(tx, at, { personId })
  return await viewIn(tx, env, groupId, personId)
}

export function viewOf (p: Person, groupIds: string[] | null, pin: people.PersonPin | null, revokedAt: string | null, now = 0, last: string | null = null): PersonView {
  const locked = pin?.lockedUntil !== null && pin?.lockedUntil !== undefined && Date.parse(pin.lockedUntil) > now ? pin.lockedUntil : null
  const status: PersonStatus = revokedAt !== null ? 'dicabut' : pin === null ? 'diundang' : locked !== null ? 'terkunci' : 'aktif'
  return { id: p.id, name: p.name, login: p.login, role: p.role, status, groupIds, createdAt: p.createdAt, lockedUntil: locked, lastSignInAt: last }
}

/** The people who may use a group (the pengelola, whose key is global, included), with their state and last sign-in. */
export async function listGroupPeople (db: Db | Tx, env: Env, groupId: string): Promise<PersonView[]> {
  const all = await people.groupPeople(db, groupId)
  const attempts = await people.listAttempts(db, all.map(p => p.id), 1000)
  const now = env.now().getTime()
  return all.map(p => viewOf(p, p.groupIds, p.pin, p.revokedAt, now, attempts.find(a => a.personId === p.id && a.outcome === 'signed_in')?.at ?? null))
}

/**
 * One person as the group's list shows her, read after a change to her. Her last sign-in is looked for among the
 * group's 1000 newest tries, as in the list, so this one view never says other than the list.
 */
async function viewIn (tx: Tx, env: Env, groupId: string, personId: string): Promise<PersonView> {
  return (await listGroupPeople(tx, env, groupId)).find(v => v.id === personId) as PersonView
}

/** The sign-in tries of a group's people, newest first (who, what came of it, when: never what was typed). */
export async function listGroupAttempts (db: Db | Tx, _env: Env, groupId: string, limit = 50): Promise<people.Attempt[]> {
  const ids = (await people.groupPeople(db, groupId)).map(p => p.id)
  return await people.listAttempts(db, ids, limit)
}

/** A PIN checked against the rules and hashed, before any write starts; a refused PIN is a field error on `field`. */
export async function preparePin (pin: string, field = 'pin'): Promise<string> {
  const problem = pinProblem(pin)
  if (problem !== null) throw invalid(field, problem)
  return await hashPin(pin)
}

/** The live link of a token, or LINK_NOT_VALID (unknown, used, replaced or expired). */
export async function linkOf (db: Db | Tx, env: Env, token: string, kind: 'setup' | 'invitation'): Promise<{ link: people.SignInLink, person: Person | null }> {
  const link = await people.findLink(db, hashToken(token))
  const setUp = kind === 'setup' && await people.countPeople(db) > 0
  if (link === null || setUp || link.kind !== kind || link.usedAt !== null || Date.parse(link.expiresAt) <= env.now().getTime()) {
    throw new DomainError('LINK_NOT_VALID', 'this link was used, replaced by a newer one, or has expired: ask for a new one')
  }
  const person = link.personId === null ? null : await people.findPerson(db, { id: link.personId })
  return { link, person }
}

/** An invitation taken up: the person's PIN set (its hash made beforehand with preparePin), the link used. */
export async function acceptInvitation (tx: Tx, env: Env, token: string, pinHash: string): Promise<Person> {
  const { link, person } = await linkOf(tx, env, token, 'invitation')
  const key = person === null ? null : await keys.findKey(tx, person.keyId)
  if (person === null || key === null || key.revokedAt !== null) throw new DomainError('LINK_NOT_VALID', 'this invitation was withdrawn')
  const at = env.now().toISOString()
  await people.setPin(tx, person.id, pinHash, at)
  await people.useLinks(tx, at, { tokenHash: link.tokenHash })
  await people.insertAttempt(tx, { id: env.newId('try'), personId: person.id, outcome: 'signed_in', at })
  return person
}

/** A setup link for the first run: made at a start while no one has set up; an earlier one stops working. */
export async function setupLinkIfNeeded (tx: Tx, env: Env): Promise<NewLink | null> {
  if (await people.countPeople(tx) > 0) return null
  await people.useLinks(tx, env.now().toISOString(), { kind: 'setup' })
  return await newLink(tx, env, 'setup', null, { id: 'setup', name: 'setup' })
}

export interface SetupInput {
  group: { name: string, kind: GroupKind, village: string | null }
  person: { name: string, login: string, role: 'pengelola' | 'ketua' }
}

/**
 * The first run: the group and its first person (the ketua, or the pengelola who may also make other groups), her PIN
 * set, the setup link used. The group's creation is recorded with her as its actor.
 */
export async function completeSetup (tx: Tx, env: Env, token: string, input: SetupInput, pinHash: string): Promise<{ person: Person, groupId: string }> {
  const { link } = await linkOf(tx, env, token, 'setup')
  if (await people.countPeople(tx) > 0) throw new DomainError('LINK_NOT_VALID', 'this install is already set up: sign in instead')
  const login = loginOrRefuse(input.person.login)
  const keyId = env.newId('key')
  const actor: Actor = { id: keyId, name: input.person.name }
  const group = await createGroup(tx, env, actor, input.group)
  await createKey(tx, env, { id: keyId, name: input.person.name, role: KEY_ROLE[input.person.role], groupIds: input.person.role === 'pengelola' ? null : [group.id] })
  const at = env.now().toISOString()
  const person: Person = { id: env.newId('psn'), keyId, login, name: input.person.name, role: input.person.role, createdBy: 'setup', createdAt: at }
  await people.insertPerson(tx, person)
  await people.setPin(tx, person.id, pinHash, at)
  await people.useLinks(tx, at, { tokenHash: link.tokenHash })
  await people.insertAttempt(tx, { id: env.newId('try'), personId: person.id, outcome: 'signed_in', at })
  return { person, groupId: group.id }
}

export type TryOutcome =
  | { ok: true, person: Person }
  | { ok: false, reason: 'unknown' }
  | { ok: false, reason: 'wrong', triesLeft: number }
  | { ok: false, reason: 'locked', until: string }

/**
 * One try of a PIN, counted inside a write: a lock in force refuses even the right PIN (tries sent at once cannot
 * slip past the count), a wrong PIN adds to the count and may lock, the right one clears it. Every try is logged.
 */
async function settleTry (tx: Tx, env: Env, person: Person, right: boolean, purpose: 'sign-in' | 'confirm'): Promise<TryOutcome> {
  const pin = await people.findPin(tx, person.id)
  const now = env.now()
  const at = now.toISOString()
  const log = async (outcome: people.AttemptOutcome): Promise<void> => { await people.insertAttempt(tx, { id: env.newId('try'), personId: person.id, outcome, at }) }
  if (pin === null) { await log('unknown_login'); return { ok: false, reason: 'unknown' } }
  if (pin.lockedUntil !== null && Date.parse(pin.lockedUntil) > now.getTime()) { await log('locked'); return { ok: false, reason: 'locked', until: pin.lockedUntil } }
  if (right) {
    if (pin.failures > 0 || pin.lockedUntil !== null) await people.setTries(tx, person.id, 0, null, at)
    await log(purpose === 'sign-in' ? 'signed_in' : 'pin_confirmed')
    return { ok: true, person }
  }
  const failures = pin.failures + 1
  const lock = lockSeconds(failures)
  const until = lock === 0 ? null : new Date(now.getTime() + lock * 1000).toISOString()
  await people.setTries(tx, person.id, failures, until, at)
  await log(purpose === 'sign-in' ? 'wrong_pin' : 'pin_refused')
  return until === null ? { ok: false, reason: 'wrong', triesLeft: FREE_TRIES - failures } : { ok: false, reason: 'locked', until }
}

/** A sign-in with a login and a PIN. An unknown login, a revoked person or one who has not chosen a PIN yet all answer `unknown`. */
export async function signInWithPin (db: Db, run: Run, env: Env, typedLogin: string, pin: string): Promise<TryOutcome> {
  const login = normalLogin(typedLogin)
  const person = login === null ? null : await people.findPerson(db, { login })
  const key = person === null ? null : await keys.findKey(db, person.keyId)
  const kept = person === null ? null : await people.findPin(db, person.id)
  // Hashed whatever the login, so that an unknown login takes as long to refuse as a wrong PIN.
  const right = await pinMatches(pin, kept?.pinHash ?? NO_PIN)
  if (person === null || key === null || key.revokedAt !== null) {
    await run(async tx => { await people.insertAttempt(tx, { id: env.newId('try'), personId: person?.id ?? null, outcome: 'unknown_login', at: env.now().toISOString() }) })
    return { ok: false, reason: 'unknown' }
  }
  return await run(async tx => await settleTry(tx, env, person, right, 'sign-in'))
}

/** The PIN asked again before a risky action, counted with the sign-in tries (the same lockout). */
export async function confirmPin (db: Db, run: Run, env: Env, personId: string, pin: string): Promise<TryOutcome> {
  const person = await people.findPerson(db, { id: personId })
  if (person === null) return { ok: false, reason: 'unknown' }
  const kept = await people.findPin(db, person.id)
  const right = await pinMatches(pin, kept?.pinHash ?? NO_PIN)
  return await run(async tx => await settleTry(tx, env, person, right, 'confirm'))
}

/** The roles of keys a ketua may make for her group: programs that read and write, or read only. */
export const GROUP_KEY_ROLES = ['integrator', 'auditor'] as const
export type GroupKeyRole = typeof GROUP_KEY_ROLES[number]

/** A key for an integration, limited to the group (ketua or pengelola); the key is shown once. */
export async function makeGroupKey (tx: Tx, env: Env, by: Principal, groupId: string, input: { name: string, role: GroupKeyRole }): Promise<{ key: keys.ApiKey, token: string }> {
  await requireManager(tx, by, groupId)
  return await createKey(tx, env, { name: input.name, role: input.role, groupIds: [groupId] })
}

/** The keys that name only this group and are no one's sign-in (a person's key is managed as the person). */
export async function listGroupKeys (db: Db | Tx, groupId: string): Promise<keys.ApiKey[]> {
  const personal = new Set((await people.listPeople(db)).map(p => p.keyId))
  return (await keys.listKeys(db)).filter(k => !personal.has(k.id) && k.groupIds !== null && k.groupIds.length === 1 && k.groupIds[0] === groupId)
}

export async function revokeGroupKey (tx: Tx, env: Env, by: Principal, groupId: string, keyId: string): Promise<keys.ApiKey> {
  await requireManager(tx, by, groupId)
  const key = (await listGroupKeys(tx, groupId)).find(k => k.id === keyId)
  if (key === undefined) throw new DomainError('KEY_NOT_FOUND', `no API key ${keyId} of group ${groupId}`)
  const at = env.now().toISOString()
  await keys.revokeKey(tx, keyId, at)
  return { ...key, revokedAt: key.revokedAt ?? at }
}
