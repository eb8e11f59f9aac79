import t, { type Test } from 'tap'
import { testApi, type Api } from '../helpers.js'
import { fakeGateway } from '../message-gateway.js'
import { receiver, verifies } from '../webhook-receiver.js'

/*
 * Receipts and alerts to phones, against a real local fake gateway (allowed by the app's webhooks.allowPrivate, as
 * WEBHOOK_ALLOW_PRIVATE=true allows it on a server). The clock is the test's: a minute of rate limit passes at once.
 */

async function setup (t: Test): Promise<{ api: Api, gid: string, clock: { ms: number }, g: string, member: (phone?: string | null, optedOut?: boolean) => Promise<string> }> {
  const clock = { ms: Date.parse('2025-03-01T01:00:00Z') }
  const api = await testApi({ env: { now: () => new Date(clock.ms) }, app: { webhooks: { allowPrivate: true, timeoutMs: 1000 }, publicUrl: 'https://lumbung.desa.id' } })
  t.teardown(api.close)
  const gid = (await api.post('/v1/groups', { name: 'P2WKSS Sedana Mertha', kind: 'p2wkss' })).json.id as string
  await api.post(`/v1/groups/${gid}/grants`, { date: '2025-02-01', amount: '2500000', source: 'Pemkab' })
  let n = 0
  const member = async (phone: string | null = null, optedOut = false): Promise<string> => {
    const id = (await api.post(`/v1/groups/${gid}/members`, { name: `Ni Anggota ${++n}` })).json.id as string
    if (phone !== null || optedOut) await api.post(`/v1/groups/${gid}/members/${id}/contact`, { phone, optedOut })
    return id
  }
  return { api, gid, clock, g: `/v1/groups/${gid}`, member }
}

const phoneOf = (i: number): string => `08123${String(100000 + i)}`

t.test('a meeting with 50 deposits: 50 receipts, one to each member\'s number, through the gateway at its rate', async t => {
  const { api, g, clock, member } = await setup(t)
  const members: string[] = []
  for (let i = 0; i < 50; i++) members.push(await member(phoneOf(i)))
  const gw = await fakeGateway()
  t.teardown(gw.close)
  const set = await api.post(`${g}/message-gateway`, {
    kind: 'http', url: gw.url, authHeader: 'Authorization', authValue: 'kunci-fonnte', bodyFormat: 'form', bodyTemplate: 'target={phone}&message={message}&ref={id}', perMinute: 20
  })
  t.equal(set.status, 200)
  t.match(set.json, { kind: 'http', authHeader: 'Authorization', authValueSet: true, perMinute: 20 })
  t.notOk(JSON.stringify(set.json).includes('kunci-fonnte'), 'the gateway\'s key is never shown')
  for (const m of members) t.equal((await api.post(`${g}/savings`, { memberId: m, kind: 'wajib', date: '2025-03-01', amount: '5000' })).status, 201)
  const w = api.app.lumbung.messages
  t.equal(await w.tick(), 20, 'twenty in the first minute')
  t.equal(await w.tick(), 0, 'and no more within it')
  clock.ms += 30_000
  t.equal(await w.tick(), 0, 'half a minute later, still none')
  clock.ms += 31_000
  t.equal(await w.tick(), 20)
  clock.ms += 61_000
  t.equal(await w.tick(), 10, 'the last ten')
  clock.ms += 61_000
  t.equal(await w.tick(), 0, 'nothing is sent twice')
  t.equal(gw.got.length, 50)
  t.same(gw.got.map(s => s.fields.target).sort(), members.map((_, i) => `62${phoneOf(i).slice(1)}`).sort(), 'each member\'s number once')
  t.ok(gw.got.every(s => s.headers.authorization === 'kunci-fonnte' && String(s.headers['content-type']).startsWith('application/x-www-form-urlencoded')), 'form-encoded, with the gateway\'s key')
  const text = String(gw.got[0]?.fields.message)
  t.match(text, /^P2WKSS Sedana Mertha: setoran simpanan wajib Rp 5\.000 diterima 1 Maret 2025\. Cek: https:\/\/lumbung\.desa\.id\/kuitansi\/grp_[^/]+\/ent_[^/]+\/[A-Za-z0-9_-]{22}$/)
  const listed = (await api.get(`${g}/messages?limit=500`)).json.items as Array<{ id: string, status: string, kind: string, attempts: number, text: string }>
  t.equal(listed.length, 50)
  t.ok(listed.every(m => m.status === 'sent' && m.kind === 'receipt' && m.attempts === 1), 'the outbox says each was sent once')
  t.same(new Set(gw.got.map(s => s.fields.ref)), new Set(listed.map(m => m.id)), 'the {id} of each send is its message id')
  // The link in the message is the receipt page.
  const path = new URL(/Cek: (\S+)$/.exec(text)?.[1] ?? '').pathname
  const page = await api.app.inject({ method: 'GET', url: path })
  t.equal(page.statusCode, 200)
  t.match(page.body, /Checkpoint bertanda tangan/)
  // Stopped, then set again: what was posted in between is sent then.
  t.equal((await api.post(`${g}/message-gateway/disable`, {})).json.disabledAt !== null, true)
  await api.post(`${g}/savings`, { memberId: members[0], kind: 'sukarela', date: '2025-03-01', amount: '7000' })
  clock.ms += 61_000
  t.equal(await w.tick(), 0, 'no gateway, nothing leaves')
  await api.post(`${g}/message-gateway`, { kind: 'http', url: gw.url, bodyFormat: 'form', bodyTemplate: 'target={phone}&message={message}' })
  t.equal(await w.tick(), 1)
  t.match(String(gw.got.at(-1)?.fields.message), /setoran simpanan sukarela Rp 7\.000/)
})

