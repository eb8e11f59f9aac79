import type { Db } from '../data/connect.js'
import * as contacts from '../data/contact-repository.js'
import * as groups from '../data/group-repository.js'
import * as outbox from '../data/message-repository.js'
import type { Gateway, Message } from '../data/message-repository.js'
import * as hooks from '../data/webhook-repository.js'
import { gatewayBody } from '../domain/messages/gateway-body.js'
import { withBookLink } from '../domain/messages/texts.js'
import { acknowledged, retryWait } from '../domain/webhooks/delivery.js'
import { signatureHeader } from '../domain/webhooks/signature.js'
import { localHour, today } from './clock.js'
import type { Env } from './context.js'
import { alertsOn, asMessages, receiptsAfter, remindersOn } from './message-producer.js'
import { OutboundHttp, type Sent } from './outbound-http.js'
import { receiptSignInLink } from './receipt-sign-in.js'
import { Turns } from './turns.js'
import type { Writer } from './writer.js'

export interface MessageWorkerOptions {
  db: Db
  writer: Writer
  env: Env
  /** Where receipt links point: this server as members' phones reach it (PUBLIC_URL). */
  origin: string
  allowPrivate: boolean
  timeoutMs: number
  logger?: { warn: (obj: object, msg: string) => void }
  random?: () => number
}

/** Events read for receipts at a time. */
const BATCH = 200

/**
 * Runs each group's outbox inside the service, for groups with a message gateway in force. A turn: receipts for the
 * postings after the group's cursor; once a day at the gateway's hour, the reminders; the monitors (when the books or the
 * day changed); then the messages due, at most the gateway's per-minute limit in any minute (counted from the attempts
 * written, so a restart does not reset it). A send is written (attempt, state) after the gateway answered, in a
 * transaction of its own: after `kill -9` mid-send the message is still pending and is sent again, with the same id for
 * a gateway that drops repeats. Failed sends are retried on the webhooks' schedule (about a day), then marked failed.
 * A member with no number, or who opted out, is skipped: her message is marked so and nothing leaves.
 */
export class MessageWorker extends Turns {
  private readonly http: OutboundHttp
  private readonly random: () => number
  /** Per group, the day its reminders were made and the books' state its monitors were last looked at. */
  private readonly reminded = new Map<string, string>()
  private readonly monitored = new Map<string, string>()

  constructor (private readonly o: MessageWorkerOptions) {
    super()
    this.random = o.random ?? Math.random
    this.http = new OutboundHttp({ allowPrivate: o.allowPrivate, timeoutMs: o.timeoutMs, userAgent: 'Lumbung-Messages/1' })
  }

  protected override close (): void { this.http.close() }
  protected override failed (err: unknown): void { this.o.logger?.warn({ err }, 'message turn failed') }

  /** One turn over every gateway in force; the sends made. */
  protected async turn (): Promise<number> {
    let sent = 0
    for (const g of await outbox.gatewaysInForce(this.o.db)) {
      const group = await groups.findGroup(this.o.db, g.groupId)
      if (group === null) continue
      await this.produce(g, group)
      sent += await this.send(g)
    }
    return sent
  }

  private async produce (g: Gateway, group: { id: string, name: string }): Promise<void> {
    const { db, env } = this.o
    let cursor = await outbox.cursorOf(db, g.groupId) ?? 0
    for (;;) {
      const { drafts, lastSeq } = await receiptsAfter(db, env, this.o.origin, group, cursor, BATCH)
      if (lastSeq === cursor) break
      await this.o.writer.run({ groupId: g.groupId, work: async tx => { await outbox.queue(tx, asMessages(env, g, drafts)); await outbox.setCursor(tx, g.groupId, lastSeq) } })
      cursor = lastSeq
    }
    const day = today(env)
    if (g.reminderHour !== null && localHour(env) >= g.reminderHour && this.reminded.get(g.groupId) !== day) {
      const drafts = await remindersOn(db, group.name, g.groupId, day)
      await this.o.writer.run({ groupId: g.groupId, work: async tx => { await outbox.queue(tx, asMessages(env, g, drafts)) } })
      this.reminded.set(g.groupId, day)
    }
    const monitors = await outbox.listMonitors(db, g.groupId, true)
    const state = `${day}:${cursor}:${monitors.map(m => m.id).join(',')}`
    if (monitors.length > 0 && this.monitored.get(g.groupId) !== state) {
      const { drafts, states } = await alertsOn(db, group.name, monitors, day)
      const at = env.now().toISOString()
      await this.o.writer.run({
        groupId: g.groupId,
        work: async tx => {
          await outbox.queue(tx, asMessages(env, g, drafts))
          for (const s of states) await outbox.setMonitorState(tx, s.monitorId, s.subject, s, at)
        }
      })
      this.monitored.set(g.groupId, state)
    }
  }

