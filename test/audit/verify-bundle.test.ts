import t from 'tap'
import { unzipSync, zipSync } from 'fflate'
import { buildBundle, sha256Hex, type Manifest } from '../../src/audit/bundle.js'
import { parseCsv } from '../../src/audit/csv.js'
import { verifyBundle } from '../../src/audit/verify-bundle.js'
import { bundleFiles, chain, DRAFTS, ENTRIES, GROUP, THROUGH, TRIAL_BALANCE_CSV, utf8, validBundle } from './fixture.js'

const text = (b: Uint8Array | undefined): string => new TextDecoder().decode(b)

/** The bundle's files as a mutable map, manifest included. */
function open (zip: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(zip)))
}

function manifestOf (files: Map<string, Uint8Array>): Manifest {
  return JSON.parse(text(files.get('manifest.json'))) as Manifest
}

/** Zips `files` again; with `fix`, first brings manifest.json's hash and size of every file in line with its content. */
function repack (files: Map<string, Uint8Array>, fix = false): Uint8Array {
  if (fix) {
    const m = manifestOf(files)
    m.files = m.files.map(f => {
      const bytes = files.get(f.path)
      return bytes === undefined ? f : { path: f.path, sha256: sha256Hex(bytes), bytes: bytes.byteLength }
    })
    files.set('manifest.json', utf8(JSON.stringify(m, null, 2) + '\n'))
  }
  return zipSync(Object.fromEntries(files))
}

function edit (path: string, change: (s: string) => string, fix: boolean): Uint8Array {
  const files = open(validBundle())
  const before = text(files.get(path))
  const after = change(before)
  if (after === before) throw new Error(`the edit of ${path} changed nothing`)
  files.set(path, utf8(after))
  return repack(files, fix)
}

t.test('a valid bundle verifies, and says what it checked', async t => {
  const v = verifyBundle(validBundle())
  t.equal(v.problem, null)
  t.equal(v.ok, true)
  t.equal(v.manifest?.groupName, GROUP.name)
  t.same(v.manifest?.head, { seq: 5, hash: ENTRIES[4]!.hash })
  t.match(v.checked, [
    'manifest.json: well-formed, 5 files listed',
    'accounts.json: sha256 and size',
    'journal.jsonl: sha256 and size',
    'journal.ledger: sha256 and size',
    'statements/trial-balance.csv: sha256 and size',
    'statements/trial-balance.pdf: sha256 and size',
    /^journal\.jsonl: hash chain of 5 entries/,
    /^accounts\.json/,
    /^statements\/trial-balance\.csv: 6 accounts/,
    'journal.ledger: holds the hash of each of 4 entries'
  ])
})

t.test('the bundle is the same bytes for the same input, whatever the time zone', async t => {
  const tz = process.env.TZ
  try {
    process.env.TZ = 'UTC'
    const a = validBundle()
    process.env.TZ = 'Asia/Jayapura'
    const b = validBundle()
    t.equal(sha256Hex(a), sha256Hex(b))
  } finally {
    if (tz === undefined) delete process.env.TZ
    else process.env.TZ = tz
  }
})

t.test('the manifest lists every file sorted by path with its SHA-256 and size, and the head', async t => {
  const files = open(validBundle())
  const m = manifestOf(files)
  t.equal(m.format, 'lumbung-audit-bundle/1')
  t.same({ groupId: m.groupId, groupName: m.groupName, through: m.through, entryCount: m.entryCount, head: m.head },
    { groupId: GROUP.id, groupName: GROUP.name, through: THROUGH, entryCount: 5, head: { seq: 5, hash: ENTRIES[4]!.hash } })
  t.same(m.files.map(f => f.path), ['accounts.json', 'journal.jsonl', 'journal.ledger', 'statements/trial-balance.csv', 'statements/trial-balance.pdf'])
  for (const f of m.files) t.same({ sha256: f.sha256, bytes: f.bytes }, { sha256: sha256Hex(files.get(f.path)!), bytes: files.get(f.path)!.byteLength }, f.path)
  t.same([...files.keys()].sort(), ['manifest.json', ...m.files.map(f => f.path)].sort())
})

