import type { Db, Tx } from '../data/connect.js'
import * as groups from '../data/group-repository.js'
import * as journal from '../data/journal-repository.js'
import * as meetings from '../data/meeting-repository.js'
import * as periods from '../data/period-repository.js'
import * as shu from '../data/shu-repository.js'
import type { PaidTo, ShuDistribution, ShuMember, ShuPayout } from '../data/shu-repository.js'
import { addDays } from '../domain/dates.js'
import { DomainError } from '../domain/errors.js'
import { ACCOUNT } from '../domain/ledger/accounts.js'
import { creditLine, debitLine, type Line } from '../domain/ledger/journal-entry.js'
import { planDistribution, type ShuPlan } from '../domain/shu/distribution.js'
import type { Actor, Env } from './context.js'
import { emit } from './events.js'
import { getMember, requireGroup } from './group-service.js'
import { post } from './ledger-service.js'
import type { ShuDecisionJson } from './meeting-service.js'
import { savingsByMember } from './savings-service.js'

export type { PaidTo, ShuDistribution, ShuMember, ShuPayout }

/** The SHU of a closed period shared by a meeting's rule, not yet posted: what the preview shows. */
export interface ShuProposal {
  through: string
  periodFrom: string | null
  meetingId: string
  decisionId: string
  plan: ShuPlan<ShuMember>
}

const atLeastZero = (x: bigint): bigint => x > 0n ? x : 0n

/** The closed period ending `through` and the day it began (the day after the previous close, or null). */
async function closedPeriod (db: Db | Tx, groupId: string, through: string): Promise<{ period: periods.Period, from: string | null }> {
  const all = await periods.listPeriods(db, groupId)
  const i = all.findIndex(p => p.through === through)
  const period = all[i]
  if (period === undefined) {
    const last = all.at(-1)?.through
    throw new DomainError('PERIOD_NOT_CLOSED', `no period ends on ${through}: close the books through it first (POST …/periods)${last === undefined ? '' : `; the last closed period ends on ${last}`}`)
  }
  const before = all[i - 1]
  return { period, from: before === undefined ? null : addDays(before.through, 1) }
}

/** The shu-distribution decision of a meeting (its last one), or without a meeting the latest any meeting made. */
async function shuDecision (db: Db | Tx, groupId: string, meetingId: string | null): Promise<{ meetingId: string, decisionId: string, body: ShuDecisionJson }> {
  if (meetingId !== null) {
    const m = await meetings.findMeeting(db, groupId, meetingId)
    if (m === null) throw new DomainError('MEETING_NOT_FOUND', `no meeting ${meetingId} in group ${groupId}`)
    const d = m.decisions.filter(x => x.type === 'shu-distribution').at(-1)
    if (d === undefined) throw new DomainError('SHU_DECISION_MISSING', `the meeting of ${m.date} decided no shu-distribution`)
    return { meetingId: m.id, decisionId: d.id, body: d.body as ShuDecisionJson }
  }
  const d = await meetings.decisionInForce(db, groupId, 'shu-distribution', '9999-12-31')
  if (d === null) throw new DomainError('SHU_DECISION_MISSING', 'no meeting has decided how to share the SHU (a shu-distribution decision)')
  return { meetingId: d.meetingId, decisionId: d.id, body: d.body as ShuDecisionJson }
}

/**
 * What the period's SHU gives each bucket and each member under the meeting's rule. The bases are frozen with the
 * period: savings (pokok + wajib + sukarela) held at its end, jasa paid within it, members who had joined by its end;
 * members in registration order, which breaks ties of the largest-remainder allocation. A member's jasa basis is never
 * below zero: a repayment of an earlier period undone in this one debits 4101 with her tag, which takes nothing back
 * from an SHU already shared, so it lowers her basis for this period to 0 at most.
 */
