import type { Db } from '../data/connect.js'
import * as events from '../data/event-repository.js'
import * as groups from '../data/group-repository.js'
import * as hooks from '../data/webhook-repository.js'
import type { Delivery, Subscription } from '../data/webhook-repository.js'
import { acknowledged, MAX_ATTEMPTS, messageId, payloadOf, retryWait, wants } from '../domain/webhooks/delivery.js'
import { OutboundHttp } from './outbound-http.js'
import { Turns } from './turns.js'
import { signatureHeader } from '../domain/webhooks/signature.js'
import type { Env } from './context.js'
import type { Tx, Writer } from './writer.js'

export interface DispatcherOptions {
  db: Db
  writer: Writer
  env: Env
  allowPrivate: boolean
  timeoutMs: number
  logger?: { warn: (obj: object, msg: string) => void }
  random?: () => number
}

/** Events read from the feed at a time. */
const BATCH = 200
/** Attempts one line makes in a turn before the others get theirs (a turn that reaches it is followed at once by another). */
const LINE_BUDGET = 500
/** How long a delivery waits while postings are being written. */
const YIELD_MS = 20

/**
 * Delivers the event feed to webhook subscriptions, inside the service. For each subscription and group it keeps a
 * line in the feed's order: the event after the cursor is tried, and only once it is acknowledged (2xx) or given up
 * after its last retry does the cursor move on, so order holds per group. Every attempt is written (with the delivery's
 * state and the cursor) after the receiver answered, in a transaction of its own, never inside a posting: a posting
 * writes nothing for webhooks, so it is never slowed or blocked. After `kill -9` the delivery that was in flight is
 * pending in the database and is tried again (the same webhook-id, so a receiver can drop a repeat); nothing the
 * database says was acknowledged is sent again.
 */
export class WebhookDispatcher extends Turns {
  /** Writes this dispatcher made, and the others' count when last looked at: postings come first. */
  private own = 0
  private lastOthers = 0
  private readonly random: () => number
  private readonly secrets = new Map<string, string[]>()
  private readonly http: OutboundHttp

  constructor (private readonly o: DispatcherOptions) {
    super()
    this.random = o.random ?? Math.random
    this.http = new OutboundHttp({ allowPrivate: o.allowPrivate, timeoutMs: o.timeoutMs, userAgent: 'Lumbung-Webhooks/1' })
  }

  /** A turn cut short by its budget (a backlog) is followed at once by another; each delivery waits for its receiver, so postings are served in between. */
  protected override backlog (made: number): boolean { return made >= LINE_BUDGET }

  protected override close (): void { this.http.close() }

  /** One turn: every line that has something due, and every redelivery asked for. The attempts made. */
  protected async turn (): Promise<number> {
    let made = 0
    this.secrets.clear()
    let every: string[] | null = null
    for (const s of await hooks.listSubscriptions(this.o.db, null, true)) {
      // Every group, read once a turn for all the subscriptions that follow every group.
      if (s.groupId === null) every ??= (await groups.listGroups(this.o.db, null)).map(g => g.id)
      for (const g of s.groupId === null ? every ?? [] : [s.groupId]) made += await this.line(s, g)
    }
    for (const d of await hooks.dueRedeliveries(this.o.db, this.o.env.now().toISOString())) {
      const s = await hooks.findSubscription(this.o.db, d.subscriptionId)
      const event = await events.findEvent(this.o.db, d.eventId)
      if (s !== null && s.disabledAt === null && event !== null) { await this.attempt(s, d, event, false); made++ }
    }
    return made
  }

