import { entriesIn, type Books } from '../books/books.js'
import type { Decision, Meeting, Period, ShuDistribution, ShuMember, ShuPayout } from '../books/types.js'
import { addDays } from '../dates.js'
import { DomainError } from '../errors.js'
import { ACCOUNT } from '../ledger/accounts.js'
import { savingsByMember } from '../reports/savings.js'
import { planDistribution, type ShuBucket, type ShuPlan } from './distribution.js'

/** The body kept for a shu-distribution decision. */
export interface ShuDecisionJson { buckets: ShuBucket[] }

/** The SHU of a closed period shared by a meeting's rule, not yet posted: what the preview shows. */
export interface ShuProposal {
  through: string
  periodFrom: string | null
  meetingId: string
  decisionId: string
  plan: ShuPlan<ShuMember>
}

/** The closed period ending `through` and the day it began (the day after the previous close, or null). */
export function closedPeriod (books: Books, through: string): { period: Period, from: string | null } {
  const all = books.periods
  const i = all.findIndex(p => p.through === through)
  const period = all[i]
  if (period === undefined) {
    const last = all.at(-1)?.through
    throw new DomainError('PERIOD_NOT_CLOSED', `no period ends on ${through}: close the books through it first (POST …/periods)${last === undefined ? '' : `; the last closed period ends on ${last}`}`)
  }
  const before = all[i - 1]
  return { period, from: before === undefined ? null : addDays(before.through, 1) }
}

/**
 * The decision of a type in force on a date: of the decisions taking effect on or before it, the one of the latest
 * meeting (by date, then as recorded), its last of that type.
 */
export function decisionInForce (meetings: readonly Meeting[], type: string, asOf: string): (Decision & { meetingId: string }) | null {
  let best: { d: Decision, m: Meeting } | null = null
  for (const m of meetings) {
    for (const d of m.decisions) {
      if (d.type !== type || d.effectiveFrom > asOf) continue
      if (best === null || d.effectiveFrom > best.d.effectiveFrom ||
        (d.effectiveFrom === best.d.effectiveFrom && (m.createdAt > best.m.createdAt || (m.createdAt === best.m.createdAt && d.position > best.d.position)))) best = { d, m }
    }
  }
  return best === null ? null : { ...best.d, meetingId: best.m.id }
}

/** The shu-distribution decision of a meeting (its last one), or without a meeting the latest any meeting made. */
export function shuDecision (books: Books, meetingId: string | null): { meetingId: string, decisionId: string, body: ShuDecisionJson } {
  if (meetingId !== null) {
    const m = books.meetings.find(x => x.id === meetingId)
    if (m === undefined) throw new DomainError('MEETING_NOT_FOUND', `no meeting ${meetingId} in group ${books.group.id}`)
    const d = m.decisions.filter(x => x.type === 'shu-distribution').at(-1)
    if (d === undefined) throw new DomainError('SHU_DECISION_MISSING', `the meeting of ${m.date} decided no shu-distribution`)
    return { meetingId: m.id, decisionId: d.id, body: d.body as ShuDecisionJson }
  }
  const d = decisionInForce(books.meetings, 'shu-distribution', '9999-12-31')
  if (d === null) throw new DomainError('SHU_DECISION_MISSING', 'no meeting has decided how to share the SHU (a shu-distribution decision)')
  return { meetingId: d.meetingId, decisionId: d.id, body: d.body as ShuDecisionJson }
}

/**
 * What the period's SHU gives each bucket and each member under the meeting's rule. The bases are frozen with the
 * period: savings (pokok + wajib + sukarela) held at its end, jasa paid within it, members who had joined by its end;
 * members in registration order, which breaks ties of the largest-remainder allocation. A member's jasa basis is never
 * below zero: a repayment undone in this period whose jasa was paid in an earlier one takes the jasa back from that
 * member's share of this period's SHU no further than to nothing (the period's SHU itself is lower by it already).
 */
export function proposeShu (books: Books, input: { through: string, meetingId: string | null }): ShuProposal {
  const { period, from } = closedPeriod(books, input.through)
  const decision = shuDecision(books, input.meetingId)
  const savings = savingsByMember(entriesIn(books, { to: input.through }))
  const jasa = new Map<string, bigint>()
  for (const e of entriesIn(books, { from, to: input.through })) {
    for (const l of e.lines) {
      if (l.account !== ACCOUNT.pendapatanJasa || l.member === null) continue
      jasa.set(l.member, (jasa.get(l.member) ?? 0n) + l.credit - l.debit)
    }
  }
  const plan = planDistribution(BigInt(period.totals.shu), decision.body.buckets, books.members.map((m): ShuMember => {
    const s = savings.get(m.id)
    const paid = jasa.get(m.id) ?? 0n
    return {
      memberId: m.id,
      name: m.name,
      householdNo: m.householdNo,
      active: m.joinedOn === null || m.joinedOn <= input.through,
      savings: s === undefined ? 0n : s.pokok + s.wajib + s.sukarela,
      interestPaid: paid > 0n ? paid : 0n
    }
  }))
  return { through: input.through, periodFrom: from, meetingId: decision.meetingId, decisionId: decision.decisionId, plan }
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
export function shuReport (books: Books, to: string): ShuReport {
  const period = books.periods.filter(p => p.through <= to).at(-1)
  if (period === undefined) return { state: 'none', through: null, shu: null, reason: 'PERIOD_NOT_CLOSED' }
  const meetingDate = (id: string): string => books.meetings.find(m => m.id === id)?.date ?? ''
  const posted = books.distributions.find(d => d.through === period.through)
  if (posted !== undefined) {
    const payouts = books.payouts.filter(p => p.distributionId === posted.id)
    return { state: 'posted', through: period.through, distribution: posted, meetingDate: meetingDate(posted.meetingId), payouts }
  }
  try {
    const proposal = proposeShu(books, { through: period.through, meetingId: null })
    return { state: 'draft', through: period.through, proposal, meetingDate: meetingDate(proposal.meetingId) }
  } catch (e) {
    const code = e instanceof DomainError ? UNDECIDED.find(c => c === e.code) : undefined
    if (code === undefined) throw e
    const { from } = closedPeriod(books, period.through)
    return { state: 'undecided', through: period.through, periodFrom: from, shu: BigInt(period.totals.shu), reason: code }
  }
}