export async function proposeShu (db: Db | Tx, groupId: string, input: { through: string, meetingId: string | null }): Promise<ShuProposal> {
  await requireGroup(db, groupId)
  const { period, from } = await closedPeriod(db, groupId, input.through)
  const decision = await shuDecision(db, groupId, input.meetingId)
  const [members, savings, jasaTo, jasaBefore] = await Promise.all([
    groups.listMembers(db, groupId),
    savingsByMember(db, groupId, input.through),
    journal.memberBalances(db, groupId, [ACCOUNT.pendapatanJasa], input.through),
    from === null ? Promise.resolve([]) : journal.memberBalances(db, groupId, [ACCOUNT.pendapatanJasa], addDays(from, -1))
  ])
  const jasa = new Map<string, bigint>()
  for (const r of jasaTo) jasa.set(r.memberId, (jasa.get(r.memberId) ?? 0n) + r.balance)
  for (const r of jasaBefore) jasa.set(r.memberId, (jasa.get(r.memberId) ?? 0n) - r.balance)
  const plan = planDistribution(BigInt(period.totals.shu), decision.body.buckets, members.map((m): ShuMember => {
    const s = savings.get(m.id)
    return {
      memberId: m.id,
      name: m.name,
      householdNo: m.householdNo,
      active: m.joinedOn === null || m.joinedOn <= input.through,
      savings: s === undefined ? 0n : s.pokok + s.wajib + s.sukarela,
      interestPaid: atLeastZero(jasa.get(m.id) ?? 0n)
    }
  }))
  return { through: input.through, periodFrom: from, meetingId: decision.meetingId, decisionId: decision.decisionId, plan }
}

/**
 * Posts a closed period's SHU as the meeting decided, once: 3401 SHU Tahun Berjalan / each account bucket, and
 * 2103 Utang SHU Anggota with one line per member who has a share. Dated `date`, by default the meeting's date (or the
 * day after the period when the meeting came before its end).
 */
export async function distributeShu (tx: Tx, env: Env, actor: Actor, groupId: string, input: { through: string, meetingId: string, date: string | null }): Promise<ShuDistribution> {
  await requireGroup(tx, groupId)
  const done = (await shu.listDistributions(tx, groupId)).find(d => d.through === input.through)
  if (done !== undefined) throw new DomainError('SHU_ALREADY_DISTRIBUTED', `the SHU of the period ending ${input.through} was distributed on ${done.date} (${done.id})`)
  const proposal = await proposeShu(tx, groupId, input)
  const meeting = await meetings.findMeeting(tx, groupId, proposal.meetingId)
  // A date on or before the period's end is refused by post() with PERIOD_CLOSED, like any entry into a closed period.
  const date = input.date ?? (meeting !== null && meeting.date > input.through ? meeting.date : addDays(input.through, 1))
  const { plan } = proposal
  const lines: Line[] = [debitLine(ACCOUNT.shuBerjalan, plan.shu)]
  for (const b of plan.buckets) if (b.basis === null && b.amount > 0n) lines.push(creditLine(b.account, b.amount))
  for (const m of plan.members) if (m.total > 0n) lines.push(creditLine(ACCOUNT.utangShu, m.total, { member: m.memberId }))
  const id = env.newId('shu')
  const entry = await post(tx, env, actor, groupId, { date, description: `Pembagian SHU periode s.d. ${input.through}`, reference: null, reverses: null, kind: 'shu-distribution', source: id, lines })
  const d: ShuDistribution = {
    id, groupId, through: input.through, periodFrom: proposal.periodFrom, date, meetingId: proposal.meetingId, decisionId: proposal.decisionId,
    plan, entryId: entry.id, createdAt: env.now().toISOString(), actor
  }
  await shu.insertDistribution(tx, d)
  await emit(tx, env, actor, groupId, 'shu.distributed', d.id, { through: d.through, entryId: entry.id, shu: plan.shu.toString(), meetingId: d.meetingId })
  return d
}

export async function listDistributions (db: Db, groupId: string): Promise<ShuDistribution[]> {
  await requireGroup(db, groupId)
  return await shu.listDistributions(db, groupId)
}

export async function listPayouts (db: Db, groupId: string): Promise<ShuPayout[]> {
  await requireGroup(db, groupId)
  return await shu.listPayouts(db, groupId)
}

/**
 * Pays a member's share of the oldest distribution not yet paid to them, whole: 2103 Utang SHU Anggota / Kas (cash)
 * or / 2101 Simpanan Sukarela (into voluntary savings). Each share is paid once.
 */
