import t from 'tap'
import { today } from '../../src/services/clock.js'
import { fakeGateway } from '../message-gateway.js'
import { kubeWithKetua } from './fixture.js'
import { csrfOf, get, post, signIn } from './pages.js'

const PIN = '482915'
/** Every way a member's number could be written on a page: stored (62…), as typed, as shown (0812-3456-7890). */
const numberSeen = (body: string, local: string): boolean => [local.slice(1), local, `${local.slice(0, 4)}-${local.slice(4, 8)}-${local.slice(8)}`].some(n => body.includes(n))

t.test('Pesan in the web app: the ketua sets the gateway with her PIN, the treasurer sees each receipt sent or skipped and why, and sends one again', async t => {
  const { api, cookie, groupId } = await kubeWithKetua(t)
  const gw = await fakeGateway()
  t.teardown(gw.close)
  const g = `/v1/groups/${groupId}`
  const member = async (name: string, phone: string | null, optedOut = false): Promise<string> => {
    const id = (await api.post(`${g}/members`, { name })).json.id as string
    if (phone !== null || optedOut) t.equal((await api.post(`${g}/members/${id}/contact`, { phone, optedOut })).status, 200)
    return id
  }
  const sari = await member('Ni Made Sari', '0812 3456 7890')
  const quiet = await member('Ni Wayan Rai', '0812 9999 0000', true)
  const none = await member('Ni Ketut Sri', null)

  t.match((await get(api, `/g/${groupId}/pengurus`, cookie)).body, new RegExp(`href="/g/${groupId}/pesan">Pesan</a>`), 'Pengurus leads to it')
  const empty = await get(api, `/g/${groupId}/pesan`, cookie)
  t.equal(empty.status, 200)
  t.match(empty.body, /belum memakai gateway pesan[^<]*Kirim kuitansi via WhatsApp di halaman anggota dan pinjaman tetap bisa dipakai/, 'no gateway, and what still works')
  t.match(empty.body, /Belum ada pesan\./)
  const csrf = csrfOf(empty.body)
  const typed = {
    _csrf: csrf, _idem: 'idem-gateway-1', jenis: 'http', url: gw.url, header: 'Authorization', kunci: 'kunci-fonnte', format: 'form',
    template: 'target={phone}&message={message}', per_menit: '20', jam: '8'
  }

  const wrong = await post(api, `/g/${groupId}/pesan/gateway`, cookie, { ...typed, pin: '000001' })
  t.equal(wrong.status, 422)
  t.match(wrong.body, /PIN salah/, 'a wrong PIN is refused next to its field')
  t.notOk(wrong.body.includes('kunci-fonnte'), 'the key typed is not written back into the page')
  const noKey = await post(api, `/g/${groupId}/pesan/gateway`, cookie, { ...typed, kunci: '', template: 'to={message}', pin: PIN })
  t.equal(noKey.status, 422)
  t.match(noKey.body, /Isi kuncinya/, 'a header without its key is refused next to the key')
  t.match(noKey.body, /Template harus memuat \{phone\} dan \{message\}/, 'and a template without {phone} next to the template')
  t.equal((await api.get(`${g}/message-gateway`)).json.code, 'GATEWAY_NOT_FOUND', 'nothing was set')

  const set = await post(api, `/g/${groupId}/pesan/gateway`, cookie, { ...typed, pin: PIN })
  t.equal(set.status, 303)
  t.match((await api.get(`${g}/message-gateway`)).json, { kind: 'http', url: gw.url, authHeader: 'Authorization', authValueSet: true, bodyFormat: 'form', perMinute: 20, reminderHour: 8 })
  const withGateway = (await get(api, `/g/${groupId}/pesan?ok=gateway`, cookie)).body
  t.match(withGateway, /Gateway pesan tersimpan/)
  t.match(withGateway, /Header kunci: Authorization · Kunci: tersimpan/, 'the key is said to be kept')
  t.notOk(withGateway.includes('kunci-fonnte'), 'and never shown')
  t.notMatch(withGateway, /belum memakai gateway/)

  const date = today(api.app.lumbung.env)
  for (const m of [sari, quiet, none]) t.equal((await api.post(`${g}/savings`, { memberId: m, kind: 'wajib', date, amount: '5000' })).status, 201)
  t.equal(await api.app.lumbung.messages.tick(), 1, 'one receipt leaves: Sari\'s')
  t.same(gw.got.map(s => s.fields.target), ['6281234567890'])
  t.equal(gw.got[0]?.headers.authorization, 'kunci-fonnte')

  const listed = (await get(api, `/g/${groupId}/pesan`, cookie)).body
  t.match(listed, /Kuitansi · Ni Made Sari<\/strong>\s*<span class="wrap">KUBE Melati: setoran simpanan wajib Rp 5\.000 diterima [^<]*Cek: http[^<]*<\/span>\s*<span><strong>Terkirim<\/strong> · 1× dicoba/,
    'Sari\'s receipt, sent, with its text')
  t.match(listed, /Kuitansi · Ni Wayan Rai<\/strong>[\s\S]*?<strong>Dilewati<\/strong>[^<]*anggota memilih tidak menerima pesan/, 'the one who opted out: skipped, and why')
  t.match(listed, /Kuitansi · Ni Ketut Sri<\/strong>[\s\S]*?<strong>Dilewati<\/strong>[^<]*belum ada nomor HP/, 'the one with no number: skipped, and why')
  t.equal(listed.match(/>Kirim ulang</g)?.length, 2, 'a resend button for each skipped one only')
  t.notOk(numberSeen(listed, '081234567890') || numberSeen(listed, '081299990000'), 'no member\'s number on the list')
  const skippedOnly = (await get(api, `/g/${groupId}/pesan?status=skipped`, cookie)).body
  t.match(skippedOnly, /Pesan terkirim dan menunggu \(2\)/, 'the filter: only the skipped ones')
  t.notMatch(skippedOnly, /<strong>Terkirim<\/strong>/)

  // She gives her number later: the treasurer sends the skipped receipt again.
  t.equal((await api.post(`${g}/members/${none}/contact`, { phone: '0813 1111 2222', optedOut: false })).status, 200)
  const messages = (await api.get(`${g}/messages`)).json.items as Array<{ id: string, memberId: string }>
  const hers = messages.find(m => m.memberId === none)?.id ?? ''
  t.match(listed, new RegExp(`action="/g/${groupId}/pesan/${hers}/kirim-ulang"`), 'her button')
  t.equal((await post(api, `/g/${groupId}/pesan/${hers}/kirim-ulang`, cookie, { _csrf: csrf, _idem: 'idem-resend-1' })).status, 303)
  t.equal(await api.app.lumbung.messages.tick(), 1)
  t.equal(gw.got.at(-1)?.fields.target, '6281311112222', 'sent to the number she gave')
  t.match((await get(api, `/g/${groupId}/pesan?ok=kirim-ulang`, cookie)).body, /Kuitansi · Ni Ketut Sri<\/strong>\s*<span class="wrap">[^<]*<\/span>\s*<span><strong>Terkirim<\/strong>/)
  const sent = messages.find(m => m.memberId === sari)?.id ?? ''
  const again = await post(api, `/g/${groupId}/pesan/${sent}/kirim-ulang`, cookie, { _csrf: csrf, _idem: 'idem-resend-2' })
  t.equal(again.status, 422)
  t.match(again.body, /Hanya pesan yang gagal atau dilewati yang bisa dikirim ulang/, 'a sent one is not sent again')

  const key = (await api.post('/v1/api-keys', { name: 'Bu Made (bendahara)', role: 'treasurer', groupIds: [groupId] })).json.key as string
  const bendahara = await signIn(api, key)
  t.match((await get(api, `/g/${groupId}/beranda`, bendahara.cookie)).body, new RegExp(`href="/g/${groupId}/pesan">Pesan ke anggota</a>`), 'Beranda leads the bendahara to it')
  const herPage = (await get(api, `/g/${groupId}/pesan`, bendahara.cookie)).body
  t.match(herPage, /Kuitansi · Ni Made Sari<\/strong>[\s\S]*?<strong>Terkirim<\/strong>/, 'the bendahara sees the outbox')
  t.notMatch(herPage, /form-gateway|form-peringatan/, 'but not the gateway or the monitors')
  t.match(herPage, /Hanya ketua dan pengelola yang mengatur gateway pesan/)
  t.match(herPage, /Pesan dikirim otomatis lewat gateway WhatsApp\/SMS, paling banyak 20 per menit; pengingat angsuran mulai pukul 08\.00/, 'she is told that and how messages leave')
  t.notOk(herPage.includes(gw.url), 'not even where they go')
  t.notOk(numberSeen(herPage, '081234567890') || numberSeen(herPage, '081311112222') || numberSeen(herPage, '081299990000'), 'and no member\'s number')
})

