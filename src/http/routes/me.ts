import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import * as access from '../../services/member-access-service.js'
import * as self from '../../services/member-self-service.js'
import { preparePin } from '../../services/people-service.js'
import { principalOf, write } from '../context.js'
import { fundGrowthJson, groupJson, loanJson, meetingJson, memberJson, memberSavingsJson, shuPayoutJson } from '../presenters.js'
import { errors, Id, IdempotencyHeaders, Ref } from '../schemas/common.js'
import { AsOfQuery } from '../schemas/ledger.js'
import { Loan, MemberSavings } from '../schemas/loans.js'
import { MyArisan } from '../schemas/arisan.js'
import { myArisanJson } from '../arisan-presenters.js'
import { GroupSummary, Me, MemberSignIn, MemberSignInBody, MemberSignInParams, MyReceipts, MyShu } from '../schemas/me.js'

const signInJson = (r: access.MemberSignIn) => ({
  memberId: r.memberId,
  person: { id: r.person.id, name: r.person.name, login: r.person.login, role: r.person.role, status: r.person.status },
  invitation: r.invitation === null ? null : { path: `/undangan/${r.invitation.token}`, expiresAt: r.invitation.expiresAt }
})

/**
 * A member's own view (issue 18): the bendahara gives her a sign-in, and her key reads /v1/me and nothing else. Every
 * /v1/me route answers from the member her key stands for: there is no member id to change in the request.
 */
export const meRoutes: FastifyPluginAsyncTypebox = async app => {
  const { env, store } = app.lumbung
  const db = store.reader

  app.post('/groups/:groupId/members/:memberId/sign-in', {
    schema: {
      tags: ['access'], operationId: 'grantMemberSignIn',
      summary: 'Give a member her own sign-in (the bendahara or the ketua): her PIN set now, or a one-time link to choose it; asked again, it renews it',
      params: MemberSignInParams, headers: IdempotencyHeaders, body: MemberSignInBody, response: { 201: MemberSignIn, ...errors(400, 403, 404, 409) }
    }
  }, async (req, reply) => {
    const pinHash = req.body.pin === undefined ? null : await preparePin(req.body.pin)
    const input = { login: req.body.login, pinHash }
    return await write(req, reply, tx => access.grantMemberSignIn(tx, env, principalOf(req), req.params.groupId, req.params.memberId, input), signInJson)
  })

  const own = { access: 'own' as const }
  app.get('/me', {
    config: own,
    schema: { tags: ['me'], operationId: 'getMe', summary: 'Who this member key stands for: the member and her group', response: { 200: Me, ...errors(403) } }
  }, async req => {
    const me = await self.whoAmI(db, principalOf(req))
    return { group: groupJson(me.group), member: memberJson(me.member) }
  })

  app.get('/me/savings', {
    config: own,
    schema: { tags: ['me'], operationId: 'getMySavings', summary: 'Her passbook: pokok, wajib and sukarela, with every movement', querystring: AsOfQuery, response: { 200: MemberSavings, ...errors(400, 403) } }
  }, async req => memberSavingsJson(await self.mySavings(db, await self.whoAmI(db, principalOf(req)), req.query.asOf), req.query.asOf ?? null))

  app.get('/me/loans', {
    config: own,
    schema: { tags: ['me'], operationId: 'listMyLoans', summary: 'Her loans: schedule, paid, due, arrears and denda, as they stand on a date (default today)', querystring: AsOfQuery, response: { 200: Type.Object({ items: Type.Array(Ref(Loan)) }), ...errors(400, 403, 422) } }
  }, async req => ({ items: (await self.myLoans(db, env, await self.whoAmI(db, principalOf(req)), req.query.asOf)).map(loanJson) }))

  app.get('/me/loans/:loanId', {
    config: own,
    schema: {
      tags: ['me'], operationId: 'getMyLoan', summary: 'One of her loans (another member\'s answers 404)',
      params: Type.Object({ loanId: Id }, { additionalProperties: false }), querystring: AsOfQuery, response: { 200: Ref(Loan), ...errors(400, 403, 404, 422) }
    }
  }, async req => loanJson(await self.myLoan(db, env, await self.whoAmI(db, principalOf(req)), req.params.loanId, req.query.asOf)))

  app.get('/me/shu', {
    config: own,
    schema: { tags: ['me'], operationId: 'getMyShu', summary: 'Her SHU: her share of each distribution, what is still owed to her, what was paid to her', response: { 200: MyShu, ...errors(403) } }
  }, async req => {
    const r = await self.myShu(db, await self.whoAmI(db, principalOf(req)))
    return {
      shares: r.shares.map(x => ({ ...x, amount: x.amount.toString() })),
      owed: r.owed.map(o => ({ distributionId: o.distributionId, through: o.through, distributedOn: o.distributedOn, amount: o.amount.toString() })),
      payouts: r.payouts.map(shuPayoutJson).map(p => ({ id: p.id, distributionId: p.distributionId, amount: p.amount, to: p.to, date: p.date, entryId: p.entryId }))
    }
  })

  app.get('/me/arisan', {
    config: own,
    schema: { tags: ['me'], operationId: 'getMyArisan', summary: 'Her arisan slots: what she pays a round, the rounds she paid and owes, her turn or the round her slot won, what she still owes since', response: { 200: MyArisan, ...errors(403) } }
  }, async req => {
    const me = await self.whoAmI(db, principalOf(req))
    return { items: (await self.myArisan(db, me)).flatMap(({ file, slot }) => myArisanJson(file, slot, me.member.id)) }
  })

  app.get('/me/receipts', {
    config: own,
    schema: { tags: ['me'], operationId: 'listMyReceipts', summary: 'Every posting that names her, newest first, each with its receipt link', response: { 200: MyReceipts, ...errors(403) } }
  }, async req => ({ items: await self.myReceipts(db, env, await self.whoAmI(db, principalOf(req))) }))

  app.get('/me/group', {
    config: own,
    schema: {
      tags: ['me'], operationId: 'getMyGroup', summary: 'Her group as every member may see it: Kas, fund growth, the last meeting\'s decisions',
      querystring: AsOfQuery, response: { 200: GroupSummary, ...errors(400, 403, 422) }
    }
  }, async req => {
    const g = await self.groupSummary(db, env, await self.whoAmI(db, principalOf(req)), req.query.asOf)
    const m = g.lastMeeting === null ? null : meetingJson(g.lastMeeting)
    const lastMeeting = m === null ? null : { id: m.id, date: m.date, decisions: m.decisions }
    return { group: groupJson(g.group), asOf: g.asOf, kas: g.kas.toString(), fundGrowth: fundGrowthJson(g.fundGrowth), lastMeeting }
  })
}
