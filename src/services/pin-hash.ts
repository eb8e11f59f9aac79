import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/**
 * PINs and passphrases are kept as scrypt hashes (memory-hard: 2^15 × 8 × 128 bytes = 32 MiB per try), with a salt of
 * their own: `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>` in base64url. A short PIN cannot be kept safe by its hash alone;
 * the lockout (src/domain/people.ts) is what stops guessing, the hash what keeps a stolen file from giving PINs away.
 */
const LOG_N = 15
const R = 8
const P = 1
const LENGTH = 32

async function derive (pin: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  return await new Promise((resolve, reject) => {
    scrypt(pin.normalize('NFC'), salt, LENGTH, { N: 2 ** logN, r, p, maxmem: 256 * 2 ** logN * r * p }, (err, key) => { if (err === null) resolve(key); else reject(err) })
  })
}

export async function hashPin (pin: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(pin, salt, LOG_N, R, P)
  return ['scrypt', LOG_N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/** Whether a PIN matches a kept hash (constant time); a malformed hash matches nothing. */
export async function pinMatches (pin: string, kept: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, hash] = kept.split('$')
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined) return false
  const want = Buffer.from(hash, 'base64url')
  const got = await derive(pin, Buffer.from(salt, 'base64url'), Number(logN), Number(r), Number(p))
  return got.length === want.length && timingSafeEqual(got, want)
}

/** A hash no PIN matches, checked when the login is unknown so that an unknown login takes as long as a wrong PIN. */
export const NO_PIN = `scrypt$${LOG_N}$${R}$${P}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(LENGTH).toString('base64url')}`
