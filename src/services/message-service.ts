import type { Db, Tx } from '../data/connect.js'
import * as events from '../data/event-repository.js'
import * as outbox from '../data/message-repository.js'
import type { Gateway, Message, Monitor } from '../data/message-repository.js'
import * as hooks from '../data/webhook-repository.js'
import { normalPhone } from '../domain/contacts.js'
import { DomainError, invalid } from '../domain/errors.js'
import { checkTemplate, type BodyFormat } from '../domain/messages/gateway-body.js'
import type { Rupiah } from '../domain/money.js'
import type { Actor, Env } from './context.js'
import { requireGroup } from './group-service.js'

export type { Gateway, Message, Monitor }

export interface GatewayInput {
  kind: 'http' | 'webhook'
  url: string | null
  authHeader: string | null
  authValue: string | null
  bodyFormat: BodyFormat
  bodyTemplate: string | null
  subscriptionId: string | null
  perMinute: number
  reminderHour: number | null
}

/**
 * Puts a gateway in force for the group (the one before it, if any, stops). Receipts start at the feed's present: what
 * was posted before is not sent. An HTTP gateway needs its URL (checked by the route against the target policy) and,
 * for an auth header, both its name and value; a webhook gateway names one of the group's subscriptions.
 */
export async function setGateway (tx: Tx, env: Env, actor: Actor, groupId: string, input: GatewayInput): Promise<Gateway> {
  await requireGroup(tx, groupId)
  if (input.kind === 'http' && input.url === null) throw invalid('url', 'an HTTP gateway needs its URL')
  if ((input.authHeader === null) !== (input.authValue === null)) throw invalid('authHeader', 'give both the header\'s name and its value, or neither')
  checkTemplate(input.bodyFormat, input.bodyTemplate)
  if (input.kind === 'webhook') {
    const s = input.subscriptionId === null ? null : await hooks.findSubscription(tx, input.subscriptionId)
    if (s === null || s.groupId !== groupId || s.disabledAt !== null) throw new DomainError('WEBHOOK_NOT_FOUND', `no active webhook subscription ${input.subscriptionId ?? '(none given)'} of group ${groupId}`)
  }
  const now = env.now().toISOString()
  const g: Gateway = {
    id: env.newId('gtw'), groupId, ...input, url: input.kind === 'http' ? input.url : null, subscriptionId: input.kind === 'webhook' ? input.subscriptionId : null,
    createdAt: now, actor, disabledAt: null
  }
  await outbox.disableGateways(tx, groupId, now)
  await outbox.insertGateway(tx, g)
  if (await outbox.cursorOf(tx, groupId) === null) await outbox.setCursor(tx, groupId, await events.lastSeq(tx, groupId))
  return g
}

/** The group's gateway in force, or GATEWAY_NOT_FOUND (GROUP_NOT_FOUND for no group). */
async function requireGateway (db: Db | Tx, groupId: string): Promise<Gateway> {
  await requireGroup(db, groupId)
  const g = await outbox.gatewayOfGroup(db, groupId)
  if (g === null) throw new DomainError('GATEWAY_NOT_FOUND', `group ${groupId} has no message gateway`)
  return g
}

export async function getGateway (db: Db, groupId: string): Promise<Gateway> {
  return await requireGateway(db, groupId)
}

/** The gateway in force, or null (no error: the treasurer's outbox says whether anything is sent). */
export async function gatewayInForce (db: Db, groupId: string): Promise<Gateway | null> {
  return await outbox.gatewayOfGroup(db, groupId)
}

/** Stops sending at once: messages waiting stay in the outbox until a gateway is set again. */
export async function disableGateway (tx: Tx, env: Env, groupId: string): Promise<Gateway> {
  const g = await requireGateway(tx, groupId)
  const at = env.now().toISOString()
  await outbox.disableGateways(tx, groupId, at)
  return { ...g, disabledAt: at }
}

export async function listMessages (db: Db, groupId: string, f: { status?: Message['status'], kind?: Message['kind'], limit: number }): Promise<Message[]> {
  await requireGroup(db, groupId)
  return await outbox.listMessages(db, groupId, f)
}

/** One message with every send of it (status, latency, error). */
export async function getMessage (db: Db, groupId: string, messageId: string): Promise<{ message: Message, attempts: outbox.MessageAttempt[] }> {
  const m = await outbox.findMessage(db, groupId, messageId)
  if (m === null) throw new DomainError('MESSAGE_NOT_FOUND', `group ${groupId} has no message ${messageId}`)
  return { message: m, attempts: await outbox.attemptsOf(db, messageId) }
}

/** Sends a failed or skipped message again, now, through the gateway in force (or the next one set); its log keeps every attempt. */
export async function resend (tx: Tx, env: Env, groupId: string, messageId: string): Promise<Message> {
  const m = await outbox.findMessage(tx, groupId, messageId)
  if (m === null) throw new DomainError('MESSAGE_NOT_FOUND', `group ${groupId} has no message ${messageId}`)
  if (m.status !== 'failed' && m.status !== 'skipped') throw new DomainError('MESSAGE_NOT_FAILED', `message ${messageId} is ${m.status}`)
  const now = env.now().toISOString()
  const again = { ...m, status: 'pending' as const, nextAttemptAt: now, updatedAt: now }
  await outbox.updateMessage(tx, again)
  return again
}

export async function addMonitor (tx: Tx, env: Env, actor: Actor, groupId: string, input: { kind: Monitor['kind'], threshold: Rupiah, phone: string }): Promise<Monitor> {
  await requireGroup(tx, groupId)
  const m: Monitor = { id: env.newId('mon'), groupId, kind: input.kind, threshold: input.threshold, phone: normalPhone(input.phone), createdAt: env.now().toISOString(), actor, disabledAt: null }
  await outbox.insertMonitor(tx, m)
  return m
}

export async function listMonitors (db: Db, groupId: string): Promise<Monitor[]> {
  await requireGroup(db, groupId)
  return await outbox.listMonitors(db, groupId)
}

export async function disableMonitor (tx: Tx, env: Env, groupId: string, id: string): Promise<Monitor> {
  const m = await outbox.findMonitor(tx, groupId, id)
  if (m === null) throw new DomainError('MONITOR_NOT_FOUND', `group ${groupId} has no monitor ${id}`)
  const at = env.now().toISOString()
  await outbox.disableMonitor(tx, groupId, id, at)
  return { ...m, disabledAt: m.disabledAt ?? at }
}
