import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import { isIP } from 'node:net'
import type { Db } from '../data/connect.js'
import * as events from '../data/event-repository.js'
import * as groups from '../data/group-repository.js'
import * as hooks from '../data/webhook-repository.js'
import type { Delivery, Subscription } from '../data/webhook-repository.js'
import { acknowledged, MAX_ATTEMPTS, messageId, payloadOf, retryWait, wants } from '../domain/webhooks/delivery.js'
import { privateAddress } from './webhook-targets.js'
import { signatureHeader } from '../domain/webhooks/signature.js'
import type { Env } from './context.js'
import type { Tx, Writer } from './writer.js'

/** What one POST to a receiver came to: its status (null when none came back), how long it took, and what went wrong. */
export interface Sent { status: number | null, latencyMs: number, error: string | null }

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
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | null = null
  private started = false
  /** Writes this dispatcher made, and the others' count when last looked at: postings come first. */
  private own = 0
  private lastOthers = 0
  private running: Promise<number> | null = null
  private readonly random: () => number
  private readonly secrets = new Map<string, string[]>()
  /** Connections kept open between deliveries to the same receiver. */
  private readonly agents = { http: new http.Agent({ keepAlive: true, maxSockets: 4 }), https: new https.Agent({ keepAlive: true, maxSockets: 4 }) }

  constructor (private readonly o: DispatcherOptions) {
    this.random = o.random ?? Math.random
  }

  /**
   * Turns until stopped: again at once while a turn was cut short by its budget (a backlog), else after `intervalMs`.
   * Each delivery waits for its receiver, so postings are served in between.
   */
  start (intervalMs = 1000): void {
    if (this.started) return
    this.started = true
    const loop = (): void => {
      if (!this.started) return
      void this.tick().catch(() => 0).then(made => {
        if (!this.started) return
        this.timer = setTimeout(loop, made >= LINE_BUDGET ? 0 : intervalMs)
        this.timer.unref()
      })
    }
    loop()
  }

  async stop (): Promise<void> {
    this.started = false
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    await this.running
    this.agents.http.destroy()
    this.agents.https.destroy()
  }

  /** One turn: every line that has something due, and every redelivery asked for. The attempts made. */
  async tick (): Promise<number> {
    if (this.running !== null) return await this.running
    this.running = this.turn().finally(() => { this.running = null })
    return await this.running
  }

  private async turn (): Promise<number> {
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
    const sent = await this.post(s.url, body, { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatureHeader(secrets, id, timestamp, body) })
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

  /** One POST, the connection only to an address the policy allows (checked as the name is resolved), within the timeout. */
  private async post (url: string, body: string, headers: Record<string, string>): Promise<Sent> {
    const started = process.hrtime.bigint()
    const elapsed = (): number => Number((process.hrtime.bigint() - started) / 1_000_000n)
    return await new Promise<Sent>(resolve => {
      let u: URL
      try { u = new URL(url) } catch { resolve({ status: null, latencyMs: 0, error: 'not a URL' }); return }
      const host = u.hostname.replace(/^\[|\]$/g, '')
      if (!this.o.allowPrivate && isIP(host) !== 0 && privateAddress(host)) { resolve({ status: null, latencyMs: 0, error: `address not allowed: ${host}` }); return }
      const secure = u.protocol === 'https:'
      const req = (secure ? https : http).request(u, {
        method: 'POST',
        agent: secure ? this.agents.https : this.agents.http,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Lumbung-Webhooks/1' },
        timeout: this.o.timeoutMs,
        lookup: this.guardedLookup()
      }, res => {
        res.resume()
        res.on('end', () => { resolve({ status: res.statusCode ?? null, latencyMs: elapsed(), error: acknowledged(res.statusCode ?? null) ? null : `HTTP ${res.statusCode ?? '?'}` }) })
        res.on('error', err => { resolve({ status: res.statusCode ?? null, latencyMs: elapsed(), error: err.message }) })
      })
      req.on('timeout', () => { req.destroy(new Error(`no answer within ${this.o.timeoutMs} ms`)) })
      req.on('error', err => { resolve({ status: null, latencyMs: elapsed(), error: err.message }) })
      req.end(body)
    })
  }

  /** dns.lookup that refuses loopback, private and link-local answers unless they are allowed. */
  private guardedLookup () {
    const allowPrivate = this.o.allowPrivate
    return (hostname: string, options: LookupOptions, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void): void => {
      dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
        if (err !== null) { callback(err, []); return }
        const bad = addresses.find(a => !allowPrivate && privateAddress(a.address))
        if (bad !== undefined) { callback(Object.assign(new Error(`address not allowed: ${hostname} is ${bad.address}`), { code: 'EADDRNOTALLOWED' }), []); return }
        if (options.all === true) callback(null, addresses)
        else callback(null, addresses[0]?.address ?? '', addresses[0]?.family)
      })
    }
  }
}
