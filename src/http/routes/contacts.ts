import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import * as contacts from '../../services/contact-service.js'
import { principalOf, write } from '../context.js'
import { errors, Id, IdempotencyHeaders, Timestamp } from '../schemas/common.js'

const MemberParams = Type.Object({ groupId: Id, memberId: Id }, { additionalProperties: false })
const ContactJson = Type.Object({
  memberId: Type.String(),
  phone: Type.Union([Type.String({ description: 'Digits in international form without the plus: 6281234567890.' }), Type.Null()]),
  optedOut: Type.Boolean({ description: 'She asked for no messages: no receipt or reminder is sent to her.' }),
  updatedAt: Type.Union([Timestamp, Type.Null()])
}, { additionalProperties: false })
const ContactBody = Type.Object({
  phone: Type.Union([Type.String({ maxLength: 30, description: 'As people write it: 0812 3456 7890, +62 812-3456-7890; null or "" clears it.' }), Type.Null()]),
  optedOut: Type.Boolean()
}, { additionalProperties: false, examples: [{ phone: '0812 3456 7890', optedOut: false }] })

const contactJson = (c: contacts.Contact) => c

/**
 * A member's phone number for receipts and reminders: the treasurer's side only (write access: treasurer, integrator,
 * admin). An auditor reads the books, not the members' numbers; statements and exports never carry them.
 */
export const contactRoutes: FastifyPluginAsyncTypebox = async app => {
  const { env, store } = app.lumbung
  app.get('/groups/:groupId/members/:memberId/contact', {
    config: { access: 'write' },
    schema: {
      tags: ['groups'], operationId: 'getMemberContact', summary: 'A member\'s phone number and whether she wants messages (the treasurer\'s side only)',
      params: MemberParams, response: { 200: ContactJson, ...errors(403, 404) }
    }
  }, async req => contactJson(await contacts.getContact(store.reader, req.params.groupId, req.params.memberId)))

  app.post('/groups/:groupId/members/:memberId/contact', {
    schema: {
      tags: ['groups'], operationId: 'setMemberContact', summary: 'Set or clear a member\'s phone number, and whether she wants messages',
      headers: IdempotencyHeaders, params: MemberParams, body: ContactBody, response: { 200: ContactJson, ...errors(400, 403, 404) }
    }
  }, async (req, reply) => await write(req, reply, tx => contacts.setContact(tx, env, principalOf(req).actor, req.params.groupId, req.params.memberId, req.body), contactJson, 200))
}
