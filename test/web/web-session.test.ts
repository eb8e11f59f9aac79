import t from 'tap'
import { buildApp } from '../../src/http/app.js'
import { hashToken } from '../../src/services/auth-service.js'
import { uuidv7 } from '../../src/services/context.js'
import { ADMIN_TOKEN, TEST_SIGNER, testApi } from '../helpers.js'
import { groupWithKeys } from './fixture.js'
import { csrfOf, get, idemOf, post, signIn } from './pages.js'
import { parseAmount, parseRate } from '../../src/web/input.js'
import { html } from '../../src/web/html.js'
import { scriptGzipBytes } from '../../src/web/plugins/assets.js'

t.test('amounts are read as people write them', async t => {
  t.equal(parseAmount('2.500.000'), '2500000')
  t.equal(parseAmount('2500000'), '2500000')
  t.equal(parseAmount('Rp 2.500.000'), '2500000')
  t.equal(parseAmount(' 60 000 '), '60000')
  t.equal(parseAmount(''), '')
  t.equal(parseAmount('2,5'), null, 'no cents')
  t.equal(parseAmount('25.00'), null, 'a dot groups thousands, never decimals')
  t.equal(parseAmount('-5000'), null)
  t.equal(parseRate('1,5'), '1.5')
  t.equal(parseRate('1.5 %'), '1.5')
  t.equal(parseRate('abc'), null)
})

t.test('everything interpolated into a page is escaped', async t => {
  t.equal(html`<p>${'<script>alert("x")</script>'}</p>`.value, '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>')
})

t.test('the script sent to the phone stays far under 150 KB gzipped', async t => {
  const bytes = scriptGzipBytes()
  t.ok(bytes > 0 && bytes < 150 * 1024, `app.js and sw.js are ${bytes} bytes gzipped`)
})

