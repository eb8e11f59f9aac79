import { parseAmount } from '../../domain/money.js'
import { DEFAULT_GRACE_DAYS } from '../../domain/loans/terms.js'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { DomainError } from '../../domain/errors.js'
import { DEFAULT_COLLECTIBILITY_DAYS, termsToJson, type LoanTerms } from '../../domain/loans/terms.js'
import type { Rounding } from '../../domain/loans/types.js'
import { reportDate } from '../../services/clock.js'
import * as meetings from '../../services/meeting-service.js'
import { principalOf, write } from '../context.js'
import { meetingJson } from '../presenters.js'
import { errors, GroupParams, IdempotencyHeaders, Ref } from '../schemas/common.js'
import { AsOfQuery, RangeQuery } from '../schemas/ledger.js'
import { Meeting, MeetingBody, MeetingParams, TermsInForce, type LoanTermsDecision } from '../schemas/loans.js'

/** A declared rounding with its defaults: Rp 1, instalments like every amount, half-up. */
export function toRounding (d: { roundTo?: string, instalmentRoundTo?: string, roundingMode?: Rounding['mode'] }): Rounding {
  const roundTo = BigInt(d.roundTo ?? '1')
  return { roundTo, instalmentRoundTo: BigInt(d.instalmentRoundTo ?? roundTo.toString()), mode: d.roundingMode ?? 'half-up' }
}

/** The decided terms as the domain takes them, with the documented defaults filled in. */
export function toTerms (d: Omit<LoanTermsDecision, 'type'>): LoanTerms {
  const days = d.collectibilityDays
  return {
    method: d.method,
    ratePercent: d.ratePercent,
    ratePer: d.ratePer,
    maxTermCount: d.maxTermCount ?? null,
    maxPrincipal: d.maxPrincipal === undefined ? null : BigInt(d.maxPrincipal),
    rounding: toRounding(d),
    penalty: d.penalty === undefined
      ? null
      : { percentOfOverdue: d.penalty.percentOfOverdue ?? '0', fixed: BigInt(d.penalty.fixed ?? '0'), per: d.penalty.per, graceDays: d.penalty.graceDays ?? DEFAULT_GRACE_DAYS },
    collectibilityDays: days === undefined ? DEFAULT_COLLECTIBILITY_DAYS : [days[0] ?? 30, days[1] ?? 90, days[2] ?? 180]
  }
}

export const meetingRoutes: FastifyPluginAsyncTypebox = async app => {
  const { env, store } = app.lumbung

  app.post('/groups/:groupId/meetings', {
    schema: {
      tags: ['loans'],
      operationId: 'recordMeeting',
      summary: 'Record a members\' meeting (rapat): attendance, minutes and decisions such as the loan terms',
      headers: IdempotencyHeaders,
      params: GroupParams,
      body: MeetingBody,
      response: { 201: Ref(Meeting), ...errors(400, 404, 422) }
    }
  }, async (req, reply) => {
    const actor = principalOf(req).actor
    const b = req.body
    const decisions: meetings.DecisionInput[] = b.decisions.map(d => {
      if (d.type === 'loan-terms') {
        const { type, ...rest } = d
        return { type, terms: toTerms(rest) }
      }
      if (d.type === 'shu-distribution') {
        return { type: d.type, buckets: d.buckets.map(x => ({ name: x.name, percent: x.percent, account: x.account ?? null, basis: x.basis ?? null })) }
      }
      if (d.type === 'savings-terms') return { type: d.type, wajibAmount: parseAmount(d.wajibAmount, 'wajibAmount') }
      if (d.type === 'publication') return { type: d.type, public: d.public }
      if (d.type === 'loan-queue') return { type: d.type, memberIds: d.memberIds }
      return { type: 'general', text: d.text }
    })
    return await write(req, reply, tx => meetings.createMeeting(tx, env, actor, req.params.groupId, {
      date: b.date, attendees: b.attendees, notes: b.notes ?? null, decisions
    }), meetingJson)
  })

  app.get('/groups/:groupId/meetings', {
    schema: { tags: ['loans'], operationId: 'listMeetings', summary: 'Meetings in date order', params: GroupParams, querystring: RangeQuery, response: { 200: Type.Object({ items: Type.Array(Ref(Meeting)) }), ...errors(400, 404) } }
  }, async req => ({
    items: (await meetings.listMeetings(store.reader, req.params.groupId, {
      ...(req.query.from === undefined ? {} : { from: req.query.from }),
      ...(req.query.to === undefined ? {} : { to: req.query.to })
    })).map(meetingJson)
  }))

  app.get('/groups/:groupId/meetings/:meetingId', {
    schema: { tags: ['loans'], operationId: 'getMeeting', summary: 'One meeting with its attendance and decisions', params: MeetingParams, response: { 200: Ref(Meeting), ...errors(404) } }
  }, async req => meetingJson(await meetings.getMeeting(store.reader, req.params.groupId, req.params.meetingId)))

  app.get('/groups/:groupId/loan-terms', {
    schema: {
      tags: ['loans'],
      operationId: 'getLoanTerms',
      summary: 'The loan terms in force on a date (default today) and the meeting that set them',
      params: GroupParams,
      querystring: AsOfQuery,
      response: { 200: TermsInForce, ...errors(400, 404, 422) }
    }
  }, async req => {
    const asOf = reportDate(env, req.query.asOf)
    const t = await meetings.termsInForce(store.reader, req.params.groupId, asOf)
    if (t === null) throw new DomainError('LOAN_TERMS_MISSING', `no meeting on or before ${asOf} has agreed loan terms`)
    return { asOf, meetingId: t.meetingId, decisionId: t.decisionId, effectiveFrom: t.effectiveFrom, terms: termsToJson(t.terms) }
  })
}
