import type { Db, Tx } from './connect.js'
import type { BalanceMonitorsTable, MessageGatewaysTable, MessagesTable } from './database.js'
import { insertRows } from './statements.js'

type Q = Db | Tx

export interface Gateway {
  id: string
  groupId: string
  kind: 'http' | 'webhook'
  url: string | null
  authHeader: string | null
  authValue: string | null
  bodyFormat: 'json' | 'form'
  bodyTemplate: string | null
  subscriptionId: string | null
  perMinute: number
  reminderHour: number | null
  createdAt: string
  actor: { id: string, name: string }
  disabledAt: string | null
}

export interface Message {
  id: string
  groupId: string
  gatewayId: string
  kind: 'receipt' | 'reminder' | 'alert'
  dedupeKey: string
  memberId: string | null
  monitorId: string | null
  entryId: string | null
  /** A receipt's event in the feed (0 for the others): messages made together leave in the postings' order. */
  eventSeq: number
  text: string
  status: 'pending' | 'sent' | 'failed' | 'skipped'
  attempts: number
  nextAttemptAt: string | null
  lastError: string | null
  createdAt: string
  updatedAt: string
}

export interface Monitor {
  id: string
  groupId: string
  kind: 'kas_below' | 'arrears_above'
  threshold: bigint
  phone: string
  createdAt: string
  actor: { id: string, name: string }
  disabledAt: string | null
}

const gatewayOf = (r: MessageGatewaysTable): Gateway => ({
  id: r.id, groupId: r.group_id, kind: r.kind, url: r.url, authHeader: r.auth_header, authValue: r.auth_value, bodyFormat: r.body_format,
  bodyTemplate: r.body_template, subscriptionId: r.subscription_id, perMinute: Number(r.per_minute), reminderHour: r.reminder_hour === null ? null : Number(r.reminder_hour),
  createdAt: r.created_at, actor: { id: r.actor_id, name: r.actor_name }, disabledAt: r.disabled_at
})

const messageOf = (r: MessagesTable): Message => ({
  id: r.id, groupId: r.group_id, gatewayId: r.gateway_id, kind: r.kind, dedupeKey: r.dedupe_key, memberId: r.member_id, monitorId: r.monitor_id,
  entryId: r.entry_id, eventSeq: Number(r.event_seq), text: r.text, status: r.status, attempts: Number(r.attempts), nextAttemptAt: r.next_attempt_at, lastError: r.last_error,
  createdAt: r.created_at, updatedAt: r.updated_at
})

const monitorOf = (r: BalanceMonitorsTable): Monitor => ({
  id: r.id, groupId: r.group_id, kind: r.kind, threshold: BigInt(r.threshold), phone: r.phone, createdAt: r.created_at,
  actor: { id: r.actor_id, name: r.actor_name }, disabledAt: r.disabled_at
})

export async function insertGateway (tx: Tx, g: Gateway): Promise<void> {
  await insertRows(tx, 'message_gateways', [{
    id: g.id, group_id: g.groupId, kind: g.kind, url: g.url, auth_header: g.authHeader, auth_value: g.authValue, body_format: g.bodyFormat,
    body_template: g.bodyTemplate, subscription_id: g.subscriptionId, per_minute: g.perMinute, reminder_hour: g.reminderHour,
    created_at: g.createdAt, actor_id: g.actor.id, actor_name: g.actor.name, disabled_at: null
  }])
}

export async function disableGateways (tx: Tx, groupId: string, at: string): Promise<void> {
  await tx.updateTable('message_gateways').set({ disabled_at: at }).where('group_id', '=', groupId).where('disabled_at', 'is', null).execute()
}

/** The gateway in force in a group, or null. */
export async function gatewayOfGroup (db: Q, groupId: string): Promise<Gateway | null> {
  const r = await db.selectFrom('message_gateways').selectAll().where('group_id', '=', groupId).where('disabled_at', 'is', null).executeTakeFirst()
  return r === undefined ? null : gatewayOf(r)
}