t.test('sign-in exchanges a key for an httpOnly SameSite=Strict session; CSRF on every POST; sign-out and revocation end it', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const { groupId, treasurer, auditor, auditorId } = await groupWithKeys(api)

  const home = await get(api, '/', '')
  t.equal(home.status, 303)
  t.equal(home.headers.location, '/masuk')
  const login = await get(api, '/masuk', '')
  t.match(login.body, /<html lang="id">/)
  t.match(String(login.headers['content-security-policy']), /script-src 'self';/, 'strict CSP: no inline script')

  const wrong = await api.app.inject({ method: 'POST', url: '/masuk', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'kunci=lmb_salah' })
  t.equal(wrong.statusCode, 401)
  t.match(wrong.body, /Kunci tidak dikenal/)
  t.notMatch(wrong.body, /lmb_salah/, 'a key typed in is never written back into the page')
  const admin = await api.app.inject({ method: 'POST', url: '/masuk', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'kunci=test-admin-token-0123456789' })
  t.equal(admin.statusCode, 401, 'the bootstrap admin token does not open a web session')

  const { cookie, setCookie } = await signIn(api, treasurer)
  t.match(setCookie, /HttpOnly/i)
  t.match(setCookie, /SameSite=Strict/i)
  t.notMatch(setCookie, new RegExp(treasurer.slice(10, 30)), 'the cookie is not the key')
  const beranda = await get(api, '/kelompok', cookie)
  t.equal(beranda.headers.location, `/g/${groupId}/beranda`, 'one group: straight to its Beranda')
  const kas = await get(api, `/g/${groupId}/kas`, cookie)
  t.equal(kas.status, 200)
  t.notMatch(kas.body, new RegExp(treasurer.slice(8)), 'the key is nowhere in the page')

  // A POST without the session's CSRF token is refused and records nothing.
  const forged = await post(api, `/g/${groupId}/kas/hibah`, cookie, { _idem: 'x', tanggal: '2025-01-10', jumlah: '2500000', sumber: 'Pemkab' })
  t.equal(forged.status, 403)
  const crossSite = await api.app.inject({ method: 'POST', url: `/g/${groupId}/kas/hibah`, headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrfOf(kas.body), _idem: 'x', tanggal: '2025-01-10', jumlah: '2500000', sumber: 'Pemkab' }).toString() })
  t.equal(crossSite.statusCode, 403, 'a form posted from another site is refused')
  t.equal((await api.get(`/v1/groups/${groupId}/funds`)).json.items.length, 0)

  // The same form sent twice records once (same idempotency key); the actor is the treasurer's key.
  const form = { _csrf: csrfOf(kas.body), _idem: idemOf(kas.body, 'form-hibah'), tanggal: '2025-01-10', jumlah: '2.500.000', sumber: 'Program P2WKSS Provinsi Bali' }
  t.ok(form._idem.startsWith('web-'))
  const first = await post(api, `/g/${groupId}/kas/hibah`, cookie, form)
  const second = await post(api, `/g/${groupId}/kas/hibah`, cookie, form)
  t.equal(first.status, 303)
  t.equal(second.status, 303)
  const funds = (await api.get(`/v1/groups/${groupId}/funds`)).json.items
  t.equal(funds.length, 1, 'one grant, not two')
  t.equal(funds[0].actor.name, 'Bu Made (bendahara)')
  const accounts = (await api.get(`/v1/groups/${groupId}/accounts`)).json.items
  t.equal(accounts.find((a: { code: string }) => a.code === '1101').balance, '2500000')

  // A refusal comes back as an Indonesian sentence next to its field, with what was typed kept.
  const kas2 = await get(api, `/g/${groupId}/kas`, cookie)
  const bad = await post(api, `/g/${groupId}/kas/pengeluaran`, cookie, { _csrf: csrfOf(kas2.body), _idem: idemOf(kas2.body, 'form-pengeluaran'), tanggal: '2025-01-11', jumlah: '9.000.000', akun: '5101', dana: '', keterangan: 'Konsumsi rapat Januari' })
  t.equal(bad.status, 422)
  t.match(bad.body, /id="keluar-jumlah-err" class="error">Uang kas tidak cukup pada tanggal itu\./)
  t.match(bad.body, /value="Konsumsi rapat Januari"/)
  t.match(bad.body, /value="9\.000\.000"/)

  // An auditor sees the pages but no form that writes; a write posted anyway is refused by /v1 (403).
  const aud = await signIn(api, auditor)
  const audKas = await get(api, `/g/${groupId}/kas`, aud.cookie)
  t.equal(audKas.status, 200)
  t.notMatch(audKas.body, /form-hibah|form-pengeluaran/)
  t.match(audKas.body, /Pengawas · hanya baca/)
  const audWrite = await post(api, `/g/${groupId}/kas/hibah`, aud.cookie, { _csrf: csrfOf(audKas.body), _idem: 'web-a', tanggal: '2025-01-10', jumlah: '1000', sumber: 'x' })
  t.equal(audWrite.status, 422)
  t.match(audWrite.body, /hanya boleh melihat/)
  t.equal((await api.get(`/v1/groups/${groupId}/funds`)).json.items.length, 1)

  // Revoking the key ends its sessions at once.
  const del = await api.app.inject({ method: 'DELETE', url: `/v1/api-keys/${auditorId}`, headers: { authorization: 'Bearer test-admin-token-0123456789' } })
  t.equal(del.statusCode, 200)
  const after = await get(api, `/g/${groupId}/beranda`, aud.cookie)
  t.equal(after.status, 303)
  t.equal(after.headers.location, '/masuk')

  // Sign-out ends the session server-side: the old cookie no longer opens a page.
  const out = await post(api, '/keluar', cookie, { _csrf: csrfOf(kas.body) })
  t.equal(out.status, 303)
  t.equal((await get(api, `/g/${groupId}/beranda`, cookie)).headers.location, '/masuk')

  // The pages are not part of the API document.
  const doc = (await api.get('/openapi.json', null)).json
  t.notOk(Object.keys(doc.paths).some(p => !p.startsWith('/v1') && p !== '/health' && p !== '/signing-key' && p !== '/public/groups/{groupId}'), 'only /v1, /health, /signing-key and the public page\'s JSON in OpenAPI')
})

