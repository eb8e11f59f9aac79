import { unzipSync } from 'fflate'
import t from 'tap'
import { buildBundle, MANIFEST_PATH, type Manifest } from '../../src/verifier/bundle.js'
import { jsonLines } from '../../src/verifier/files.js'
import { verifyBundle } from '../../src/verifier/verify-bundle.js'
import { signCheckpoint, type SignedCheckpoint } from '../../src/domain/ledger/checkpoint.js'
import { entryHash, GENESIS_HASH } from '../../src/domain/ledger/hash-chain.js'
import { entryFromJson, type EntryJson } from '../../src/domain/ledger/entry-json.js'
import { recordHash, type HashedRecord } from '../../src/domain/records/record-chain.js'
import type { Statement } from '../../src/domain/statements/model.js'
import { PDF_CHECKPOINT_KEY } from '../../src/render/binding.js'
import { renderCsv } from '../../src/render/csv.js'
import { booksOf } from '../../src/domain/books/books.js'
import { buildStatement } from '../../src/domain/statements/build.js'
import { renderPdf } from '../../src/render/pdf.js'
import { signerFromSeed } from '../../src/services/signing-key.js'
import { TEST_SIGNER } from '../helpers.js'
import { fullYears, twoYearApi, type FullBooks } from '../scenario.js'
import { pdfText } from '../../src/verifier/pdf-text.js'

/*
 * The auditor's verifier against the bundles a hostile treasurer, a tampered server or a forger would hand over. Every
 * case starts from an honest bundle of the two-year books and changes one thing; most then repair what a careless
 * forger would trip on (the manifest's hashes, the signature with a key of their own), so that the check that must
 * catch it is the one that does.
 */

const AUTH = { authorization: 'Bearer test-admin-token-0123456789' }
const FORGER = signerFromSeed(new Uint8Array(32).fill(7))

interface Honest { zip: Uint8Array, books: FullBooks, earlier: SignedCheckpoint, statement: (kind: string) => Promise<Statement> }

let honest: Promise<Honest> | null = null
/** One honest bundle through 2006-12-31, and a checkpoint kept before the last entry of January 2007. */
async function bundle (): Promise<Honest> {
  honest ??= (async () => {
    const api = await twoYearApi()
    const books = await fullYears(api)
    const g = `/v1/groups/${books.gid}`
    const earlier = (await api.get(`${g}/checkpoint`)).json as SignedCheckpoint
    await api.post(`${g}/expenses`, { date: '2007-01-14', amount: '5000', account: '5101', description: 'Air minum rapat' })
    const r = await api.app.inject({ method: 'GET', url: `${g}/audit-bundle?through=2006-12-31`, headers: AUTH })
    if (r.statusCode !== 200) throw new Error(`bundle: ${r.statusCode} ${r.body}`)
    const statement = async (kind: string): Promise<Statement> => {
      const { buildStatement } = await import('../../src/services/statement-service.js')
      return await buildStatement(api.store.reader, { now: () => new Date(), newId: x => x, timeZone: 'Asia/Makassar', signer: TEST_SIGNER }, books.gid, kind as never, { from: '2006-01-01', to: '2006-12-31' })
    }
    t.teardown(api.close)
    return { zip: new Uint8Array(r.rawPayload), books, earlier, statement }
  })()
  return await honest
}

type Files = Map<string, Uint8Array>
const open = (zip: Uint8Array): Files => new Map(Object.entries(unzipSync(zip)))
const text = (b: Uint8Array | undefined): string => Buffer.from(b ?? new Uint8Array()).toString('utf8')
const manifestOf = (files: Files): Manifest => JSON.parse(text(files.get(MANIFEST_PATH))) as Manifest

/** The files zipped again with a manifest re-made and signed by `signer` (and a checkpoint re-signed by it, when asked). */
function repack (files: Files, signer = TEST_SIGNER, checkpoint?: SignedCheckpoint): Uint8Array {
  const m = manifestOf(files)
  const cp = checkpoint ?? m.checkpoint
  const rest = [...files].filter(([p]) => p !== MANIFEST_PATH).map(([path, bytes]) => ({ path, bytes: path === 'checkpoint.json' && checkpoint !== undefined ? Buffer.from(JSON.stringify(cp, null, 2) + '\n') : bytes }))
  return buildBundle({ groupId: m.groupId, groupName: m.groupName, generatedAt: m.generatedAt, through: m.through, head: m.head, entryCount: m.entryCount, records: m.records, checkpoint: cp, statements: m.statements, files: rest }, signer)
}

