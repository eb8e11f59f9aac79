import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { reportDate } from '../../services/clock.js'
import { queueView, type QueueView } from '../../services/loan-queue-service.js'
import { errors, GroupParams, IsoDate, Ref, Total } from '../schemas/common.js'
import { AsOfQuery } from '../schemas/ledger.js'

const Place = Type.Object({
  position: Type.Integer({ minimum: 1 }),
  memberId: Type.String(),
  name: Type.String(),
  loanId: Type.Union([Type.String(), Type.Null()], { description: 'The loan she took since the decision; null while she waits.' })
}, { additionalProperties: false })

const Decided = Type.Object({ meetingId: Type.String(), decisionId: Type.String(), effectiveFrom: IsoDate, memberIds: Type.Array(Type.String()) }, { additionalProperties: false })

export const LoanQueue = Type.Object({
  asOf: IsoDate,
  queue: Type.Union([Decided, Type.Null()], { description: 'The loan-queue decision in force; null when no meeting has decided one.' }),
  places: Type.Array(Place),
  next: Type.Union([Type.Object({ memberId: Type.String(), name: Type.String() }, { additionalProperties: false }), Type.Null()], { description: 'The first member still waiting.' }),
  kas: Ref(Total),
  maxPrincipal: Type.Union([Ref(Total), Type.Null()], { description: 'The largest loan the terms in force allow (null: no limit, or no terms).' }),
  kasAllows: Type.Boolean({ description: 'Kas holds a loan of maxPrincipal (or any loan, without a limit): the next member can borrow now.' }),
  history: Type.Array(Decided, { description: 'Every loan-queue decision, oldest first.' })
}, { additionalProperties: false })

const queueJson = (v: QueueView) => {
  const name = (m: string): string => v.names.get(m) ?? m
  const q = v.state.queue
  return {
    asOf: v.asOf,
    queue: q === null ? null : { meetingId: q.meetingId, decisionId: q.decisionId, effectiveFrom: q.effectiveFrom, memberIds: q.memberIds },
    places: v.state.places.map(p => ({ ...p, name: name(p.memberId) })),
    next: v.state.next === null ? null : { memberId: v.state.next, name: name(v.state.next) },
    kas: v.kas.toString(),
    maxPrincipal: v.maxPrincipal === null ? null : v.maxPrincipal.toString(),
    kasAllows: v.maxPrincipal === null ? v.kas > 0n : v.kas >= v.maxPrincipal,
    history: v.history
  }
}

/** Giliran pinjaman: the queue for the revolving fund a meeting decided (a loan-queue decision), read as of a date. */
export const loanQueueRoutes: FastifyPluginAsyncTypebox = async app => {
  const { env, store } = app.lumbung
  app.get('/groups/:groupId/loan-queue', {
    schema: {
      tags: ['loans'],
      operationId: 'getLoanQueue',
      summary: 'The giliran pinjaman: the queue a meeting decided, who has borrowed since, who is next, whether Kas allows her loan now, and every queue decided',
      description: 'A meeting decides the queue with a `loan-queue` decision (POST …/meetings). While someone waits, a loan to anyone else needs `outOfTurnReason` (422 LOAN_OUT_OF_TURN), kept on the loan and checked by verify.',
      params: GroupParams,
      querystring: AsOfQuery,
      response: { 200: LoanQueue, ...errors(400, 404) }
    }
  }, async req => queueJson(await queueView(store.reader, req.params.groupId, reportDate(env, req.query.asOf))))
}
