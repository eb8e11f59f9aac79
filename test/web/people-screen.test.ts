import t from 'tap'
import { setupLinkIfNeeded } from '../../src/services/people-service.js'
import { testApi, type Api } from '../helpers.js'
import { setUpFromLink } from './fixture.js'
import { cookieOf, csrfOf, get, post } from './pages.js'

/*
 * The first run and Pengurus in the web app: the ketua sets the group up from the setup link, invites the bendahara
 * (a link and its QR code), the bendahara chooses her PIN and signs in; each risky action asks the PIN again, so the
 * cookie alone does nothing; the ketua revokes her at once.
 */

const KETUA_PIN = '482915'
const BENDAHARA_PIN = '730264'

async function firstRun (api: Api): Promise<{ cookie: string, groupId: string }> {
  return await setUpFromLink(api, { kelompok: 'Kelompok P2WKSS Mawar', jenis: 'p2wkss', desa: 'Abiansemal', nama: 'Bu Ketut', peran: 'ketua', login: '081211112222', pin: KETUA_PIN, pin2: KETUA_PIN })
}

const inviteFields = (csrf: string, pin: string | null): Record<string, string> =>
  ({ _csrf: csrf, _idem: `idem-${Math.random()}`, nama: 'Bu Made', login: '0813 3333 4444', peran: 'bendahara', ...(pin === null ? {} : { pin }) })

t.test('the ketua invites the bendahara from Pengurus, with her PIN asked again; the bendahara signs in with her own', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const { cookie, groupId } = await firstRun(api)
  const screen = await get(api, `/g/${groupId}/pengurus`, cookie)
  t.equal(screen.status, 200)
  t.match(screen.body, /Bu Ketut · Ketua/)
  t.match(screen.body, /id="form-undang"[^>]*data-online-only/, 'the invitation form is never kept on the phone to send later')
  const csrf = csrfOf(screen.body)
  const people = async (): Promise<number> => (await api.get(`/v1/groups/${groupId}/people`)).json.items.length

  const noPin = await post(api, `/g/${groupId}/pengurus/undang`, cookie, inviteFields(csrf, null))
  t.equal(noPin.status, 422)
  t.match(noPin.body, /Isi PIN Anda/)
  const wrongPin = await post(api, `/g/${groupId}/pengurus/undang`, cookie, inviteFields(csrf, '000001'))
  t.equal(wrongPin.status, 422, 'the session cookie alone does not invite anyone')
  t.match(wrongPin.body, /PIN salah/)
  t.equal(await people(), 1, 'no one was invited')

  const invited = await post(api, `/g/${groupId}/pengurus/undang`, cookie, inviteFields(csrf, KETUA_PIN))
  t.equal(invited.status, 200)
  t.match(invited.body, /<svg[^>]*viewBox/, 'the link as a QR code')
  const link = /href="http:\/\/[^/"]+(\/undangan\/[A-Za-z0-9_-]+)"/.exec(invited.body)?.[1] ?? ''
  t.match(link, /^\/undangan\//)
  t.equal(await people(), 2)
  t.notOk(invited.body.includes(KETUA_PIN), 'the PIN is never written back into a page')
  const outcomes = (await api.get(`/v1/groups/${groupId}/sign-in-attempts`)).json.items.map((a: { outcome: string }) => a.outcome)
  t.same(outcomes, ['pin_confirmed', 'pin_refused', 'signed_in'], 'the PIN checks are recorded with the sign-in tries')

  const chose = await api.app.inject({ method: 'POST', url: link, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `pin=${BENDAHARA_PIN}&pin2=${BENDAHARA_PIN}` })
  t.equal(chose.statusCode, 303)
  const made = cookieOf(chose)
  const hers = await get(api, `/g/${groupId}/pengurus`, made)
  t.match(hers.body, /Bu Made · Bendahara/)
  t.notMatch(hers.body, /form-undang/, 'the bendahara does not invite')
  const refused = await post(api, `/g/${groupId}/pengurus/undang`, made, { ...inviteFields(csrfOf(hers.body), BENDAHARA_PIN), login: 'orang.lain' })
  t.equal(refused.status, 422, 'nor can she by posting the form herself')
  t.equal(await people(), 2)
  t.equal((await get(api, `/g/${groupId}/kas`, made)).status, 200, 'she keeps the books')
})

