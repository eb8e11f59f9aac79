import { createHash } from 'node:crypto'
import { zipSync } from 'fflate'
import { canonicalJson, type Json } from '../domain/ledger/hash-chain.js'
import type { Signer, SignedCheckpoint } from '../domain/ledger/checkpoint.js'
import type { StatementKind } from '../domain/statements/model.js'

/** The manifest's `format`: a verifier refuses any other. */
export const BUNDLE_FORMAT = 'lumbung-audit-bundle/2'
export const MANIFEST_PATH = 'manifest.json'
export const JOURNAL_PATH = 'journal.jsonl'
export const RECORDS_PATH = 'records.jsonl'
export const LEDGER_PATH = 'journal.ledger'
export const ACCOUNTS_PATH = 'accounts.json'
export const CHECKPOINT_PATH = 'checkpoint.json'

export interface ManifestFile {
  path: string
  sha256: string
  bytes: number
}

/** One statement of the bundle: what it is, the period it covers, and its CSV and PDF. */
export interface ManifestStatement {
  kind: StatementKind
  from: string | null
  to: string
  loanId: string | null
  csv: string
  pdf: string
}

/**
 * manifest.json: what the bundle claims about itself, signed with the service's key (the key of its checkpoint) over
 * the canonical JSON of everything but the signature. lumbung-verify checks every claim against the files.
 */
export interface Manifest {
  format: typeof BUNDLE_FORMAT
  groupId: string
  groupName: string
  generatedAt: string
  /** The date the ledger-format journal and the statements run up to; journal.jsonl holds the whole chain. */
  through: string
  head: { seq: number, hash: string }
  entryCount: number
  records: { seq: number, hash: string, count: number }
  /** The signed checkpoint of the books in the bundle (also as checkpoint.json, for the auditor to keep). */
  checkpoint: SignedCheckpoint
  statements: ManifestStatement[]
  files: ManifestFile[]
  signature: string
}

/** What the bundle is built from: the manifest's claims and the files themselves. */
export type BundleInput = Omit<Manifest, 'format' | 'files' | 'signature'> & { files: Array<{ path: string, bytes: Uint8Array }> }

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

/**
 * A relative path with `/` separators and no empty, `.` or `..` segment: the same file wherever the zip is unpacked.
 * A path that looks like an array index would also change the order of the zip's entries (object keys), so a file
 * name is more than digits.
 */
export function isSafeBundlePath (path: string): boolean {
  if (path === '' || path.length > 255 || path.includes('\\') || /\p{Cc}/u.test(path)) return false
  if (/^\d+$/.test(path)) return false
  return path.split('/').every(s => s !== '' && s !== '.' && s !== '..')
}

/** The bytes the manifest's signature covers: its canonical JSON without the signature. */
export function manifestMessage (m: Omit<Manifest, 'signature'> & { signature?: string }): Uint8Array {
  const { checkpoint: c, signature: _signature, ...rest } = m
  const json: Json = {
    ...rest,
    head: { ...rest.head },
    records: { ...rest.records },
    checkpoint: { checkpoint: { ...c.checkpoint, records: { ...c.checkpoint.records } }, key: c.key, signature: c.signature },
    statements: rest.statements.map(s => ({ ...s })),
    files: rest.files.map(f => ({ ...f }))
  }
  return Buffer.from(canonicalJson(json), 'utf8')
}

/**
 * Every entry gets the same modification time, 1980-01-01 00:00 (the first the format can hold), so the same input
 * gives the same bytes. ZIP stores local time and fflate reads the local fields of the Date, so it is built from
 * local fields at each call and does not move with TZ.
 */
const fixedMtime = (): Date => new Date(1980, 0, 1, 0, 0, 0)

/** The signed manifest for `input`: its files sorted by path with their SHA-256 and size. */
export function bundleManifest (input: BundleInput, signer: Signer): Manifest {
  const seen = new Set<string>()
  for (const f of input.files) {
    if (!isSafeBundlePath(f.path)) throw new Error(`bundle path "${f.path}" is not a safe relative path`)
    if (f.path === MANIFEST_PATH) throw new Error(`${MANIFEST_PATH} is written by the bundle itself`)
    if (seen.has(f.path)) throw new Error(`bundle path "${f.path}" appears twice`)
    seen.add(f.path)
  }
  if (signer.publicKey !== input.checkpoint.key) throw new Error('the manifest is signed with the key of its checkpoint')
  const files = [...input.files]
    .sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
    .map(f => ({ path: f.path, sha256: sha256Hex(f.bytes), bytes: f.bytes.byteLength }))
  const unsigned: Omit<Manifest, 'signature'> = {
    format: BUNDLE_FORMAT,
    groupId: input.groupId,
    groupName: input.groupName,
    generatedAt: input.generatedAt,
    through: input.through,
    head: { seq: input.head.seq, hash: input.head.hash },
    entryCount: input.entryCount,
    records: { seq: input.records.seq, hash: input.records.hash, count: input.records.count },
    checkpoint: input.checkpoint,
    statements: input.statements,
    files
  }
  return { ...unsigned, signature: Buffer.from(signer.sign(manifestMessage(unsigned))).toString('base64') }
}

/** The audit bundle: a zip of `files` and manifest.json (first), byte-for-byte the same for the same input. */
export function buildBundle (input: BundleInput, signer: Signer): Uint8Array {
  const manifest = bundleManifest(input, signer)
  const byPath = new Map(input.files.map(f => [f.path, f.bytes]))
  const entries: Record<string, Uint8Array> = { [MANIFEST_PATH]: new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n') }
  for (const f of manifest.files) entries[f.path] = byPath.get(f.path) as Uint8Array
  return zipSync(entries, { mtime: fixedMtime(), level: 6 })
}
