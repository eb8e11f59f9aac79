import type { Db, Tx } from '../data/connect.js'
import * as groups from '../data/group-repository.js'
import * as meetings from '../data/meeting-repository.js'
import { findPlace, type Place } from '../data/place-repository.js'
import { inSnapshot } from '../data/snapshot.js'
import { DomainError } from '../domain/errors.js'
import type { SignedCheckpoint } from '../domain/ledger/checkpoint.js'
import { fundGrowth, type FundGrowth } from '../domain/reports/fund-growth.js'
import { buildStatement } from '../domain/statements/build.js'
import type { Statement } from '../domain/statements/model.js'
import { addDays } from '../domain/dates.js'
import { loadBooks } from './books-service.js'
import { checkpointOf } from './checkpoint-service.js'
import { latestDate, today } from './clock.js'
import type { Env } from './context.js'
import type { Group } from './group-service.js'

/**
 * A group's public transparency page (issue 18): what a village may see of the books once a meeting has opened it
 * (a `publication` decision, in force from the meeting's date), and nothing before or after a meeting closed it again. The group's name, kind and place,
 * the fund's growth, the balance sheet as of today, the income statement of the period not yet closed, and the signed
 * checkpoint of those very books, all read in one snapshot. Every figure is the group's total on an account: no
 * member is named and no member's figure is shown.
 */
export interface PublicPage {
  group: Pick<Group, 'id' | 'name' | 'kind' | 'village' | 'createdAt'>
  place: Place
  /** The meeting that opened the page. */
  opened: { meetingId: string, decisionId: string, date: string }
  asOf: string
  fundGrowth: FundGrowth
  balanceSheet: Statement
  incomeStatement: Statement
  checkpoint: SignedCheckpoint
}

const noPage = (groupId: string): DomainError =>
  new DomainError('PUBLIC_PAGE_NOT_FOUND', `group ${groupId} has no public page: none exists, or its meeting has not opened one`)

/** The decision in force today that opened the page, or null (no group, never opened, or closed again). */
export async function publicationOf (db: Db | Tx, env: Env, groupId: string): Promise<PublicPage['opened'] | null> {
  const d = await meetings.decisionInForce(db, groupId, 'publication', latestDate(env))
  if (d === null || (d.body as { public: boolean }).public !== true) return null
  return { meetingId: d.meetingId, decisionId: d.id, date: d.effectiveFrom }
}

export async function publicPage (db: Db, env: Env, groupId: string): Promise<PublicPage> {
  return await inSnapshot(db, async tx => {
    const group = await groups.findGroup(tx, groupId)
    const opened = group === null ? null : await publicationOf(tx, env, groupId)
    if (group === null || opened === null) throw noPage(groupId)
    const asOf = today(env)
    const books = await loadBooks(tx, groupId, { entries: false, from: null, to: asOf })
    const closed = books.periods.filter(p => p.through <= asOf).at(-1)
    const from = closed === undefined ? null : addDays(closed.through, 1)
    return {
      group: { id: group.id, name: group.name, kind: group.kind, village: group.village, createdAt: group.createdAt },
      place: await findPlace(tx, groupId),
      opened,
      asOf,
      fundGrowth: fundGrowth(books, asOf),
      balanceSheet: buildStatement(books, 'balance-sheet', { from: null, to: asOf }),
      incomeStatement: buildStatement(books, 'income-statement', { from, to: asOf }),
      checkpoint: await checkpointOf(tx, env, groupId)
    }
  })
}
