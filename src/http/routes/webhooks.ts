import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { messageId } from '../../domain/webhooks/delivery.js'
import * as webhooks from '../../services/webhook-service.js'
import { requireTarget } from '../../services/webhook-targets.js'
import { principalOf, write } from '../context.js'
import { errors, IdempotencyHeaders, NoBody, Ref } from '../schemas/common.js'
import { DeliveryJson, DeliveryParams, DeliveryQuery, Webhook, WebhookBody, WebhookParams, WebhookWithSecret } from '../schemas/webhooks.js'

const webhookJson = (s: webhooks.Subscription) => ({
  id: s.id, url: s.url, groupId: s.groupId, eventTypes: s.eventTypes, description: s.description, createdAt: s.createdAt, actor: s.actor, disabledAt: s.disabledAt
})
const withSecret = (r: { subscription: webhooks.Subscription, secret: string, previousRetiresAt?: string }) => ({
  webhook: webhookJson(r.subscription), secret: r.secret, ...(r.previousRetiresAt === undefined ? {} : { previousRetiresAt: r.previousRetiresAt })
})
const deliveryJson = (d: webhooks.Delivery & { attemptLog?: webhooks.Attempt[] }) => ({
  id: d.id, webhookId: messageId(d.eventId), eventId: d.eventId, groupId: d.groupId, seq: d.eventSeq, status: d.status, attempts: d.attempts,
  nextAttemptAt: d.nextAttemptAt, redelivery: d.redelivery,
  attemptLog: (d.attemptLog ?? []).map(a => ({ n: a.n, at: a.at, statusCode: a.statusCode, latencyMs: a.latencyMs, error: a.error }))
})

/**
 * Push webhooks (src/services/webhook-dispatcher.ts delivers them). Managed by the admin (a subscription may follow
 * every group) or a group's ketua (her group's); nobody else sees them, since they carry where the books are sent.
 */
export const webhookRoutes: FastifyPluginAsyncTypebox = async app => {
  const { env, store, targets } = app.lumbung
  const manage = { access: 'manage' as const }

  app.post('/webhooks', {
    config: manage,
    schema: {
      tags: ['webhooks'],
      operationId: 'createWebhook',
      summary: 'Subscribe a URL to the event feed of one group (or, for the admin, every group): signed deliveries from now on',
      description: 'Each event after the subscription is POSTed as JSON (the WebhookEvent schema) with the Standard Webhooks headers `webhook-id`, `webhook-timestamp` and `webhook-signature` (`v1,` and the base64 HMAC-SHA256 of `id.timestamp.body` with the secret\'s key). In the feed\'s order per group; tried again after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (±10 %) until a 2xx comes back, then failed. The secret is shown once.',
      headers: IdempotencyHeaders,
      body: WebhookBody,
      response: { 201: WebhookWithSecret, ...errors(400, 403, 404, 422) }
    }
  }, async (req, reply) => {
    const b = req.body
    await requireTarget(b.url, targets)
    return await write(req, reply, tx => webhooks.createSubscription(tx, env, principalOf(req), {
      url: b.url, groupId: b.groupId ?? null, eventTypes: b.eventTypes ?? [], description: b.description ?? null
    }), withSecret)
  })

  app.get('/webhooks', {
    config: manage,
    schema: { tags: ['webhooks'], operationId: 'listWebhooks', summary: 'The subscriptions of the groups the key may manage', response: { 200: Type.Object({ items: Type.Array(Ref(Webhook)) }), ...errors(403) } }
  }, async req => ({ items: (await webhooks.listSubscriptions(store.reader, principalOf(req))).map(webhookJson) }))

  app.get('/webhooks/:webhookId', {
    config: manage,
    schema: { tags: ['webhooks'], operationId: 'getWebhook', summary: 'One subscription', params: WebhookParams, response: { 200: Ref(Webhook), ...errors(403, 404) } }
  }, async req => webhookJson(await webhooks.subscriptionFor(store.reader, principalOf(req), req.params.webhookId)))

  app.post('/webhooks/:webhookId/disable', {
    config: manage,
    schema: {
      tags: ['webhooks'], operationId: 'disableWebhook', summary: 'Stop deliveries at once (the subscription and its log stay)',
      headers: IdempotencyHeaders, params: WebhookParams, body: NoBody, response: { 200: Ref(Webhook), ...errors(400, 403, 404) }
    }
  }, async (req, reply) => await write(req, reply, tx => webhooks.disable(tx, env, principalOf(req), req.params.webhookId), webhookJson, 200))

  app.post('/webhooks/:webhookId/secret-rotation', {
    config: manage,
    schema: {
      tags: ['webhooks'], operationId: 'rotateWebhookSecret',
      summary: 'A new signing secret (shown once); the old one keeps signing beside it for 24 hours',
      description: 'Until `previousRetiresAt` every delivery\'s webhook-signature carries two signatures, one per secret, separated by a space: a receiver verifies with either and can switch without losing a delivery.',
      headers: IdempotencyHeaders, params: WebhookParams, body: NoBody, response: { 200: WebhookWithSecret, ...errors(400, 403, 404) }
    }
  }, async (req, reply) => await write(req, reply, tx => webhooks.rotateSecret(tx, env, principalOf(req), req.params.webhookId), withSecret, 200))

  app.get('/webhooks/:webhookId/deliveries', {
    config: manage,
    schema: {
      tags: ['webhooks'], operationId: 'listWebhookDeliveries', summary: 'The delivery log: each delivery with its state and every attempt (status, latency, error)',
      params: WebhookParams, querystring: DeliveryQuery, response: { 200: Type.Object({ items: Type.Array(DeliveryJson) }), ...errors(400, 403, 404) }
    }
  }, async req => ({ items: (await webhooks.listDeliveries(store.reader, principalOf(req), req.params.webhookId, req.query.limit ?? 100, req.query.status)).map(deliveryJson) }))

  app.post('/webhooks/:webhookId/deliveries/:deliveryId/redelivery', {
    config: manage,
    schema: {
      tags: ['webhooks'], operationId: 'redeliverWebhook', summary: 'Send one delivery again now (once, out of the line\'s order; the same webhook-id)',
      headers: IdempotencyHeaders, params: DeliveryParams, body: NoBody, response: { 200: DeliveryJson, ...errors(400, 403, 404) }
    }
  }, async (req, reply) => await write(req, reply, tx => webhooks.redeliver(tx, env, principalOf(req), req.params.webhookId, req.params.deliveryId), deliveryJson, 200))
}
