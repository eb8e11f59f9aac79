import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Db } from '../data/connect.js'
import * as keys from '../data/key-repository.js'
import type { Role } from '../data/key-repository.js'
import type { Actor, Env } from './context.js'

/** Who is calling: the actor written on their records, their role, and the groups they may touch (null: all). */
export interface Principal {
  actor: Actor
  role: Role
  groupIds: string[] | null
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
export async function bootstrapAdmin (db: Db, env: Env, configured: string | undefined): Promise<{ adminHash: string, generated: string | null }> {
  if (configured !== undefined && configured !== '') return { adminHash: hashToken(configured), generated: null }
  const stored = await keys.findKey(db, BOOTSTRAP_ID)
  if (stored !== null) return { adminHash: stored.keyHash, generated: null }
  const token = newToken('lmb_admin')
  await keys.insertKey(db, { id: BOOTSTRAP_ID, name: 'admin', role: 'admin', keyHash: hashToken(token), groupIds: null, createdAt: env.now().toISOString(), revokedAt: null })
  return { adminHash: hashToken(token), generated: token }
}

export class Authenticator {
  private readonly adminHash: Buffer

  constructor (private readonly db: Db, adminHash: string) {
    this.adminHash = Buffer.from(adminHash, 'hex')
  }

  /** The principal a bearer token stands for, or null. Hashes are compared in constant time. */
  async authenticate (token: string): Promise<Principal | null> {
    const h = hashToken(token)
    if (timingSafeEqual(Buffer.from(h, 'hex'), this.adminHash)) return { actor: ADMIN_ACTOR, role: 'admin', groupIds: null }
    const key = await keys.findKeyByHash(this.db, h)
    if (key === null || key.revokedAt !== null || key.id === BOOTSTRAP_ID) return null
    return { actor: { id: key.id, name: key.name }, role: key.role, groupIds: key.groupIds }
  }
}
