import { Writable } from 'node:stream'
import { sql } from 'kysely'
import t from 'tap'
import { makeLogger } from '../../src/logger.js'
import { setupLinkIfNeeded } from '../../src/services/people-service.js'
import { testApi, type Api } from '../helpers.js'
import { cookieOf } from '../web/pages.js'

/*
 * People who sign in with a login and a PIN: invited by the admin (or a ketua), choosing a PIN from a one-time link,
 * signing in for 30 days, locked out after wrong PINs, revoked at once; what was typed is never kept nor logged.
 */

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }
const PIN = '482915'

async function form (api: Api, url: string, fields: Record<string, string>, cookie = ''): Promise<{ status: number, body: string, cookie: string, setCookie: string, location: string }> {
  const r = await api.app.inject({ method: 'POST', url, headers: { ...FORM, ...(cookie === '' ? {} : { cookie }) }, payload: new URLSearchParams(fields).toString() })
  return { status: r.statusCode, body: r.body, cookie: cookieOf(r), setCookie: String(r.headers['set-cookie'] ?? ''), location: String(r.headers.location ?? '') }
}

async function groupOf (api: Api): Promise<string> {
  return (await api.post('/v1/groups', { name: 'P2WKSS Mawar', kind: 'p2wkss' })).json.id as string
}

async function invite (api: Api, groupId: string, login: string, role = 'bendahara', name = 'Bu Made'): Promise<{ id: string, path: string, status: number, json: Record<string, unknown> }> {
  const r = await api.post(`/v1/groups/${groupId}/people`, { name, login, role })
  return { id: r.json.person?.id, path: r.json.invitation?.path, status: r.status, json: r.json }
}

t.test('an invitation: her login kept the one way, the link shown once and used once, a PIN chosen by the rules, 30 days on the device', async t => {
  const lines: string[] = []
  const logger = makeLogger('trace', new Writable({ write (chunk, _e, done) { lines.push(String(chunk)); done() } }))
  const api = await testApi({ app: { logger } })
  t.teardown(api.close)
  const groupId = await groupOf(api)
  const made = await invite(api, groupId, '+62 812-3456-7890')
  t.equal(made.status, 201)
  t.match(made.json, { person: { login: '081234567890', role: 'bendahara', status: 'diundang', groupIds: [groupId], lastSignInAt: null } })
  t.match(made.path, /^\/undangan\/[A-Za-z0-9_-]{32}$/)
  const token = made.path.split('/')[2] as string
  const stored = await api.store.db.selectFrom('sign_in_links').selectAll().execute()
  t.notOk(JSON.stringify(stored).includes(token), 'only the hash of the link is kept')

  t.equal((await invite(api, groupId, '0812 3456 7890', 'pengawas', 'Orang lain')).json.code, 'LOGIN_TAKEN', 'the same number written another way is the same login')
  t.equal((await invite(api, groupId, '12')).status, 400)
  t.equal((await invite(api, groupId, 'budi', 'pengelola')).status, 400, 'no one is invited as pengelola')

  t.equal((await api.app.inject({ method: 'GET', url: made.path })).statusCode, 200)
  t.match((await form(api, made.path, { pin: '123456', pin2: '123456' })).body, /terlalu mudah/, 'a run of digits is refused')
  t.match((await form(api, made.path, { pin: PIN, pin2: '482916' })).body, /tidak sama/)
  t.equal((await api.get(`/v1/groups/${groupId}/people`)).json.items[0].status, 'diundang', 'a refused PIN sets nothing')
  const accepted = await form(api, made.path, { pin: PIN, pin2: PIN })
  t.equal(accepted.status, 303)
  t.match(accepted.setCookie, /Max-Age=2592000/, 'the device stays signed in for 30 days')
  t.match(accepted.setCookie, /HttpOnly/)
  t.equal((await api.app.inject({ method: 'GET', url: made.path })).statusCode, 410, 'the link works once')
  t.equal((await form(api, made.path, { pin: PIN, pin2: PIN })).status, 410)

  const signedIn = await form(api, '/masuk', { login: '+6281234567890', pin: PIN })
  t.equal(signedIn.status, 303, 'she signs in with her number written either way')
  const home = await api.app.inject({ method: 'GET', url: '/kelompok', headers: { cookie: signedIn.cookie } })
  t.equal(home.statusCode, 303)
  t.match(String(home.headers.location), `/g/${groupId}/beranda`)
  const people = (await api.get(`/v1/groups/${groupId}/people`)).json.items
  t.match(people[0], { status: 'aktif' })
  t.ok(people[0].lastSignInAt, 'her last sign-in is shown')
  const attempts = (await api.get(`/v1/groups/${groupId}/sign-in-attempts`)).json.items
  t.same(attempts.map((a: { outcome: string }) => a.outcome), ['signed_in', 'signed_in'], 'choosing her PIN signed her in, then she signed in')
  const everything = lines.join('') + JSON.stringify(await api.store.db.selectFrom('sign_in_attempts').selectAll().execute())
  t.notOk(everything.includes(PIN), 'the PIN is in no log and no attempt')
  t.notOk(everything.includes(token), 'the link\'s token is in no log')
  t.ok(lines.some(l => l.includes('/undangan/[redacted]')), 'the request is logged without the token')
})

