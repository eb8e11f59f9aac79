import { readFileSync } from 'node:fs'
import { verifyBundle } from '../src/audit/verify-bundle.js'

/**
 * lumbung-verify bundle.zip — checks an audit bundle offline (src/audit/verify-bundle.ts): the manifest's hashes, the
 * hash chain recomputed from genesis, every entry balanced, the trial balance against the journal. Prints OK or FAIL
 * with the first discrepancy; exits 0, 1 (the bundle fails) or 2 (usage, unreadable file).
 */
const [path, ...rest] = process.argv.slice(2)
if (path === undefined || rest.length > 0 || path === '-h' || path === '--help') {
  process.stderr.write('usage: lumbung-verify bundle.zip\n')
  process.exit(2)
}
let zip: Uint8Array
try {
  zip = readFileSync(path)
} catch (err) {
  process.stderr.write(`lumbung-verify: cannot read ${path}: ${(err as Error).message}\n`)
  process.exit(2)
}
const v = verifyBundle(zip)
if (v.ok && v.manifest !== null) {
  const m = v.manifest
  process.stdout.write(`OK: ${m.groupName}: ${m.entryCount} entries, head seq ${m.head.seq} hash ${m.head.hash}, ${m.files.length} files checked\n`)
  process.exit(0)
}
process.stdout.write(`FAIL: ${v.problem ?? 'unknown problem'}\n`)
process.exit(1)