t.test('buildBundle refuses paths that would unpack elsewhere or twice', async t => {
  const base = { groupId: 'g', groupName: 'n', generatedAt: '2005-04-03T00:00:00Z', head: { seq: 0, hash: '0'.repeat(64) }, entryCount: 0 }
  for (const path of ['../x', '/etc/passwd', 'a//b', 'a\\b', 'manifest.json', '']) {
    t.throws(() => buildBundle({ ...base, files: [{ path, bytes: new Uint8Array() }] }), path)
  }
  t.throws(() => buildBundle({ ...base, files: [{ path: 'a', bytes: new Uint8Array() }, { path: 'a', bytes: new Uint8Array() }] }))
})

t.test('the hand-written trial balance is the format the verifier reads', async t => {
  const rows = parseCsv(TRIAL_BALANCE_CSV)
  t.equal(rows.length, 8)
  t.same(rows[6], ['5102', 'Beban Administrasi, ATK dan "lain-lain"', '0', '0', '60000', '60000', '0', '0'])
  t.same(parseCsv('a,"b\r\nc",""\r\n""'), [['a', 'b\r\nc', ''], ['']])
  t.throws(() => parseCsv('a,b"c'))
  t.throws(() => parseCsv('"abc'))
})

t.test('tampering is found, and the problem names the first discrepancy', async t => {
  const cases: Array<[string, () => Uint8Array, string | RegExp]> = [
    ['one digit of journal.jsonl, manifest untouched',
      () => edit('journal.jsonl', s => s.replace('"debit":"60000","fund":"fnd_hibah","memberId":null},{"account":"1101"', '"debit":"90000","fund":"fnd_hibah","memberId":null},{"account":"1101"'), false),
      'journal.jsonl: sha256 mismatch'],
    ['one digit of journal.jsonl, manifest hash and size fixed',
      () => edit('journal.jsonl', s => s.replace('"debit":"60000","fund":"fnd_hibah","memberId":null},{"account":"1101"', '"debit":"90000","fund":"fnd_hibah","memberId":null},{"account":"1101"'), true),
      'journal.jsonl: seq 2: hash does not match the entry\'s content'],
    ['one digit of trial-balance.csv, manifest untouched',
      () => edit('statements/trial-balance.csv', s => s.replace('2440000,0', '2440001,0'), false),
      'statements/trial-balance.csv: sha256 mismatch'],
    ['one digit of trial-balance.csv, manifest fixed',
      () => edit('statements/trial-balance.csv', s => s.replace('2440000,0', '2440001,0'), true),
      'account 1101: trial balance says 2440001, the journal says 2440000'],
    ['a movement in trial-balance.csv, manifest fixed',
      () => edit('statements/trial-balance.csv', s => s.replace('1101,Kas,0,0,2560000', '1101,Kas,0,0,2560001'), true),
      'statements/trial-balance.csv: account 1101: opening 0 plus movements 2440001 is 2440001, but the closing balance says 2440000'],
    ['the totals row of trial-balance.csv, manifest fixed',
      () => edit('statements/trial-balance.csv', s => s.replace(',Jumlah,0,0,2680000,2680000,2500000,2500000', ',Jumlah,0,0,2680000,2680000,2500000,2500001'), true),
      'statements/trial-balance.csv: totals row: Saldo Akhir Kredit says 2500001, the rows add up to 2500000'],
    ['one digit of the manifest\'s head hash',
      () => edit('manifest.json', s => s.replace(ENTRIES[4]!.hash, ENTRIES[4]!.hash.replace(/^./, ch => ch === '0' ? '1' : '0')), false),
      /^manifest\.json: head says seq 5 hash \w{64}, the journal ends at seq 5 hash \w{64}$/],
    ['the manifest\'s entry count',
      () => edit('manifest.json', s => s.replace('"entryCount": 5', '"entryCount": 4'), false),
      'manifest.json: entryCount says 4, journal.jsonl holds 5 entries'],
    ['one byte of the dummy PDF',
      () => edit('statements/trial-balance.pdf', s => s.replace('1.4', '1.5'), false),
      'statements/trial-balance.pdf: sha256 mismatch'],
    ['a file removed',
      () => { const f = open(validBundle()); f.delete('statements/trial-balance.pdf'); return repack(f) },
      'statements/trial-balance.pdf: listed in the manifest but missing from the bundle'],
    ['a file added',
      () => { const f = open(validBundle()); f.set('statements/extra.csv', utf8('x\r\n')); return repack(f) },
      'statements/extra.csv: in the bundle but not listed in the manifest'],
    ['the manifest removed',
      () => { const f = open(validBundle()); f.delete('manifest.json'); return repack(f) },
      'manifest.json: missing from the bundle'],
    ['not a zip at all',
      () => utf8('PK but not really'),
      /^bundle: not a readable zip archive/],
    ['reversedBy (outside the hash) changed, manifest fixed',
      () => edit('journal.jsonl', s => s.replace('"reversedBy":"ent_3"', '"reversedBy":"ent_4"'), true),
      'journal.jsonl: seq 2: reversedBy says "ent_4", but no entry with that id reverses it'],
    ['an entry dropped from journal.jsonl, manifest fixed',
      () => edit('journal.jsonl', s => s.split('\n').filter((_, i) => i !== 2).join('\n'), true),
      'journal.jsonl: seq 3: seq 3 is missing (found 4)'],
    ['an entry\'s hash missing from journal.ledger, manifest fixed',
      () => edit('journal.ledger', s => s.replace(`hash: ${ENTRIES[3]!.hash}`, `hash: ${'f'.repeat(64)}`), true),
      `journal.ledger: seq 4: hash ${ENTRIES[3]!.hash} is missing`],
    ['a transaction added to journal.ledger, manifest fixed',
      () => edit('journal.ledger', s => s + `\n2005-03-20 * (seq 9) Tambahan\n    ; hash: ${'e'.repeat(64)}\n    Assets:1101 Kas    1 IDR\n    Equity:3201 Dana Hibah / Dana Stimulan    -1 IDR\n`, true),
      `journal.ledger: a transaction carries hash ${'e'.repeat(64)}, which no entry of the journal up to the bundle's date has`]
  ]
  for (const [name, make, problem] of cases) {
    const v = verifyBundle(make())
    t.equal(v.ok, false, name)
    t.match(v.problem, problem, name)
  }
})

