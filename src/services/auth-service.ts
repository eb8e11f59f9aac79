import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Db } from '../data/connect.js'
import * as keys from '../data/key-repository.js'
import { groupsInRegion, keyRegion } from '../data/place-repository.js'
import type { Role } from '../domain/access.js'
import type { Actor, Env } from './context.js'
import type { Sessions } from './session-service.js'

/**
 * Who is calling: the actor written on their records, their role, and the groups they may touch (null: all); for a
 * member's own key, the member she is (her one group is groupIds[0]).
 */
export interface Principal {
  actor: Actor
  role: Role
  groupIds: string[] | null
  memberId?: string
}

/** Tokens are long random strings, so a plain SHA-256 is a safe way to keep them without keeping them. */
export function hashToken (token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

export function newToken (prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`
}

const BOOTSTRAP_ID = 'key_admin'
export const ADMIN_ACTOR: Actor = { id: BOOTSTRAP_ID, name: 'admin' }

/**
 * The bootstrap admin credential. ADMIN_TOKEN from the environment wins; otherwise the hash kept from the first start;
 * otherwise a new token is made, its hash kept, and the token returned so the caller can print it once.
 */
export async function bootstrapAdmin (
  db: Db, env: Env, configured: string | undefined, opts: { readOnly?: boolean } = {}
): Promise<{ adminHash: string, generated: string | null }> {
  if (configured !== undefined && configured !== '') return { adminHash: hashToken(configured), generated: null }
  const stored = await keys.findKey(db, BOOTSTRAP_ID)
  if (stored !== null) return { adminHash: stored.keyHash, generated: null }
  // A read-only server cannot keep a new token's hash: without ADMIN_TOKEN, no admin token opens it (a hash of nothing
  // anyone holds); the keys the primary made still do.
  if (opts.readOnly === true) return { adminHash: hashToken(newToken('lmb_unusable')), generated: null }
  const token = newToken('lmb_admin')
  await keys.insertKey(db, { id: BOOTSTRAP_ID, name: 'admin', role: 'admin', keyHash: hashToken(token), groupIds: null, createdAt: env.now().toISOString(), revokedAt: null })
  return { adminHash: hashToken(token), generated: token }
}

export class Authenticator {
  private readonly adminHash: Buffer

  constructor (private readonly db: Db, adminHash: string, private readonly sessions: Sessions | null = null) {
    this.adminHash = Buffer.from(adminHash, 'hex')
  }

  /** The principal a bearer token stands for, or null. Hashes are compared in constant time. */
  async authenticate (token: string): Promise<Principal | null> {
    // The web pages call /v1 in-process with their session's internal token: the principal is the session's key, if
    // that key is still live, so actor, role, scope, idempotency and audit are exactly those of the key.
    const viaSession = this.sessions?.keyIdOfInternal(token) ?? null
    if (viaSession !== null) return await principalOfKey(this.db, await keys.findKey(this.db, viaSession))
    const h = hashToken(token)
    if (timingSafeEqual(Buffer.from(h, 'hex'), this.adminHash)) return { actor: ADMIN_ACTOR, role: 'admin', groupIds: null }
    return await principalOfKey(this.db, await keys.findKeyByHash(this.db, h))
  }

  /** The key id a token stands for, for a web sign-in: live API keys only (never the bootstrap admin token). */
  async keyOf (token: string): Promise<(Principal & { keyId: string }) | null> {
    const key = await keys.findKeyByHash(this.db, hashToken(token))
    const p = await principalOfKey(this.db, key)
    return p === null || key === null ? null : { ...p, keyId: key.id }
  }

  async keyOfId (keyId: string): Promise<(Principal & { keyId: string }) | null> {
    return await liveKeyById(this.db, keyId)
  }
}

/** A live key by its id, as keyOf gives it: for a person's sign-in, whose key's secret nobody holds. */
export async function liveKeyById (db: Db, keyId: string): Promise<(Principal & { keyId: string }) | null> {
  const key = await keys.findKey(db, keyId)
  const p = await principalOfKey(db, key)
  return p === null || key === null ? null : { ...p, keyId: key.id }
}

/**
 * A live key's principal. A member's key reads as the one member it stands for. A key scoped to a region (a supervisor's) may touch the groups inside it at this moment, so a
 * group placed there later is in its scope from its next request on.
 */
async function principalOfKey (db: Db, key: keys.ApiKey | null): Promise<Principal | null> {
  if (key === null || key.revokedAt !== null || key.id === BOOTSTRAP_ID) return null
  if (key.role === 'member') {
    // A member key without the member it stands for opens nothing.
    const m = await keys.memberOfKey(db, key.id)
    return m === null ? null : { actor: { id: key.id, name: key.name }, role: 'member', groupIds: [m.groupId], memberId: m.memberId }
  }
  const region = key.groupIds !== null && key.groupIds.length === 0 ? await keyRegion(db, key.id) : null
  const groupIds = region === null ? key.groupIds : await groupsInRegion(db, region.regionCode, region.programme)
  return { actor: { id: key.id, name: key.name }, role: key.role, groupIds }
}
