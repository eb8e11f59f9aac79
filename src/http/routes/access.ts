import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { KEY_ROLES, ROLES } from '../../domain/access.js'
import { listAudit, listEvents } from '../../services/feed-service.js'
import * as keys from '../../services/key-service.js'
import { write } from '../context.js'
import { GROUP_KINDS } from '../schemas/ledger.js'

type GroupKind = typeof GROUP_KINDS[number]
import { errors, EXAMPLE_ID, GroupParams, Id, IdempotencyHeaders, IsoDate, StringEnum, Text, Timestamp } from '../schemas/common.js'

const RegionCode = Type.String({ maxLength: 13, description: 'A Kemendagri region code: 51 (provinsi), 51.03 (kabupaten/kota), 51.03.05 (kecamatan), 51.03.05.2001 (desa). The key reads every group whose place (POST …/place) is it or inside it.', examples: ['51.03.05'] })
const Programme = Type.Union([StringEnum(GROUP_KINDS), Type.Null()], { description: 'Only groups of this kind (p2wkss, pkk, kube …); null or absent: every kind.' })
const Region = Type.Object({ code: RegionCode, programme: Programme }, { additionalProperties: false })
const RegionBody = Type.Object({ code: RegionCode, programme: Type.Optional(Programme) }, {
  additionalProperties: false, description: 'An auditor key only (a supervisor reads, never writes); instead of groupIds.'
})

export const KeyJson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: StringEnum(ROLES, { description: 'member: a member\'s own sign-in (made with POST /v1/groups/{groupId}/members/{memberId}/sign-in), which reads only /v1/me.' }),
  groupIds: Type.Union([Type.Array(Type.String()), Type.Null()], { description: 'The groups the key may use; null for admin (all); [] for a key that follows a region (see region).' }),
  region: Type.Union([Region, Type.Null()], { description: 'A supervisor\'s key: the region (and programme) whose groups it reads, those placed there later too; null for a key with a list of groups.' }),
  createdAt: Timestamp,
  revokedAt: Type.Union([Timestamp, Type.Null()])
}, { additionalProperties: false })
export const NewKey = Type.Object({ ...KeyJson.properties, key: Type.String({ description: 'The key itself: shown this once, kept only as a hash.' }) }, { additionalProperties: false })
const KeyBody = Type.Object({
  name: Text(200, { examples: ['Bendahara P2WKSS Abiansemal'] }),
  role: StringEnum(KEY_ROLES, { description: 'admin: everything; treasurer and integrator: read and write in their groups; auditor: read, statements and audit bundles in its groups, no writes.' }),
  groupIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 1000, description: 'The groups a treasurer, integrator or auditor key may use: required for those roles (or region). An admin key is global: with role admin, groupIds is refused (400 VALIDATION_FAILED at /body/groupIds); scope a treasurer, integrator or auditor key instead.' })),
  region: Type.Optional(RegionBody)
}, { additionalProperties: false, examples: [{ name: 'Bendahara P2WKSS Abiansemal', role: 'treasurer', groupIds: [EXAMPLE_ID.group] }] })

export const keyJson = (k: keys.ApiKey & { region?: { regionCode: string, programme: string | null } | null }) => ({
  id: k.id, name: k.name, role: k.role, groupIds: k.groupIds,
  region: k.region === undefined || k.region === null ? null : { code: k.region.regionCode, programme: k.region.programme as GroupKind | null },
  createdAt: k.createdAt, revokedAt: k.revokedAt
})

const Event = Type.Object({
  id: Type.String(),
  seq: Type.Integer({ description: 'Gapless per group: 1, 2, 3 …' }),
  type: Type.String({ examples: ['entry.posted', 'loan.repaid'] }),
  groupId: Type.String(),
  entityId: Type.String(),
  data: Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true }),
  actor: Type.Object({ id: Type.String(), name: Type.String() }),
  createdAt: Timestamp
}, { additionalProperties: false })

const AuditLine = Type.Object({
  id: Type.String(),
  at: Timestamp,
  actor: Type.Object({ id: Type.String(), name: Type.String() }),
  action: Type.String({ examples: ['POST /v1/groups/:groupId/expenses'] }),
  outcome: StringEnum(['ok', 'refused'] as const),
  status: Type.Integer(),
  code: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.String()
}, { additionalProperties: false })