  /** Sends what is due, within the gateway's limit for the last minute. */
  private async send (g: Gateway): Promise<number> {
    const now = this.o.env.now()
    const room = g.perMinute - await outbox.sendsSince(this.o.db, g.id, new Date(now.getTime() - 60_000).toISOString())
    if (room <= 0) return 0
    let made = 0
    for (const m of await outbox.dueMessages(this.o.db, g.groupId, now.toISOString(), room)) {
      if (made >= room) break
      const to = await this.recipient(m)
      if (to.phone === null) { await this.settle(m, { status: 'skipped', attempts: m.attempts, nextAttemptAt: null, lastError: to.why }); continue }
      made++
      await this.attempt(g, m, to.phone)
    }
    return made
  }

  /** Her number, read when the message leaves (never kept in the outbox), or why there is none. */
  private async recipient (m: Message): Promise<{ phone: string | null, why: string }> {
    if (m.monitorId !== null) return { phone: (await outbox.findMonitor(this.o.db, m.groupId, m.monitorId))?.phone ?? null, why: 'the monitor is gone' }
    if (m.memberId === null) return { phone: null, why: 'no recipient' }
    const c = await contacts.findContact(this.o.db, m.groupId, m.memberId)
    if (c.optedOut) return { phone: null, why: 'opted out' }
    return { phone: c.phone, why: 'no phone number' }
  }

  private async attempt (g: Gateway, m: Message, phone: string): Promise<void> {
    const at = this.o.env.now()
    // A receipt gets her one-time link to Buku saya as it leaves: the outbox never holds it.
    const text = withBookLink(m.text, await receiptSignInLink(this.o.db, this.o.env, this.o.origin, m))
    const sent = await this.post(g, { ...m, text }, phone, at)
    const n = m.attempts + 1
    const ok = acknowledged(sent.status)
    const wait = ok ? null : retryWait(n, this.random())
    const status: Message['status'] = ok ? 'sent' : wait === null ? 'failed' : 'pending'
    const after = this.o.env.now()
    await this.o.writer.run({
      groupId: m.groupId,
      work: async tx => {
        await outbox.insertAttempt(tx, { id: this.o.env.newId('mga'), messageId: m.id, gatewayId: g.id, n, at: at.toISOString(), statusCode: sent.status, latencyMs: sent.latencyMs, error: sent.error })
        const nextAttemptAt = wait === null ? null : new Date(after.getTime() + wait).toISOString()
        await outbox.updateMessage(tx, { id: m.id, gatewayId: g.id, status, attempts: n, nextAttemptAt, lastError: sent.error, updatedAt: after.toISOString() })
      }
    })
    // The number never reaches a log line: the message id says which.
    if (status === 'failed') this.o.logger?.warn({ message: m.id, gateway: g.id, attempts: n, error: sent.error, status: sent.status }, 'message send failed')
  }

  private async settle (m: Message, s: Pick<Message, 'status' | 'attempts' | 'nextAttemptAt' | 'lastError'>): Promise<void> {
    const updatedAt = this.o.env.now().toISOString()
    await this.o.writer.run({ groupId: m.groupId, work: async tx => { await outbox.updateMessage(tx, { id: m.id, ...s, updatedAt }) } })
  }

  /** One POST: to the HTTP gateway with its template and auth header, or to a webhook subscription, signed. */
  private async post (g: Gateway, m: Message, phone: string, at: Date): Promise<Sent> {
    if (g.kind === 'http') {
      const body = gatewayBody(g.bodyFormat, g.bodyTemplate, { phone, message: m.text, id: m.id })
      const headers: Record<string, string> = { 'content-type': g.bodyFormat === 'json' ? 'application/json' : 'application/x-www-form-urlencoded' }
      if (g.authHeader !== null && g.authValue !== null) headers[g.authHeader] = g.authValue
      return await this.http.post(g.url ?? '', body, headers)
    }
    const s = g.subscriptionId === null ? null : await hooks.findSubscription(this.o.db, g.subscriptionId)
    if (s === null || s.disabledAt !== null) return { status: null, latencyMs: 0, error: 'the webhook subscription is disabled' }
    const timestamp = Math.floor(at.getTime() / 1000)
    const body = JSON.stringify({ type: 'message.send', timestamp: at.toISOString(), data: { messageId: m.id, groupId: m.groupId, kind: m.kind, memberId: m.memberId, phone, message: m.text } })
    const secrets = await hooks.secretsInForce(this.o.db, s.id, at.toISOString())
    return await this.http.post(s.url, body, { 'webhook-id': m.id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatureHeader(secrets, m.id, timestamp, body) })
  }
}
