import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { cannon, type Throughput } from './load.js'

/** The posting load again with three webhook subscriptions delivering, and how long their deliveries took to drain. */
export interface WebhookLoad {
  subscriptions: number
  posting: Throughput
  /** Deliveries each receiver acknowledged, and the events the feed holds after the load (each receiver should get all). */
  delivered: number[]
  events: number
  /** Seconds from the end of the load until every receiver had every event (or the wait ran out). */
  drainSeconds: number
  drained: boolean
}

/** The group's latest event seq, read through the feed a page at a time. */
async function lastSeq (call: <T>(path: string) => Promise<T>, groupId: string): Promise<number> {
  let after = 0
  for (;;) {
    const page = await call<{ items: Array<{ seq: number }> }>(`/v1/groups/${groupId}/events?after=${after}&limit=1000`)
    after = page.items.at(-1)?.seq ?? after
    if (page.items.length < 1000) return after
  }
}

/** A receiver that acknowledges everything at once and counts what it got. */
async function countingReceiver (): Promise<{ url: string, count: () => number, server: Server }> {
  let n = 0
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => { n++; res.statusCode = 204; res.end() })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, count: () => n, server }
}

/**
 * On a fresh group with a grant: three receivers on 127.0.0.1 (the server runs with WEBHOOK_ALLOW_PRIVATE=true), three
 * subscriptions to every event of the group, the single-entry load at `connections` for `seconds`, then a wait of at
 * most `drainLimitS` for the deliveries to catch up.
 */
export async function measureWebhooks (base: string, headers: Record<string, string>, body: string,
  opts: { connections: number, seconds: number, drainLimitS: number }): Promise<WebhookLoad> {
  const call = async <T>(path: string, payload?: unknown): Promise<T> => {
    const r = await fetch(`${base}${path}`, {
      method: payload === undefined ? 'GET' : 'POST', headers: { ...headers, 'content-type': 'application/json' }, ...(payload === undefined ? {} : { body: JSON.stringify(payload) })
    })
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`)
    return await r.json() as T
  }
  const group = await call<{ id: string }>('/v1/groups', { name: 'Bench: posting with webhooks', kind: 'other' })
  await call(`/v1/groups/${group.id}/grants`, { date: '2025-01-01', amount: '100000000000000', source: 'Bench' })
  const receivers = await Promise.all([0, 1, 2].map(async () => await countingReceiver()))
  try {
    const before = await lastSeq(call, group.id)
    for (const r of receivers) await call('/v1/webhooks', { url: r.url, groupId: group.id })
    const posting = await cannon(`${base}/v1/groups/${group.id}/journal-entries`, { connections: opts.connections, seconds: opts.seconds, body, headers })
    const ended = performance.now()
    // Each receiver gets every event after the subscriptions were made.
    const wanted = await lastSeq(call, group.id) - before
    while (receivers.some(r => r.count() < wanted) && performance.now() - ended < opts.drainLimitS * 1000) await new Promise(resolve => { setTimeout(resolve, 200) })
    return {
      subscriptions: receivers.length, posting, delivered: receivers.map(r => r.count()), events: wanted,
      drainSeconds: (performance.now() - ended) / 1000, drained: receivers.every(r => r.count() >= wanted)
    }
  } finally {
    for (const r of receivers) { r.server.closeAllConnections(); r.server.close() }
  }
}
