import { randomUUID } from 'node:crypto'
import type { Signer } from '../domain/ledger/checkpoint.js'

export type { Actor } from '../domain/actor.js'

/** What the services take from the world: the time, fresh ids, the time zone that decides "today", and the signing key. */
export interface Env {
  now: () => Date
  newId: (prefix: string) => string
  timeZone: string
  /** Signs checkpoints (src/services/signing-key.ts). */
  signer: Signer
}

/**
 * A UUIDv7 (RFC 9562): time-ordered, so ids sort in creation order and index well. Its 74 random bits come from a v4
 * UUID, which Node draws from a cached pool of entropy instead of asking the system for every id.
 */
export function uuidv7 (now: number = Date.now()): string {
  const ms = now.toString(16).padStart(12, '0')
  // randomUUID(): xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx, V already the RFC 9562 variant; keep what follows the version.
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${randomUUID().slice(15)}`
}

export function realEnv (timeZone: string, signer: Signer): Env {
  return { now: () => new Date(), newId: prefix => `${prefix}_${uuidv7()}`, timeZone, signer }
}
export type { Store } from '../data/connect.js'
