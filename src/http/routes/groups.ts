import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { RouteApp } from './route-app.js'
import * as groups from '../../services/group-service.js'
import { principalOf, write } from '../context.js'
import { accountJson, fundJson, groupJson, memberJson } from '../presenters.js'
import { errors, GroupParams, IdempotencyHeaders, MemberParams, Ref } from '../schemas/common.js'
import { Account, AccountBody, AsOfQuery, Fund, Group, GroupBody, Member, MemberBody } from '../schemas/ledger.js'


export const groupRoutes: FastifyPluginAsyncTypebox = async app => {
  groupBook(app)
  chartRoutes(app)
}

/** Groups and their members. */
function groupBook (app: RouteApp): void {
  const { env, store } = app.lumbung
  app.post('/groups', {
    config: { access: 'admin' },
    schema: {
      tags: ['groups'],
      operationId: 'createGroup',
      summary: 'Create a group; it starts with the default chart of accounts (1101 Kas … 5201 Beban Bantuan Sosial)',
      headers: IdempotencyHeaders,
      body: GroupBody,
      response: { 201: Ref(Group), ...errors(400, 422) }
    }
  }, async (req, reply) => {
    const actor = principalOf(req).actor
    return await write(req, reply, tx => groups.createGroup(tx, env, actor, { name: req.body.name, kind: req.body.kind, village: req.body.village ?? null }), groupJson,
      201, body => (body as { id: string }).id)
  })

  app.get('/groups', {
    schema: { tags: ['groups'], operationId: 'listGroups', summary: 'The groups this key may see', response: { 200: Type.Object({ items: Type.Array(Ref(Group)) }), ...errors() } }
  }, async req => ({ items: (await groups.listGroups(store.reader, principalOf(req).groupIds)).map(groupJson) }))

  app.get('/groups/:groupId', {
    schema: { tags: ['groups'], operationId: 'getGroup', summary: 'One group', params: GroupParams, response: { 200: Ref(Group), ...errors(404) } }
  }, async req => groupJson(await groups.requireGroup(store.reader, req.params.groupId, principalOf(req).groupIds)))

  app.post('/groups/:groupId/members', {
    schema: {
      tags: ['groups'],
      operationId: 'addMember',
      summary: 'Add a member (anggota)',
      headers: IdempotencyHeaders,
      params: GroupParams,
      body: MemberBody,
      response: { 201: Ref(Member), ...errors(400, 404, 422) }
    }
  }, async (req, reply) => {
    const actor = principalOf(req).actor
    const b = req.body
    return await write(req, reply, tx => groups.createMember(tx, env, actor, req.params.groupId, {
      name: b.name, householdNo: b.householdNo ?? null, joinedOn: b.joinedOn ?? null
    }), memberJson)
  })

  app.get('/groups/:groupId/members', {
    schema: { tags: ['groups'], operationId: 'listMembers', summary: 'The group\'s members', params: GroupParams, response: { 200: Type.Object({ items: Type.Array(Ref(Member)) }), ...errors(404) } }
  }, async req => ({ items: (await groups.listMembers(store.reader, req.params.groupId)).map(memberJson) }))

  app.get('/groups/:groupId/members/:memberId', {
    schema: { tags: ['groups'], operationId: 'getMember', summary: 'One member', params: MemberParams, response: { 200: Ref(Member), ...errors(404) } }
  }, async req => memberJson(await groups.getMember(store.reader, req.params.groupId, req.params.memberId)))
}

/** A group's chart of accounts and its funds. */
function chartRoutes (app: RouteApp): void {
  const { env, store } = app.lumbung
  app.get('/groups/:groupId/accounts', {
    schema: {
      tags: ['groups'],
      operationId: 'listAccounts',
      summary: 'The chart of accounts with each balance (positive on the account\'s normal side)',
      params: GroupParams,
      querystring: AsOfQuery,
      response: { 200: Type.Object({ items: Type.Array(Ref(Account)) }), ...errors(400, 404) }
    }
  }, async req => ({ items: (await groups.listAccounts(store.reader, req.params.groupId, req.query.asOf)).map(accountJson) }))

  app.post('/groups/:groupId/accounts', {
    schema: {
      tags: ['groups'],
      operationId: 'createAccount',
      summary: 'Add an account to the group\'s chart',
      headers: IdempotencyHeaders,
      params: GroupParams,
      body: AccountBody,
      response: { 201: Ref(Account), ...errors(400, 404, 409, 422) }
    }
  }, async (req, reply) => {
    const actor = principalOf(req).actor
    const b = req.body
    return await write(req, reply, tx => groups.addAccount(tx, env, actor, req.params.groupId, {
      code: b.code, name: b.name, type: b.type, ...(b.normalBalance === undefined ? {} : { normalBalance: b.normalBalance })
    }), accountJson)
  })

  app.get('/groups/:groupId/funds', {
    schema: {
      tags: ['groups'],
      operationId: 'listFunds',
      summary: 'The group\'s funds: each grant and donation, whose id tags the journal lines that belong to it',
      params: GroupParams,
      response: { 200: Type.Object({ items: Type.Array(Fund) }), ...errors(404) }
    }
  }, async req => ({ items: (await groups.listFunds(store.reader, req.params.groupId)).map(fundJson) }))
}
