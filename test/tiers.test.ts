import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { testFiles, TIERS, tiersOf } from './tiers.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

t.test('every test file belongs to exactly one tier, so a new one cannot fall through the tiers', async t => {
  const files = testFiles(ROOT)
  t.ok(files.length > 40, `found the suite (${files.length} files)`)
  for (const file of files) {
    const tiers = tiersOf(file)
    t.equal(tiers.length, 1, `${file}: ${tiers.length === 0 ? 'in no tier: add its folder to test/tiers.ts' : `in ${tiers.join(' and ')}`}`)
  }
})

t.test('every folder the tiers name exists and holds tests', async t => {
  const files = testFiles(ROOT)
  for (const path of Object.values(TIERS).flat()) {
    t.ok(existsSync(`${ROOT}/${path}`), `${path} exists`)
    t.ok(files.some(f => f === path || f.startsWith(`${path}/`)), `${path} holds a test`)
  }
})