t.test('wrong PINs lock her out for a while, the right PIN included, and every try is recorded', async t => {
  let now = Date.parse('2026-12-03T02:00:00.000Z')
  const api = await testApi({ env: { now: () => new Date(now) } })
  t.teardown(api.close)
  const groupId = await groupOf(api)
  const { path } = await invite(api, groupId, 'made.bendahara')
  await form(api, path, { pin: PIN, pin2: PIN })
  const statuses: number[] = []
  for (let i = 0; i < 5; i++) statuses.push((await form(api, '/masuk', { login: 'made.bendahara', pin: '000001' })).status)
  t.same(statuses, [401, 401, 401, 401, 429], 'the fifth wrong PIN locks')
  const locked = await form(api, '/masuk', { login: 'Made.Bendahara', pin: PIN })
  t.equal(locked.status, 429, 'while locked, the right PIN is refused too')
  t.match(locked.body, /coba lagi setelah pukul 10\.05/, 'the lock\'s end in the group\'s time')
  t.equal(locked.cookie, '')
  t.match((await api.get(`/v1/groups/${groupId}/people`)).json.items[0], { status: 'terkunci', lockedUntil: '2026-12-03T02:05:00.000Z' })
  now += 5 * 60_000 + 1
  t.equal((await form(api, '/masuk', { login: 'made.bendahara', pin: PIN })).status, 303, 'after the lock, the right PIN signs in and clears the count')
  t.equal((await form(api, '/masuk', { login: 'made.bendahara', pin: '000001' })).status, 401, 'the count started again')
  t.equal((await form(api, '/masuk', { login: 'nobody', pin: PIN })).status, 401)
  const outcomes = (await api.get(`/v1/groups/${groupId}/sign-in-attempts`)).json.items.map((a: { outcome: string }) => a.outcome)
  t.same(outcomes, ['wrong_pin', 'signed_in', 'locked', 'wrong_pin', 'wrong_pin', 'wrong_pin', 'wrong_pin', 'wrong_pin', 'signed_in'])
})

t.test('a new invitation ends the old link; a revoked person is signed out at once and cannot sign in', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const groupId = await groupOf(api)
  const first = await invite(api, groupId, 'ketut')
  const again = await api.post(`/v1/groups/${groupId}/people/${first.id}/invitations`, {})
  t.equal(again.status, 201)
  t.equal((await form(api, first.path, { pin: PIN, pin2: PIN })).status, 410, 'the first link no longer works')
  const signed = await form(api, again.json.invitation.path as string, { pin: PIN, pin2: PIN })
  t.equal(signed.status, 303)
  const page = async (): Promise<number> => (await api.app.inject({ method: 'GET', url: `/g/${groupId}/beranda`, headers: { cookie: signed.cookie } })).statusCode
  t.equal(await page(), 200)
  const revoked = await api.post(`/v1/groups/${groupId}/people/${first.id}/revocation`, {})
  t.equal(revoked.status, 200)
  t.equal(revoked.json.status, 'dicabut')
  t.equal(await page(), 303, 'her session ended')
  t.equal((await form(api, '/masuk', { login: 'ketut', pin: PIN })).status, 401)
  t.equal((await api.post(`/v1/groups/${groupId}/people/${first.id}/invitations`, {})).status, 400, 'a revoked person is invited again as someone new')
  t.equal((await api.post(`/v1/groups/${groupId}/people/psn_none/revocation`, {})).json.code, 'PERSON_NOT_FOUND')
  const otherGroup = await groupOf(api)
  t.equal((await api.post(`/v1/groups/${otherGroup}/people/${first.id}/revocation`, {})).json.code, 'PERSON_NOT_FOUND', 'a person of another group is not found here')
})