export async function gatewaysInForce (db: Q): Promise<Gateway[]> {
  return (await db.selectFrom('message_gateways').selectAll().where('disabled_at', 'is', null).orderBy('created_at').execute()).map(gatewayOf)
}

export async function cursorOf (db: Q, groupId: string): Promise<number | null> {
  const r = await db.selectFrom('message_cursors').select('last_seq').where('group_id', '=', groupId).executeTakeFirst()
  return r === undefined ? null : Number(r.last_seq)
}

export async function setCursor (tx: Tx, groupId: string, lastSeq: number): Promise<void> {
  await tx.insertInto('message_cursors').values({ group_id: groupId, last_seq: lastSeq })
    .onConflict(oc => oc.column('group_id').doUpdateSet({ last_seq: lastSeq })).execute()
}

/** Queues messages; one whose dedupe key is already there is left as it is (a second turn or a restart makes none). */
export async function queue (tx: Tx, ms: readonly Message[]): Promise<void> {
  for (const m of ms) {
    await tx.insertInto('messages').values({
      id: m.id, group_id: m.groupId, gateway_id: m.gatewayId, kind: m.kind, dedupe_key: m.dedupeKey, member_id: m.memberId, monitor_id: m.monitorId,
      entry_id: m.entryId, event_seq: m.eventSeq, text: m.text, status: m.status, attempts: m.attempts, next_attempt_at: m.nextAttemptAt, last_error: m.lastError,
      created_at: m.createdAt, updated_at: m.updatedAt
    }).onConflict(oc => oc.column('dedupe_key').doNothing()).execute()
  }
}

/** A group's messages waiting and due, oldest first (made for an earlier gateway too: they leave through the one in force). */
export async function dueMessages (db: Q, groupId: string, at: string, limit: number): Promise<Message[]> {
  return (await db.selectFrom('messages').selectAll().where('group_id', '=', groupId).where('status', '=', 'pending')
    .where('next_attempt_at', '<=', at).orderBy('created_at').orderBy('event_seq').orderBy('id').limit(limit).execute()).map(messageOf)
}

/** Sends through a gateway since `since`: what its per-minute limit counts. */
export async function sendsSince (db: Q, gatewayId: string, since: string): Promise<number> {
  const r = await db.selectFrom('message_attempts').select(eb => eb.fn.countAll<string | number | bigint>().as('n'))
    .where('gateway_id', '=', gatewayId).where('at', '>', since).executeTakeFirst()
  return Number(r?.n ?? 0)
}

/** A message's state after a send (or a resend through the gateway now in force: `gatewayId`). */
export async function updateMessage (tx: Tx, m: Pick<Message, 'id' | 'status' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'updatedAt'> & { gatewayId?: string }): Promise<void> {
  await tx.updateTable('messages')
    .set({
      status: m.status, attempts: m.attempts, next_attempt_at: m.nextAttemptAt, last_error: m.lastError, updated_at: m.updatedAt,
      ...(m.gatewayId === undefined ? {} : { gateway_id: m.gatewayId })
    })
    .where('id', '=', m.id).execute()
}

export interface MessageAttempt { id: string, messageId: string, gatewayId: string, n: number, at: string, statusCode: number | null, latencyMs: number, error: string | null }

export async function insertAttempt (tx: Tx, a: MessageAttempt): Promise<void> {
  await insertRows(tx, 'message_attempts', [{ id: a.id, message_id: a.messageId, gateway_id: a.gatewayId, n: a.n, at: a.at, status_code: a.statusCode, latency_ms: a.latencyMs, error: a.error }])
}

/** Every send of a message, first to last. */
export async function attemptsOf (db: Q, messageId: string): Promise<MessageAttempt[]> {
  return (await db.selectFrom('message_attempts').selectAll().where('message_id', '=', messageId).orderBy('n').execute()).map(a => ({
    id: a.id, messageId: a.message_id, gatewayId: a.gateway_id, n: Number(a.n), at: a.at, statusCode: a.status_code === null ? null : Number(a.status_code),
    latencyMs: Number(a.latency_ms), error: a.error
  }))
}