/**
 * A forger's whole bundle: the files as given, both chains re-hashed from genesis, and, unless `statements` is false,
 * every statement computed again from the forged books with Lumbung's own code; a checkpoint and manifest signed by
 * the forger's key. Only what the auditor holds from outside can tell it from the real books.
 */
async function forge (files: Files, statements = true): Promise<Uint8Array> {
  const m = manifestOf(files)
  const entries = text(files.get('journal.jsonl')).trim().split('\n').map(l => JSON.parse(l) as EntryJson)
  let prev = GENESIS_HASH
  for (const e of entries) { e.prevHash = prev; e.hash = entryHash(entryFromJson(e)); prev = e.hash }
  const records = text(files.get('records.jsonl')).trim().split('\n').map(l => JSON.parse(l) as HashedRecord)
  let rprev = GENESIS_HASH
  for (const r of records) { r.prevHash = rprev; r.hash = recordHash(r); rprev = r.hash }
  files.set('journal.jsonl', jsonLines(entries))
  files.set('records.jsonl', jsonLines(records))
  const last = entries.at(-1) ?? { seq: 0, hash: GENESIS_HASH }
  const lastRecord = records.at(-1) ?? { seq: 0, hash: GENESIS_HASH }
  const cp = signCheckpoint({ ...m.checkpoint.checkpoint, seq: last.seq, hash: last.hash, records: { seq: lastRecord.seq, hash: lastRecord.hash } }, FORGER)
  files.set('checkpoint.json', Buffer.from(JSON.stringify(cp, null, 2) + '\n'))
  if (statements) {
    const books = booksOf(records, { entries: entries.map(e => ({ ...entryFromJson(e), reversedBy: e.reversedBy ?? null })) })
    for (const job of m.statements) {
      const st = { ...buildStatement(books, job.kind, { from: job.from, to: job.to, ...(job.loanId === null ? {} : { loanId: job.loanId }) }), checkpoint: cp }
      files.set(job.csv, renderCsv(st, 'id'))
      files.set(job.pdf, await renderPdf(st, 'id', new Date(m.generatedAt)))
    }
  }
  const rest = [...files].filter(([p]) => p !== MANIFEST_PATH).map(([path, bytes]) => ({ path, bytes }))
  return buildBundle({
    groupId: m.groupId, groupName: m.groupName, generatedAt: m.generatedAt, through: m.through, head: { seq: last.seq, hash: last.hash }, entryCount: m.entryCount,
    records: { ...m.records, seq: lastRecord.seq, hash: lastRecord.hash }, checkpoint: cp, statements: m.statements, files: rest
  }, FORGER)
}

t.test('an honest bundle verifies: both chains, the registers, every statement recomputed, every PDF read', async t => {
  const { zip, books, earlier } = await bundle()
  const v = verifyBundle(zip)
  t.equal(v.problem, null)
  t.ok(v.ok)
  t.equal(v.signedBy !== null && v.signedBy.length, 19, 'the key\'s fingerprint, as the PDFs print it')
  const m = v.manifest as Manifest
  t.equal(m.statements.filter(s => s.kind === 'loan-card').length, 2, 'a loan card per loan')
  t.match(v.checked.at(-1), /statements recomputed from the books/)
  const files = open(zip)
  for (const f of ['journal.jsonl', 'records.jsonl', 'journal.ledger', 'accounts.json', 'checkpoint.json', 'statements/trial-balance.csv', 'statements/balance-sheet.pdf', `statements/loan-card/${books.loans[0] ?? ''}.pdf`]) t.ok(files.has(f), f)
  const head = `${m.head.seq}:${m.head.hash}`
  t.ok(verifyBundle(zip, { expectHead: m.head }).ok, `--expect-head ${head}`)
  t.ok(verifyBundle(zip, { since: [earlier] }).ok, 'a checkpoint kept before is still on both chains')
  t.ok(verifyBundle(zip, { key: TEST_SIGNER.publicKey }).ok, '--key with the public key')
  t.ok(verifyBundle(zip, { key: v.signedBy ?? '' }).ok, '--key with the fingerprint')
  const pdf = pdfText(files.get('statements/trial-balance.pdf') ?? new Uint8Array())
  t.same(JSON.parse(pdf.info[PDF_CHECKPOINT_KEY] ?? 'null'), m.checkpoint, 'each PDF carries the checkpoint')
  t.match(pdf.pages[0]?.lines.join('\n'), new RegExp(`kunci ${v.signedBy ?? ''}`), 'and prints the key\'s fingerprint in its footer')
})