t.test('a repayment\'s receipt says its split and what is left; a correction gets its own receipt; opted-out members and members without a number get nothing', async t => {
  const { api, g, member } = await setup(t)
  const gw = await fakeGateway()
  t.teardown(gw.close)
  const sari = await member('0812-3456-7890')
  const quiet = await member('0812 9999 0000', true)
  const none = await member()
  await api.post(`${g}/meetings`, { date: '2025-01-05', attendees: [sari], decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '3', ratePer: 'month' }] })
  t.equal((await api.post(`${g}/message-gateway`, { kind: 'http', url: gw.url })).status, 200)
  const loan = (await api.post(`${g}/loans`, { memberId: sari, principal: '500000', termCount: 5, frequency: 'monthly', disbursedOn: '2025-02-01' })).json
  const paid = (await api.post(`${g}/loans/${loan.id as string}/repayments`, { date: '2025-03-01', amount: '115000' })).json
  await api.post(`${g}/savings`, { memberId: quiet, kind: 'wajib', date: '2025-03-01', amount: '5000' })
  await api.post(`${g}/savings`, { memberId: none, kind: 'wajib', date: '2025-03-01', amount: '5000' })
  const dep = (await api.post(`${g}/savings`, { memberId: sari, kind: 'sukarela', date: '2025-03-01', amount: '20000' })).json
  t.equal((await api.post(`${g}/journal-entries/${dep.entryId as string}/reversal`, { reason: 'salah catat' })).status, 201)
  const fine = { date: '2025-03-01', description: 'Denda tidak hadir rapat', lines: [{ account: '1101', debit: '2000', memberId: sari }, { account: '4102', credit: '2000', memberId: sari }] }
  t.equal((await api.post(`${g}/journal-entries`, fine)).status, 201)
  await api.post(`${g}/journal-entries`, { date: '2025-03-01', description: 'Konsumsi rapat', lines: [{ account: '5101', debit: '1000' }, { account: '1101', credit: '1000' }] })
  await api.app.lumbung.messages.tick()
  const texts = gw.got.map(s => String(s.fields.message))
  t.equal(gw.got.length, 5, 'Sari\'s five: disbursement, instalment, deposit, correction, and an entry typed by hand that names her (not the one that names no one)')
  t.match(texts[4], /^P2WKSS Sedana Mertha: dicatat 1 Maret 2025: Denda tidak hadir rapat \(Rp 2\.000\)\. Cek: /)
  t.ok(gw.got.every(s => s.fields.phone === '6281234567890' && String(s.headers['content-type']).startsWith('application/json')), 'JSON, to her number only')
  t.match(texts[0], /^P2WKSS Sedana Mertha: pinjaman Rp 500\.000 dicairkan 1 Februari 2025, 5 kali angsuran\. Cek: /)
  t.match(texts[1], /^P2WKSS Sedana Mertha: angsuran Rp 115\.000 diterima 1 Maret 2025 \(pokok 100\.000, jasa 15\.000\)\. Sisa pinjaman Rp 400\.000\. Cek: /)
  t.equal(paid.allocation.principal, '100000', 'the split the receipt says is the split recorded')
  t.match(texts[2], /setoran simpanan sukarela Rp 20\.000 diterima 1 Maret 2025/)
  t.match(texts[3], /koreksi 1 Maret 2025: .* \(Rp 20\.000\) dibatalkan\. Cek: /)
  const items = (await api.get(`${g}/messages`)).json.items as Array<{ memberId: string, status: string, lastError: string | null }>
  t.same(items.filter(m => m.memberId === quiet).map(m => [m.status, m.lastError]), [['skipped', 'opted out']])
  t.same(items.filter(m => m.memberId === none).map(m => [m.status, m.lastError]), [['skipped', 'no phone number']])
  // She adds her number later: the treasurer sends the skipped receipt again.
  await api.post(`${g}/members/${none}/contact`, { phone: '0813 1111 2222', optedOut: false })
  const skipped = items.find(m => m.memberId === none) as unknown as { id: string }
  t.equal((await api.post(`${g}/messages/${skipped.id}/resend`, {})).json.status, 'pending')
  await api.app.lumbung.messages.tick()
  t.equal(gw.got.at(-1)?.fields.phone, '6281311112222')
  t.equal((await api.post(`${g}/messages/${skipped.id}/resend`, {})).json.code, 'MESSAGE_NOT_FAILED', 'a sent message is not sent again')
})

