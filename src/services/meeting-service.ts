import type { Db, Tx } from '../data/connect.js'
import * as groups from '../data/group-repository.js'
import * as meetings from '../data/meeting-repository.js'
import type { Decision, Meeting } from '../data/meeting-repository.js'
import { DomainError, invalid } from '../domain/errors.js'
import { loanTerms, termsFromJson, termsToJson, type LoanTerms, type LoanTermsJson } from '../domain/loans/terms.js'
import { shuRule, type ShuBucketInput } from '../domain/shu/distribution.js'
import type { ShuDecisionJson } from '../domain/shu/report.js'
import { ACCOUNT } from '../domain/ledger/accounts.js'
import type { Actor, Env } from './context.js'
import { emit } from './events.js'
import { requireGroup } from './group-service.js'
import { latestDate } from './clock.js'

export type { Decision, Meeting }

/** What a meeting decided: loan terms, how to share the SHU, the wajib, opening or closing the public page, or a plain resolution kept in the minutes. */
export type DecisionInput =
  | { type: 'loan-terms', terms: LoanTerms }
  | { type: 'shu-distribution', buckets: ShuBucketInput[] }
  | { type: 'general', text: string }
  | { type: 'savings-terms', wajibAmount: bigint }
  | { type: 'publication', public: boolean }
  | { type: 'loan-queue', memberIds: string[] }

export type { ShuDecisionJson }

/** Accounts a bucket may not go to: SHU itself, the members' SHU (member buckets only) and the members' savings. */
export const NOT_A_BUCKET = new Set<string>([ACCOUNT.shuBerjalan, ACCOUNT.utangShu, ACCOUNT.simpananSukarela, ACCOUNT.simpananPokok, ACCOUNT.simpananWajib])

/**
 * A distribution rule as the meeting decided it: the percentages add up to 100 (domain), and each account bucket goes
 * to an equity or liability account of the group's chart (cadangan, dana sosial, dana pengurus, the community's share),
 * never to SHU itself, to the members' accounts or to income, expenses or assets.
 */
async function shuDecision (tx: Tx, groupId: string, buckets: ShuBucketInput[], path: string): Promise<ShuDecisionJson> {
  const rule = shuRule(buckets, path)
  const own = rule.filter(b => b.basis === null).map(b => b.account)
  const accounts = await groups.findAccounts(tx, groupId, own)
  for (const b of rule) {
    if (b.basis !== null) continue
    const a = accounts.get(b.account)
    if (a === undefined) throw new DomainError('UNKNOWN_ACCOUNT', `bucket "${b.name}": no account ${b.account} in this group's chart (add it first: POST …/accounts)`)
    if ((a.type !== 'equity' && a.type !== 'liability') || NOT_A_BUCKET.has(a.code)) {
      throw new DomainError('ACCOUNT_NOT_ALLOWED', `bucket "${b.name}" cannot go to ${a.code} ${a.name}: choose an equity or liability account such as 3301 Cadangan`)
    }
  }
  return { buckets: rule }
}

/** The members of a giliran pinjaman, each once and each of the group. */
async function queueMembers (tx: Tx, groupId: string, memberIds: string[], path: string): Promise<string[]> {
  const known = await groups.findMemberIds(tx, groupId, memberIds)
  const unknown = memberIds.filter(m => !known.has(m))
  if (unknown.length > 0) throw new DomainError('MEMBER_NOT_FOUND', `no member ${unknown.join(', ')} in this group`, [{ path, message: 'names a member the group does not have' }])
  if (new Set(memberIds).size !== memberIds.length) throw invalid(path, 'lists a member twice')
  return memberIds
}

export interface MeetingInput {
  date: string
  attendees: string[]
  notes: string | null
  decisions: DecisionInput[]
}

/** Records a meeting (rapat): attendance, minutes and decisions; decided terms take effect from the meeting's date. */
export async function createMeeting (tx: Tx, env: Env, actor: Actor, groupId: string, input: MeetingInput): Promise<Meeting> {
  await requireGroup(tx, groupId)
  if (input.date > latestDate(env)) throw new DomainError('DATE_IN_FUTURE', `date ${input.date} is after today`)
  const attendees = [...new Set(input.attendees)]
  const known = await groups.findMemberIds(tx, groupId, attendees)
  const unknown = attendees.filter(a => !known.has(a))
  if (unknown.length > 0) throw new DomainError('MEMBER_NOT_FOUND', `no member ${unknown.join(', ')} in this group`)
  const decisions: Decision[] = []
  for (const [i, d] of input.decisions.entries()) {
    decisions.push({
      id: env.newId('dec'),
      position: i + 1,
      type: d.type,
      effectiveFrom: input.date,
      body: d.type === 'loan-terms'
        ? termsToJson(loanTerms(d.terms))
        : d.type === 'shu-distribution'
          ? await shuDecision(tx, groupId, d.buckets, `decisions/${i}/buckets`)
          : d.type === 'savings-terms' ? { wajibAmount: d.wajibAmount.toString() } : d.type === 'publication' ? { public: d.public }
            : d.type === 'loan-queue' ? { memberIds: await queueMembers(tx, groupId, d.memberIds, `decisions/${i}/memberIds`) } : { text: d.text }
    })
  }
  const meeting: Meeting = {
    id: env.newId('mtg'), groupId, date: input.date, notes: input.notes, attendees: attendees.sort(), decisions,
    createdAt: env.now().toISOString(), actor
  }
  await meetings.insertMeeting(tx, meeting)
  await emit(tx, env, actor, groupId, 'meeting.recorded', meeting.id, { date: meeting.date, attendees: meeting.attendees.length, decisions: meeting.decisions.map(d => d.type) })
  return meeting
}

export async function getMeeting (db: Db, groupId: string, meetingId: string): Promise<Meeting> {
  await requireGroup(db, groupId)
  const m = await meetings.findMeeting(db, groupId, meetingId)
  if (m === null) throw new DomainError('MEETING_NOT_FOUND', `no meeting ${meetingId} in group ${groupId}`)
  return m
}

export async function listMeetings (db: Db, groupId: string, range: { from?: string, to?: string } = {}): Promise<Meeting[]> {
  await requireGroup(db, groupId)
  return await meetings.listMeetings(db, groupId, range)
}

export interface TermsInForce {
  meetingId: string
  decisionId: string
  effectiveFrom: string
  terms: LoanTerms
}

/** The loan terms in force on a date, with the meeting that set them; null when no meeting has agreed any yet. */
export async function termsInForce (db: Db | Tx, groupId: string, asOf: string): Promise<TermsInForce | null> {
  await requireGroup(db, groupId)
  const d = await meetings.decisionInForce(db, groupId, 'loan-terms', asOf)
  if (d === null) return null
  return { meetingId: d.meetingId, decisionId: d.id, effectiveFrom: d.effectiveFrom, terms: termsFromJson(d.body as LoanTermsJson) }
}
