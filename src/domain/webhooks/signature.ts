import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com/): a secret is `whsec_` and the base64 of its key
 * bytes; a signature is `v1,` and the base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`, the body exactly as sent.
 * A header carries one signature per secret in force, separated by spaces, so a receiver switching secrets keeps
 * verifying during the overlap.
 */
export const SECRET_PREFIX = 'whsec_'

/** The key bytes of a secret, with or without its prefix. */
export function secretKey (secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64')
}

export function sign (secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`
}

/** The webhook-signature header: a signature with each secret. */
export function signatureHeader (secrets: readonly string[], id: string, timestamp: number, body: string): string {
  return secrets.map(s => sign(s, id, timestamp, body)).join(' ')
}

/**
 * What a receiver does (the README's example does the same): the timestamp within `toleranceS` of now, and one of the
 * header's v1 signatures equal, in constant time, to the one computed with the secret.
 */
export function verify (secret: string, headers: { id: string, timestamp: string, signature: string }, body: string, nowS: number, toleranceS = 300): boolean {
  const ts = Number(headers.timestamp)
  if (!Number.isInteger(ts) || Math.abs(nowS - ts) > toleranceS) return false
  const expected = Buffer.from(sign(secret, headers.id, ts, body))
  return headers.signature.split(' ').some(s => {
    const got = Buffer.from(s)
    return got.length === expected.length && timingSafeEqual(got, expected)
  })
}
