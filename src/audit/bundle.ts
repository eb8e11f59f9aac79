import { createHash } from 'node:crypto'
import { zipSync } from 'fflate'

/** The manifest's `format`: a verifier refuses any other. */
export const BUNDLE_FORMAT = 'lumbung-audit-bundle/1'
export const MANIFEST_PATH = 'manifest.json'

export interface ManifestFile {
  path: string
  sha256: string
  bytes: number
}

/** manifest.json: what the bundle claims about itself. lumbung-verify checks every figure against the files. */
export interface Manifest {
  format: typeof BUNDLE_FORMAT
  groupId: string
  groupName: string
  generatedAt: string
  /** The date the ledger-format journal and the statements run up to; journal.jsonl holds the whole chain. */
  through?: string
  head: { seq: number, hash: string }
  entryCount: number
  files: ManifestFile[]
}

/** What the bundle is built from: the manifest's claims and the files themselves. */
export type BundleInput = Omit<Manifest, 'format' | 'files'> & { files: Array<{ path: string, bytes: Uint8Array }> }

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

/**
 * Every entry gets the same modification time, 1980-01-01 00:00 (the first the format can hold), so the same input
 * gives the same bytes. ZIP stores local time and fflate reads the local fields of the Date, so it is built from
 * local fields at each call and does not move with TZ.
 */
const fixedMtime = (): Date => new Date(1980, 0, 1, 0, 0, 0)

/** The manifest for `input`: its files sorted by path with their SHA-256 and size. */
export function bundleManifest (input: BundleInput): Manifest {
  const seen = new Set<string>()
  for (const f of input.files) {
    if (!isSafeBundlePath(f.path)) throw new Error(`bundle path "${f.path}" is not a safe relative path`)
    if (f.path === MANIFEST_PATH) throw new Error(`${MANIFEST_PATH} is written by the bundle itself`)
    if (seen.has(f.path)) throw new Error(`bundle path "${f.path}" appears twice`)
    seen.add(f.path)
  }
  const files = [...input.files]
    .sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
    .map(f => ({ path: f.path, sha256: sha256Hex(f.bytes), bytes: f.bytes.byteLength }))
  return {
    format: BUNDLE_FORMAT,
    groupId: input.groupId,
    groupName: input.groupName,
    generatedAt: input.generatedAt,
    ...(input.through === undefined ? {} : { through: input.through }),
    head: { seq: input.head.seq, hash: input.head.hash },
    entryCount: input.entryCount,
    files
  }
}

/** The audit bundle: a zip of `files` and manifest.json (first), byte-for-byte the same for the same input. */
export function buildBundle (input: BundleInput): Uint8Array {
  const manifest = bundleManifest(input)
  const byPath = new Map(input.files.map(f => [f.path, f.bytes]))
  const entries: Record<string, Uint8Array> = { [MANIFEST_PATH]: new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n') }
  for (const f of manifest.files) entries[f.path] = byPath.get(f.path) as Uint8Array
  return zipSync(entries, { mtime: fixedMtime(), level: 6 })
}
