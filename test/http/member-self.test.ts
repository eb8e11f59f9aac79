import t, { type Test } from 'tap'
import { testApi, type Api } from '../helpers.js'
import { cookieOf, memberSignIn } from '../web/pages.js'

/*
 * A member's own view (issue 18): the bendahara gives a member a sign-in; signed in, her session reads /v1/me (her
 * passbook, loans, SHU, receipts, her group's summary) and nothing else: every other /v1 route of the OpenAPI document
 * refuses her, and no answer she gets names another member.
 */

const form = (fields: Record<string, string>) => ({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() })

interface Books { api: Api, gid: string, other: string, sari: string, wayan: string, sariLoan: string, wayanLoan: string }

/** A KUBE group with two members who both save and borrow, and another group; Sari repays once. */
async function books (t: Test): Promise<Books> {
  const api = await testApi({ env: { now: () => new Date('2025-03-20T02:00:00Z') } })
  t.teardown(api.close)
  const gid = (await api.post('/v1/groups', { name: 'KUBE Mawar', kind: 'kube' })).json.id as string
  const other = (await api.post('/v1/groups', { name: 'PKK Melati', kind: 'pkk' })).json.id as string
  const g = `/v1/groups/${gid}`
  const sari = (await api.post(`${g}/members`, { name: 'Ni Made Sari' })).json.id as string
  const wayan = (await api.post(`${g}/members`, { name: 'Ni Wayan Rai' })).json.id as string
  await api.post(`${g}/grants`, { date: '2025-01-01', amount: '5000000', source: 'Dinas' })
  await api.post(`${g}/meetings`, { date: '2025-01-05', attendees: [sari, wayan], decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '1.5', ratePer: 'month' }, { type: 'general', text: 'Arisan bulan depan di rumah Bu Sari' }] })
  for (const [m, amount] of [[sari, '20000'], [wayan, '35000']] as const) t.equal((await api.post(`${g}/savings`, { memberId: m, kind: 'wajib', date: '2025-01-10', amount })).status, 201)
  const loan = async (m: string, principal: string): Promise<string> => (await api.post(`${g}/loans`, { memberId: m, principal, termCount: 10, frequency: 'monthly', disbursedOn: '2025-01-10' })).json.id as string
  const sariLoan = await loan(sari, '1000000')
  const wayanLoan = await loan(wayan, '700000')
  t.equal((await api.post(`${g}/loans/${sariLoan}/repayments`, { date: '2025-02-10', amount: '115000' })).status, 201)
  return { api, gid, other, sari, wayan, sariLoan, wayanLoan }
}

const signIn = memberSignIn

t.test('a member signs in with the PIN the bendahara set, and reads her own figures and only hers', async t => {
  const b = await books(t)
  const granted = await b.api.post(`/v1/groups/${b.gid}/members/${b.sari}/sign-in`, { login: '0812 1111 2222', pin: '482913' })
  t.equal(granted.status, 201)
  t.match(granted.json, { memberId: b.sari, person: { login: '081211112222', role: 'anggota', status: 'aktif' }, invitation: null })
  const { token, location } = await signIn(b.api, '081211112222', '482913')
  t.equal(location, '/saya', 'her own page, not the group\'s screens')
  const me = async (path: string): Promise<{ status: number, json: any }> => await b.api.get(`/v1/me${path}`, token) // eslint-disable-line @typescript-eslint/no-explicit-any
  t.same((await me('')).json.member.id, b.sari)
  const savings = (await me('/savings')).json
  t.same([savings.memberId, savings.balances.wajib, savings.rows.length], [b.sari, '20000', 1], 'her passbook')
  const loans = (await me('/loans')).json.items as Array<{ id: string, outstanding: { principal: string } }>
  t.same(loans.map(l => [l.id, l.outstanding.principal]), [[b.sariLoan, '900000']], 'her loan, with what is left')
  t.equal((await me(`/loans/${b.sariLoan}`)).status, 200)
  t.same([(await me(`/loans/${b.wayanLoan}`)).status, (await me(`/loans/${b.wayanLoan}`)).json.code], [404, 'LOAN_NOT_FOUND'], 'another member\'s loan does not exist for her')
  const receipts = (await me('/receipts')).json.items as Array<{ path: string, date: string }>
  t.same(receipts.map(r => r.date), ['2025-02-10', '2025-01-10', '2025-01-10'], 'her repayment, her loan and her deposit, newest first')
  const receipt = await b.api.app.inject({ method: 'GET', url: receipts[0]?.path ?? '' })
  t.equal(receipt.statusCode, 200, 'each receipt link opens its receipt page')
  const group = (await me('/group')).json
  t.match(group, { group: { id: b.gid }, kas: '3470000', lastMeeting: { date: '2025-01-05' } }, 'Kas: 5.000.000 granted + 55.000 saved − 1.700.000 lent + 115.000 repaid')
  t.same((await me('/shu')).json, { shares: [], owed: [], payouts: [] })
  for (const p of ['', '/savings', '/loans', `/loans/${b.sariLoan}`, '/shu', '/receipts', '/group']) {
    const all = JSON.stringify((await me(p)).json)
    t.notOk(all.includes(b.wayan) || all.includes('Wayan') || all.includes(b.wayanLoan) || all.includes('"35000"'), `nothing at /v1/me${p} names another member or her figures`)
  }
})

