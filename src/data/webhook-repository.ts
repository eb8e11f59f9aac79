import type { Db, Tx } from './connect.js'
import type { WebhookDeliveriesTable, WebhookSubscriptionsTable } from './database.js'
import { insertRows } from './statements.js'

type Q = Db | Tx

export interface Subscription {
  id: string
  groupId: string | null
  url: string
  eventTypes: string[]
  description: string | null
  createdAt: string
  actor: { id: string, name: string }
  disabledAt: string | null
}

export interface Delivery {
  id: string
  subscriptionId: string
  groupId: string
  eventId: string
  eventSeq: number
  status: 'pending' | 'delivered' | 'failed'
  attempts: number
  nextAttemptAt: string | null
  redelivery: boolean
  createdAt: string
  updatedAt: string
}

export interface Attempt { id: string, deliveryId: string, n: number, at: string, statusCode: number | null, latencyMs: number, error: string | null }

const subscriptionOf = (r: WebhookSubscriptionsTable): Subscription => ({
  id: r.id, groupId: r.group_id, url: r.url, eventTypes: JSON.parse(r.event_types) as string[], description: r.description,
  createdAt: r.created_at, actor: { id: r.actor_id, name: r.actor_name }, disabledAt: r.disabled_at
})

const deliveryOf = (r: WebhookDeliveriesTable): Delivery => ({
  id: r.id, subscriptionId: r.subscription_id, groupId: r.group_id, eventId: r.event_id, eventSeq: Number(r.event_seq), status: r.status,
  attempts: Number(r.attempts), nextAttemptAt: r.next_attempt_at, redelivery: Number(r.redelivery) === 1, createdAt: r.created_at, updatedAt: r.updated_at
})

export async function insertSubscription (tx: Tx, s: Subscription): Promise<void> {
  await insertRows(tx, 'webhook_subscriptions', [{
    id: s.id, group_id: s.groupId, url: s.url, event_types: JSON.stringify(s.eventTypes), description: s.description,
    created_at: s.createdAt, actor_id: s.actor.id, actor_name: s.actor.name, disabled_at: s.disabledAt
  }])
}

/** Subscriptions, oldest first: those of the groups named, or every one (null); `active` leaves out the disabled. */
export async function listSubscriptions (db: Q, groupIds: readonly string[] | null, active = false): Promise<Subscription[]> {
  let q = db.selectFrom('webhook_subscriptions').selectAll()
  if (groupIds !== null) q = groupIds.length === 0 ? q.where('id', '=', '') : q.where('group_id', 'in', [...groupIds])
  if (active) q = q.where('disabled_at', 'is', null)
  return (await q.orderBy('created_at').orderBy('id').execute()).map(subscriptionOf)
}

export async function findSubscription (db: Q, id: string): Promise<Subscription | null> {
  const r = await db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).executeTakeFirst()
  return r === undefined ? null : subscriptionOf(r)
}

export async function disableSubscription (tx: Tx, id: string, at: string): Promise<void> {
  await tx.updateTable('webhook_subscriptions').set({ disabled_at: at }).where('id', '=', id).where('disabled_at', 'is', null).execute()
}

export async function insertSecret (tx: Tx, s: { id: string, subscriptionId: string, secret: string, createdAt: string }): Promise<void> {
  await insertRows(tx, 'webhook_secrets', [{ id: s.id, subscription_id: s.subscriptionId, secret: s.secret, created_at: s.createdAt, retires_at: null }])
}

/** The secrets a delivery is signed with at `at`: the current one, and an older one until it retires; newest first. */
export async function secretsInForce (db: Q, subscriptionId: string, at: string): Promise<string[]> {
  const rows = await db.selectFrom('webhook_secrets').select(['secret', 'retires_at']).where('subscription_id', '=', subscriptionId)
    .orderBy('created_at', 'desc').orderBy('id', 'desc').execute()
  return rows.filter(r => r.retires_at === null || r.retires_at > at).map(r => r.secret)
}

/** Gives the current secret(s) an end: a rotation keeps the old one valid until `retiresAt`. */
export async function retireSecrets (tx: Tx, subscriptionId: string, retiresAt: string): Promise<void> {
  await tx.updateTable('webhook_secrets').set({ retires_at: retiresAt }).where('subscription_id', '=', subscriptionId).where('retires_at', 'is', null).execute()
}

