import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import * as contacts from '../../services/contact-service.js'
import * as profiles from '../../services/profile-service.js'
import { principalOf, write } from '../context.js'
import { errors, IdempotencyHeaders, MemberParams } from '../schemas/common.js'
import { ContactBody, ContactJson, ProfileBody, ProfileJson } from '../schemas/contacts.js'

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

  app.get('/groups/:groupId/members/:memberId/profile', {
    schema: {
      tags: ['groups'], operationId: 'getMemberProfile', summary: 'What the group records of a member beyond her name: her sex, which the roll-ups count women by',
      params: MemberParams, response: { 200: ProfileJson, ...errors(404) }
    }
  }, async req => await profiles.getProfile(store.reader, req.params.groupId, req.params.memberId))

  app.post('/groups/:groupId/members/:memberId/profile', {
    schema: {
      tags: ['groups'], operationId: 'setMemberProfile', summary: 'Set, correct or clear what the group records of a member (her sex)',
      headers: IdempotencyHeaders, params: MemberParams, body: ProfileBody, response: { 200: ProfileJson, ...errors(400, 403, 404) }
    }
  }, async (req, reply) => await write(req, reply, tx => profiles.setProfile(tx, env, principalOf(req).actor, req.params.groupId, req.params.memberId, req.body), p => p, 200))
}
