import { randomBytes } from 'node:crypto'
import type { Db, Tx } from '../data/connect.js'
import * as events from '../data/event-repository.js'
import * as groups from '../data/group-repository.js'
import * as hooks from '../data/webhook-repository.js'
import type { Attempt, Delivery, Subscription } from '../data/webhook-repository.js'
import { DomainError } from '../domain/errors.js'
import { SECRET_PREFIX } from '../domain/webhooks/signature.js'
import type { Principal } from './auth-service.js'
import type { Env } from './context.js'
import { EVENT_TYPES } from './events.js'

export type { Attempt, Delivery, Subscription }

/** How long a rotated secret keeps signing beside the new one. */
export const SECRET_OVERLAP_MS = 24 * 3600_000

/** A subscription the principal may see: its group in the key's scope, or (every group) the admin's. Else WEBHOOK_NOT_FOUND. */
export async function subscriptionFor (db: Db | Tx, principal: Principal, id: string): Promise<Subscription> {
  const s = await hooks.findSubscription(db, id)
  const visible = s !== null && (principal.groupIds === null || (s.groupId !== null && principal.groupIds.includes(s.groupId)))
  if (!visible || s === null) throw new DomainError('WEBHOOK_NOT_FOUND', `no webhook subscription ${id}`)
  return s
}

const newSecret = (): string => `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`

export interface NewSubscription { url: string, groupId: string | null, eventTypes: string[], description: string | null }

/**
 * A subscription and its first secret (shown once). It starts at the feed's present: cursors are set at each group's
 * latest seq, so what happened before is not sent (a group made later is followed from its first event).
 */
export async function createSubscription (tx: Tx, env: Env, principal: Principal, input: NewSubscription): Promise<{ subscription: Subscription, secret: string }> {
  if (input.groupId === null && principal.groupIds !== null) throw new DomainError('FORBIDDEN', 'a subscription to every group is the admin\'s: name a group (groupId)')
  if (input.groupId !== null && principal.groupIds !== null && !principal.groupIds.includes(input.groupId)) throw new DomainError('GROUP_NOT_FOUND', `no group ${input.groupId}`)
  if (input.groupId !== null && (await groups.findGroup(tx, input.groupId)) === null) throw new DomainError('GROUP_NOT_FOUND', `no group ${input.groupId}`)
  const unknown = input.eventTypes.filter(t => t !== '*' && !(EVENT_TYPES as readonly string[]).includes(t))
  if (unknown.length > 0) throw new DomainError('VALIDATION_FAILED', `unknown event types: ${unknown.join(', ')}`, [{ path: '/body/eventTypes', message: `unknown: ${unknown.join(', ')}` }])
  const now = env.now().toISOString()
  const subscription: Subscription = {
    id: env.newId('whk'), groupId: input.groupId, url: input.url, eventTypes: input.eventTypes.length === 0 ? ['*'] : [...new Set(input.eventTypes)],
    description: input.description, createdAt: now, actor: principal.actor, disabledAt: null
  }
  await hooks.insertSubscription(tx, subscription)
  const secret = newSecret()
  await hooks.insertSecret(tx, { id: env.newId('whs'), subscriptionId: subscription.id, secret, createdAt: now })
  const followed = input.groupId === null ? (await groups.listGroups(tx, null)).map(g => g.id) : [input.groupId]
  for (const g of followed) await hooks.setCursor(tx, subscription.id, g, await events.lastSeq(tx, g))
  return { subscription, secret }
}

export async function listSubscriptions (db: Db, principal: Principal): Promise<Subscription[]> {
  return await hooks.listSubscriptions(db, principal.groupIds)
}

/** Stops deliveries at once; the subscription and its log stay. */
export async function disable (tx: Tx, env: Env, principal: Principal, id: string): Promise<Subscription> {
  const s = await subscriptionFor(tx, principal, id)
  await hooks.disableSubscription(tx, id, env.now().toISOString())
  return { ...s, disabledAt: s.disabledAt ?? env.now().toISOString() }
}

/** A new secret (shown once); the old one keeps signing beside it for SECRET_OVERLAP_MS. */
export async function rotateSecret (tx: Tx, env: Env, principal: Principal, id: string): Promise<{ subscription: Subscription, secret: string, previousRetiresAt: string }> {
  const subscription = await subscriptionFor(tx, principal, id)
  const now = env.now()
  const previousRetiresAt = new Date(now.getTime() + SECRET_OVERLAP_MS).toISOString()
  await hooks.retireSecrets(tx, id, previousRetiresAt)
  const secret = newSecret()
  await hooks.insertSecret(tx, { id: env.newId('whs'), subscriptionId: id, secret, createdAt: now.toISOString() })
  return { subscription, secret, previousRetiresAt }
}

export async function listDeliveries (db: Db, principal: Principal, id: string, limit: number, status?: Delivery['status']): Promise<Array<Delivery & { attemptLog: Attempt[] }>> {
  await subscriptionFor(db, principal, id)
  return await hooks.listDeliveries(db, id, limit, status)
}

/** Sends one delivery again now, out of the line's order (one attempt; its log grows). */
export async function redeliver (tx: Tx, env: Env, principal: Principal, id: string, deliveryId: string): Promise<Delivery> {
  await subscriptionFor(tx, principal, id)
  const d = await hooks.findDelivery(tx, id, deliveryId)
  if (d === null) throw new DomainError('DELIVERY_NOT_FOUND', `subscription ${id} has no delivery ${deliveryId}`)
  const now = env.now().toISOString()
  const again = { ...d, status: 'pending' as const, redelivery: true, nextAttemptAt: now, updatedAt: now }
  await hooks.updateDelivery(tx, again)
  return again
}