t.test('a gateway that fails gets the message later, as the log says; after the last retry it is failed, and no log line carries a number', async t => {
  const lines: string[] = []
  const clock = { ms: Date.parse('2025-03-01T01:00:00Z') }
  const { default: pino } = await import('pino')
  const logger = pino({ level: 'info' }, { write: (l: string) => { lines.push(l) } })
  const api = await testApi({ env: { now: () => new Date(clock.ms) }, app: { webhooks: { allowPrivate: true, timeoutMs: 300 }, logger } })
  t.teardown(api.close)
  const gid = (await api.post('/v1/groups', { name: 'KUBE Melati', kind: 'kube' })).json.id as string
  const g = `/v1/groups/${gid}`
  await api.post(`${g}/grants`, { date: '2025-02-01', amount: '100000', source: 'Dinas' })
  const m = (await api.post(`${g}/members`, { name: 'Ni Wayan' })).json.id as string
  await api.post(`${g}/members/${m}/contact`, { phone: '081234567890', optedOut: false })
  const gw = await fakeGateway(n => n === 1 ? 500 : n === 2 ? 'drop' : n === 3 ? 200 : 503)
  t.teardown(gw.close)
  await api.post(`${g}/message-gateway`, { kind: 'http', url: gw.url })
  await api.post(`${g}/savings`, { memberId: m, kind: 'wajib', date: '2025-03-01', amount: '5000' })
  const w = api.app.lumbung.messages
  const state = async (): Promise<[string, number, string | null]> => {
    const [x] = (await api.get(`${g}/messages`)).json.items as Array<{ status: string, attempts: number, lastError: string | null }>
    return [x?.status ?? '', x?.attempts ?? 0, x?.lastError ?? null]
  }
  t.equal(await w.tick(), 1)
  t.same(await state(), ['pending', 1, 'HTTP 500'])
  t.equal(await w.tick(), 0, 'nothing before its wait')
  clock.ms += 6_000
  await w.tick()
  t.match(await state(), ['pending', 2, /socket hang up|ECONNRESET/])
  clock.ms += 330_000
  await w.tick()
  t.same(await state(), ['sent', 3, null])
  const [first] = (await api.get(`${g}/messages`)).json.items as Array<{ id: string }>
  const log = (await api.get(`${g}/messages/${first?.id ?? ''}`)).json
  t.same(log.attemptLog.map((a: { n: number, statusCode: number | null }) => [a.n, a.statusCode]), [[1, 500], [2, null], [3, 200]], 'its log: every send, with the gateway\'s answer')
  t.equal((await api.get(`${g}/messages/msg_nope`)).json.code, 'MESSAGE_NOT_FOUND')
  // A second receipt: every attempt fails, through the whole schedule.
  await api.post(`${g}/savings`, { memberId: m, kind: 'wajib', date: '2025-03-01', amount: '5000' })
  for (let i = 0; i < 10; i++) { await w.tick(); clock.ms += 11 * 3600_000 }
  const items = (await api.get(`${g}/messages`)).json.items as Array<{ status: string, attempts: number }>
  t.same(items.map(x => [x.status, x.attempts]), [['failed', 8], ['sent', 3]], 'failed after eight attempts (about a day)')
  t.ok(lines.some(l => l.includes('message send failed')), 'the failure is logged')
  t.notOk(lines.some(l => l.includes('81234567890')), 'and no log line carries her number')
})

