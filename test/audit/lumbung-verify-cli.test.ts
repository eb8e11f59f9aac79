import t from 'tap'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { unzipSync, zipSync } from 'fflate'
import { ENTRIES, GROUP, validBundle } from './fixture.js'

const BIN = fileURLToPath(new URL('../../scripts/lumbung-verify.mjs', import.meta.url))

/** Runs the command as an auditor would: plain node, no loader flags (the .mjs registers tsx itself). */
function verify (args: string[]): { status: number | null, stdout: string, stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

t.test('lumbung-verify prints OK and exits 0 for a sound bundle, FAIL and 1 for a tampered one', async t => {
  const dir = mkdtempSync(join(tmpdir(), 'lumbung-verify-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const good = join(dir, 'bundle.zip')
  writeFileSync(good, validBundle())
  const ok = verify([good])
  t.equal(ok.status, 0, ok.stderr)
  t.equal(ok.stdout, `OK: ${GROUP.name}: 5 entries, head seq 5 hash ${ENTRIES[4]!.hash}, 5 files checked\n`)

  const files = unzipSync(validBundle())
  files['statements/trial-balance.pdf'] = new TextEncoder().encode('%PDF-1.4 forged')
  const bad = join(dir, 'tampered.zip')
  writeFileSync(bad, zipSync(files))
  const fail = verify([bad])
  t.equal(fail.status, 1)
  t.equal(fail.stdout, 'FAIL: statements/trial-balance.pdf: sha256 mismatch\n')

  t.equal(verify([]).status, 2, 'no argument: usage')
  t.equal(verify([join(dir, 'absent.zip')]).status, 2, 'unreadable file')
})