t.test('a meeting refused in part comes back with the refusal by its field; sending it again records only what is missing', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const { groupId, treasurer } = await groupWithKeys(api)
  await api.post(`/v1/groups/${groupId}/grants`, { date: '2025-01-10', amount: '2500000', source: 'Program P2WKSS' })
  const sari = (await api.post(`/v1/groups/${groupId}/members`, { name: 'Ni Made Sari' })).json.id as string
  const { cookie } = await signIn(api, treasurer)
  const rapat = await get(api, `/g/${groupId}/rapat`, cookie)
  const form = {
    _csrf: csrfOf(rapat.body), _idem: idemOf(rapat.body, 'form-rapat') || (/name="_idem" value="([^"]+)"/.exec(rapat.body)?.[1] ?? ''),
    tanggal: '2025-01-15', hadir: sari, [`wajib:${sari}`]: '5.000', jasa_persen: '1,5', jasa_metode: 'flat', jasa_maks_pinjaman: '1.000.000',
    'pinjam:0:anggota': sari, 'pinjam:0:jumlah': '2.000.000', 'pinjam:0:tenor': '10', konsumsi: '60.000', langkah: 'simpan'
  }
  t.ok(form._idem.startsWith('web-'))
  const first = await post(api, `/g/${groupId}/rapat`, cookie, form)
  t.equal(first.status, 422)
  t.match(first.body, /Pinjaman di luar ketentuan yang disepakati rapat/, 'the refusal in Indonesian')
  t.match(first.body, /id="f-pinjam-0-jumlah-err"/, 'next to the loan amount')
  t.match(first.body, /Sebagian sudah tersimpan/)
  t.match(first.body, new RegExp(`name="wajib:${sari}" type="text" value="5.000"[^>]*readonly`), 'the recorded deposit is locked')
  t.match(first.body, /value="2.000.000"/, 'what was typed is kept')
  t.equal((await api.get(`/v1/groups/${groupId}/meetings`)).json.items.length, 1)
  t.equal((await api.get(`/v1/groups/${groupId}/loans`)).json.items.length, 0)

  const second = await post(api, `/g/${groupId}/rapat`, cookie, { ...form, 'pinjam:0:jumlah': '1.000.000' })
  t.equal(second.status, 200)
  t.match(second.body, /Rapat tersimpan/)
  t.equal((await api.get(`/v1/groups/${groupId}/meetings`)).json.items.length, 1, 'the meeting is not recorded twice')
  t.equal((await api.get(`/v1/groups/${groupId}/members/${sari}/savings`)).json.rows.length, 1, 'nor the deposit')
  t.equal((await api.get(`/v1/groups/${groupId}/loans`)).json.items.length, 1, 'the corrected loan is recorded')
  const kas = (await api.get(`/v1/groups/${groupId}/accounts`)).json.items.find((a: { code: string }) => a.code === '1101').balance
  t.equal(kas, String(2500000 + 5000 - 60000 - 1000000), 'refreshments once, the loan once')
})

