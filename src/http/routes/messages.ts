import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import * as messages from '../../services/message-service.js'
import { requireTarget } from '../../services/webhook-targets.js'
import { principalOf, write } from '../context.js'
import { errors, GroupParams, IdempotencyHeaders, NoBody, Ref } from '../schemas/common.js'
import { GatewayBody, GatewayJson, MessageJson, MessageList, MessageParams, MessageWithAttempts, MessageQuery, MonitorBody, MonitorJson, MonitorParams } from '../schemas/messages.js'

const gatewayJson = (g: messages.Gateway) => ({
  id: g.id, groupId: g.groupId, kind: g.kind, url: g.url, authHeader: g.authHeader, authValueSet: g.authValue !== null, bodyFormat: g.bodyFormat,
  bodyTemplate: g.bodyTemplate, subscriptionId: g.subscriptionId, perMinute: g.perMinute, reminderHour: g.reminderHour,
  createdAt: g.createdAt, actor: g.actor, disabledAt: g.disabledAt
})
const messageJson = (m: messages.Message) => ({
  id: m.id, kind: m.kind, memberId: m.memberId, monitorId: m.monitorId, entryId: m.entryId, text: m.text, status: m.status, attempts: m.attempts,
  nextAttemptAt: m.nextAttemptAt, lastError: m.lastError, createdAt: m.createdAt, updatedAt: m.updatedAt
})
const monitorJson = (m: messages.Monitor) => ({
  id: m.id, kind: m.kind, threshold: m.threshold.toString(), phone: m.phone, createdAt: m.createdAt, actor: m.actor, disabledAt: m.disabledAt
})

/**
 * Messages to members' phones (src/services/message-worker.ts sends them): the gateway and the monitors are the ketua's
 * (or the admin's) to set, since they say where members' numbers go; the outbox is the treasurer's to read and resend.
 */
