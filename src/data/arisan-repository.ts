import { arisanContributionFromRow, arisanFromRecord, arisanRoundFromRow } from '../domain/books/rows.js'
import type { Arisan, ArisanContribution, ArisanRound } from '../domain/arisan/types.js'
import { normalizeRow } from '../domain/records/record-chain.js'
import type { Db, Tx } from './connect.js'
import { insertProtected } from './record-repository.js'

type Q = Db | Tx
const actorColumns = (x: { createdAt: string, actor: { id: string, name: string } }): { created_at: string, actor_id: string, actor_name: string } =>
  ({ created_at: x.createdAt, actor_id: x.actor.id, actor_name: x.actor.name })

export async function insertArisan (tx: Tx, a: Arisan): Promise<void> {
  await insertProtected(tx, a.groupId, 'arisans', [{
    row: {
      id: a.id, group_id: a.groupId, name: a.name, meeting_id: a.meetingId, contribution: a.contribution, host_fee: a.hostFee, schedule: a.schedule,
      order_mode: a.order, slots: a.slots, ...actorColumns(a)
    },
    children: { arisan_slots: a.holders.map(h => ({ arisan_id: a.id, group_id: a.groupId, slot: h.slot, member_id: h.memberId, due: h.due })) }
  }])
}

export async function insertContribution (tx: Tx, c: ArisanContribution): Promise<void> {
  await insertProtected(tx, c.groupId, 'arisan_contributions', [{
    row: {
      id: c.id, group_id: c.groupId, arisan_id: c.arisanId, round: c.round, slot: c.slot, member_id: c.memberId, amount: c.amount, late: c.late ? 1 : 0,
      date: c.date, entry_id: c.entryId, ...actorColumns(c)
    }
  }])
}

export async function insertRound (tx: Tx, r: ArisanRound): Promise<void> {
  await insertProtected(tx, r.groupId, 'arisan_rounds', [{
    row: {
      id: r.id, group_id: r.groupId, arisan_id: r.arisanId, round: r.round, slot: r.slot, date: r.date, meeting_id: r.meetingId,
      draw_rule: r.draw?.rule ?? null, called: r.draw?.called ?? null, digest: r.draw?.digest ?? null, head_seq: r.headSeq, head_hash: r.headHash,
      pot: r.pot, host_fee: r.hostFee, entry_id: r.entryId, ...actorColumns(r)
    }
  }])
}

/** The group's arisans in creation order, each with its holders. */
export async function listArisans (db: Q, groupId: string, id?: string): Promise<Arisan[]> {
  let q = db.selectFrom('arisans').selectAll().where('group_id', '=', groupId)
  if (id !== undefined) q = q.where('id', '=', id)
  const rows = await q.orderBy('created_at').orderBy('id').execute()
  if (rows.length === 0) return []
  const slots = await db.selectFrom('arisan_slots').selectAll().where('arisan_id', 'in', rows.map(r => r.id)).execute()
  return rows.map(r => arisanFromRecord({
    row: normalizeRow(r),
    children: { arisan_slots: slots.filter(s => s.arisan_id === r.id).map(s => normalizeRow(s)) }
  }))
}

/** The contributions, each with the date it was reversed (a contribution recorded in error), in date order. */
export async function listContributions (db: Q, groupId: string, arisanId?: string): Promise<ArisanContribution[]> {
  let q = db.selectFrom('arisan_contributions as c').leftJoin('journal_entries as r', 'r.reverses_id', 'c.entry_id')
    .selectAll('c').select('r.date as reversed_on').where('c.group_id', '=', groupId)
  if (arisanId !== undefined) q = q.where('c.arisan_id', '=', arisanId)
  const rows = await q.orderBy('c.date').orderBy('c.created_at').orderBy('c.id').execute()
  return rows.map(({ reversed_on: reversedOn, ...r }) => ({ ...arisanContributionFromRow(normalizeRow(r)), reversedOn }))
}

export async function listRounds (db: Q, groupId: string, arisanId?: string): Promise<ArisanRound[]> {
  let q = db.selectFrom('arisan_rounds').selectAll().where('group_id', '=', groupId)
  if (arisanId !== undefined) q = q.where('arisan_id', '=', arisanId)
  return (await q.orderBy('arisan_id').orderBy('round').execute()).map(r => arisanRoundFromRow(normalizeRow(r)))
}