  /**
   * A subscription's line in one group, as far as it goes this turn: first a delivery still pending from before (a
   * retry, or the one in flight at a crash), once its time has come; then the events after the cursor, one by one,
   * until one is not acknowledged.
   */
  private async line (s: Subscription, groupId: string): Promise<number> {
    let made = 0
    const head = await hooks.headOfLine(this.o.db, s.id, groupId)
    if (head !== null) {
      if (head.nextAttemptAt !== null && head.nextAttemptAt > this.o.env.now().toISOString()) return 0
      const event = await events.findEvent(this.o.db, head.eventId)
      made++
      if (event !== null && !(await this.attempt(s, head, event, false))) return made
    }
    let cursor = await hooks.cursorOf(this.o.db, s.id, groupId) ?? 0
    while (made < LINE_BUDGET) {
      const feed = await events.listEvents(this.o.db, groupId, cursor, BATCH)
      let delivered = cursor
      for (const e of feed) {
        if (!wants(s.eventTypes, e.type)) continue
        const now = this.o.env.now().toISOString()
        const d: Delivery = {
          id: this.o.env.newId('whd'), subscriptionId: s.id, groupId, eventId: e.id, eventSeq: e.seq, status: 'pending', attempts: 0,
          nextAttemptAt: now, redelivery: false, createdAt: now, updatedAt: now
        }
        made++
        await this.yieldToPostings()
        if (!(await this.attempt(s, d, e, true))) return made
        delivered = e.seq
        if (made >= LINE_BUDGET) return made
      }
      // Events after the last one wanted are not wanted: the cursor passes them.
      const last = feed.at(-1)
      if (last !== undefined && last.seq > delivered) await this.write(groupId, async tx => { await hooks.setCursor(tx, s.id, groupId, last.seq) })
      if (feed.length < BATCH || last === undefined) break
      cursor = last.seq
    }
    return made
  }

  /**
   * While anything else is being written (postings), waits a little before each delivery: deliveries fall behind
   * during a burst and catch up after it, so a posting never waits for them.
   */
  private async yieldToPostings (): Promise<void> {
    const others = this.o.writer.stats.writes - this.own
    if (others === this.lastOthers) return
    this.lastOthers = others
    await new Promise(resolve => { setTimeout(resolve, YIELD_MS) })
  }

  /** A write of the dispatcher's own, counted apart from the postings'. */
  private async write (groupId: string, work: (tx: Tx) => Promise<void>): Promise<void> {
    await this.o.writer.run({ groupId, work })
    this.own++
  }

  /** The secrets a subscription signs with, read once a turn. */
  private async secretsOf (s: Subscription, at: Date): Promise<string[]> {
    let secrets = this.secrets.get(s.id)
    if (secrets === undefined) {
      secrets = await hooks.secretsInForce(this.o.db, s.id, at.toISOString())
      this.secrets.set(s.id, secrets)
    }
    return secrets
  }

  /**
   * Sends one delivery and records what came of it, in one transaction: the attempt, the delivery's state (inserted
   * when `fresh`: the first attempt of an event) and the cursor. True when the line may go on (acknowledged, or given
   * up). Nothing is written before the POST: if the service dies during it, the cursor has not moved and the event is
   * sent again with the same webhook-id.
   */
  private async attempt (s: Subscription, d: Delivery, event: events.EventRecord, fresh: boolean): Promise<boolean> {
    const body = JSON.stringify(payloadOf(event))
    const at = this.o.env.now()
    const id = messageId(event.id)
    const timestamp = Math.floor(at.getTime() / 1000)
    const secrets = await this.secretsOf(s, at)
    const sent = await this.http.post(s.url, body, { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatureHeader(secrets, id, timestamp, body) })
    const n = d.attempts + 1
    const ok = acknowledged(sent.status)
    const wait = ok || d.redelivery ? null : retryWait(n, this.random())
    const status: Delivery['status'] = ok ? 'delivered' : wait === null ? 'failed' : 'pending'
    const after = this.o.env.now()
    const state = {
      ...d, status, attempts: n, redelivery: d.redelivery && status === 'pending', updatedAt: after.toISOString(),
      nextAttemptAt: wait === null ? null : new Date(after.getTime() + wait).toISOString()
    }
    await this.write(d.groupId, async tx => {
      if (fresh) await hooks.insertDelivery(tx, state)
      else await hooks.updateDelivery(tx, state)
      await hooks.insertAttempt(tx, { id: this.o.env.newId('wha'), deliveryId: d.id, n, at: at.toISOString(), ...sent, statusCode: sent.status })
      // Done: the line moves past it. Waiting for a retry: the line stands just before it (past what was not wanted).
      if (!d.redelivery) await hooks.setCursor(tx, s.id, d.groupId, status === 'pending' ? d.eventSeq - 1 : d.eventSeq)
    })
    if (status === 'failed') this.o.logger?.warn({ subscription: s.id, delivery: d.id, attempts: n, maxAttempts: MAX_ATTEMPTS, error: sent.error, status: sent.status }, 'webhook delivery failed')
    return status !== 'pending'
  }
}
