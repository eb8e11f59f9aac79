import { Type } from 'typebox'
import { Actor, Amount, Id, Ref, StringEnum, Timestamp } from './common.js'

/** A group's message gateway, its outbox and its balance monitors (src/http/routes/messages.ts). */

export const GatewayBody = Type.Object({
  kind: StringEnum(['http', 'webhook'] as const, { description: 'http: a generic HTTP message gateway (WhatsApp or SMS); webhook: the messages go to one of the group\'s webhook subscriptions, signed, and the integrator sends them.' }),
  url: Type.Optional(Type.String({ minLength: 8, maxLength: 2000, description: 'http: where each message is POSTed. Loopback and private addresses are refused unless the server allows them (WEBHOOK_ALLOW_PRIVATE).', examples: ['https://api.gateway.example.id/send'] })),
  authHeader: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9-]+$', description: 'http: the name of the header that carries the gateway\'s key, e.g. Authorization.' })),
  authValue: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'http: its value (the gateway\'s API key). Never shown again.' })),
  bodyFormat: Type.Optional(StringEnum(['json', 'form'] as const, { description: 'json (default): application/json; form: application/x-www-form-urlencoded.' })),
  bodyTemplate: Type.Optional(Type.String({
    minLength: 1, maxLength: 2000,
    description: 'The body with {phone} (6281234567890), {message} and {id} (the message id, for a gateway that drops repeats) filled in, escaped for the format. Default json: {"phone":"{phone}","message":"{message}"}; form: phone={phone}&message={message}.'
  })),
  subscriptionId: Type.Optional(Id),
  perMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 600, default: 20, description: 'At most this many sends in any minute (gateways limit senders; WhatsApp bans bursts).' })),
  reminderHour: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 23 }), Type.Null()], { description: 'The local hour (TIMEZONE) from which the day\'s instalment reminders go out; default 8; null: no reminders.' }))
}, {
  additionalProperties: false,
  examples: [{ kind: 'http', url: 'https://api.gateway.example.id/send', authHeader: 'Authorization', authValue: 'kunci-rahasia', bodyFormat: 'form', bodyTemplate: 'target={phone}&message={message}', perMinute: 20 }]
})

export const GatewayJson = Type.Object({
  id: Type.String(),
  groupId: Type.String(),
  kind: StringEnum(['http', 'webhook'] as const),
  url: Type.Union([Type.String(), Type.Null()]),
  authHeader: Type.Union([Type.String(), Type.Null()]),
  authValueSet: Type.Boolean({ description: 'Whether an auth value is kept (it is never shown).' }),
  bodyFormat: StringEnum(['json', 'form'] as const),
  bodyTemplate: Type.Union([Type.String(), Type.Null()], { description: 'null: the default template of the format.' }),
  subscriptionId: Type.Union([Type.String(), Type.Null()]),
  perMinute: Type.Integer(),
  reminderHour: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Timestamp,
  actor: Ref(Actor),
  disabledAt: Type.Union([Timestamp, Type.Null()])
}, { $id: 'MessageGateway', additionalProperties: false })

const MessageStatus = StringEnum(['pending', 'sent', 'failed', 'skipped'] as const, {
  description: 'pending: waiting for its (next) send; sent: the gateway answered 2xx; failed: no 2xx after the last retry; skipped: nobody to send it to (opted out, no number).'
})
const MessageKind = StringEnum(['receipt', 'reminder', 'alert'] as const)

export const MessageJson = Type.Object({
  id: Type.String({ description: 'Also the {id} of the gateway body and the webhook-id of a webhook gateway: the same on every retry.' }),
  kind: MessageKind,
  memberId: Type.Union([Type.String(), Type.Null()], { description: 'The member it goes to; null for an alert (it goes to the monitor\'s number).' }),
  monitorId: Type.Union([Type.String(), Type.Null()]),
  entryId: Type.Union([Type.String(), Type.Null()], { description: 'A receipt\'s entry.' }),
  text: Type.String(),
  status: MessageStatus,
  attempts: Type.Integer(),
  nextAttemptAt: Type.Union([Timestamp, Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  updatedAt: Timestamp
}, { $id: 'Message', additionalProperties: false })

export const MessageWithAttempts = Type.Object({
  message: Ref(MessageJson),
  attemptLog: Type.Array(Type.Object({
    n: Type.Integer(),
    at: Timestamp,
    statusCode: Type.Union([Type.Integer(), Type.Null()], { description: 'The gateway\'s HTTP status; null when none came (refused, timed out, dropped).' }),
    latencyMs: Type.Integer(),
    error: Type.Union([Type.String(), Type.Null()])
  }, { additionalProperties: false }))
}, { additionalProperties: false })

export const MessageList = Type.Object({
  items: Type.Array(Ref(MessageJson)),
  sending: Type.Union([Type.Object({
    kind: StringEnum(['http', 'webhook'] as const),
    perMinute: Type.Integer(),
    reminderHour: Type.Union([Type.Integer(), Type.Null()])
  }, { additionalProperties: false }), Type.Null()], { description: 'How the group\'s messages leave now (the gateway in force, without its address or key); null: no gateway, nothing is sent.' })
}, { additionalProperties: false })

export const MessageQuery = Type.Object({
  status: Type.Optional(MessageStatus),
  kind: Type.Optional(MessageKind),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 }))
}, { additionalProperties: false })

export const MessageParams = Type.Object({ groupId: Id, messageId: Id }, { additionalProperties: false })
export const MonitorParams = Type.Object({ groupId: Id, monitorId: Id }, { additionalProperties: false })

export const MonitorBody = Type.Object({
  kind: StringEnum(['kas_below', 'arrears_above'] as const, { description: 'kas_below: Kas (1101) below the threshold; arrears_above: a member\'s arrears (pokok and jasa past due, with denda) above it, per member.' }),
  threshold: Amount,
  phone: Type.String({ maxLength: 30, description: 'Who is alerted (the ketua or bendahara), as people write it: 0812 3456 7890.' })
}, { additionalProperties: false, examples: [{ kind: 'kas_below', threshold: '200000', phone: '0812 3456 7890' }] })

export const MonitorJson = Type.Object({
  id: Type.String(),
  kind: StringEnum(['kas_below', 'arrears_above'] as const),
  threshold: Amount,
  phone: Type.String(),
  createdAt: Timestamp,
  actor: Ref(Actor),
  disabledAt: Type.Union([Timestamp, Type.Null()])
}, { $id: 'BalanceMonitor', additionalProperties: false })