t.test('a member\'s session is refused on every other /v1 route of the OpenAPI document, and writes nothing', async t => {
  const b = await books(t)
  await b.api.post(`/v1/groups/${b.gid}/members/${b.sari}/sign-in`, { login: '081211112222', pin: '482913' })
  const { token } = await signIn(b.api, '081211112222', '482913')
  const doc = JSON.parse((await b.api.app.inject({ method: 'GET', url: '/openapi.json' })).body) as { paths: Record<string, Record<string, unknown>> }
  const before = await b.api.store.db.selectFrom('journal_entries').select(eb => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  let checked = 0
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!path.startsWith('/v1') || path.startsWith('/v1/me')) continue
    for (const method of Object.keys(ops)) {
      for (const groupId of [b.gid, b.other]) {
        // Her own id, her loan, her member id: the most tempting values a member could put in a path.
        const url = path.replace('{groupId}', groupId).replace('{memberId}', b.sari).replace('{loanId}', b.sariLoan).replace(/\{[a-zA-Z]+\}/g, 'x_1')
        const r = await b.api.app.inject({ method: method.toUpperCase() as 'GET', url, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(method === 'get' ? {} : { payload: '{}' }) })
        const code = (r.body.startsWith('{') ? JSON.parse(r.body) as { code?: string } : {}).code
        const label = `${method.toUpperCase()} ${url}`
        if (groupId === b.gid || !path.includes('{groupId}')) t.same([r.statusCode, code], [403, 'FORBIDDEN'], label)
        else t.same([r.statusCode, code], [404, 'GROUP_NOT_FOUND'], label)
        checked++
      }
    }
  }
  t.ok(checked > 100, `${checked} route calls refused`)
  const after = await b.api.store.db.selectFrom('journal_entries').select(eb => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  t.same(after, before, 'not one entry written')
  // And her key is not a treasurer's, an auditor's nor an admin's: /v1/me refuses everyone else.
  const treasurer = (await b.api.post('/v1/api-keys', { name: 'Bendahara', role: 'treasurer', groupIds: [b.gid] })).json.key as string
  for (const who of [treasurer, undefined]) t.same((await b.api.get('/v1/me', who)).json.code, 'FORBIDDEN')
})

