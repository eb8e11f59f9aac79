import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Signer } from '../domain/ledger/checkpoint.js'

/**
 * The service's Ed25519 signing key: it signs every checkpoint (period closes, audit bundles, statements). It lives in
 * a file of its own outside the database (PKCS #8 PEM, readable by the service's user only), made at first start, so a
 * copy of the database alone cannot sign, and an edited database cannot be passed off with a fresh signature.
 */
export function signerOf (privateKey: KeyObject): Signer {
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' })
  return {
    publicKey: Buffer.from(spki.subarray(spki.length - 32)).toString('base64'),
    sign: message => sign(null, message, privateKey)
  }
}

/** The signer whose key is in `path`; the key is made (and the folder) when the file does not exist yet. */
export function loadSigner (path: string): { signer: Signer, created: boolean } {
  const existing = (): { signer: Signer, created: boolean } => ({ signer: signerOf(createPrivateKey(readFileSync(path, 'utf8'))), created: false })
  if (existsSync(path)) return existing()
  mkdirSync(dirname(path), { recursive: true })
  const { privateKey } = generateKeyPairSync('ed25519')
  try {
    writeFileSync(path, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' })
  } catch (err) {
    // Another process made it first (two starting at once): use that one, never overwrite a key.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return existing()
    throw err
  }
  chmodSync(path, 0o600)
  return { signer: signerOf(privateKey), created: true }
}

const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex')

/** A signer from a 32-byte seed: the same seed, the same key (tests, fixtures). */
export function signerFromSeed (seed: Uint8Array): Signer {
  if (seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes')
  return signerOf(createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' }))
}

/** The public key (base64) of the key in `path`, or null when there is none: for checks that only verify. */
export function publicKeyIn (path: string): string | null {
  return existsSync(path) ? signerOf(createPrivateKey(readFileSync(path, 'utf8'))).publicKey : null
}
