import t from 'tap'
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { unzipSync, zipSync } from 'fflate'
import { fullYears, twoYearApi } from '../scenario.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const AUTH = { authorization: 'Bearer test-admin-token-0123456789' }

/**
 * The verifier as an auditor runs it: built into one file (npm run build:verifier), copied alone into an empty folder
 * on "another machine" (no checkout, no node_modules, no tsx), and run with plain node and an empty environment.
 */
t.test('dist/lumbung-verify.mjs runs alone with plain node: OK and 0 for the real bundle, FAIL and 1 for a tampered one, 2 for usage', async t => {
  const dir = mkdtempSync(join(tmpdir(), 'lumbung-auditor-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build-verifier.mjs'), join(dir, 'build/lumbung-verify.mjs')], { encoding: 'utf8' })
  t.equal(built.status, 0, built.stderr)
  const verifier = join(dir, 'lumbung-verify.mjs')
  copyFileSync(join(dir, 'build/lumbung-verify.mjs'), verifier)
  rmSync(join(dir, 'build'), { recursive: true })
  const run = (...args: string[]): { status: number | null, stdout: string, stderr: string } => {
    const r = spawnSync(process.execPath, [verifier, ...args], { encoding: 'utf8', cwd: dir, env: { PATH: process.env.PATH ?? '' } })
    return { status: r.status, stdout: r.stdout, stderr: r.stderr }
  }

  const api = await twoYearApi()
  t.teardown(api.close)
  const books = await fullYears(api)
  const g = `/v1/groups/${books.gid}`
  writeFileSync(join(dir, 'checkpoint-januari.json'), JSON.stringify((await api.get(`${g}/checkpoint`)).json))
  const pdf = await api.app.inject({ method: 'GET', url: `${g}/statements/member-savings?memberId=${books.members[0] ?? ''}&asOf=2007-01-13&format=pdf`, headers: AUTH })
  writeFileSync(join(dir, 'buku-simpanan.pdf'), pdf.rawPayload)
  await api.post(`${g}/expenses`, { date: '2007-01-14', amount: '5000', account: '5101', description: 'Air minum rapat' })
  const r = await api.app.inject({ method: 'GET', url: `${g}/audit-bundle?through=2006-12-31`, headers: AUTH })
  const good = join(dir, 'audit-bundle_2006-12-31.zip')
  writeFileSync(good, r.rawPayload)
  const key = (await api.get('/signing-key')).json as { publicKey: string, fingerprint: string }

  const ok = run(good)
  t.equal(ok.status, 0, ok.stderr + ok.stdout)
  t.match(ok.stdout, new RegExp(`^OK: Kelompok P2WKSS Desa Abiansemal: \\d+ entries, head seq \\d+ hash [0-9a-f]{64}; \\d+ records; \\d+ statements recomputed; signed by key ${key.fingerprint}\\n`))
  t.match(ok.stdout, /Compare the key above/)
  const anchored = run(good, '--key', key.fingerprint, '--since', join(dir, 'checkpoint-januari.json'), '--since', join(dir, 'buku-simpanan.pdf'))
  t.equal(anchored.status, 0, anchored.stdout)
  t.match(anchored.stdout, /kept checkpoint 2 .*still on both chains/)

  const files = unzipSync(new Uint8Array(r.rawPayload))
  files['statements/trial-balance.pdf'] = new TextEncoder().encode('%PDF-1.4 forged')
  const bad = join(dir, 'tampered.zip')
  writeFileSync(bad, zipSync(files))
  const fail = run(bad)
  t.equal(fail.status, 1)
  t.equal(fail.stdout, 'FAIL: statements/trial-balance.pdf: sha256 mismatch\n')
  t.equal(run(good, '--key', 'aaaa bbbb cccc dddd').status, 1, 'another key')

  t.equal(run().status, 2, 'no argument: usage')
  t.equal(run(join(dir, 'absent.zip')).status, 2, 'unreadable file')
  t.equal(run(good, '--expect-head', '31').status, 2, 'a malformed head')
})