t.test('a tampered bundle verifies: one changed figure in any file, with the manifest\'s hashes recomputed, fails', async t => {
  const { zip, books } = await bundle()
  const [sari = ''] = books.members
  const cases: Array<[what: string, change: (f: Files) => void, problem: RegExp]> = [
    ['Kas on the Neraca CSV', f => { f.set('statements/balance-sheet.csv', Buffer.from(text(f.get('statements/balance-sheet.csv')).replace(/\r\nAset,1101,Kas,(\d+)/, (_m, n: string) => `\r\nAset,1101,Kas,${BigInt(n) + 100000n}`))) }, /statements\/balance-sheet\.csv: row \d+ \(Aset 1101\), column "Jumlah": the file says "\d+", the books give "\d+"/],
    ['a member\'s savings in the passbook recap', f => { f.set('statements/member-savings.csv', Buffer.from(text(f.get('statements/member-savings.csv')).replace('Ni Wayan Sari,KK-001,10000', 'Ni Wayan Sari,KK-001,90000'))) }, /statements\/member-savings\.csv: row 2 \(Ni Wayan Sari KK-001\), column "Pokok": the file says "90000", the books give "10000"/],
    ['a PDF replaced by another statement\'s', f => { f.set('statements/balance-sheet.pdf', f.get('statements/trial-balance.pdf') ?? new Uint8Array()) }, /statements\/balance-sheet\.pdf: is not bound to the statement the books give/],
    ['a loan\'s principal in the record chain', f => { f.set('records.jsonl', Buffer.from(text(f.get('records.jsonl')).replace('"principal":"500000"', '"principal":"50000"'))) }, /records\.jsonl: seq \d+: hash does not match the record's content/],
    ['a line of the journal', f => { f.set('journal.jsonl', Buffer.from(text(f.get('journal.jsonl')).replace('"debit":"2500000"', '"debit":"2500001"').replace('"credit":"2500000"', '"credit":"2500001"'))) }, /journal\.jsonl: seq 1: hash does not match the entry's content/],
    ['a statement left out', f => { f.delete('statements/fund-usage.csv') }, /statements\/fund-usage\.csv: listed in the manifest but missing|fund-usage/],
    ['an extra file', f => { f.set('statements/extra.csv', Buffer.from('x')) }, /statements\/extra\.csv: a file no bundle holds/],
    ['the kept checkpoint file', f => { f.set('checkpoint.json', Buffer.from('{}')) }, /checkpoint\.json: is not the manifest's checkpoint/]
  ]
  void sari
  for (const [what, change, problem] of cases) {
    const files = open(zip)
    change(files)
    // The hashes recomputed, the manifest signed again by the service's own key: only the books can tell.
    const v = verifyBundle(repack(files))
    t.equal(v.ok, false, what)
    t.match(v.problem, problem, what)
  }
  const unsigned = open(zip)
  unsigned.set('statements/balance-sheet.csv', Buffer.from(text(unsigned.get('statements/balance-sheet.csv')).replace(',1101,Kas,', ',1101,Kas,9')))
  const m = manifestOf(unsigned)
  const csv = unsigned.get('statements/balance-sheet.csv') ?? new Uint8Array()
  const { sha256Hex } = await import('../../src/verifier/bundle.js')
  unsigned.set(MANIFEST_PATH, Buffer.from(JSON.stringify({ ...m, files: m.files.map(x => x.path === 'statements/balance-sheet.csv' ? { ...x, sha256: sha256Hex(csv), bytes: csv.byteLength } : x) })))
  const { zipSync } = await import('fflate')
  t.match(verifyBundle(zipSync(Object.fromEntries(unsigned))).problem, /manifest\.json: the signature does not hold/, 'the manifest\'s hashes recomputed without the key')
})

t.test('a PDF whose figures differ from the books fails, even carrying the right checkpoint and digest', async t => {
  const { zip, statement } = await bundle()
  const s = await statement('balance-sheet')
  const real = pdfText(open(zip).get('statements/balance-sheet.pdf') ?? new Uint8Array())
  const bound = manifestOf(open(zip)).checkpoint
  const doctored: Statement = { ...s, checkpoint: bound, tables: s.tables.map((tb, i) => i !== 0 ? tb : { ...tb, rows: tb.rows.map((r, j) => j !== 0 ? r : { ...r, cells: { ...r.cells, amount: 9_999_999n } }) }) }
  const pdf = await renderPdf(doctored, 'id', new Date('2007-01-20T02:00:00.000Z'))
  // The forger carries the real checkpoint and writes the real statement's digest into the doctored PDF (same length).
  const patched = Buffer.from(pdf.toString('latin1').replace(/\(([0-9a-f]{64})\)/, `(${real.info.LumbungStatement ?? ''})`), 'latin1')
  t.equal(pdfText(patched).info.LumbungStatement, real.info.LumbungStatement, 'the doctored PDF claims the real digest')
  const files = open(zip)
  files.set('statements/balance-sheet.pdf', patched)
  const v = verifyBundle(repack(files))
  t.equal(v.ok, false)
  t.match(v.problem, /statements\/balance-sheet\.pdf: Aset, row 1, column "Jumlah": the books give "Rp[\d.]+", which the PDF does not show there/)
})

t.test('a whole bundle forged and re-signed by another key is refused by the anchors the auditor holds', async t => {
  const { zip, earlier } = await bundle()
  // A careless forger changes the grant of 2005 and re-hashes both chains: the registers no longer agree.
  const careless = open(zip)
  careless.set('journal.jsonl', Buffer.from(text(careless.get('journal.jsonl')).replace('"debit":"2500000"', '"debit":"2400000"').replace('"credit":"2500000"', '"credit":"2400000"')))
  const caught = verifyBundle(await forge(careless, false))
  t.equal(caught.ok, false)
  t.match(caught.problem, /records\.jsonl: periods per_\d+: its debit total says \d+, the journal through 2005-12-31 gives \d+/, 'the registers no longer agree with the forged journal')
  // A careful one rewrites an entry after the last closed period and re-issues every statement with Lumbung's own code.
  const files = open(zip)
  files.set('journal.jsonl', Buffer.from(text(files.get('journal.jsonl')).replace('"description":"ATK"', '"description":"ATK dan tinta"')))
  const resigned = verifyBundle(await forge(new Map(files)))
  t.match(resigned.problem, /records\.jsonl: periods per_\d+: its checkpoint, the period closed through 2005-12-31: signed by key .*, not by the expected key/, 'the periods\' own checkpoints are signed by the service\'s key')
  // … so the careful forger also strips the periods' checkpoints from the record chain.
  files.set('records.jsonl', jsonLines(text(files.get('records.jsonl')).trim().split('\n').map(l => {
    const r = JSON.parse(l) as HashedRecord
    return r.table === 'periods' ? { ...r, body: { ...r.body, row: { ...r.body.row, checkpoint: null } } } : r
  })))
  const forged = await forge(files)
  const alone = verifyBundle(forged)
  t.equal(alone.problem, null, 'consistent under its own key, the forgery passes on its own: the anchors are what tell it')
  t.match(alone.checked.join('\n'), /0 period checkpoints signed by the bundle's key \(2 periods closed without one\)/, 'and the auditor is told the periods carry no signed checkpoint')
  const m = manifestOf(open(zip))
  t.match(verifyBundle(forged, { key: TEST_SIGNER.publicKey }).problem, /manifest\.json: signed by key .*, not by the key you gave/)
  t.match(verifyBundle(forged, { expectHead: m.head }).problem, /you expect head seq/)
  t.match(verifyBundle(forged, { since: [earlier] }).problem, /kept checkpoint 1: /)
})

t.test('a checkpoint from later than the bundle, or of another group, does not fit', async t => {
  const { zip, earlier } = await bundle()
  const later = signCheckpoint({ ...earlier.checkpoint, seq: earlier.checkpoint.seq + 50 }, TEST_SIGNER)
  t.match(verifyBundle(zip, { since: [later] }).problem, /entries were deleted/)
  const other = signCheckpoint({ ...earlier.checkpoint, groupId: 'grp_lain' }, TEST_SIGNER)
  t.match(verifyBundle(zip, { since: [other] }).problem, /is a checkpoint of group grp_lain/)
  const edited = { ...earlier, checkpoint: { ...earlier.checkpoint, seq: earlier.checkpoint.seq - 1 } }
  t.match(verifyBundle(zip, { since: [edited] }).problem, /signature does not hold/)
})

t.test('not a bundle at all, or a bundle of the old format, is refused with a reason', async t => {
  t.match(verifyBundle(new Uint8Array([1, 2, 3])).problem, /not a readable zip/)
  const { zip } = await bundle()
  const files = open(zip)
  files.set(MANIFEST_PATH, Buffer.from(JSON.stringify({ ...manifestOf(files), format: 'lumbung-audit-bundle/1' })))
  const { zipSync } = await import('fflate')
  t.match(verifyBundle(zipSync(Object.fromEntries(files))).problem, /format must be "lumbung-audit-bundle\/2"/)
})