export async function cursorOf (db: Q, subscriptionId: string, groupId: string): Promise<number | null> {
  const r = await db.selectFrom('webhook_cursors').select('last_seq').where('subscription_id', '=', subscriptionId).where('group_id', '=', groupId).executeTakeFirst()
  return r === undefined ? null : Number(r.last_seq)
}

export async function setCursor (tx: Tx, subscriptionId: string, groupId: string, lastSeq: number): Promise<void> {
  await tx.insertInto('webhook_cursors').values({ subscription_id: subscriptionId, group_id: groupId, last_seq: lastSeq })
    .onConflict(oc => oc.columns(['subscription_id', 'group_id']).doUpdateSet({ last_seq: lastSeq })).execute()
}

export async function insertDelivery (tx: Tx, d: Delivery): Promise<void> {
  await insertRows(tx, 'webhook_deliveries', [{
    id: d.id, subscription_id: d.subscriptionId, group_id: d.groupId, event_id: d.eventId, event_seq: d.eventSeq, status: d.status,
    attempts: d.attempts, next_attempt_at: d.nextAttemptAt, redelivery: d.redelivery ? 1 : 0, created_at: d.createdAt, updated_at: d.updatedAt
  }])
}

export async function updateDelivery (tx: Tx, d: Pick<Delivery, 'id' | 'status' | 'attempts' | 'nextAttemptAt' | 'redelivery' | 'updatedAt'>): Promise<void> {
  await tx.updateTable('webhook_deliveries')
    .set({ status: d.status, attempts: d.attempts, next_attempt_at: d.nextAttemptAt, redelivery: d.redelivery ? 1 : 0, updated_at: d.updatedAt })
    .where('id', '=', d.id).execute()
}

/** The delivery at the head of a subscription's line in a group: pending, in the feed's order (not a redelivery). */
export async function headOfLine (db: Q, subscriptionId: string, groupId: string): Promise<Delivery | null> {
  const r = await db.selectFrom('webhook_deliveries').selectAll().where('subscription_id', '=', subscriptionId).where('group_id', '=', groupId)
    .where('status', '=', 'pending').where('redelivery', '=', 0).orderBy('event_seq').executeTakeFirst()
  return r === undefined ? null : deliveryOf(r)
}

/** Redeliveries asked for and due. */
export async function dueRedeliveries (db: Q, at: string): Promise<Delivery[]> {
  return (await db.selectFrom('webhook_deliveries').selectAll().where('status', '=', 'pending').where('redelivery', '=', 1)
    .where('next_attempt_at', '<=', at).orderBy('next_attempt_at').limit(100).execute()).map(deliveryOf)
}

export async function findDelivery (db: Q, subscriptionId: string, id: string): Promise<Delivery | null> {
  const r = await db.selectFrom('webhook_deliveries').selectAll().where('subscription_id', '=', subscriptionId).where('id', '=', id).executeTakeFirst()
  return r === undefined ? null : deliveryOf(r)
}

/** A subscription's deliveries, newest event first, with every attempt of each. */
export async function listDeliveries (db: Q, subscriptionId: string, limit: number, status?: Delivery['status']): Promise<Array<Delivery & { attemptLog: Attempt[] }>> {
  let q = db.selectFrom('webhook_deliveries').selectAll().where('subscription_id', '=', subscriptionId)
  if (status !== undefined) q = q.where('status', '=', status)
  const deliveries = (await q.orderBy('created_at', 'desc').orderBy('event_seq', 'desc').limit(limit).execute()).map(deliveryOf)
  if (deliveries.length === 0) return []
  const attempts = await db.selectFrom('webhook_attempts').selectAll().where('delivery_id', 'in', deliveries.map(d => d.id)).orderBy('n').execute()
  return deliveries.map(d => ({
    ...d,
    attemptLog: attempts.filter(a => a.delivery_id === d.id).map(a => ({
      id: a.id, deliveryId: a.delivery_id, n: Number(a.n), at: a.at, statusCode: a.status_code === null ? null : Number(a.status_code),
      latencyMs: Number(a.latency_ms), error: a.error
    }))
  }))
}

export async function insertAttempt (tx: Tx, a: Attempt): Promise<void> {
  await insertRows(tx, 'webhook_attempts', [{ id: a.id, delivery_id: a.deliveryId, n: a.n, at: a.at, status_code: a.statusCode, latency_ms: a.latencyMs, error: a.error }])
}
