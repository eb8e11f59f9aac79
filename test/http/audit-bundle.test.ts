import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unzipSync, zipSync } from 'fflate'
import t from 'tap'
import { verifyBundle } from '../../src/verifier/verify-bundle.js'
import { p2wkssYear, scenarioApi } from '../scenario.js'

const AUTH = { authorization: 'Bearer test-admin-token-0123456789' }
const has = (cmd: string, arg = '--version'): boolean => spawnSync(cmd, [arg]).status === 0

t.test('an auditor downloads the bundle and verifies it offline; one changed digit fails it', async t => {
  const api = await scenarioApi()
  t.teardown(api.close)
  const s = await p2wkssYear(api)
  // An entry dated after `through` is in the chain but not in the statements.
  await api.post(`/v1/groups/${s.gid}/expenses`, { date: '2006-01-10', amount: '15000', account: '5101', description: 'Konsumsi rapat Januari 2006' })
  const r = await api.app.inject({ method: 'GET', url: `/v1/groups/${s.gid}/audit-bundle?through=2005-12-31`, headers: AUTH })
  t.equal(r.statusCode, 200)
  t.equal(r.headers['content-type'], 'application/zip')
  const zip = new Uint8Array(r.rawPayload)
  const v = verifyBundle(zip)
  t.equal(v.problem, null)
  t.ok(v.ok)
  const files = Object.keys(unzipSync(zip))
  for (const f of ['manifest.json', 'journal.jsonl', 'records.jsonl', 'checkpoint.json', 'journal.ledger', 'accounts.json', 'statements/trial-balance.csv', 'statements/balance-sheet.pdf', `statements/loan-card/${s.loans[0] ?? ''}.pdf`]) {
    t.ok(files.includes(f), `the bundle holds ${f}`)
  }

  const parts = unzipSync(zip)
  const journal = Buffer.from(parts['journal.jsonl'] ?? new Uint8Array()).toString('utf8')
  parts['journal.jsonl'] = Buffer.from(journal.replace('"debit":"2500000"', '"debit":"2500001"'), 'utf8')
  t.match(verifyBundle(zipSync(parts)).problem, /^journal\.jsonl: sha256 mismatch/)
})

t.test('the plain-text journal gives hledger and ledger the trial balance\'s balances', async t => {
  const api = await scenarioApi()
  t.teardown(api.close)
  const s = await p2wkssYear(api)
  const r = await api.app.inject({ method: 'GET', url: `/v1/groups/${s.gid}/export/ledger?through=2005-12-31`, headers: AUTH })
  t.equal(r.statusCode, 200)
  t.match(r.body, /Assets:1101 Kas/)
  const tb = (await api.get(`/v1/groups/${s.gid}/trial-balance?asOf=2005-12-31`)).json as { rows: Array<{ account: string, debit: string, credit: string }> }
  const dir = mkdtempSync(join(tmpdir(), 'lumbung-ledger-'))
  t.teardown(() => { rmSync(dir, { recursive: true, force: true }) })
  const file = join(dir, 'journal.ledger')
  writeFileSync(file, r.body)
  for (const [tool, args] of [['hledger', ['-f', file, 'bal', '--flat', '-N', '--no-elide']], ['ledger', ['-f', file, 'bal', '--flat', '--no-total']]] as const) {
    await t.test(tool, { skip: has(tool) ? false : `${tool} is not installed (apt-get install -y ${tool}); CI runs this` }, async t => {
      const out = spawnSync(tool, [...args], { encoding: 'utf8' })
      t.equal(out.status, 0, out.stderr)
      const balances = new Map<string, bigint>()
      for (const line of out.stdout.split('\n')) {
        const m = /^\s*(-?[\d,]+) IDR\s+\S+:(\d{4}) /.exec(line)
        if (m !== null) balances.set(m[2] ?? '', BigInt((m[1] ?? '0').replaceAll(',', '')))
      }
      for (const row of tb.rows) {
        const expected = BigInt(row.debit) - BigInt(row.credit)
        t.equal(balances.get(row.account) ?? 0n, expected, `${tool}: account ${row.account}`)
      }
    })
  }
})

t.test('the PDF carries the totals, the titles and the signature lines as text', {
  skip: has('pdftotext', '-v') ? false : 'pdftotext is not installed (apt-get install -y poppler-utils); CI runs this'
}, async t => {
  const api = await scenarioApi()
  t.teardown(api.close)
  const s = await p2wkssYear(api)
  const dir = mkdtempSync(join(tmpdir(), 'lumbung-pdf-'))
  t.teardown(() => { rmSync(dir, { recursive: true, force: true }) })
  const text = async (kind: string): Promise<string> => {
    const r = await api.app.inject({ method: 'GET', url: `/v1/groups/${s.gid}/statements/${kind}?from=2005-01-01&to=2005-12-31&format=pdf`, headers: AUTH })
    const f = join(dir, `${kind}.pdf`)
    writeFileSync(f, r.rawPayload)
    return spawnSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' }).stdout
  }
  const tb = await text('trial-balance')
  for (const s of ['NERACA SALDO', 'Kelompok P2WKSS Desa Abiansemal', 'Periode 1 Januari 2005 s.d. 31 Desember 2005', 'Rp 1.677.000', 'Rp 2.780.000', 'Ketua', 'Bendahara', 'Pengawas', 'Halaman 1 dari']) t.match(tb, s)
  const bs = await text('balance-sheet')
  t.match(bs, 'Rp 2.527.560')
  const is = await text('income-statement')
  t.match(is, '-Rp 252.440')
})
