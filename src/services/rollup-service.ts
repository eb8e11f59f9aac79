import type { Db } from '../data/connect.js'
import { groupsInRegion, NO_PLACE, placesOf, type Place } from '../data/place-repository.js'
import { invalid } from '../domain/errors.js'
import { regionCode } from '../domain/regions.js'
import { groupRow, rollupOf, type GroupRow, type Rollup } from '../domain/reports/rollup.js'
import type { Principal } from './auth-service.js'
import { loadBooks } from './books-service.js'
import { fundTotals } from '../data/journal-repository.js'
import { inSnapshot } from '../data/snapshot.js'
import { sexesOf } from '../data/profile-repository.js'
import { reportDate } from './clock.js'
import type { Env } from './context.js'
import { listGroups } from './group-service.js'

/**
 * The roll-up of the groups a key may read (a supervisor's region, a list of groups, or all for the admin), narrowed
 * to a region and a programme when asked: each group's figures from its own books (src/domain/reports/rollup.ts).
 * The period runs from `from` (default: 1 January of asOf's year) to `asOf` (default: today).
 */
export interface RollupQuery { asOf?: string, from?: string, region?: string, programme?: string }
export type PlacedRow = GroupRow & { place: Place }
export type PlacedRollup = Omit<Rollup, 'groups'> & { groups: PlacedRow[] }

export async function rollup (db: Db, env: Env, p: Principal, q: RollupQuery): Promise<PlacedRollup> {
  const asOf = reportDate(env, q.asOf)
  const from = q.from ?? `${asOf.slice(0, 4)}-01-01`
  if (from > asOf) throw invalid('from', 'from is after asOf')
  let groups = await listGroups(db, p.groupIds)
  if (q.region !== undefined || q.programme !== undefined) {
    const inside = q.region === undefined ? null : new Set(await groupsInRegion(db, regionCode(q.region, 'region'), null))
    groups = groups.filter(g => (inside === null || inside.has(g.id)) && (q.programme === undefined || g.kind === q.programme))
  }
  const places = await placesOf(db, groups.map(g => g.id))
  const rows: PlacedRow[] = []
  for (const g of groups.sort((a, b) => a.name.localeCompare(b.name, 'id') || a.id.localeCompare(b.id))) {
    // One snapshot per group: its row and the journal head it names come from the same books.
    const row = await inSnapshot(db, async tx => {
      const books = await loadBooks(tx, g.id, { entries: false, from: null, to: asOf })
      return groupRow(books, from, asOf, await fundTotals(tx, g.id, asOf), await sexesOf(tx, g.id))
    })
    rows.push({ ...row, place: places.get(g.id) ?? NO_PLACE })
  }
  const r = rollupOf(rows, from, asOf)
  return { ...r, groups: rows }
}
