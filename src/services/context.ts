import { randomBytes } from 'node:crypto'

export type { Actor } from '../domain/actor.js'

/** What the services take from the world: the time, fresh ids and the time zone that decides "today". */
export interface Env {
  now: () => Date
  newId: (prefix: string) => string
  timeZone: string
}

/** A UUIDv7 (RFC 9562): time-ordered, so ids sort in creation order and index well. */
export function uuidv7 (now: number = Date.now()): string {
  const b = randomBytes(16)
  const ms = BigInt(now)
  for (let i = 0; i < 6; i++) b[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn)
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x70
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

export function realEnv (timeZone: string): Env {
  return { now: () => new Date(), newId: prefix => `${prefix}_${uuidv7()}`, timeZone }
}
export type { Store } from '../data/connect.js'