export const accessRoutes: FastifyPluginAsyncTypebox = async app => {
  const { env, store } = app.lumbung

  app.post('/api-keys', {
    config: { access: 'admin' },
    schema: { tags: ['access'], operationId: 'createApiKey', summary: 'Create an API key (admin only); the key is shown once', headers: IdempotencyHeaders, body: KeyBody, response: { 201: NewKey, ...errors(400, 403, 422) } }
  }, async (req, reply) => await write(req, reply, tx => keys.createKey(tx, env, {
    name: req.body.name, role: req.body.role, groupIds: req.body.groupIds ?? null,
    region: req.body.region === undefined ? null : { regionCode: req.body.region.code, programme: req.body.region.programme ?? null }
  }), r => ({ ...keyJson(r.key), key: r.token })))

  app.get('/api-keys', {
    config: { access: 'admin' },
    schema: { tags: ['access'], operationId: 'listApiKeys', summary: 'The API keys (admin only; never the keys themselves)', response: { 200: Type.Object({ items: Type.Array(KeyJson) }), ...errors(403) } }
  }, async () => ({ items: (await keys.listKeys(store.reader)).filter(k => k.id !== 'key_admin').map(keyJson) }))

  app.delete('/api-keys/:keyId', {
    config: { access: 'admin' },
    schema: { tags: ['access'], operationId: 'revokeApiKey', summary: 'Revoke an API key at once (admin only)', params: Type.Object({ keyId: Id }, { additionalProperties: false }), response: { 200: KeyJson, ...errors(403, 404) } }
  }, async (req, reply) => await write(req, reply, tx => keys.revokeKey(tx, env, req.params.keyId), keyJson, 200))

  app.get('/groups/:groupId/events', {
    schema: {
      tags: ['access'],
      operationId: 'listEvents',
      summary: 'The group\'s events in order, from a cursor: resume from nextCursor and nothing is missed or repeated',
      params: GroupParams,
      querystring: Type.Object({
        after: Type.Optional(Type.String({ pattern: '^(0|[1-9][0-9]{0,14})$', description: 'The seq of the last event seen (nextCursor); 0 or absent for the start.' })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'Default 100.' }))
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Event), nextCursor: Type.String({ description: 'Pass as after= next time; equal to after when there was nothing new.' }) }, { additionalProperties: false }), ...errors(400, 404) }
    }
  }, async req => {
    const after = Number(req.query.after ?? '0')
    const items = await listEvents(store.reader, req.params.groupId, after, req.query.limit ?? 100)
    return {
      items: items.map(e => ({
        id: e.id, seq: e.seq, type: e.type, groupId: e.groupId, entityId: e.entityId, data: e.data as Record<string, unknown>, actor: e.actor, createdAt: e.createdAt
      })),
      nextCursor: String(items.at(-1)?.seq ?? after)
    }
  })

  app.get('/groups/:groupId/audit-log', {
    schema: {
      tags: ['access'],
      operationId: 'listAuditLog',
      summary: 'Who did what and when in the group, refused writes included (newest first)',
      params: GroupParams,
      querystring: Type.Object({
        from: Type.Optional(IsoDate),
        to: Type.Optional(IsoDate),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'Default 100.' })),
        before: Type.Optional(Id)
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(AuditLine), nextCursor: Type.Union([Type.String(), Type.Null()]) }, { additionalProperties: false }), ...errors(400, 404) }
    }
  }, async req => {
    const limit = req.query.limit ?? 100
    const rows = await listAudit(store.reader, req.params.groupId, {
      ...(req.query.from === undefined ? {} : { from: req.query.from }),
      ...(req.query.to === undefined ? {} : { to: req.query.to })
    }, limit, req.query.before)
    return {
      items: rows.map(a => ({
        id: a.id, at: a.createdAt, actor: a.actor, action: a.action, outcome: a.outcome, status: a.status, code: a.code, detail: a.detail, requestId: a.requestId
      })),
      nextCursor: rows.length === limit ? (rows.at(-1)?.id ?? null) : null
    }
  })
}
