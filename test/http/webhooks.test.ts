import t, { type Test } from 'tap'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { testApi, type Api } from '../helpers.js'
import { receiver, verifies } from '../webhook-receiver.js'

/*
 * Push webhooks against real HTTP receivers on 127.0.0.1 (allowed here by the app's webhooks.allowPrivate, as
 * WEBHOOK_ALLOW_PRIVATE=true allows them on a server). The clock is the test's, so the retries' waits pass at once.
 */

async function setup (t: Test, opts: { timeoutMs?: number } = {}): Promise<{ api: Api, gid: string, clock: { ms: number }, member: () => Promise<string> }> {
  const clock = { ms: Date.parse('2025-03-01T02:00:00Z') }
  const api = await testApi({ env: { now: () => new Date(clock.ms) }, app: { webhooks: { allowPrivate: true, timeoutMs: opts.timeoutMs ?? 2000 } } })
  t.teardown(api.close)
  const gid = (await api.post('/v1/groups', { name: 'KUBE Melati', kind: 'kube' })).json.id as string
  let n = 0
  const member = async (): Promise<string> => (await api.post(`/v1/groups/${gid}/members`, { name: `Ni Anggota ${++n}` })).json.id as string
  return { api, gid, clock, member }
}

const seqs = (got: Array<{ json: { data: Record<string, unknown> } }>): number[] => got.map(r => Number(r.json.data.seq))

t.test('a subscription gets every event after it, in the feed\'s order, each signed so that the README\'s check verifies it', async t => {
  const { api, gid, clock, member } = await setup(t)
  await member()
  const r = await receiver()
  t.teardown(r.close)
  const made = await api.post('/v1/webhooks', { url: r.url, groupId: gid, description: 'Kasir BUMDes' })
  t.equal(made.status, 201)
  const secret = made.json.secret as string
  t.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/, 'a Standard Webhooks secret, 32 bytes')
  t.same(made.json.webhook.eventTypes, ['*'])
  for (let i = 0; i < 3; i++) await member()
  t.equal(await api.app.lumbung.webhooks.tick(), 3)
  t.same(r.got.map(x => x.json.type), ['member.created', 'member.created', 'member.created'], 'only what happened after subscribing')
  const feed = (await api.get(`/v1/groups/${gid}/events`)).json.items as Array<{ seq: number, id: string, data: { name: string } }>
  t.same(seqs(r.got), feed.slice(-3).map(e => e.seq), 'in the feed\'s order')
  t.same(r.got.map(x => x.json.data.name), feed.slice(-3).map(e => e.data.name), 'with the event\'s own fields')
  const nowS = Math.floor(clock.ms / 1000)
  t.ok(r.got.every(x => verifies(secret, x, nowS)), 'every signature verifies')
  const first = r.got[0]
  if (first === undefined) throw new Error('nothing received')
  t.equal(first.id, `msg_${feed.at(-3)?.id.replace(/^evt_/, '') ?? ''}`, 'webhook-id names the event')
  t.notOk(verifies(secret, { ...first, body: first.body.replace('Ni Anggota', 'Ni Anggotx') }, nowS), 'a body altered fails')
  t.notOk(verifies(secret, { ...first, timestamp: String(nowS - 1) }, nowS), 'a timestamp altered fails')
  // The README's verifier, run as an integrator would copy it.
  const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8')
  const code = /## Webhooks[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)?.[1] ?? ''
  t.ok(code.split('\n').filter(l => l.trim() !== '').length <= 10, 'ten lines at most')
  const file = join(mkdtempSync(join(tmpdir(), 'lumbung-readme-')), 'verify.mjs')
  writeFileSync(file, code)
  const { verifyLumbung } = await import(pathToFileURL(file).href) as { verifyLumbung: (secret: string, headers: Record<string, string>, body: string, nowS?: number) => boolean }
  const headersOf = (x: typeof first): Record<string, string> => ({ 'webhook-id': x.id, 'webhook-timestamp': x.timestamp, 'webhook-signature': x.signature })
  t.ok(r.got.every(x => verifyLumbung(secret, headersOf(x), x.body, nowS)), 'the README\'s ten lines verify every delivery')
  t.notOk(verifyLumbung(secret, headersOf(first), first.body.replace('Ni Anggota', 'Ni Anggotx'), nowS), 'and refuse an altered body')
  t.notOk(verifyLumbung(secret, headersOf(first), first.body, nowS + 600), 'and a delivery ten minutes old')
  t.equal(await api.app.lumbung.webhooks.tick(), 0, 'nothing is sent twice')
  const log = (await api.get(`/v1/webhooks/${made.json.webhook.id as string}/deliveries`)).json.items as Array<{ status: string, attempts: number, attemptLog: Array<{ statusCode: number }> }>
  t.same(log.map(d => [d.status, d.attempts, d.attemptLog.map(a => a.statusCode)]), [['delivered', 1, [204]], ['delivered', 1, [204]], ['delivered', 1, [204]]], 'the delivery log')
})

