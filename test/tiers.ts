import { readdirSync } from 'node:fs'

/**
 * The suite in three tiers, by folder (or, for a file of its own, by path), so a fast loop can run the first alone:
 * - unit: no database at all (pure domain, property tests of it, renderers, the generated client);
 * - api: the app in process (`app.inject`) on a fresh, migrated database (SQLite, or PostgreSQL on its pass);
 * - system: spawned processes, the browser, crash and bad-input campaigns, the README walkthrough.
 * `npm test` runs them all. Every test file belongs to exactly one tier (test/tiers.test.ts keeps it so).
 */
export const TIERS = {
  unit: ['test/domain', 'test/render', 'test/client', 'test/tiers.test.ts'],
  api: ['test/http', 'test/web', 'test/integrity', 'test/property', 'test/services', 'test/audit'],
  system: ['test/system', 'test/ops', 'test/campaign']
} as const satisfies Record<string, readonly string[]>

export type Tier = keyof typeof TIERS

/** Every test file tap runs (`test/**\/*.test.ts`, as .taprc says), as a path from the repository root. */
export function testFiles (root: string): string[] {
  return readdirSync(`${root}/test`, { recursive: true, encoding: 'utf8' })
    .filter(f => f.endsWith('.test.ts'))
    .map(f => `test/${f.split('\\').join('/')}`)
    .sort()
}

/** The tiers a file falls in (one, when the table is right). */
export function tiersOf (file: string): Tier[] {
  return (Object.keys(TIERS) as Tier[]).filter(tier => TIERS[tier].some(p => file === p || file.startsWith(`${p}/`)))
}