t.test('the one-time link: the bendahara sends it, she chooses her PIN there and lands on her page; renewing it ends the old PIN', async t => {
  const b = await books(t)
  const treasurer = (await b.api.post('/v1/api-keys', { name: 'Bendahara', role: 'treasurer', groupIds: [b.gid] })).json.key as string
  const auditor = (await b.api.post('/v1/api-keys', { name: 'Pengawas', role: 'auditor', groupIds: [b.gid] })).json.key as string
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` })
  const url = `/v1/groups/${b.gid}/members/${b.wayan}/sign-in`
  t.same((await b.api.post(url, {}, bearer(treasurer))).json.code, 'VALIDATION_FAILED', 'no login given')
  t.same((await b.api.post(url, { login: '0813 3333 4444' }, bearer(auditor))).status, 403, 'a pengawas gives no sign-ins')
  t.same((await b.api.post(`/v1/groups/${b.gid}/members/mbr_none/sign-in`, { login: '0813 3333 4444' }, bearer(treasurer))).json.code, 'MEMBER_NOT_FOUND')
  t.same((await b.api.post(url, { login: '0813 3333 4444', pin: '123456' }, bearer(treasurer))).json.code, 'VALIDATION_FAILED', 'a PIN too easy to guess')
  const sent = await b.api.post(url, { login: '0813 3333 4444' }, bearer(treasurer))
  t.equal(sent.status, 201)
  t.match(sent.json, { person: { login: '081333334444', status: 'diundang' }, invitation: { path: /^\/undangan\// } }, 'a one-time link to choose her PIN')
  const chosen = await b.api.app.inject({ method: 'POST', url: sent.json.invitation.path, ...form({ pin: '730519', pin2: '730519' }) })
  t.same([chosen.statusCode, chosen.headers.location], [303, '/saya'])
  const page = await b.api.app.inject({ method: 'GET', url: '/saya', headers: { cookie: cookieOf(chosen) } })
  t.equal(page.statusCode, 200)
  t.match(page.body, /Buku Ni Wayan Rai/)
  t.match(page.body, /Rp\u00a035\.000/, 'her wajib')
  t.notMatch(page.body, /Ni Made Sari/, 'not the other member')
  const groupPage = await b.api.app.inject({ method: 'GET', url: `/g/${b.gid}/anggota`, headers: { cookie: cookieOf(chosen) } })
  t.same([groupPage.statusCode, groupPage.headers.location], [303, '/saya'], 'the group\'s screens send her back to her page')
  t.equal((await b.api.app.inject({ method: 'POST', url: sent.json.invitation.path, ...form({ pin: '730519', pin2: '730519' }) })).statusCode, 410, 'the link works once')
  const renewed = await b.api.post(url, { login: '081333334444', pin: '604281' }, bearer(treasurer))
  t.match(renewed.json, { person: { id: sent.json.person.id, status: 'aktif' }, invitation: null }, 'asked again, her sign-in is renewed, not doubled')
  t.equal((await b.api.app.inject({ method: 'POST', url: '/masuk', ...form({ login: '081333334444', pin: '730519' }) })).statusCode, 401, 'the old PIN no longer opens')
  t.equal((await signIn(b.api, '081333334444', '604281')).location, '/saya')
  t.same((await b.api.post(url, { login: '0899 0000 1111' }, bearer(treasurer))).json.code, 'VALIDATION_FAILED', 'a sign-in keeps its login')
  t.same((await b.api.post(`/v1/groups/${b.gid}/members/${b.sari}/sign-in`, { login: '081333334444' }, bearer(treasurer))).json.code, 'LOGIN_TAKEN')
  t.same((await b.api.post('/v1/api-keys', { name: 'x', role: 'member', groupIds: [b.gid] })).json.code, 'VALIDATION_FAILED', 'a member key is never made over /v1/api-keys')
})

t.test('revoking a member\'s sign-in ends her session at once', async t => {
  const b = await books(t)
  const granted = await b.api.post(`/v1/groups/${b.gid}/members/${b.sari}/sign-in`, { login: '081211112222', pin: '482913' })
  const { token, cookie } = await signIn(b.api, '081211112222', '482913')
  t.equal((await b.api.get('/v1/me', token)).status, 200)
  t.equal((await b.api.post(`/v1/groups/${b.gid}/people/${granted.json.person.id as string}/revocation`, {})).status, 200)
  t.equal((await b.api.get('/v1/me', token)).status, 401)
  const page = await b.api.app.inject({ method: 'GET', url: '/saya', headers: { cookie } })
  t.same([page.statusCode, page.headers.location], [303, '/masuk'])
  const people = (await b.api.get(`/v1/groups/${b.gid}/people`)).json.items as Array<{ role: string, status: string }>
  t.same(people.map(p => [p.role, p.status]), [['anggota', 'dicabut']], 'the group\'s people list shows her sign-in, revoked')
})
