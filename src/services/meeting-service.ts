import type { Db, Tx } from '../data/connect.js'
import * as groups from '../data/group-repository.js'
import * as meetings from '../data/meeting-repository.js'
import type { Decision, Meeting } from '../data/meeting-repository.js'
import { DomainError } from '../domain/errors.js'
import { loanTerms, termsFromJson, termsToJson, type LoanTerms, type LoanTermsJson } from '../domain/loans/terms.js'
import type { Actor, Env } from './context.js'
import { emit } from './events.js'
import { requireGroup } from './group-service.js'
import { latestDate } from './ledger-service.js'

export type { Decision, Meeting }

/** What a meeting decided: loan terms, or a plain resolution kept in the minutes. */
export type DecisionInput =
  | { type: 'loan-terms', terms: LoanTerms }
  | { type: 'general', text: string }

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
  const decisions: Decision[] = input.decisions.map((d, i) => ({
    id: env.newId('dec'),
    position: i + 1,
    type: d.type,
    effectiveFrom: input.date,
    body: d.type === 'loan-terms' ? termsToJson(loanTerms(d.terms)) : { text: d.text }
  }))
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