export const messageRoutes: FastifyPluginAsyncTypebox = async app => {
  const { env, store, targets } = app.lumbung
  const manage = { access: 'manage' as const }
  const tags = ['messages']

  app.post('/groups/:groupId/message-gateway', {
    config: manage,
    schema: {
      tags, operationId: 'setMessageGateway', summary: 'Send the group\'s receipts, reminders and alerts through a message gateway (replaces the one in force)',
      description: 'From now on every posting that touches a member makes her receipt (what was posted before is not sent), the day\'s instalment reminders go out from `reminderHour`, and monitors alert. An `http` gateway is POSTed the body template; a `webhook` gateway sends each message to the named subscription as a signed `message.send` event.',
      headers: IdempotencyHeaders, params: GroupParams, body: GatewayBody, response: { 200: Ref(GatewayJson), ...errors(400, 403, 404, 422) }
    }
  }, async (req, reply) => {
    const b = req.body
    if (b.kind === 'http' && b.url !== undefined) await requireTarget(b.url, targets, 'GATEWAY_URL_NOT_ALLOWED')
    return await write(req, reply, tx => messages.setGateway(tx, env, principalOf(req).actor, req.params.groupId, {
      kind: b.kind, url: b.url ?? null, authHeader: b.authHeader ?? null, authValue: b.authValue ?? null, bodyFormat: b.bodyFormat ?? 'json',
      bodyTemplate: b.bodyTemplate ?? null, subscriptionId: b.subscriptionId ?? null, perMinute: b.perMinute ?? 20, reminderHour: b.reminderHour === undefined ? 8 : b.reminderHour
    }), gatewayJson, 200)
  })

  app.get('/groups/:groupId/message-gateway', {
    config: manage,
    schema: { tags, operationId: 'getMessageGateway', summary: 'The gateway in force (its auth value is never shown)', params: GroupParams, response: { 200: Ref(GatewayJson), ...errors(403, 404) } }
  }, async req => gatewayJson(await messages.getGateway(store.reader, req.params.groupId)))

  app.post('/groups/:groupId/message-gateway/disable', {
    config: manage,
    schema: {
      tags, operationId: 'disableMessageGateway', summary: 'Stop sending (messages waiting stay in the outbox until a gateway is set again)',
      headers: IdempotencyHeaders, params: GroupParams, body: NoBody, response: { 200: Ref(GatewayJson), ...errors(400, 403, 404) }
    }
  }, async (req, reply) => await write(req, reply, tx => messages.disableGateway(tx, env, req.params.groupId), gatewayJson, 200))

  app.get('/groups/:groupId/messages', {
    config: { access: 'write' },
    schema: {
      tags, operationId: 'listMessages', summary: 'The outbox: each receipt, reminder and alert with its state, attempts and last error, newest first',
      params: GroupParams, querystring: MessageQuery, response: { 200: MessageList, ...errors(400, 403, 404) }
    }
  }, async req => {
    const items = (await messages.listMessages(store.reader, req.params.groupId, { ...req.query, limit: req.query.limit ?? 100 })).map(messageJson)
    const g = await messages.gatewayInForce(store.reader, req.params.groupId)
    return { items, sending: g === null ? null : { kind: g.kind, perMinute: g.perMinute, reminderHour: g.reminderHour } }
  })

  app.get('/groups/:groupId/messages/:messageId', {
    config: { access: 'write' },
    schema: {
      tags, operationId: 'getMessage', summary: 'One message and its log: every send with the gateway\'s status, latency and error',
      params: MessageParams, response: { 200: MessageWithAttempts, ...errors(403, 404) }
    }
  }, async req => {
    const { message, attempts } = await messages.getMessage(store.reader, req.params.groupId, req.params.messageId)
    return { message: messageJson(message), attemptLog: attempts.map(a => ({ n: a.n, at: a.at, statusCode: a.statusCode, latencyMs: a.latencyMs, error: a.error })) }
  })

  app.post('/groups/:groupId/messages/:messageId/resend', {
    schema: {
      tags, operationId: 'resendMessage', summary: 'Send a failed or skipped message again, now',
      headers: IdempotencyHeaders, params: MessageParams, body: NoBody, response: { 200: Ref(MessageJson), ...errors(400, 403, 404, 409) }
    }
  }, async (req, reply) => await write(req, reply, tx => messages.resend(tx, env, req.params.groupId, req.params.messageId), messageJson, 200))

  app.post('/groups/:groupId/monitors', {
    config: manage,
    schema: {
      tags, operationId: 'addBalanceMonitor', summary: 'Alert a number when Kas falls below an amount, or a member\'s arrears rise above one (once per crossing)',
      headers: IdempotencyHeaders, params: GroupParams, body: MonitorBody, response: { 201: Ref(MonitorJson), ...errors(400, 403, 404) }
    }
  }, async (req, reply) => await write(req, reply, tx => messages.addMonitor(tx, env, principalOf(req).actor, req.params.groupId, {
    kind: req.body.kind, threshold: BigInt(req.body.threshold), phone: req.body.phone
  }), monitorJson))

  app.get('/groups/:groupId/monitors', {
    config: manage,
    schema: { tags, operationId: 'listBalanceMonitors', summary: 'The group\'s balance monitors', params: GroupParams, response: { 200: Type.Object({ items: Type.Array(Ref(MonitorJson)) }), ...errors(403, 404) } }
  }, async req => ({ items: (await messages.listMonitors(store.reader, req.params.groupId)).map(monitorJson) }))

  app.post('/groups/:groupId/monitors/:monitorId/disable', {
    config: manage,
    schema: {
      tags, operationId: 'disableBalanceMonitor', summary: 'Stop a monitor', headers: IdempotencyHeaders, params: MonitorParams, body: NoBody,
      response: { 200: Ref(MonitorJson), ...errors(400, 403, 404) }
    }
  }, async (req, reply) => await write(req, reply, tx => messages.disableMonitor(tx, env, req.params.groupId, req.params.monitorId), monitorJson, 200))
}
