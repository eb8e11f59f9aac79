import { createHash, createPublicKey, verify } from 'node:crypto'
import { canonicalJson } from './hash-chain.js'

/**
 * A signed checkpoint: the service's Ed25519 signature over where a group's two chains stood (the journal's head and the
 * record chain's head) and when. Anyone who keeps one (the pengawas after an audit, a member with her printed passbook,
 * the grantor with the year's report) can later prove that the books they are shown still contain what they saw: a
 * deleted or rewritten tail no longer reaches the kept head, and no one without the signing key can sign a new one.
 *
 * The signature is over the checkpoint's canonical JSON (keys sorted, no white space, UTF-8). Ed25519 signatures are
 * deterministic, and `at` is the time of the later head, so the same books always give the same signed checkpoint.
 */
export const CHECKPOINT_FORMAT = 'lumbung-checkpoint/1'

export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT
  groupId: string
  /** The journal's head: the last entry's seq and hash (0 and 64 zeros before the first entry). */
  seq: number
  hash: string
  /** The record chain's head. */
  records: { seq: number, hash: string }
  /** When the later of the two heads was written (ISO-8601 UTC). */
  at: string
}

export interface SignedCheckpoint {
  checkpoint: Checkpoint
  /** The signer's Ed25519 public key, raw 32 bytes in base64. */
  key: string
  /** The Ed25519 signature of the checkpoint's canonical JSON, base64. */
  signature: string
}

/** What signs: the service's key (src/services/signing-key.ts), or a fixed test key. */
export interface Signer {
  /** Raw 32-byte Ed25519 public key, base64. */
  publicKey: string
  sign: (message: Uint8Array) => Uint8Array
}

const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex')

export function checkpointMessage (c: Checkpoint): Uint8Array {
  return Buffer.from(canonicalJson({ at: c.at, format: c.format, groupId: c.groupId, hash: c.hash, records: { hash: c.records.hash, seq: c.records.seq }, seq: c.seq }), 'utf8')
}

export function signCheckpoint (c: Checkpoint, signer: Signer): SignedCheckpoint {
  return { checkpoint: c, key: signer.publicKey, signature: Buffer.from(signer.sign(checkpointMessage(c))).toString('base64') }
}

/** Whether `signature` (base64) is the Ed25519 signature of `message` by the raw public key `key` (base64). */
export function signatureHolds (key: string, message: Uint8Array, signature: string): boolean {
  const raw = Buffer.from(key, 'base64')
  const sig = Buffer.from(signature, 'base64')
  if (raw.length !== 32 || sig.length !== 64 || raw.toString('base64') !== key || sig.toString('base64') !== signature) return false
  try {
    return verify(null, message, createPublicKey({ key: Buffer.concat([SPKI_ED25519, raw]), format: 'der', type: 'spki' }), sig)
  } catch {
    return false
  }
}

export function checkpointHolds (s: SignedCheckpoint): boolean {
  return signatureHolds(s.key, checkpointMessage(s.checkpoint), s.signature)
}

/**
 * A public key's short fingerprint, as the PDF footers print it: the first 16 hex digits of its SHA-256, in groups of
 * four (`3f2a 9c01 77be 0d42`). Enough to compare a printout with the key the service publishes.
 */
export function keyFingerprint (key: string): string {
  const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 16)
  return hex.replace(/(.{4})(?!$)/g, '$1 ')
}

const HASH_RE = /^[0-9a-f]{64}$/
const B64_RE = /^[A-Za-z0-9+/]+={0,2}$/
type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const isSeq = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
const exactly = (o: Obj, keys: string[]): boolean => Object.keys(o).length === keys.length && keys.every(k => k in o)

/** A signed checkpoint from untrusted JSON, checked for shape (not yet for its signature); throws an Error saying what is wrong. */
export function parseSignedCheckpoint (v: unknown): SignedCheckpoint {
  const bad = (why: string): never => { throw new Error(`not a signed checkpoint: ${why}`) }
  if (!isObj(v) || !exactly(v, ['checkpoint', 'key', 'signature'])) return bad('expected {checkpoint, key, signature}')
  const { checkpoint: c, key, signature } = v
  if (typeof key !== 'string' || !B64_RE.test(key)) return bad('key must be base64')
  if (typeof signature !== 'string' || !B64_RE.test(signature)) return bad('signature must be base64')
  if (!isObj(c) || !exactly(c, ['format', 'groupId', 'seq', 'hash', 'records', 'at'])) return bad('checkpoint must be {format, groupId, seq, hash, records, at}')
  if (c.format !== CHECKPOINT_FORMAT) return bad(`format must be "${CHECKPOINT_FORMAT}"`)
  if (typeof c.groupId !== 'string' || c.groupId === '') return bad('groupId must be a non-empty string')
  if (!isSeq(c.seq) || typeof c.hash !== 'string' || !HASH_RE.test(c.hash)) return bad('seq must be a whole number and hash 64 lowercase hex digits')
  const r = c.records
  if (!isObj(r) || !exactly(r, ['seq', 'hash']) || !isSeq(r.seq) || typeof r.hash !== 'string' || !HASH_RE.test(r.hash)) return bad('records must be {seq, hash}')
  if (typeof c.at !== 'string' || Number.isNaN(Date.parse(c.at))) return bad('at must be a timestamp')
  return {
    checkpoint: { format: CHECKPOINT_FORMAT, groupId: c.groupId, seq: c.seq, hash: c.hash, records: { seq: r.seq, hash: r.hash }, at: c.at },
    key,
    signature
  }
}
