import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Db } from '../data/connect.js'
import * as keys from '../data/key-repository.js'
import type { Role } from '../data/key-repository.js'
import type { Actor, Env } from './context.js'

/**
 * Web sign-in sessions: an API key exchanged for an opaque session id (kept by the browser in an httpOnly cookie).
 * In memory, on purpose: Lumbung runs as one process, a session lives 12 hours, and a restart only asks the treasurer
 * to sign in again; nothing that could sign a request is ever written to disk. Only the SHA-256 of the session id is
 * kept, with the key's id (never the key), so a revoked key ends its sessions on their next request.
 */
export interface WebSession {
  keyId: string
  actor: Actor
  role: Role
  groupIds: string[] | null
  /** Checked against the hidden field of every POST (synchroniser token). */
  csrf: string
  /**
   * The bearer token the web pages use when they call /v1 in-process for this session (app.inject): random, never sent
   * to the browser, valid only while the session is.
   */
  internalToken: string
  expiresAt: number
}

export const SESSION_HOURS = 12
const INTERNAL_PREFIX = 'lmb_web_'

function sha256 (s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex')
}

export class Sessions {
  private readonly byHash = new Map<string, WebSession>()
  private readonly byInternal = new Map<string, string>()

  constructor (private readonly db: Db, private readonly env: Env) {}

  /** A new session for a key already authenticated; returns the id for the cookie (shown nowhere else). */
  open (keyId: string, actor: Actor, role: Role, groupIds: string[] | null): { id: string, session: WebSession } {
    this.sweep()
    const id = randomBytes(32).toString('base64url')
    const session: WebSession = {
      keyId, actor, role, groupIds,
      csrf: randomBytes(24).toString('base64url'),
      internalToken: `${INTERNAL_PREFIX}${randomBytes(32).toString('base64url')}`,
      expiresAt: this.env.now().getTime() + SESSION_HOURS * 3600_000
    }
    const h = sha256(id)
    this.byHash.set(h, session)
    this.byInternal.set(session.internalToken, h)
    return { id, session }
  }

  /** The live session for a cookie value, or null: unknown, expired, or its key revoked since (then it is ended). */
  async find (id: string): Promise<WebSession | null> {
    const h = sha256(id)
    const s = this.byHash.get(h)
    if (s === undefined) return null
    if (s.expiresAt <= this.env.now().getTime() || !await this.keyLive(s.keyId)) {
      this.drop(h)
      return null
    }
    return s
  }

  /** Sign-out. */
  close (id: string): void {
    this.drop(sha256(id))
  }

  /** Whether a submitted CSRF token is the session's (constant time). */
  csrfMatches (s: WebSession, token: unknown): boolean {
    if (typeof token !== 'string') return false
    const a = Buffer.from(sha256(s.csrf), 'hex')
    const b = Buffer.from(sha256(token), 'hex')
    return timingSafeEqual(a, b)
  }

  /** The key id behind an internal bearer token of a live session, or null (the Authenticator then checks the key). */
  keyIdOfInternal (token: string): string | null {
    if (!token.startsWith(INTERNAL_PREFIX)) return null
    const h = this.byInternal.get(token)
    const s = h === undefined ? undefined : this.byHash.get(h)
    if (s === undefined || s.expiresAt <= this.env.now().getTime()) return null
    return s.keyId
  }

  private async keyLive (keyId: string): Promise<boolean> {
    const key = await keys.findKey(this.db, keyId)
    return key !== null && key.revokedAt === null
  }

  private drop (h: string): void {
    const s = this.byHash.get(h)
    if (s !== undefined) this.byInternal.delete(s.internalToken)
    this.byHash.delete(h)
  }

  private sweep (): void {
    const now = this.env.now().getTime()
    for (const [h, s] of this.byHash) if (s.expiresAt <= now) this.drop(h)
  }
}
