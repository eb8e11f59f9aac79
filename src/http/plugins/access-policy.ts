import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { may, refusalOf, type Access } from '../../domain/access.js'
import { DomainError } from '../../domain/errors.js'
import { personOfKey } from '../../services/people-service.js'
import { groupIdOf } from '../context.js'
import { errors } from '../schemas/common.js'

export type { Access }

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What a route does: read, write, administer keys and groups, or manage a group's people. Default: GET reads, anything else writes. */
    access?: Access
  }
}

export function accessOf (req: FastifyRequest): Access {
  return req.routeOptions.config.access ?? (req.method === 'GET' || req.method === 'HEAD' ? 'read' : 'write')
}

/**
 * The access policy (src/domain/access.ts) applied to every /v1 request: a group outside the key's scope answers as
 * if it did not exist; then the role decides; a read-only server refuses every write with 405, and the OpenAPI
 * document says so on each write route. Register it before the routes: it amends their response schemas.
 */
export const accessPolicy = fp(async (api: FastifyInstance) => {
  api.addHook('preValidation', async req => {
    const groupId = groupIdOf(req)
    const scope = req.principal?.groupIds ?? null
    if (groupId !== null && scope !== null && !scope.includes(groupId)) throw new DomainError('GROUP_NOT_FOUND', `no group ${groupId}`)
    const role = req.principal?.role ?? 'auditor'
    const access = accessOf(req)
    const ketua = access === 'manage' && req.principal !== null && (await personOfKey(api.lumbung.store.reader, req.principal.actor.id))?.role === 'ketua'
    if (!may(role, access, ketua)) throw new DomainError('FORBIDDEN', refusalOf(role, access))
    if (access !== 'read' && api.lumbung.readOnly) throw new DomainError('READ_ONLY', 'this server serves a read-only copy of the books: send writes to the primary')
  })
  api.addHook('onRoute', route => {
    if (route.method === 'GET' || route.method === 'HEAD' || route.config?.access === 'read' || route.schema?.response === undefined) return
    Object.assign(route.schema.response as Record<number, unknown>, { 405: errors(405)[405] })
  })
}, { name: 'lumbung-access-policy', dependencies: ['lumbung-authentication'] })
