import { Type, type Static, type TSchema } from 'typebox'
import { EVENT_TYPES, type EventType } from '../../services/events.js'
import { Actor, Id, Ref, StringEnum, Text, Timestamp } from './common.js'
import { EVENT_DATA } from './event-data.js'

const EventType = StringEnum(['*', ...EVENT_TYPES] as const, { description: 'An event type of the feed, or * for all.' })

export const WebhookBody = Type.Object({
  url: Type.String({ minLength: 8, maxLength: 2000, description: 'Where deliveries are POSTed: http(s); loopback, private and link-local addresses are refused unless the server allows them (WEBHOOK_ALLOW_PRIVATE).', examples: ['https://kasir.example.id/lumbung/webhook'] }),
  groupId: Type.Optional(Id),
  eventTypes: Type.Optional(Type.Array(EventType, { maxItems: 40, description: 'The events wanted; all when absent or empty.' })),
  description: Type.Optional(Text(200))
}, { additionalProperties: false, examples: [{ url: 'https://kasir.example.id/lumbung/webhook', groupId: 'grp_01HZX3J1TD7G4W2S9N0Q5K8M6B', eventTypes: ['loan.repaid', 'savings.deposited'] }] })

export const Webhook = Type.Object({
  id: Type.String(),
  url: Type.String(),
  groupId: Type.Union([Type.String(), Type.Null()], { description: 'The group followed; null: every group (an admin\'s subscription).' }),
  eventTypes: Type.Array(Type.String()),
  description: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  actor: Ref(Actor),
  disabledAt: Type.Union([Timestamp, Type.Null()])
}, { $id: 'Webhook', additionalProperties: false })

export const WebhookWithSecret = Type.Object({
  webhook: Ref(Webhook),
  secret: Type.String({ description: 'The signing secret, whsec_ and base64 (Standard Webhooks). Shown this once.' }),
  previousRetiresAt: Type.Optional(Timestamp)
}, { additionalProperties: false })

export const WebhookParams = Type.Object({ webhookId: Id }, { additionalProperties: false })
export const DeliveryParams = Type.Object({ webhookId: Id, deliveryId: Id }, { additionalProperties: false })
export const DeliveryQuery = Type.Object({
  status: Type.Optional(StringEnum(['pending', 'delivered', 'failed'] as const)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 }))
}, { additionalProperties: false })

const AttemptJson = Type.Object({
  n: Type.Integer(),
  at: Timestamp,
  statusCode: Type.Union([Type.Integer(), Type.Null()], { description: 'The receiver\'s HTTP status; null when none came (refused, timed out, dropped).' }),
  latencyMs: Type.Integer(),
  error: Type.Union([Type.String(), Type.Null()])
}, { additionalProperties: false })

export const DeliveryJson = Type.Object({
  id: Type.String(),
  webhookId: Type.String({ description: 'The webhook-id header of this delivery: the same on every retry and redelivery.' }),
  eventId: Type.String(),
  groupId: Type.String(),
  seq: Type.Integer(),
  status: StringEnum(['pending', 'delivered', 'failed'] as const, { description: 'pending: waiting for its next attempt (nextAttemptAt); delivered: a 2xx came back; failed: no 2xx after the last retry.' }),
  attempts: Type.Integer(),
  nextAttemptAt: Type.Union([Timestamp, Type.Null()]),
  redelivery: Type.Boolean(),
  attemptLog: Type.Array(AttemptJson)
}, { additionalProperties: false })

/** The fields every delivery's `data` starts with: where the event sits in the feed, and who made it. */
const ENVELOPE = {
  eventId: Type.String({ description: 'The event\'s id in the feed; the webhook-id header is msg_ and the rest of it.' }),
  groupId: Type.String(),
  seq: Type.Integer({ description: 'The event\'s seq in its group\'s feed: deliveries of a group come in this order. (The seq that entry.posted and period.closed carry in the feed\'s data is entrySeq here.)' }),
  entityId: Type.String({ description: 'The record the event is about: each type says which.' }),
  actor: Ref(Actor)
}

type Envelope = { [K in keyof typeof ENVELOPE]: Static<typeof ENVELOPE[K]> }
/** One delivery's body, by its type. */
export type WebhookEventJson = { [T in EventType]: { type: T, timestamp: string, data: Envelope & Omit<Static<typeof EVENT_DATA[T]>, 'seq'> & { entrySeq?: number } } }[EventType]

const webhookEventOf = (type: EventType) => {
  const own = EVENT_DATA[type]
  // The event's own seq is renamed entrySeq in a delivery (payloadOf): the envelope's seq is the feed's.
  const { seq: entrySeq, ...fields } = own.properties as Record<string, TSchema>
  return Type.Object({
    type: Type.Literal(type),
    timestamp: Timestamp,
    data: Type.Object({ ...ENVELOPE, ...fields, ...(entrySeq === undefined ? {} : { entrySeq }) }, { additionalProperties: false, description: 'The envelope\'s fields (eventId, groupId, seq, entityId, actor), then the event\'s own: its `data` in GET /v1/groups/{groupId}/events.' })
  }, { additionalProperties: false, title: type, description: own.description })
}

/**
 * What a receiver gets: the Standard Webhooks envelope (type, timestamp, data), one variant per event type; the tag
 * `type` has one value in each, so exactly one variant matches.
 */
export const WebhookEvent = Type.Unsafe<WebhookEventJson>({
  $id: 'WebhookEvent',
  type: 'object',
  required: ['type', 'timestamp', 'data'],
  description: 'One event of a group\'s feed as a delivery\'s JSON body; `type` says which of the variants it is, and so what its `data` holds.',
  oneOf: EVENT_TYPES.map(webhookEventOf)
})
