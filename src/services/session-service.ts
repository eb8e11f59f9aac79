import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Db, Tx } from '../data/connect.js'
import * as keys from '../data/key-repository.js'
import type { Role } from '../domain/access.js'
import type { PersonRole } from '../domain/people.js'
import * as people from '../data/people-repository.js'
import * as stored from '../data/session-repository.js'
import type { Actor, Env } from './context.js'

/**
 * Web sign-in sessions: an API key exchanged for an opaque session id (kept by the browser in an httpOnly cookie).
 * Only the SHA-256 of the id is kept, with the key's id (never the key) and when the session ends, in memory and, so that
 * a restart of the service does not sign anyone out, in the database (`web_sessions`). The session's CSRF token and the
 * internal bearer token of its in-process /v1 calls are derived from the id, so nothing stored can sign a request. A
 * revoked key ends its sessions on their next request.
 */
export interface WebSession {
  keyId: string
  actor: Actor
  role: Role
  groupIds: string[] | null
  /** The person signed in with her PIN (her PIN is asked again before a risky action), or null for a session opened with an API key. */
  person: SessionPerson | null
  /** Checked against the hidden field of every POST (synchroniser token). */
  csrf: string
  /**
   * The bearer token the web pages use when they call /v1 in-process for this session (app.inject): never sent to the
   * browser, valid only while the session is.
   */
  internalToken: string
  expiresAt: number
}

/** A person who signed in with her PIN: what the pages show of her and ask again of her. */
export interface SessionPerson { id: string, name: string, role: PersonRole }

/** A session opened with an API key lasts 12 hours; one opened with a PIN keeps the device signed in for 30 days. */
export const SESSION_HOURS = 12
export const DEVICE_DAYS = 30
const INTERNAL_PREFIX = 'lmb_web_'

function sha256 (s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex')
}

/** A value only the holder of the session id can compute: the id hashed under a purpose. */
function derived (id: string, purpose: string): string {
  return createHash('sha256').update(`lumbung-${purpose}:${id}`, 'utf8').digest('base64url')
}

/** Runs a write in the service's writer (one transaction, committed before it resolves). */
export type Persist = (work: (tx: Tx) => Promise<void>) => Promise<void>

export class Sessions {
  private readonly byHash = new Map<string, WebSession>()
  private readonly byInternal = new Map<string, string>()

  /** `persist` null: sessions live in memory only (a read-only server cannot store them). */
  constructor (private readonly db: Db, private readonly env: Env, private readonly persist: Persist | null = null) {}

  /** A new session for a key already authenticated; returns the id for the cookie (shown nowhere else). */
  async open (keyId: string, actor: Actor, role: Role, groupIds: string[] | null, person: SessionPerson | null = null): Promise<{ id: string, session: WebSession }> {
    this.sweep()
    const id = randomBytes(32).toString('base64url')
    const now = this.env.now()
    const hours = person === null ? SESSION_HOURS : DEVICE_DAYS * 24
    const session = this.remember(id, { keyId, actor, role, groupIds, person, expiresAt: now.getTime() + hours * 3600_000 })
    const h = sha256(id)
    await this.persist?.(async tx => {
      await stored.deleteSession(tx, h, now.toISOString())
      await stored.insertSession(tx, { idHash: h, keyId, expiresAt: new Date(session.expiresAt).toISOString(), createdAt: now.toISOString() })
    })
    return { id, session }
  }

  /**
   * The live session for a cookie value, or null: unknown, expired, or its key revoked since (then it is ended). A
   * session opened before a restart is found in the database and taken back into memory.
   */
  async find (id: string): Promise<WebSession | null> {
    const h = sha256(id)
    const s = this.byHash.get(h) ?? await this.restore(id, h)
    if (s === null) return null
    if (s.expiresAt <= this.env.now().getTime() || !await this.keyLive(s.keyId)) {
      await this.end(h)
      return null
    }
    return s
  }

  /** Sign-out. */
  async close (id: string): Promise<void> {
    await this.end(sha256(id))
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

  private remember (id: string, s: Pick<WebSession, 'keyId' | 'actor' | 'role' | 'groupIds' | 'person' | 'expiresAt'>): WebSession {
    const session: WebSession = { ...s, csrf: derived(id, 'csrf'), internalToken: `${INTERNAL_PREFIX}${derived(id, 'internal')}` }
    const h = sha256(id)
    this.byHash.set(h, session)
    this.byInternal.set(session.internalToken, h)
    return session
  }

  private async restore (id: string, h: string): Promise<WebSession | null> {
    if (this.persist === null) return null
    const row = await stored.findSession(this.db, h)
    if (row === null) return null
    const key = await keys.findKey(this.db, row.keyId)
    if (key === null) return null
    const p = await people.findPerson(this.db, { keyId: key.id })
    const person = p === null ? null : { id: p.id, name: p.name, role: p.role }
    return this.remember(id, { keyId: key.id, actor: { id: key.id, name: key.name }, role: key.role, groupIds: key.groupIds, person, expiresAt: Date.parse(row.expiresAt) })
  }

  private async keyLive (keyId: string): Promise<boolean> {
    const key = await keys.findKey(this.db, keyId)
    return key !== null && key.revokedAt === null
  }

  /** Ends a session: out of memory, and its row (with every expired one) out of the database. */
  private async end (h: string): Promise<void> {
    this.forget(h)
    await this.persist?.(async tx => { await stored.deleteSession(tx, h, this.env.now().toISOString()) })
  }

  private forget (h: string): void {
    const s = this.byHash.get(h)
    if (s !== undefined) this.byInternal.delete(s.internalToken)
    this.byHash.delete(h)
  }

  /** Drops expired sessions from memory (their rows go at the next sign-in or sign-out). */
  private sweep (): void {
    const now = this.env.now().getTime()
    for (const [h, s] of this.byHash) if (s.expiresAt <= now) this.forget(h)
  }
}
