import { planFromJson, planToJson, type PlanJson } from '../domain/books/rows.js'
import type { PaidTo, ShuDistribution, ShuMember, ShuPayout } from '../domain/books/types.js'
import { toRupiah } from '../domain/money.js'
import type { Db, Tx } from './connect.js'
import { insertProtected } from './record-repository.js'

type Q = Db | Tx

export type { PaidTo, ShuDistribution, ShuMember, ShuPayout }

export async function insertDistribution (db: Tx, d: ShuDistribution): Promise<void> {
  await insertProtected(db, d.groupId, 'shu_distributions', [{
    row: {
      id: d.id, group_id: d.groupId, through: d.through, period_from: d.periodFrom, date: d.date, meeting_id: d.meetingId,
      decision_id: d.decisionId, shu: d.plan.shu, plan: JSON.stringify(planToJson(d.plan)), entry_id: d.entryId,
      created_at: d.createdAt, actor_id: d.actor.id, actor_name: d.actor.name
    }
  }])
}

/** The group's distributions, oldest period first. */
export async function listDistributions (db: Q, groupId: string): Promise<ShuDistribution[]> {
  const rows = await db.selectFrom('shu_distributions').selectAll().where('group_id', '=', groupId).orderBy('through').execute()
  return rows.map(r => ({
    id: r.id, groupId: r.group_id, through: r.through, periodFrom: r.period_from, date: r.date, meetingId: r.meeting_id,
    decisionId: r.decision_id, plan: planFromJson(JSON.parse(r.plan) as PlanJson), entryId: r.entry_id, createdAt: r.created_at,
    actor: { id: r.actor_id, name: r.actor_name }
  }))
}

export async function insertPayout (db: Tx, p: ShuPayout): Promise<void> {
  await insertProtected(db, p.groupId, 'shu_payouts', [{
    row: {
      id: p.id, group_id: p.groupId, distribution_id: p.distributionId, member_id: p.memberId, amount: p.amount, paid_to: p.paidTo,
      date: p.date, entry_id: p.entryId, created_at: p.createdAt, actor_id: p.actor.id, actor_name: p.actor.name
    }
  }])
}

/** The group's payouts, optionally of one member, in date order. */
export async function listPayouts (db: Q, groupId: string, memberId?: string): Promise<ShuPayout[]> {
  let q = db.selectFrom('shu_payouts').selectAll().where('group_id', '=', groupId)
  if (memberId !== undefined) q = q.where('member_id', '=', memberId)
  const rows = await q.orderBy('date').orderBy('created_at').execute()
  return rows.map(r => ({
    id: r.id, groupId: r.group_id, distributionId: r.distribution_id, memberId: r.member_id, amount: toRupiah(r.amount),
    paidTo: r.paid_to, date: r.date, entryId: r.entry_id, createdAt: r.created_at, actor: { id: r.actor_id, name: r.actor_name }
  }))
}