t.test('only the ketua or the admin manages people and keys; a key made for an integrator is shown once', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const groupId = await groupOf(api)
  const treasurer = (await api.post('/v1/api-keys', { name: 'Bendahara', role: 'treasurer', groupIds: [groupId] })).json.key as string
  const refused = await api.post(`/v1/groups/${groupId}/people`, { name: 'X', login: 'xyz', role: 'ketua' }, { authorization: `Bearer ${treasurer}` })
  t.equal(refused.status, 403)
  t.match(refused.json.detail, /ketua or the pengelola/)
  const key = await api.post(`/v1/groups/${groupId}/api-keys`, { name: 'Aplikasi kasir BUMDes', role: 'integrator' })
  t.equal(key.status, 201)
  t.match(key.json.key, /^lmb_/)
  const listed = (await api.get(`/v1/groups/${groupId}/api-keys`)).json.items
  await invite(api, groupId, 'made')
  t.same(listed.map((k: { name: string }) => k.name).sort(), ['Aplikasi kasir BUMDes', 'Bendahara'], 'the keys of this group alone (people\'s keys are listed as people)')
  t.equal((await api.get(`/v1/groups/${groupId}/api-keys`)).json.items.length, 2, 'an invited person\'s key is not among them')
  t.notOk(JSON.stringify(listed).includes(key.json.key as string))
  t.equal((await api.get(`/v1/groups/${groupId}`, key.json.key as string)).status, 200)
  t.equal((await api.post(`/v1/groups/${groupId}/api-keys/${key.json.id as string}/revocation`, {})).status, 200)
  t.equal((await api.get(`/v1/groups/${groupId}`, key.json.key as string)).status, 401, 'revoked at once')
  t.equal((await api.post(`/v1/groups/${groupId}/api-keys`, { name: 'X', role: 'treasurer' })).status, 400, 'integrator or auditor only')
})

t.test('the setup link: made while no one has set up, used once, and none after', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const env = api.app.lumbung.env
  const first = await api.store.db.transaction().execute(async tx => await setupLinkIfNeeded(tx, env))
  const second = await api.store.db.transaction().execute(async tx => await setupLinkIfNeeded(tx, env))
  if (first === null || second === null) throw new Error('no setup link')
  t.equal((await api.app.inject({ method: 'GET', url: `/mulai/${first.token}` })).statusCode, 410, 'a new start replaced the first link')
  const fields = { kelompok: 'Kelompok P2WKSS Mawar', jenis: 'p2wkss', desa: 'Abiansemal', nama: 'Bu Ketut', peran: 'ketua', login: '0812 1111 2222', pin: PIN, pin2: PIN }
  t.match((await form(api, `/mulai/${second.token}`, { ...fields, login: '!' })).body, /Tulis nomor HP/, 'a bad login is shown next to its field')
  const done = await form(api, `/mulai/${second.token}`, fields)
  t.equal(done.status, 303)
  const groups = (await api.get('/v1/groups')).json.items
  t.same(groups.map((g: { name: string }) => g.name), ['Kelompok P2WKSS Mawar'])
  const log = (await api.get(`/v1/groups/${groups[0].id as string}/audit-log`)).json.items
  t.ok(log.length === 0 || log.every((l: { actor: { name: string } }) => l.actor.name === 'Bu Ketut'))
  const people = (await api.get(`/v1/groups/${groups[0].id as string}/people`)).json.items
  t.match(people, [{ name: 'Bu Ketut', role: 'ketua', login: '081211112222', status: 'aktif' }])
  t.equal((await form(api, `/mulai/${second.token}`, fields)).status, 410, 'the setup link works once')
  t.equal(await api.store.db.transaction().execute(async tx => await setupLinkIfNeeded(tx, env)), null, 'set up: no more setup links')
  t.equal((await form(api, '/masuk', { login: '081211112222', pin: PIN })).status, 303)
})

t.test('the database refuses to change or delete people and sign-in attempts', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const groupId = await groupOf(api)
  const { path } = await invite(api, groupId, 'wayan')
  await form(api, path, { pin: PIN, pin2: PIN })
  await form(api, '/masuk', { login: 'wayan', pin: '000001' })
  for (const statement of ['UPDATE people SET role = \'ketua\'', 'DELETE FROM people', 'UPDATE sign_in_attempts SET outcome = \'signed_in\'', 'DELETE FROM sign_in_attempts']) {
    await t.rejects(sql.raw(statement).execute(api.store.db), statement)
  }
  t.equal((await api.get(`/v1/groups/${groupId}/people`)).json.items[0].role, 'bendahara')
})