t.test('a webhook gateway: each message goes to the subscription, signed, and the integrator sends it', async t => {
  const { api, g, clock, member } = await setup(t)
  const r = await receiver()
  t.teardown(r.close)
  const sub = (await api.post('/v1/webhooks', { url: r.url, groupId: g.split('/').at(-1), eventTypes: ['period.closed'] })).json
  const m = await member('0812 3456 7890')
  t.equal((await api.post(`${g}/message-gateway`, { kind: 'webhook', subscriptionId: sub.webhook.id })).status, 200)
  await api.post(`${g}/savings`, { memberId: m, kind: 'pokok', date: '2025-03-01', amount: '50000' })
  t.equal(await api.app.lumbung.messages.tick(), 1)
  t.equal(r.got.length, 1)
  const got = r.got[0]
  if (got === undefined) throw new Error('nothing received')
  t.equal(got.json.type, 'message.send')
  t.match(got.json.data, { kind: 'receipt', memberId: m, phone: '6281234567890', message: /setoran simpanan pokok Rp 50\.000/ })
  t.ok(verifies(sub.secret as string, got, Math.floor(clock.ms / 1000)), 'signed with the subscription\'s secret')
  const other = (await api.post('/v1/groups', { name: 'Lain', kind: 'pkk' })).json.id as string
  const foreign = (await api.post('/v1/webhooks', { url: r.url, groupId: other })).json.webhook.id as string
  t.equal((await api.post(`${g}/message-gateway`, { kind: 'webhook', subscriptionId: foreign })).json.code, 'WEBHOOK_NOT_FOUND', 'another group\'s subscription is refused')
})

t.test('bad gateways and monitors are refused with a clear error and change nothing; only the ketua\'s side sets them', async t => {
  const { api, g } = await setup(t)
  const bad = async (body: unknown): Promise<[number, string]> => { const r = await api.post(`${g}/message-gateway`, body); return [r.status, r.json.code as string] }
  t.same(await bad({ kind: 'http' }), [400, 'VALIDATION_FAILED'], 'an HTTP gateway needs a URL')
  t.same(await bad({ kind: 'http', url: 'https://gw.example.id/send', bodyFormat: 'json', bodyTemplate: '{"to":"{phone}","text":{message}}' }), [400, 'VALIDATION_FAILED'], 'a JSON template that is not JSON once filled')
  t.same(await bad({ kind: 'http', url: 'https://gw.example.id/send', bodyTemplate: 'to=x&text={message}' }), [400, 'VALIDATION_FAILED'], 'a template without {phone}')
  t.same(await bad({ kind: 'http', url: 'https://gw.example.id/send', authHeader: 'Authorization' }), [400, 'VALIDATION_FAILED'], 'a header without its value')
  t.same(await bad({ kind: 'http', url: 'https://gw.example.id/send', perMinute: 0 }), [400, 'VALIDATION_FAILED'])
  t.same(await bad({ kind: 'webhook' }), [404, 'WEBHOOK_NOT_FOUND'])
  t.same(await bad({ kind: 'sms', url: 'https://gw.example.id/send' }), [400, 'VALIDATION_FAILED'])
  t.equal((await api.get(`${g}/message-gateway`)).json.code, 'GATEWAY_NOT_FOUND', 'nothing was set')
  const strict = await testApi()
  t.teardown(strict.close)
  const sg = (await strict.post('/v1/groups', { name: 'X', kind: 'pkk' })).json.id as string
  const local = await strict.post(`/v1/groups/${sg}/message-gateway`, { kind: 'http', url: 'http://127.0.0.1:9/send' })
  t.same([local.status, local.json.code], [422, 'GATEWAY_URL_NOT_ALLOWED'], 'no gateway on loopback unless the server allows it')
  t.same([(await api.post(`${g}/monitors`, { kind: 'kas_below', threshold: '-5', phone: '0812 3456 7890' })).status], [400])
  t.same([(await api.post(`${g}/monitors`, { kind: 'kas_below', threshold: '5000', phone: '12' })).json.code], ['VALIDATION_FAILED'])
  t.equal((await api.get(`${g}/monitors`)).json.items.length, 0)
})
