import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { GROUP_PERSON_ROLES, PERSON_ROLES } from '../../domain/people.js'
import * as peopleService from '../../services/people-service.js'
import { principalOf, write } from '../context.js'
import { keyJson, KeyJson, NewKey } from './access.js'
import { errors, Id, IdempotencyHeaders, NoBody, StringEnum, Text, Timestamp } from '../schemas/common.js'

const PersonJson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  login: Type.String({ description: 'A phone number as digits with 0 in front (+62 812… is kept as 0812…), or a username in lower case.' }),
  role: StringEnum(PERSON_ROLES, { description: 'pengelola: the install (an admin key); ketua: keeps the books and manages the group\'s people; bendahara: keeps the books; pengawas: reads.' }),
  status: StringEnum(['diundang', 'aktif', 'terkunci', 'dicabut'] as const, { description: 'diundang: has not chosen a PIN yet; terkunci: locked after wrong PINs until lockedUntil; dicabut: revoked.' }),
  groupIds: Type.Union([Type.Array(Type.String()), Type.Null()], { description: 'The groups she may use; null for the pengelola (all).' }),
  createdAt: Timestamp,
  lockedUntil: Type.Union([Timestamp, Type.Null()]),
  lastSignInAt: Type.Union([Timestamp, Type.Null()])
}, { additionalProperties: false })

const Invitation = Type.Object({
  path: Type.String({ description: 'The one-time link, on this server: /undangan/<token>. Opened, it asks her to choose her PIN. Shown this once; only its hash is kept.' }),
  expiresAt: Timestamp
}, { additionalProperties: false })
const Invited = Type.Object({ person: PersonJson, invitation: Invitation }, { additionalProperties: false })

const PersonBody = Type.Object({
  name: Text(200, { examples: ['Bu Made'] }),
  login: Type.String({ minLength: 3, maxLength: 60, description: 'Her phone number (8 to 15 digits, +62 or 0 in front, spaces and dashes allowed) or a username (3 to 40 letters, digits, . _ -, starting with a letter).', examples: ['0812 3456 7890'] }),
  role: StringEnum(GROUP_PERSON_ROLES)
}, { additionalProperties: false, examples: [{ name: 'Bu Made', login: '0812 3456 7890', role: 'bendahara' }] })

const PersonParams = Type.Object({ groupId: Id, personId: Id }, { additionalProperties: false })
const Attempt = Type.Object({
  personId: Type.Union([Type.String(), Type.Null()]),
  outcome: StringEnum(['signed_in', 'wrong_pin', 'locked', 'unknown_login', 'pin_confirmed', 'pin_refused'] as const),
  at: Timestamp
}, { additionalProperties: false })

const invited = (r: { person: peopleService.PersonView, invitation: peopleService.NewLink }) => ({ person: r.person, invitation: { path: `/undangan/${r.invitation.token}`, expiresAt: r.invitation.expiresAt } })

