import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { pdfText } from '../src/verifier/pdf-text.js'
import { verifyBundle, type VerifyOptions } from '../src/verifier/verify-bundle.js'
import { parseSignedCheckpoint, type SignedCheckpoint } from '../src/domain/ledger/checkpoint.js'
import { PDF_CHECKPOINT_KEY } from '../src/render/binding.js'

/**
 * lumbung-verify bundle.zip [--expect-head SEQ:HASH] [--since checkpoint.json|statement.pdf …] [--key KEY]
 *
 * The auditor's check of an audit bundle, offline, trusting nothing in it (src/verifier/verify-bundle.ts). Built into
 * one file, dist/lumbung-verify.mjs, that runs with plain `node` on any machine (npm run build:verifier).
 * --expect-head: the journal's head the auditor was told; --since: a checkpoint kept earlier (checkpoint.json from an
 * earlier bundle, GET …/checkpoint, or a statement PDF, which carries its own); --key: the service's public key or
 * its fingerprint (GET /signing-key, the PDF footers). Exits 0 when everything holds, 1 with the first discrepancy,
 * 2 on a usage error or an unreadable file.
 */
const USAGE = 'usage: lumbung-verify bundle.zip [--expect-head SEQ:HASH] [--since checkpoint.json|statement.pdf ...] [--key PUBLIC_KEY|FINGERPRINT]\n'

function usage (why: string): never {
  process.stderr.write(`lumbung-verify: ${why}\n${USAGE}`)
  process.exit(2)
}

function read (path: string): Uint8Array {
  try {
    return readFileSync(path)
  } catch (err) {
    return usage(`cannot read ${path}: ${(err as Error).message}`)
  }
}

/** A kept checkpoint: a checkpoint file, or the one a statement PDF carries. */
function kept (path: string): SignedCheckpoint {
  const bytes = read(path)
  try {
    const text = Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-'
      ? pdfText(bytes).info[PDF_CHECKPOINT_KEY] ?? usage(`${path}: a PDF without a Lumbung checkpoint`)
      : Buffer.from(bytes).toString('utf8')
    return parseSignedCheckpoint(JSON.parse(text))
  } catch (err) {
    return usage(`${path}: ${(err as Error).message}`)
  }
}

let args: ReturnType<typeof parse>
function parse () {
  return parseArgs({ options: { 'expect-head': { type: 'string' }, since: { type: 'string', multiple: true }, key: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true })
}
try {
  args = parse()
} catch (err) {
  usage((err as Error).message)
}
const { values, positionals } = args
if (values.help === true) { process.stdout.write(USAGE); process.exit(0) }
const [path, ...rest] = positionals
if (path === undefined || rest.length > 0) usage('give one bundle')
const opts: VerifyOptions = {}
if (values['expect-head'] !== undefined) {
  const m = /^(\d{1,15}):([0-9a-f]{64})$/.exec(values['expect-head'])
  if (m === null) usage('--expect-head is SEQ:HASH, e.g. 31:5c1e…(64 hex digits)')
  opts.expectHead = { seq: Number(m[1]), hash: m[2] ?? '' }
}
if (values.since !== undefined) opts.since = values.since.map(kept)
if (values.key !== undefined) opts.key = values.key

const v = verifyBundle(read(path), opts)
if (v.ok && v.manifest !== null) {
  const m = v.manifest
  process.stdout.write(`OK: ${m.groupName}: ${m.entryCount} entries, head seq ${m.head.seq} hash ${m.head.hash}; ${m.records.count} records; ${m.statements.length} statements recomputed; signed by key ${v.signedBy ?? ''}\n`)
  for (const line of v.checked) process.stdout.write(`  ok  ${line}\n`)
  if (opts.key === undefined && opts.since === undefined && opts.expectHead === undefined) {
    process.stdout.write('Compare the key above with the one printed on your statements or published at GET /signing-key, and keep checkpoint.json:\n' +
      'next time, --since checkpoint.json proves that nothing you saw today was removed or rewritten.\n')
  }
  process.exit(0)
}
process.stdout.write(`FAIL: ${v.problem ?? 'unknown problem'}\n`)
process.exit(1)
