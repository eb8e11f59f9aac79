import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { testFiles, TIERS, tiersOf, type Tier } from '../test/tiers.js'

/**
 * Runs one tier of the suite (test/tiers.ts): `tsx scripts/test-tier.ts unit|api|system [tap options…]`, e.g.
 * `npm run test:unit`, or `TEST_DIALECT=postgres npm run test:api` on PostgreSQL. The options go to tap as they are.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const [tier, ...options] = process.argv.slice(2)
if (tier === undefined || !(tier in TIERS)) {
  console.error(`usage: test-tier.ts ${Object.keys(TIERS).join('|')} [tap options]`)
  process.exit(2)
}
const files = testFiles(ROOT).filter(f => tiersOf(f).includes(tier as Tier))
const run = spawnSync('tap', [...options, ...files], { cwd: ROOT, stdio: 'inherit' })
if (run.error !== undefined) throw run.error
process.exit(run.status ?? 1)