/** People who sign in on the web with a PIN: invited, re-invited and revoked by the group's ketua or the pengelola. */
export const peopleRoutes: FastifyPluginAsyncTypebox = async app => {
  const { env, store } = app.lumbung

  app.post('/groups/:groupId/people', {
    config: { access: 'manage' },
    schema: {
      tags: ['access'],
      operationId: 'invitePerson',
      summary: 'Invite a person to the group (ketua or pengelola): she gets a key of her own and a one-time link to choose her PIN',
      params: Type.Object({ groupId: Id }, { additionalProperties: false }),
      headers: IdempotencyHeaders,
      body: PersonBody,
      response: { 201: Invited, ...errors(400, 403, 404, 409) }
    }
  }, async (req, reply) => await write(req, reply, tx => peopleService.invitePerson(tx, env, principalOf(req), req.params.groupId, req.body), invited))

  app.get('/groups/:groupId/people', {
    schema: {
      tags: ['access'],
      operationId: 'listPeople',
      summary: 'The people who may use the group, with their state and last sign-in',
      params: Type.Object({ groupId: Id }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(PersonJson) }, { additionalProperties: false }), ...errors(404) }
    }
  }, async req => ({ items: await peopleService.listGroupPeople(store.reader, env, req.params.groupId) }))

  app.get('/groups/:groupId/sign-in-attempts', {
    schema: {
      tags: ['access'],
      operationId: 'listSignInAttempts',
      summary: 'The sign-in tries and PIN checks of the group\'s people, newest first (never what was typed)',
      params: Type.Object({ groupId: Id }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Attempt) }, { additionalProperties: false }), ...errors(404) }
    }
  }, async req => ({ items: await peopleService.listGroupAttempts(store.reader, env, req.params.groupId) }))

  app.post('/groups/:groupId/people/:personId/invitations', {
    config: { access: 'manage' },
    schema: {
      tags: ['access'],
      operationId: 'reinvitePerson',
      summary: 'A new one-time link for a person (ketua or pengelola): her earlier links stop working; how a forgotten PIN is replaced',
      params: PersonParams,
      headers: IdempotencyHeaders,
      body: NoBody,
      response: { 201: Invited, ...errors(400, 403, 404) }
    }
  }, async (req, reply) => await write(req, reply, tx => peopleService.reinvite(tx, env, principalOf(req), req.params.groupId, req.params.personId), invited))

  app.post('/groups/:groupId/people/:personId/revocation', {
    config: { access: 'manage' },
    schema: {
      tags: ['access'],
      operationId: 'revokePerson',
      summary: 'Revoke a person at once (ketua or pengelola): her key, her sessions and her open links end',
      params: PersonParams,
      headers: IdempotencyHeaders,
      body: NoBody,
      response: { 200: PersonJson, ...errors(400, 403, 404) }
    }
  }, async (req, reply) => await write(req, reply, tx => peopleService.revokePerson(tx, env, principalOf(req), req.params.groupId, req.params.personId), p => p, 200))
}

/** Keys for integrations limited to one group, made and revoked by the group's ketua or the pengelola. */
export const groupKeyRoutes: FastifyPluginAsyncTypebox = async app => {
  const { env, store } = app.lumbung

  app.post('/groups/:groupId/api-keys', {
    config: { access: 'manage' },
    schema: {
      tags: ['access'],
      operationId: 'createGroupApiKey',
      summary: 'A key for an integration, limited to this group (ketua or pengelola); the key is shown once',
      params: Type.Object({ groupId: Id }, { additionalProperties: false }),
      headers: IdempotencyHeaders,
      body: Type.Object({
        name: Text(200, { examples: ['Aplikasi kasir BUMDes'] }),
        role: StringEnum(peopleService.GROUP_KEY_ROLES, { description: 'integrator: reads and writes in the group; auditor: reads, statements and audit bundles.' })
      }, { additionalProperties: false }),
      response: { 201: NewKey, ...errors(400, 403, 404) }
    }
  }, async (req, reply) => {
    const shown = (r: { key: Parameters<typeof keyJson>[0], token: string }) => ({ ...keyJson(r.key), key: r.token })
    return await write(req, reply, tx => peopleService.makeGroupKey(tx, env, principalOf(req), req.params.groupId, req.body), shown)
  })

  app.get('/groups/:groupId/api-keys', {
    schema: {
      tags: ['access'],
      operationId: 'listGroupApiKeys',
      summary: 'The keys for integrations limited to this group (never the keys themselves; people are listed under people)',
      params: Type.Object({ groupId: Id }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(KeyJson) }, { additionalProperties: false }), ...errors(404) }
    }
  }, async req => ({ items: (await peopleService.listGroupKeys(store.reader, req.params.groupId)).map(keyJson) }))

  app.post('/groups/:groupId/api-keys/:keyId/revocation', {
    config: { access: 'manage' },
    schema: {
      tags: ['access'],
      operationId: 'revokeGroupApiKey',
      summary: 'Revoke a key of the group at once (ketua or pengelola)',
      params: Type.Object({ groupId: Id, keyId: Id }, { additionalProperties: false }),
      headers: IdempotencyHeaders,
      body: NoBody,
      response: { 200: KeyJson, ...errors(400, 403, 404) }
    }
  }, async (req, reply) => {
    const { groupId, keyId } = req.params
    return await write(req, reply, tx => peopleService.revokeGroupKey(tx, env, principalOf(req), groupId, keyId), keyJson, 200)
  })
}