export async function payShu (tx: Tx, env: Env, actor: Actor, groupId: string, input: { memberId: string, date: string, to: PaidTo }): Promise<ShuPayout> {
  const member = await getMember(tx, groupId, input.memberId)
  const [distributions, paid] = await Promise.all([shu.listDistributions(tx, groupId), shu.listPayouts(tx, groupId, member.id)])
  const paidFrom = new Set(paid.map(p => p.distributionId))
  const owed = distributions.find(d => !paidFrom.has(d.id) && (d.plan.members.find(m => m.memberId === member.id)?.total ?? 0n) > 0n)
  if (owed === undefined) throw new DomainError('SHU_NOTHING_OWED', `${member.name} has no unpaid SHU share`)
  if (input.date < owed.date) throw new DomainError('DATE_BEFORE_DISTRIBUTION', `the share was distributed on ${owed.date}; it cannot be paid on ${input.date}`)
  const amount = owed.plan.members.find(m => m.memberId === member.id)?.total ?? 0n
  const payoutId = env.newId('shp')
  const entry = await post(tx, env, actor, groupId, {
    date: input.date,
    description: `${input.to === 'cash' ? 'Pembayaran' : 'Pemindahan ke simpanan sukarela'} SHU s.d. ${owed.through} ${member.name}`,
    reference: null,
    reverses: null,
    kind: 'shu-payout',
    source: payoutId,
    lines: [debitLine(ACCOUNT.utangShu, amount, { member: member.id }), creditLine(input.to === 'cash' ? ACCOUNT.kas : ACCOUNT.simpananSukarela, amount, { member: member.id })]
  })
  const payout: ShuPayout = {
    id: payoutId, groupId, distributionId: owed.id, memberId: member.id, amount, paidTo: input.to, date: input.date, entryId: entry.id,
    createdAt: env.now().toISOString(), actor
  }
  await shu.insertPayout(tx, payout)
  await emit(tx, env, actor, groupId, 'shu.paid', payout.id, { distributionId: owed.id, memberId: member.id, amount: amount.toString(), to: input.to, entryId: entry.id })
  return payout
}

/** What the Laporan Pembagian SHU shows for the period ending on or before a date. */
export type ShuReport =
  | { state: 'none', through: null, shu: null, reason: 'PERIOD_NOT_CLOSED' }
  | { state: 'undecided', through: string, periodFrom: string | null, shu: bigint, reason: 'SHU_DECISION_MISSING' | 'SHU_NOT_POSITIVE' | 'SHU_BASIS_EMPTY' }
  | { state: 'draft', through: string, proposal: ShuProposal, meetingDate: string }
  | { state: 'posted', through: string, distribution: ShuDistribution, meetingDate: string, payouts: ShuPayout[] }

const UNDECIDED = ['SHU_DECISION_MISSING', 'SHU_NOT_POSITIVE', 'SHU_BASIS_EMPTY'] as const

/**
 * The latest closed period ending on or before `to`: its posted distribution with every payout made of it, or, before
 * it is posted, the draft under the latest decision, or why there is nothing to share yet.
 */
export async function shuReport (db: Db, groupId: string, to: string): Promise<ShuReport> {
  const period = (await periods.listPeriods(db, groupId)).filter(p => p.through <= to).at(-1)
  if (period === undefined) return { state: 'none', through: null, shu: null, reason: 'PERIOD_NOT_CLOSED' }
  const meetingDate = async (id: string): Promise<string> => (await meetings.findMeeting(db, groupId, id))?.date ?? ''
  const posted = (await shu.listDistributions(db, groupId)).find(d => d.through === period.through)
  if (posted !== undefined) {
    const payouts = (await shu.listPayouts(db, groupId)).filter(p => p.distributionId === posted.id)
    return { state: 'posted', through: period.through, distribution: posted, meetingDate: await meetingDate(posted.meetingId), payouts }
  }
  try {
    const proposal = await proposeShu(db, groupId, { through: period.through, meetingId: null })
    return { state: 'draft', through: period.through, proposal, meetingDate: await meetingDate(proposal.meetingId) }
  } catch (e) {
    const code = e instanceof DomainError ? UNDECIDED.find(c => c === e.code) : undefined
    if (code === undefined) throw e
    const { from } = await closedPeriod(db, groupId, period.through)
    return { state: 'undecided', through: period.through, periodFrom: from, shu: BigInt(period.totals.shu), reason: code }
  }
}
