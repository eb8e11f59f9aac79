import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { parseAmount } from '../../domain/money.js'
import * as arisan from '../../services/arisan-service.js'
import { arisanContributionJson, arisanJson, arisanRoundJson } from '../arisan-presenters.js'
import { principalOf, write } from '../context.js'
import { ArisanBody, ArisanContributionJson, ArisanJson, ArisanParams, ArisanRoundJson, ContributionBody, ContributionParams, RoundBody } from '../schemas/arisan.js'
import { ReversalBody } from '../schemas/ledger.js'
import { errors, GroupParams, IdempotencyHeaders, Ref } from '../schemas/common.js'

export const arisanRoutes: FastifyPluginAsyncTypebox = async app => {
  const { env, store } = app.lumbung

  app.post('/groups/:groupId/arisan', {
    schema: {
      tags: ['arisan'],
      operationId: 'createArisan',
      summary: 'Record an arisan a meeting decided: its slots and holders, the contribution per round, the host\'s fee and the order (agreed or drawn)',
      description: 'The first arisan adds 2150 Titipan Arisan (a liability) to the chart: every contribution passes through it and every pot is paid from it, never touching income. 404 MEETING_NOT_FOUND or MEMBER_NOT_FOUND; 422 ARISAN_SLOTS_INVALID (a member in more than two slots, a member twice in a slot); 409 ARISAN_ACCOUNT_TAKEN when 2150 already holds another account.',
      headers: IdempotencyHeaders,
      params: GroupParams,
      body: ArisanBody,
      response: { 201: Ref(ArisanJson), ...errors(400, 404, 409, 422) }
    }
  }, async (req, reply) => {
    const actor = principalOf(req).actor
    const b = req.body
    return await write(req, reply, tx => arisan.createArisan(tx, env, actor, req.params.groupId, {
      meetingId: b.meetingId, name: b.name, contribution: parseAmount(b.contribution, 'contribution'), hostFee: BigInt(b.hostFee ?? '0'),
      schedule: b.schedule, order: b.order, slots: b.slots
    }), arisanJson)
  })

  app.get('/groups/:groupId/arisan', {
    schema: { tags: ['arisan'], operationId: 'listArisan', summary: 'The group\'s arisan, oldest first, each with where its cycle stands', params: GroupParams, response: { 200: Type.Object({ items: Type.Array(Ref(ArisanJson)) }, { additionalProperties: false }), ...errors(404) } }
  }, async req => ({ items: (await arisan.listArisans(store.reader, req.params.groupId)).map(arisanJson) }))

  app.get('/groups/:groupId/arisan/:arisanId', {
    schema: {
      tags: ['arisan'],
      operationId: 'getArisan',
      summary: 'An arisan: the collecting round and its pot, each holder\'s arrears and what a winner still owes, every round with its draw\'s proof',
      params: ArisanParams,
      response: { 200: Ref(ArisanJson), ...errors(404) }
    }
  }, async req => arisanJson(await arisan.getArisan(store.reader, req.params.groupId, req.params.arisanId)))
}

/** An arisan's contributions (and their correction) and its rounds. */
export const arisanRoundRoutes: FastifyPluginAsyncTypebox = async app => {
  const { env, store } = app.lumbung

  app.get('/groups/:groupId/arisan/:arisanId/contributions', {
    schema: { tags: ['arisan'], operationId: 'listArisanContributions', summary: 'Every contribution to an arisan, in date order', params: ArisanParams, response: { 200: Type.Object({ items: Type.Array(Ref(ArisanContributionJson)) }, { additionalProperties: false }), ...errors(404) } }
  }, async req => ({ items: (await arisan.getArisan(store.reader, req.params.groupId, req.params.arisanId)).contributions.map(arisanContributionJson) }))

  app.post('/groups/:groupId/arisan/:arisanId/contributions', {
    schema: {
      tags: ['arisan'],
      operationId: 'contributeToArisan',
      summary: 'Record a holder\'s contribution for a round: Kas / 2150 Titipan Arisan (late for a round already taken: passed on at once to its holders)',
      description: 'Once per holder and round (409 ARISAN_ALREADY_PAID), exactly her due (422 ARISAN_WRONG_AMOUNT), for the collecting round or one already taken (422 ARISAN_ROUND_NOT_OPEN), by a holder of the slot (422 ARISAN_NOT_A_HOLDER).',
      headers: IdempotencyHeaders,
      params: ArisanParams,
      body: ContributionBody,
      response: { 201: Ref(ArisanContributionJson), ...errors(400, 404, 409, 422) }
    }
  }, async (req, reply) => {
    const actor = principalOf(req).actor
    const b = req.body
    return await write(req, reply, tx => arisan.contribute(tx, env, actor, req.params.groupId, req.params.arisanId, {
      ...(b.round === undefined ? {} : { round: b.round }), slot: b.slot, memberId: b.memberId, date: b.date, amount: parseAmount(b.amount, 'amount')
    }), r => arisanContributionJson(r.contribution))
  })

  app.post('/groups/:groupId/arisan/:arisanId/contributions/:contributionId/reversal', {
    schema: {
      tags: ['arisan'],
      operationId: 'reverseArisanContribution',
      summary: 'Undo a contribution recorded in error (the wrong holder, a payment not made) with a reversing entry, while its round still collects',
      description: 'The holder may then pay the round again. 409 ARISAN_ROUND_TAKEN once the round was taken (its pot was paid out); 409 ENTRY_ALREADY_REVERSED a second time; 404 CONTRIBUTION_NOT_FOUND.',
      headers: IdempotencyHeaders,
      params: ContributionParams,
      body: ReversalBody,
      response: { 201: Ref(ArisanContributionJson), ...errors(400, 404, 409, 422) }
    }
  }, async (req, reply) => {
    const actor = principalOf(req).actor
    const p = req.params
    const input = { date: req.body.date ?? null, reason: req.body.reason }
    return await write(req, reply, tx => arisan.reverseContribution(tx, env, actor, p.groupId, p.arisanId, p.contributionId, input), r => arisanContributionJson(r.contribution))
  })

  app.post('/groups/:groupId/arisan/:arisanId/rounds', {
    schema: {
      tags: ['arisan'],
      operationId: 'takeArisanRound',
      summary: 'Take the collecting round: the next slot (agreed order) or a drawn one, paid the pot less the host\'s fee in one entry (2150 / Kas)',
      description: 'A drawn arisan needs `called` (400 otherwise): the winner follows from SHA-256 of the group, the arisan, the round, the journal head now, `called` and the eligible slots (docs/ARISAN.md), and the answer carries the seed and digest. 422 ARISAN_POT_EMPTY when the round\'s contributions do not cover the host\'s fee; 409 ARISAN_CYCLE_COMPLETE after the last round.',
      headers: IdempotencyHeaders,
      params: ArisanParams,
      body: RoundBody,
      response: { 201: Ref(ArisanRoundJson), ...errors(400, 404, 409, 422) }
    }
  }, async (req, reply) => {
    const actor = principalOf(req).actor
    const b = req.body
    return await write(req, reply, tx => arisan.takeRound(tx, env, actor, req.params.groupId, req.params.arisanId, {
      date: b.date, meetingId: b.meetingId ?? null, called: b.called ?? null
    }), r => arisanRoundJson(r.file, r.round))
  })
}