/** A message by its id, in that group (groupId null: in whichever group it is). */
export async function findMessage (db: Q, groupId: string | null, id: string): Promise<Message | null> {
  let q = db.selectFrom('messages').selectAll().where('id', '=', id)
  if (groupId !== null) q = q.where('group_id', '=', groupId)
  const r = await q.executeTakeFirst()
  return r === undefined ? null : messageOf(r)
}

/** A group's messages, newest first, optionally of one status and kind. */
export async function listMessages (db: Q, groupId: string, f: { status?: Message['status'], kind?: Message['kind'], limit: number }): Promise<Message[]> {
  let q = db.selectFrom('messages').selectAll().where('group_id', '=', groupId)
  if (f.status !== undefined) q = q.where('status', '=', f.status)
  if (f.kind !== undefined) q = q.where('kind', '=', f.kind)
  return (await q.orderBy('created_at', 'desc').orderBy('event_seq', 'desc').orderBy('id', 'desc').limit(f.limit).execute()).map(messageOf)
}

export async function insertMonitor (tx: Tx, m: Monitor): Promise<void> {
  await insertRows(tx, 'balance_monitors', [{
    id: m.id, group_id: m.groupId, kind: m.kind, threshold: m.threshold.toString(), phone: m.phone, created_at: m.createdAt,
    actor_id: m.actor.id, actor_name: m.actor.name, disabled_at: null
  }])
}

export async function disableMonitor (tx: Tx, groupId: string, id: string, at: string): Promise<void> {
  await tx.updateTable('balance_monitors').set({ disabled_at: at }).where('group_id', '=', groupId).where('id', '=', id).where('disabled_at', 'is', null).execute()
}

export async function listMonitors (db: Q, groupId: string, active = false): Promise<Monitor[]> {
  let q = db.selectFrom('balance_monitors').selectAll().where('group_id', '=', groupId)
  if (active) q = q.where('disabled_at', 'is', null)
  return (await q.orderBy('created_at').orderBy('id').execute()).map(monitorOf)
}

export async function findMonitor (db: Q, groupId: string, id: string): Promise<Monitor | null> {
  const r = await db.selectFrom('balance_monitors').selectAll().where('group_id', '=', groupId).where('id', '=', id).executeTakeFirst()
  return r === undefined ? null : monitorOf(r)
}

/** Each subject's state of a monitor: past its threshold or not, and how many times it crossed. */
export async function monitorStates (db: Q, monitorId: string): Promise<Map<string, { past: boolean, crossings: number }>> {
  const rows = await db.selectFrom('monitor_states').selectAll().where('monitor_id', '=', monitorId).execute()
  return new Map(rows.map(r => [r.subject, { past: Number(r.past) === 1, crossings: Number(r.crossings) }]))
}

export async function setMonitorState (tx: Tx, monitorId: string, subject: string, s: { past: boolean, crossings: number }, at: string): Promise<void> {
  const row = { past: s.past ? 1 : 0, crossings: s.crossings, updated_at: at }
  await tx.insertInto('monitor_states').values({ monitor_id: monitorId, subject, ...row })
    .onConflict(oc => oc.columns(['monitor_id', 'subject']).doUpdateSet(row)).execute()
}

/** The one-time sign-in a receipt message carried, once used (db/migrations/0017_member_profiles.ts). */
export async function receiptSignInUsed (db: Q, messageId: string): Promise<boolean> {
  return await db.selectFrom('receipt_sign_ins').select('message_id').where('message_id', '=', messageId).executeTakeFirst() !== undefined
}

export async function useReceiptSignIn (tx: Tx, messageId: string, personId: string, at: string): Promise<void> {
  await tx.insertInto('receipt_sign_ins').values({ message_id: messageId, person_id: personId, used_at: at }).execute()
}