t.test('the ketua revokes the bendahara at once and makes a key for an integration, each with her PIN', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const { cookie, groupId } = await firstRun(api)
  const csrf = csrfOf((await get(api, `/g/${groupId}/pengurus`, cookie)).body)
  const invited = await post(api, `/g/${groupId}/pengurus/undang`, cookie, inviteFields(csrf, KETUA_PIN))
  const link = /(\/undangan\/[A-Za-z0-9_-]+)"/.exec(invited.body)?.[1] ?? ''
  const chose = await api.app.inject({ method: 'POST', url: link, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `pin=${BENDAHARA_PIN}&pin2=${BENDAHARA_PIN}` })
  const made = cookieOf(chose)
  const personId = (await api.get(`/v1/groups/${groupId}/people`)).json.items.find((p: { name: string }) => p.name === 'Bu Made').id as string

  const page = await get(api, `/g/${groupId}/pengurus/${personId}`, cookie)
  t.match(page.body, /Cabut akses Bu Made/)
  t.equal((await post(api, `/g/${groupId}/pengurus/${personId}`, cookie, { _csrf: csrf, _idem: 'i1', aksi: 'cabut', pin: '000001' })).status, 422)
  t.equal((await get(api, `/g/${groupId}/beranda`, made)).status, 200, 'a refused PIN revokes no one')
  const revoked = await post(api, `/g/${groupId}/pengurus/${personId}`, cookie, { _csrf: csrf, _idem: 'i2', aksi: 'cabut', pin: KETUA_PIN })
  t.equal(revoked.status, 303)
  t.equal((await get(api, `/g/${groupId}/beranda`, made)).status, 303, 'her session ended at once')
  t.match((await get(api, `/g/${groupId}/pengurus`, cookie)).body, /Bu Made · Bendahara<\/strong>\s*<span>081333334444 · <span class="badge">Dicabut/)

  const key = await post(api, `/g/${groupId}/pengurus/kunci`, cookie, { _csrf: csrf, _idem: 'i3', nama: 'Aplikasi kasir BUMDes', peran: 'integrator', pin: KETUA_PIN })
  t.equal(key.status, 200)
  const token = /<code class="break">(lmb_[^<]+)<\/code>/.exec(key.body)?.[1] ?? ''
  t.equal((await api.get(`/v1/groups/${groupId}`, token)).status, 200, 'the key shown once works')
  t.notOk((await get(api, `/g/${groupId}/pengurus`, cookie)).body.includes(token), 'and is not shown again')
  const keyId = (await api.get(`/v1/groups/${groupId}/api-keys`)).json.items[0].id as string
  t.equal((await post(api, `/g/${groupId}/pengurus/kunci/${keyId}/cabut`, cookie, { _csrf: csrf, _idem: 'i4', pin: KETUA_PIN })).status, 303)
  t.equal((await api.get(`/v1/groups/${groupId}`, token)).status, 401, 'revoked')
})

t.test('a ketua cannot revoke the pengelola; a setup link ends once anyone was invited', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const { groupId } = await setUpFromLink(api, { kelompok: 'KUBE Melati', jenis: 'kube', nama: 'Pak Wayan', peran: 'pengelola', login: 'pendamping.wayan', pin: KETUA_PIN, pin2: KETUA_PIN })
  const invited = await api.post(`/v1/groups/${groupId}/people`, { name: 'Bu Ketut', login: 'ketut', role: 'ketua' })
  const chose = await api.app.inject({ method: 'POST', url: invited.json.invitation.path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `pin=${BENDAHARA_PIN}&pin2=${BENDAHARA_PIN}` })
  const ketua = cookieOf(chose)
  const pengelola = (await api.get(`/v1/groups/${groupId}/people`)).json.items.find((p: { role: string }) => p.role === 'pengelola').id as string
  const csrf = csrfOf((await get(api, `/g/${groupId}/pengurus`, ketua)).body)
  const refused = await post(api, `/g/${groupId}/pengurus/${pengelola}`, ketua, { _csrf: csrf, _idem: 'i9', aksi: 'cabut', pin: BENDAHARA_PIN })
  t.equal(refused.status, 422)
  t.match((await api.get(`/v1/groups/${groupId}/people`)).json.items.find((p: { id: string }) => p.id === pengelola), { status: 'aktif' }, 'the pengelola keeps her access')

  const fresh = await testApi()
  t.teardown(fresh.close)
  const unused = await fresh.store.db.transaction().execute(async tx => await setupLinkIfNeeded(tx, fresh.app.lumbung.env))
  const g = (await fresh.post('/v1/groups', { name: 'PKK Kenanga', kind: 'pkk' })).json.id as string
  await fresh.post(`/v1/groups/${g}/people`, { name: 'Bu Sari', login: 'sari', role: 'ketua' })
  t.equal((await fresh.app.inject({ method: 'GET', url: `/mulai/${unused?.token ?? ''}` })).statusCode, 410, 'the install is set up: its setup link is gone')
})
