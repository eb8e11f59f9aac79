import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import * as shu from '../../services/shu-service.js'
import { principalOf, write } from '../context.js'
import { shuDistributionJson, shuPayoutJson, shuPlanJson } from '../presenters.js'
import { errors, GroupParams, IdempotencyHeaders, Ref } from '../schemas/common.js'
import { OwedShare, REMAINDER_RULE, ShuDistribution, ShuDistributionBody, ShuPayout, ShuPayoutBody, ShuPreview, ShuPreviewBody } from '../schemas/shu.js'

export const shuRoutes: FastifyPluginAsyncTypebox = async app => {
  const { env, store } = app.lumbung

  app.post('/groups/:groupId/shu/preview', {
    config: { access: 'read' },
    schema: {
      tags: ['shu'],
      operationId: 'previewShu',
      summary: 'What a closed period\'s SHU gives each bucket and each member under a meeting\'s shu-distribution decision (no side effects)',
      description: `Without meetingId, the latest shu-distribution decision of any meeting. ${REMAINDER_RULE}`,
      headers: IdempotencyHeaders,
      params: GroupParams,
      body: ShuPreviewBody,
      response: { 200: ShuPreview, ...errors(400, 404, 422) }
    }
  }, async req => shuPlanJson(await shu.proposeShu(store.reader, req.params.groupId, { through: req.body.through, meetingId: req.body.meetingId ?? null })))

  app.post('/groups/:groupId/shu/distributions', {
    schema: {
      tags: ['shu'],
      operationId: 'distributeShu',
      summary: 'Post a closed period\'s SHU as the meeting decided: 3401 SHU Tahun Berjalan / the bucket accounts and 2103 Utang SHU Anggota per member',
      description: `Once per period (409 SHU_ALREADY_DISTRIBUTED), only for a closed period (422 PERIOD_NOT_CLOSED). Dated \`date\`, by default the meeting's date (the day after the period when the meeting came before its end). ${REMAINDER_RULE}`,
      headers: IdempotencyHeaders,
      params: GroupParams,
      body: ShuDistributionBody,
      response: { 201: Ref(ShuDistribution), ...errors(400, 404, 409, 422) }
    }
  }, async (req, reply) => {
    const actor = principalOf(req).actor
    const b = req.body
    return await write(req, reply,
      tx => shu.distributeShu(tx, env, actor, req.params.groupId, { through: b.through, meetingId: b.meetingId, date: b.date ?? null }), shuDistributionJson)
  })

  app.get('/groups/:groupId/shu/distributions', {
    schema: { tags: ['shu'], operationId: 'listShuDistributions', summary: 'The posted SHU distributions, oldest period first', params: GroupParams, response: { 200: Type.Object({ items: Type.Array(Ref(ShuDistribution)) }), ...errors(404) } }
  }, async req => ({ items: (await shu.listDistributions(store.reader, req.params.groupId)).map(shuDistributionJson) }))

  app.post('/groups/:groupId/shu/payouts', {
    schema: {
      tags: ['shu'],
      operationId: 'payShu',
      summary: 'Pay a member\'s SHU share (of the oldest distribution not yet paid to them), whole: 2103 / Kas (cash) or / 2101 Simpanan Sukarela',
      description: 'Each share is paid once; with nothing owed, 422 SHU_NOTHING_OWED; dated before the distribution, 422 DATE_BEFORE_DISTRIBUTION; cash the box does not hold, 422 INSUFFICIENT_FUNDS.',
      headers: IdempotencyHeaders,
      params: GroupParams,
      body: ShuPayoutBody,
      response: { 201: Ref(ShuPayout), ...errors(400, 404, 422) }
    }
  }, async (req, reply) => {
    const actor = principalOf(req).actor
    const b = req.body
    return await write(req, reply, tx => shu.payShu(tx, env, actor, req.params.groupId, { memberId: b.memberId, date: b.date, to: b.to }), shuPayoutJson)
  })

  app.get('/groups/:groupId/shu/owed', {
    schema: {
      tags: ['shu'],
      operationId: 'listShuOwed',
      summary: 'The SHU shares still owed: every member\'s share of every distribution not yet paid out, oldest first (a member\'s next payout pays her first one, whole)',
      params: GroupParams,
      response: {
        200: Type.Object({ items: Type.Array(OwedShare) }, { additionalProperties: false }),
        ...errors(404)
      }
    }
  }, async req => ({ items: (await shu.listOwed(store.reader, req.params.groupId)).map(o => ({ ...o, amount: o.amount.toString() })) }))

  app.get('/groups/:groupId/shu/payouts', {
    schema: { tags: ['shu'], operationId: 'listShuPayouts', summary: 'The SHU shares paid out, in date order', params: GroupParams, response: { 200: Type.Object({ items: Type.Array(Ref(ShuPayout)) }), ...errors(404) } }
  }, async req => ({ items: (await shu.listPayouts(store.reader, req.params.groupId)).map(shuPayoutJson) }))
}
