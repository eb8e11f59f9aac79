import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { logRefusal } from '../../services/refusal-log.js'
import { actionOf, groupIdOf } from '../context.js'
import { accessOf } from './access-policy.js'

/**
 * Refused writes go into the audit log too, before the refusal is sent (successful ones are logged in their own
 * transaction): in the named group's log only if the key may see it and it exists, else in the global log.
 */
export const refusalLog = fp(async (api: FastifyInstance) => {
  api.addHook('onSend', async (req, reply, payload) => {
    if (req.principal === null || accessOf(req) === 'read' || reply.statusCode < 400 || api.lumbung.readOnly) return payload
    await logRefusal(api.lumbung.writer, api.lumbung.env, {
      groupId: groupIdOf(req), scope: req.principal.groupIds, actor: req.principal.actor, action: actionOf(req), status: reply.statusCode,
      code: req.refusal?.code ?? null, detail: req.refusal?.detail ?? null, requestId: req.id
    }).catch((err: unknown) => { req.log.error({ err }, 'could not write the audit log') })
    return payload
  })
}, { name: 'lumbung-refusal-log', dependencies: ['lumbung-authentication', 'lumbung-access-policy'] })
