import { unzipSync } from 'fflate'
import t from 'tap'
import { signCheckpoint, type SignedCheckpoint } from '../../src/domain/ledger/checkpoint.js'
import { GENESIS_HASH, recordHash, type HashedRecord } from '../../src/domain/records/record-chain.js'
import { buildBundle, MANIFEST_PATH, type Manifest } from '../../src/verifier/bundle.js'
import { jsonLines } from '../../src/verifier/files.js'
import { verifyBundle } from '../../src/verifier/verify-bundle.js'
import { playRounds, setup } from '../arisan-scenario.js'
import { ADMIN_TOKEN, TEST_SIGNER } from '../helpers.js'

/*
 * A pengawas recomputes every draw offline (issue 19): the audit bundle of a group that ran three drawn rounds verifies
 * with nothing but the bundle, and a bundle whose records were rewritten to give round 1 to another slot (both chains
 * re-hashed and re-signed by someone holding the group's key) is refused because the draw no longer recomputes.
 */

t.test('the draws recompute from the bundle alone, and a rewritten winner does not', async t => {
  const s = await setup()
  t.teardown(s.api.close)
  await playRounds(s, 3)
  const r = await s.api.app.inject({ method: 'GET', url: `${s.g}/audit-bundle?through=2025-12-31`, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
  t.equal(r.statusCode, 200)
  const zip = new Uint8Array(r.rawPayload)
  const honest = verifyBundle(zip, { key: TEST_SIGNER.publicKey })
  t.equal(honest.problem, null)
  t.ok(honest.checked.some(c => /3 arisan rounds, each slot once; 3 draws recomputed by lumbung-arisan-draw-v1/.test(c)), honest.checked.join('\n'))

  const files = new Map<string, Uint8Array>(Object.entries(unzipSync(zip)))
  const text = (p: string): string => Buffer.from(files.get(p) ?? new Uint8Array()).toString('utf8')
  const m = JSON.parse(text(MANIFEST_PATH)) as Manifest
  const records = text('records.jsonl').trim().split('\n').map(l => JSON.parse(l) as HashedRecord)
  const rounds = records.filter(x => x.table === 'arisan_rounds')
  const [one, , three] = rounds
  if (one === undefined || three === undefined) throw new Error('three rounds')
  const [a, b] = [one.body.row.slot ?? null, three.body.row.slot ?? null]
  one.body.row.slot = b
  three.body.row.slot = a
  let prev = GENESIS_HASH
  for (const x of records) { x.prevHash = prev; x.hash = recordHash(x); prev = x.hash }
  files.set('records.jsonl', jsonLines(records))
  const last = records.at(-1) ?? { seq: 0, hash: GENESIS_HASH }
  const cp: SignedCheckpoint = signCheckpoint({ ...m.checkpoint.checkpoint, records: { seq: last.seq, hash: last.hash } }, TEST_SIGNER)
  files.set('checkpoint.json', Buffer.from(JSON.stringify(cp, null, 2) + '\n'))
  const rest = [...files].filter(([p]) => p !== MANIFEST_PATH).map(([path, bytes]) => ({ path, bytes }))
  const forged = buildBundle({ ...m, records: { ...m.records, hash: last.hash }, checkpoint: cp, files: rest }, TEST_SIGNER)
  const v = verifyBundle(forged, { key: TEST_SIGNER.publicKey })
  t.equal(v.ok, false)
  t.match(v.problem, /arisan_rounds .*the draw of round 1 does not recompute/)
})