t.test('Pesan: the ketua adds a balance monitor with her PIN, sees it listed with its number, and stops it and the gateway', async t => {
  const { api, cookie, groupId } = await kubeWithKetua(t)
  const gw = await fakeGateway()
  t.teardown(gw.close)
  t.equal((await api.post(`/v1/groups/${groupId}/message-gateway`, { kind: 'http', url: gw.url })).status, 200)
  const csrf = csrfOf((await get(api, `/g/${groupId}/pesan`, cookie)).body)
  const typed = { _csrf: csrf, _idem: 'idem-monitor-1', jenis: 'kas_below', batas: '200.000', hp: '0813 5555 6666' }

  const bad = await post(api, `/g/${groupId}/pesan/peringatan`, cookie, { ...typed, hp: '12', pin: PIN })
  t.equal(bad.status, 422)
  t.match(bad.body, /Tulis nomor HP 8–15 angka/, 'a number that is not one is refused next to it')
  t.same((await api.get(`/v1/groups/${groupId}/monitors`)).json.items, [], 'and nothing is made')
  t.equal((await post(api, `/g/${groupId}/pesan/peringatan`, cookie, { ...typed, pin: PIN })).status, 303)
  const monitors = (await api.get(`/v1/groups/${groupId}/monitors`)).json.items as Array<{ id: string, kind: string, threshold: string, phone: string }>
  t.match(monitors, [{ kind: 'kas_below', threshold: '200000', phone: '6281355556666' }])
  const shown = (await get(api, `/g/${groupId}/pesan?ok=peringatan`, cookie)).body
  t.match(shown, /Peringatan saldo ditambahkan/)
  t.match(shown, /<strong>Kas di bawah Rp\u00a0200\.000<\/strong>\s*<span>ke 0813-5555-6666 · Aktif<\/span>/, 'listed, its number as people write it')

  await api.post(`/v1/groups/${groupId}/grants`, { date: today(api.app.lumbung.env), amount: '150000', source: 'Dinas Sosial' })
  await api.app.lumbung.messages.tick()
  t.equal(gw.got.at(-1)?.fields.phone, '6281355556666', 'Kas below the line: the alert goes to the monitor\'s number')
  const alerted = (await get(api, `/g/${groupId}/pesan`, cookie)).body
  t.match(alerted, /Peringatan saldo · ke pengurus<\/strong>[\s\S]*?<strong>Terkirim<\/strong>/, 'and is on the outbox, to no one named')

  const mid = monitors[0]?.id ?? ''
  t.equal((await post(api, `/g/${groupId}/pesan/peringatan/${mid}/hentikan`, cookie, { _csrf: csrf, _idem: 'idem-stop-monitor', pin: '000001' })).status, 422, 'not without her PIN')
  t.equal((await post(api, `/g/${groupId}/pesan/peringatan/${mid}/hentikan`, cookie, { _csrf: csrf, _idem: 'idem-stop-monitor', pin: PIN })).status, 303)
  t.match((await get(api, `/g/${groupId}/pesan`, cookie)).body, /ke 0813-5555-6666 · Dihentikan/)

  t.equal((await post(api, `/g/${groupId}/pesan/gateway/hentikan`, cookie, { _csrf: csrf, _idem: 'idem-stop-gateway', pin: PIN })).status, 303)
  t.equal((await api.get(`/v1/groups/${groupId}/message-gateway`)).json.code, 'GATEWAY_NOT_FOUND', 'the gateway is stopped')
  t.match((await get(api, `/g/${groupId}/pesan?ok=hentikan`, cookie)).body, /Gateway dihentikan\.[\s\S]*belum memakai gateway pesan/)
})
