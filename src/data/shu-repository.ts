import type { Actor } from '../domain/actor.js'
import { toRupiah, type Rupiah } from '../domain/money.js'
import type { MemberBasis, ShuBasis, ShuPlan } from '../domain/shu/distribution.js'
import type { Db, Tx } from './connect.js'
import { insertProtected } from './record-repository.js'

type Q = Db | Tx

/** A member as the distribution saw them: name and household number kept as they were then. */
export interface ShuMember extends MemberBasis {
  name: string
  householdNo: string | null
}

/** A posted SHU distribution: the period, the meeting's rule, every bucket's amount and every member's share. */
export interface ShuDistribution {
  id: string
  groupId: string
  through: string
  /** The first day of the period (the day after the previous close), or null from the beginning of the books. */
  periodFrom: string | null
  date: string
  meetingId: string
  decisionId: string
  plan: ShuPlan<ShuMember>
  entryId: string
  createdAt: string
  actor: Actor
}

export type PaidTo = 'cash' | 'sukarela'

export interface ShuPayout {
  id: string
  groupId: string
  distributionId: string
  memberId: string
  amount: Rupiah
  paidTo: PaidTo
  date: string
  entryId: string
  createdAt: string
  actor: Actor
}

interface PlanJson {
  shu: string
  buckets: Array<{ name: string, percent: string, account: string, basis: ShuBasis | null, amount: string }>
  members: Array<{ memberId: string, name: string, householdNo: string | null, active: boolean, savings: string, interestPaid: string, shares: string[], total: string }>
}

function planToJson (p: ShuPlan<ShuMember>): PlanJson {
  return {
    shu: p.shu.toString(),
    buckets: p.buckets.map(b => ({ ...b, amount: b.amount.toString() })),
    members: p.members.map(m => ({ ...m, savings: m.savings.toString(), interestPaid: m.interestPaid.toString(), shares: m.shares.map(String), total: m.total.toString() }))
  }
}

function planFromJson (j: PlanJson): ShuPlan<ShuMember> {
  return {
    shu: BigInt(j.shu),
    buckets: j.buckets.map(b => ({ ...b, amount: BigInt(b.amount) })),
    members: j.members.map(m => ({ ...m, savings: BigInt(m.savings), interestPaid: BigInt(m.interestPaid), shares: m.shares.map(x => BigInt(x)), total: BigInt(m.total) }))
  }
}

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