t.test('a chain rewritten consistently from the changed entry on is still caught by the trial balance', async t => {
  // Whoever has the bundle can rehash every later entry and fix the manifest; the figures then disagree.
  const drafts = DRAFTS.map(e => e.id === 'ent_4'
    ? { ...e, lines: [{ ...e.lines[0]!, debit: '60001' }, { ...e.lines[1]!, credit: '60001' }] }
    : e)
  const forged = chain(drafts, { ent_2: 'ent_3' })
  const files = new Map(bundleFiles(forged).map(f => [f.path, f.bytes]))
  const head = forged.at(-1)!
  const zip = buildBundle({ groupId: GROUP.id, groupName: GROUP.name, generatedAt: '2005-04-03T02:00:00.000Z', through: THROUGH, head: { seq: head.seq, hash: head.hash }, entryCount: forged.length, files: [...files].map(([path, bytes]) => ({ path, bytes })) })
  const v = verifyBundle(zip)
  t.equal(v.problem, 'account 1101: trial balance says 2440000, the journal says 2439999')
  t.not(head.hash, ENTRIES.at(-1)!.hash, 'and the head no longer matches the one the group published')
})

t.test('an entry that does not balance is refused even with a valid hash', async t => {
  const drafts = DRAFTS.map(e => e.id === 'ent_4' ? { ...e, lines: [{ ...e.lines[0]!, debit: '60001' }, e.lines[1]!] } : e)
  const forged = chain(drafts, { ent_2: 'ent_3' })
  const head = forged.at(-1)!
  const zip = buildBundle({ groupId: GROUP.id, groupName: GROUP.name, generatedAt: '2005-04-03T02:00:00.000Z', through: THROUGH, head: { seq: head.seq, hash: head.hash }, entryCount: forged.length, files: bundleFiles(forged) })
  t.equal(verifyBundle(zip).problem, 'journal.jsonl: seq 4: does not balance: debits 60001 ≠ credits 60000')
})