t.test('a receiver that fails, times out or drops the connection gets the delivery later, in order, as the log says; after the last retry it is failed and the line moves on', async t => {
  const { api, gid, clock, member } = await setup(t, { timeoutMs: 300 })
  const r = await receiver()
  t.teardown(r.close)
  const id = (await api.post('/v1/webhooks', { url: r.url, groupId: gid, eventTypes: ['member.created'] })).json.webhook.id as string
  const answers: Array<number | 'hang' | 'drop'> = [500, 'hang', 'drop', 204, 204]
  r.set(n => answers[n - 1] ?? 204)
  await member()
  await member()
  const d = api.app.lumbung.webhooks
  t.equal(await d.tick(), 1, 'the first attempt gets a 500; the second event waits behind it')
  t.equal(await d.tick(), 0, 'and nothing is tried before its wait')
  clock.ms += 6_000
  t.equal(await d.tick(), 1, 'after 5 s ±10 %: no answer within the timeout')
  clock.ms += 330_000
  t.equal(await d.tick(), 1, 'after 5 min ±10 %: the connection dropped')
  clock.ms += 1_980_000
  t.equal(await d.tick(), 2, 'after 30 min ±10 %: delivered, and the event behind it too')
  t.same(seqs(r.got), [...new Array<number>(4).fill(seqs(r.got)[0] ?? 0), (seqs(r.got)[0] ?? 0) + 1], 'the same event four times, then the next: order kept')
  t.same([...new Set(r.got.slice(0, 4).map(x => x.id))].length, 1, 'the same webhook-id on every retry')
  const log = (await api.get(`/v1/webhooks/${id}/deliveries`)).json.items as Array<{ seq: number, status: string, attemptLog: Array<{ statusCode: number | null, error: string | null }> }>
  const firstLog = log.find(x => x.seq === seqs(r.got)[0])
  t.same(firstLog?.attemptLog.map(a => a.statusCode), [500, null, null, 204])
  t.match(firstLog?.attemptLog.map(a => a.error), ['HTTP 500', /no answer within 300 ms/, /socket hang up|ECONNRESET/, null], 'each failure as it was')

  r.set(() => 503)
  await member()
  await member()
  let tries = 0
  for (let i = 0; i < 10; i++) { tries += await d.tick(); clock.ms += 40_000_000 }
  const failed = ((await api.get(`/v1/webhooks/${id}/deliveries?status=failed`)).json.items as Array<{ attempts: number, seq: number }>)
  t.equal(failed[0]?.attempts, 8, 'eight attempts over about a day, then failed')
  t.ok(tries >= 9, 'and the next event is tried after it: the line moves on')
  r.set(() => 200)
  const redo = await api.post(`/v1/webhooks/${id}/deliveries/${(failed.at(-1) as { id?: string } | undefined)?.id ?? ''}/redelivery`, {})
  t.equal(redo.status, 200)
  const before = r.got.length
  await d.tick()
  t.ok(r.got.length > before && r.got.slice(before).some(x => Number(x.json.data.seq) === failed.at(-1)?.seq), 'a redelivery sends it once more')
})

t.test('rotation signs with both secrets for 24 hours; disabling stops deliveries; only the ketua or the admin manage them; private targets are refused by default', async t => {
  const { api, gid, clock, member } = await setup(t)
  const r = await receiver()
  t.teardown(r.close)
  const made = (await api.post('/v1/webhooks', { url: r.url, groupId: gid })).json as { webhook: { id: string }, secret: string }
  const rotated = await api.post(`/v1/webhooks/${made.webhook.id}/secret-rotation`, {})
  t.equal(rotated.status, 200)
  await member()
  await api.app.lumbung.webhooks.tick()
  const nowS = Math.floor(clock.ms / 1000)
  const last = r.got.at(-1)
  if (last === undefined) throw new Error('nothing received')
  t.equal(last.signature.split(' ').length, 2, 'two signatures during the overlap')
  t.ok(verifies(made.secret, last, nowS) && verifies(rotated.json.secret as string, last, nowS), 'either secret verifies')
  clock.ms += 25 * 3600_000
  await member()
  await api.app.lumbung.webhooks.tick()
  const later = r.got.at(-1)
  if (later === undefined) throw new Error('nothing received')
  t.notOk(verifies(made.secret, later, Math.floor(clock.ms / 1000)), 'after 24 hours the old secret no longer signs')
  t.ok(verifies(rotated.json.secret as string, later, Math.floor(clock.ms / 1000)))

  t.equal((await api.post(`/v1/webhooks/${made.webhook.id}/disable`, {})).json.disabledAt !== null, true)
  const count = r.got.length
  await member()
  t.equal(await api.app.lumbung.webhooks.tick(), 0)
  t.equal(r.got.length, count, 'disabled: nothing more')

  const treasurer = (await api.post('/v1/api-keys', { name: 'Bendahara', role: 'treasurer', groupIds: [gid] })).json.key as string
  const refused = await api.post('/v1/webhooks', { url: r.url, groupId: gid }, { authorization: `Bearer ${treasurer}` })
  t.equal(refused.status, 403, 'a treasurer key does not subscribe')
  t.equal((await api.get(`/v1/webhooks/${made.webhook.id}`, treasurer)).status, 403)

  const strict = await testApi()
  t.teardown(strict.close)
  const g2 = (await strict.post('/v1/groups', { name: 'PKK Kenanga', kind: 'pkk' })).json.id as string
  for (const url of [r.url, 'http://localhost:9/x', 'http://10.0.0.5/x', 'http://[::1]:8080/x', 'http://169.254.169.254/latest/meta-data', 'ftp://example.com/x', 'https://user:pw@example.com/x']) {
    const a = await strict.post('/v1/webhooks', { url, groupId: g2 })
    t.equal(a.json.code, 'WEBHOOK_URL_NOT_ALLOWED', `${url} refused`)
  }
  t.same((await strict.get('/v1/webhooks')).json.items, [], 'and nothing was made')
})