t.test('a member takes out voluntary savings on her page: never more than she holds, the refusal by the amount, sent twice recorded once', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const { groupId, treasurer, auditor } = await groupWithKeys(api)
  await api.post(`/v1/groups/${groupId}/grants`, { date: '2025-01-10', amount: '2500000', source: 'Program P2WKSS' })
  const sari = (await api.post(`/v1/groups/${groupId}/members`, { name: 'Ni Made Sari' })).json.id as string
  const url = `/g/${groupId}/anggota/${sari}`
  const { cookie } = await signIn(api, treasurer)

  const empty = await get(api, url, cookie)
  t.notMatch(empty.body, /id="form-ambil"/, 'nothing to take out yet: no withdrawal form')
  t.match(empty.body, /Belum ada simpanan sukarela/)
  const deposit = await post(api, `${url}/simpanan`, cookie, { _csrf: csrfOf(empty.body), _idem: idemOf(empty.body, 'form-setor'), jenis: 'sukarela', jumlah: '50.000', tanggal: '2025-01-15' })
  t.equal(deposit.status, 303)

  const page = await get(api, url, cookie)
  t.match(page.body, /id="form-ambil"/)
  t.match(page.body, /paling banyak Rp\u00a050\.000/)
  const form = { _csrf: csrfOf(page.body), _idem: idemOf(page.body, 'form-ambil'), tanggal: '2025-01-20' }
  t.ok(form._idem.startsWith('web-'))
  const tooMuch = await post(api, `${url}/penarikan`, cookie, { ...form, jumlah: '75.000' })
  t.equal(tooMuch.status, 422)
  t.match(tooMuch.body, /id="ambil-jumlah-err"[^>]*>[^<]*Simpanan sukarela anggota tidak cukup/, 'the refusal next to the amount, in Indonesian')
  t.match(tooMuch.body, /id="form-ambil"[\s\S]*value="75.000"/, 'what was typed is kept in the withdrawal form')

  const taken = await post(api, `${url}/penarikan`, cookie, { ...form, jumlah: '20.000' })
  t.equal(taken.status, 303)
  t.equal(taken.headers.location, `${url}?ok=ambil`)
  const again = await post(api, `${url}/penarikan`, cookie, { ...form, jumlah: '20.000' })
  t.equal(again.status, 303, 'the same form sent again replays')
  const passbook = (await api.get(`/v1/groups/${groupId}/members/${sari}/savings`)).json
  t.equal(passbook.balances.sukarela, '30000', 'taken out once: 50.000 − 20.000')
  t.same(passbook.rows.map((r: { withdrawal: string }) => r.withdrawal), ['0', '20000'])
  const after = await get(api, `${url}?ok=ambil`, cookie)
  t.match(after.body, /Penarikan tersimpan/)
  t.match(after.body, /Rp\u00a020\.000/, 'the passbook shows what was taken')

  const viewer = await signIn(api, auditor)
  const audited = await get(api, url, viewer.cookie)
  t.equal(audited.status, 200)
  t.notMatch(audited.body, /form-ambil|form-setor/, 'the pengawas sees the passbook, not the forms')
  const refused = await post(api, `${url}/penarikan`, viewer.cookie, { _csrf: csrfOf(audited.body), _idem: 'web-x', jumlah: '1.000', tanggal: '2025-01-20' })
  t.ok(refused.status >= 400, `a pengawas cannot withdraw (${refused.status})`)
  t.equal((await api.get(`/v1/groups/${groupId}/members/${sari}/savings`)).json.balances.sukarela, '30000')
})

t.test('a restart of the service does not sign the treasurer out: the form she had open still sends, once', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const { groupId, treasurer } = await groupWithKeys(api)
  const { cookie } = await signIn(api, treasurer)
  const kas = await get(api, `/g/${groupId}/kas`, cookie)
  const form = { _csrf: csrfOf(kas.body), _idem: idemOf(kas.body, 'form-hibah'), tanggal: '2025-01-10', jumlah: '2.500.000', sumber: 'Program P2WKSS' }
  const rows = await api.store.reader.selectFrom('web_sessions').selectAll().execute()
  t.equal(rows.length, 1, 'the session is stored')
  t.notMatch(JSON.stringify(rows), new RegExp(cookie.split('=')[1]?.slice(0, 20) ?? 'x'), 'as a hash: not the cookie value')

  // A new process on the same database: nothing in memory.
  await api.app.close()
  const restarted = { ...api, app: await buildApp({ store: api.store, env: { now: () => new Date(), newId: prefix => `${prefix}_${uuidv7()}`, timeZone: 'Asia/Makassar', signer: TEST_SIGNER }, adminHash: hashToken(ADMIN_TOKEN) }) }
  t.teardown(async () => { await restarted.app.close() })
  const sent = await post(restarted, `/g/${groupId}/kas/hibah`, cookie, form)
  t.equal(sent.status, 303, 'the grant typed before the restart is recorded')
  t.equal((await post(restarted, `/g/${groupId}/kas/hibah`, cookie, form)).status, 303, 'sent again')
  const funds = await restarted.app.inject({ method: 'GET', url: `/v1/groups/${groupId}/funds`, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
  t.equal(JSON.parse(funds.body).items.length, 1, 'once')

  const out = await get(restarted, '/kelompok', cookie)
  t.equal(out.status, 303)
  const signOut = await post(restarted, '/keluar', cookie, { _csrf: form._csrf })
  t.equal(signOut.status, 303)
  t.equal((await api.store.reader.selectFrom('web_sessions').selectAll().execute()).length, 0, 'sign-out deletes it')
  t.equal((await get(restarted, `/g/${groupId}/kas`, cookie)).headers.location, '/masuk', 'and the cookie opens nothing')
})
