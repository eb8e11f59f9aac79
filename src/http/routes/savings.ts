import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { parseAmount } from '../../domain/money.js'
import * as savings from '../../services/savings-service.js'
import { principalOf, write } from '../context.js'
import { memberSavingsJson, savingsResultJson } from '../presenters.js'
import { errors, GroupParams, IdempotencyHeaders, MemberParams, Ref } from '../schemas/common.js'
import { AsOfQuery } from '../schemas/ledger.js'
import { MemberSavings, SavingsBody, SavingsResult, WithdrawalBody } from '../schemas/loans.js'

export const savingsRoutes: FastifyPluginAsyncTypebox = async app => {
  const { env, store } = app.lumbung

  app.post('/groups/:groupId/savings', {
    schema: {
      tags: ['savings'],
      operationId: 'depositSavings',
      summary: 'A savings deposit (simpanan pokok, wajib or sukarela): Kas / 3101, 3102 or 2101',
      headers: IdempotencyHeaders,
      params: GroupParams,
      body: SavingsBody,
      response: { 201: Ref(SavingsResult), ...errors(400, 404, 409, 422) }
    }
  }, async (req, reply) => {
    const actor = principalOf(req).actor
    const b = req.body
    const amount = parseAmount(b.amount, 'amount')
    return await write(req, reply, async tx => {
      const entry = await savings.deposit(tx, env, actor, req.params.groupId, { memberId: b.memberId, kind: b.kind, date: b.date, amount })
      return { entry, savings: await savings.memberSavings(tx, req.params.groupId, b.memberId) }
    }, savingsResultJson)
  })

  app.post('/groups/:groupId/savings/withdrawals', {
    schema: {
      tags: ['savings'],
      operationId: 'withdrawSavings',
      summary: 'A withdrawal of voluntary savings (sukarela): 2101 / Kas; never more than the member holds',
      headers: IdempotencyHeaders,
      params: GroupParams,
      body: WithdrawalBody,
      response: { 201: Ref(SavingsResult), ...errors(400, 404, 422) }
    }
  }, async (req, reply) => {
    const actor = principalOf(req).actor
    const b = req.body
    const amount = parseAmount(b.amount, 'amount')
    return await write(req, reply, async tx => {
      const entry = await savings.withdraw(tx, env, actor, req.params.groupId, { memberId: b.memberId, date: b.date, amount })
      return { entry, savings: await savings.memberSavings(tx, req.params.groupId, b.memberId) }
    }, savingsResultJson)
  })

  app.get('/groups/:groupId/members/:memberId/savings', {
    schema: {
      tags: ['savings'],
      operationId: 'getPassbook',
      summary: 'A member\'s passbook (buku simpanan): balance per kind and every deposit and withdrawal',
      params: MemberParams,
      querystring: AsOfQuery,
      response: { 200: MemberSavings, ...errors(400, 404) }
    }
  }, async req => memberSavingsJson(await savings.memberSavings(store.reader, req.params.groupId, req.params.memberId, req.query.asOf), req.query.asOf ?? null))
}
