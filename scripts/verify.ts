import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { loadConfig } from '../src/config.js'
import { connect } from '../src/data/connect.js'
import { keyFingerprint, parseSignedCheckpoint, type SignedCheckpoint } from '../src/domain/ledger/checkpoint.js'
import * as groups from '../src/services/group-service.js'
import { findingText, verify } from '../src/services/integrity-service.js'
import { publicKeyIn } from '../src/services/signing-key.js'

/**
 * npm run verify [-- [--since checkpoint.json …] [groupId …]] — the full check of every group (or the ones named) on
 * the database named by DATABASE_URL, without the server: both hash chains, every protected row against its record,
 * the registers against the journal, every signed checkpoint, and each checkpoint file given with --since (one an
 * auditor or a member kept; it applies to its own group). Prints every finding by table and row; exits 1 when any
 * group fails, 2 on a usage error.
 */
const { values, positionals } = parseArgs({ options: { since: { type: 'string', multiple: true } }, allowPositionals: true })
let kept: SignedCheckpoint[]
try {
  kept = (values.since ?? []).map(path => parseSignedCheckpoint(JSON.parse(readFileSync(path, 'utf8'))))
} catch (err) {
  process.stderr.write(`verify: ${(err as Error).message}\n`)
  process.exit(2)
}
const config = loadConfig()
const key = publicKeyIn(config.SIGNING_KEY_FILE)
const store = connect(config.DATABASE_URL, { readOnly: true })
process.stdout.write(key === null ? `no signing key at ${config.SIGNING_KEY_FILE}: checkpoint signatures are checked against their own keys only\n` : `signing key ${keyFingerprint(key)} (${config.SIGNING_KEY_FILE})\n`)
const wanted = [...new Set([...positionals, ...kept.map(k => k.checkpoint.groupId)])]
const all = await groups.listGroups(store.db, wanted.length > 0 ? wanted : null)
let failed = 0
for (const id of wanted.filter(w => !all.some(g => g.id === w))) {
  failed++
  process.stdout.write(`FAIL  ${id}: no such group in this database (a kept checkpoint names it)\n`)
}
for (const g of all) {
  const v = await verify(store.db, g.id, { key, since: kept.filter(k => k.checkpoint.groupId === g.id) })
  const summary = `${v.entries} entries, head ${v.head.seq} ${v.head.hash}; ${v.records.count} records; ${v.checkpoints.checked} signed checkpoints`
  if (v.valid) process.stdout.write(`OK    ${g.id}  ${g.name}: ${summary}\n`)
  else {
    failed++
    process.stdout.write(`FAIL  ${g.id}  ${g.name}: ${summary}\n${v.findings.map(f => `      ${findingText(f)}\n`).join('')}`)
  }
}
if (all.length === 0 && wanted.length === 0) process.stdout.write('no groups\n')
await store.close()
process.exit(failed > 0 ? 1 : 0)
