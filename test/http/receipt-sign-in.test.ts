import t from 'tap'
import { Writable } from 'node:stream'
import { makeLogger } from '../../src/logger.js'
import { testApi } from '../helpers.js'
import { fakeGateway } from '../message-gateway.js'
import { cookieOf } from '../web/pages.js'

/*
 * The one-time link a receipt carries to a member's own books (issue 18): she gets it in the receipt sent to her number
 * when she has a sign-in of her own; it opens Buku saya once, without her PIN, within 7 days; the outbox and the logs never
 * hold its token; a preview's GET uses nothing; a second use, a wrong token, an old receipt or a revoked sign-in get 410.
 */

t.test('a receipt\'s one-time link opens her Buku saya once, and only while it may', async t => {
  const clock = { ms: Date.parse('2025-03-01T01:00:00Z') }
  const lines: string[] = []
  const logger = makeLogger('trace', new Writable({ write (chunk, _e, done) { lines.push(String(chunk)); done() } }))
  const api = await testApi({ env: { now: () => new Date(clock.ms) }, app: { logger, webhooks: { allowPrivate: true, timeoutMs: 1000 }, publicUrl: 'https://lumbung.desa.id' } })
  t.teardown(api.close)
  const gid = (await api.post('/v1/groups', { name: 'P2WKSS Sedana Mertha', kind: 'p2wkss' })).json.id as string
  const g = `/v1/groups/${gid}`
  await api.post(`${g}/grants`, { date: '2025-02-01', amount: '2500000', source: 'Pemkab' })
  const member = async (name: string, phone: string): Promise<string> => {
    const id = (await api.post(`${g}/members`, { name })).json.id as string
    await api.post(`${g}/members/${id}/contact`, { phone, optedOut: false })
    return id
  }
  const sari = await member('Ni Made Sari', '0812 1111 2222')
  const rai = await member('Ni Ketut Rai', '0812 3333 4444')
  const granted = await api.post(`${g}/members/${sari}/sign-in`, { login: '081211112222', pin: '482913' })
  t.equal(granted.status, 201, 'Sari has a sign-in of her own; Rai has none')
  const gw = await fakeGateway()
  t.teardown(gw.close)
  await api.post(`${g}/message-gateway`, { kind: 'http', url: gw.url, bodyFormat: 'form', bodyTemplate: 'target={phone}&message={message}&ref={id}' })
  const deposit = async (memberId: string, amount: string): Promise<void> => { t.equal((await api.post(`${g}/savings`, { memberId, kind: 'wajib', date: '2025-03-01', amount })).status, 201) }
  await deposit(sari, '5000')
  await deposit(rai, '6000')
  t.equal(await api.app.lumbung.messages.tick(), 2)
  const to = (phone: string): string => String(gw.got.find(s => s.fields.target === phone)?.fields.message)
  const hers = to('6281211112222')
  t.match(hers, /^P2WKSS Sedana Mertha: setoran simpanan wajib Rp 5\.000 diterima 1 Maret 2025\. Cek: \S+ Buku saya \(sekali pakai, 7 hari\): https:\/\/lumbung\.desa\.id\/buku-saya\/msg_[^/]+\/[A-Za-z0-9_-]{22}$/, 'her receipt carries the link')
  t.notMatch(to('6281233334444'), /buku-saya/, 'a member with no sign-in of her own gets the receipt alone')
  const link = new URL(/(https:\/\/\S+\/buku-saya\/\S+)$/.exec(hers)?.[1] ?? '').pathname
  const [, , messageId, token] = link.split('/')
  const kept = (await api.get(`${g}/messages?limit=10`)).json.items as Array<{ id: string, text: string }>
  t.notOk(kept.some(m => m.text.includes(token ?? '?') || m.text.includes('buku-saya')), 'the outbox keeps the receipt without the link')

  const open = async (method: 'GET' | 'POST', url = link) => await api.app.inject({ method, url, ...(method === 'POST' ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' } : {}) })
  for (let i = 0; i < 2; i++) {
    const page = await open('GET')
    t.equal(page.statusCode, 200, 'a link preview or a second look: the page, nothing used')
    t.match(page.body, /Halo, Ni Made Sari/)
    t.match(page.body, /Buka Buku saya/)
  }
  for (const bad of [`/buku-saya/${messageId ?? ''}/${'A'.repeat(22)}`, `/buku-saya/${kept.find(m => m.id !== messageId)?.id ?? ''}/${token ?? ''}`, `/buku-saya/msg_nope/${token ?? ''}`]) {
    t.equal((await open('POST', bad)).statusCode, 410, `${bad.slice(0, 40)}…: a wrong token or another message's is refused`)
  }
  const used = await open('POST')
  t.same([used.statusCode, used.headers.location], [303, '/saya'], 'pressed: she is signed in, on her page')
  const mine = await api.app.inject({ method: 'GET', url: '/saya', headers: { cookie: cookieOf(used) } })
  t.equal(mine.statusCode, 200)
  t.match(mine.body, /Ni Made Sari/)
  t.match(mine.body, /5\.000/, 'her wajib')
  t.notMatch(mine.body, /Ni Ketut Rai/, 'never another member')
  t.same([(await open('POST')).statusCode, (await open('GET')).statusCode], [410, 410], 'used once, then gone')
  await t.rejects(api.store.db.deleteFrom('receipt_sign_ins').execute(), /written once|permission denied/, 'the use cannot be undone in the database')

  // A later receipt: a link of its own, which stops at 7 days and when her sign-in is revoked.
  await deposit(sari, '7000')
  t.equal(await api.app.lumbung.messages.tick(), 1)
  const second = new URL(/(\S+)$/.exec(String(gw.got.at(-1)?.fields.message))?.[1] ?? '').pathname
  t.not(second, link, 'each receipt has its own link')
  clock.ms += 7 * 86_400_000 + 60_000
  t.equal((await open('GET', second)).statusCode, 410, 'more than 7 days after the receipt: gone')
  clock.ms -= 2 * 86_400_000
  t.equal((await open('GET', second)).statusCode, 200, 'within them it still works')
  t.equal((await api.post(`${g}/people/${granted.json.person.id as string}/revocation`, {})).status, 200)
  t.equal((await open('POST', second)).statusCode, 410, 'her sign-in revoked: the link opens nothing')
  await deposit(sari, '8000')
  t.equal(await api.app.lumbung.messages.tick(), 1)
  t.notMatch(String(gw.got.at(-1)?.fields.message), /buku-saya/, 'and her next receipt carries none')

  const logged = lines.join('')
  t.notOk(logged.includes(token ?? '?'), 'no log line carries the link\'s token')
  t.match(logged, /\/buku-saya\/msg_[^/]+\/\[redacted\]/, 'the request is logged with the token cut out')
})
