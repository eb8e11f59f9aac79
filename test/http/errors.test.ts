import t from 'tap'
import { groupWithGrant, testApi } from '../helpers.js'

t.test('every /v1 route wants a bearer token; health and docs do not', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const none = await api.get('/v1/groups', null)
  t.equal(none.status, 401)
  t.equal(none.json.code, 'UNAUTHORIZED')
  t.equal(none.headers['www-authenticate'], 'Bearer realm="lumbung"')
  t.match(none.headers['content-type'], /application\/problem\+json/)
  t.equal((await api.get('/v1/groups', 'wrong-token')).status, 401)
  t.same((await api.get('/health', null)).json, { status: 'ok', mode: 'read-write' })
  t.equal((await api.get('/openapi.json', null)).status, 200)
  const docs = await api.app.inject({ method: 'GET', url: '/docs/' })
  t.equal(docs.statusCode, 200)
})

t.test('malformed input is a 400 naming the field, and changes nothing', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const gid = await groupWithGrant(api)
  const url = `/v1/groups/${gid}/journal-entries`
  const line = (amount: unknown): unknown => ({ date: '2025-01-20', description: 'x', lines: [{ account: '1101', debit: amount }, { account: '3201', credit: '100' }] })
  for (const [amount, why] of [['1.5', 'fraction'], ['-100', 'negative'], ['0', 'zero'], ['1e5', 'exponent'], ['12a', 'non-digit'], ['1000000000000001', 'over 10^15'], [100, 'a JSON number'], ['01', 'leading zero']] as const) {
    const r = await api.post(url, line(amount))
    t.equal(r.status, 400, why)
    t.equal(r.json.code, 'VALIDATION_FAILED', why)
    t.equal(r.json.errors[0].path, '/body/lines/0/debit', why)
  }
  const badDate = await api.post(url, { date: '2025-02-30', description: 'x', lines: [] })
  t.same(badDate.json.errors.map((e: { path: string }) => e.path), ['/body/date'])
  const unknown = await api.post(url, { date: '2025-01-20', description: 'x', lines: [], memo: 'extra' })
  t.match(unknown.json.errors, [{ path: '/body/memo', message: 'is not a known field' }])
  const both = await api.post(url, { date: '2025-01-20', description: 'x', lines: [{ account: '1101', debit: '5', credit: '5' }, { account: '3201', credit: '5' }] })
  t.match(both.json, { status: 400, errors: [{ path: '/body/lines/0' }] })
  const missing = await api.post(`/v1/groups/${gid}/grants`, { date: '2025-01-10', source: 'x' })
  t.match(missing.json.errors, [{ path: '/body/amount', message: 'is required' }])
  const blank = await api.post('/v1/groups', { name: '   ', kind: 'p2wkss' })
  t.match(blank.json.errors, [{ path: '/body/name', message: 'must not be blank' }])
  const kind = await api.post('/v1/groups', { name: 'x', kind: 'arisan' })
  t.match(kind.json.errors, [{ path: '/body/kind' }])
  t.equal((await api.get(`/v1/groups/${gid}/trial-balance?asOf=yesterday`)).json.errors[0].path, '/query/asOf')
  t.equal((await api.get(`/v1/groups/${gid}/verify`)).json.entries, 1, 'nothing was written')
})

t.test('broken JSON, the wrong content type and an oversized body are clear 4xx problems', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const headers = { authorization: 'Bearer test-admin-token-0123456789' }
  const broken = await api.app.inject({ method: 'POST', url: '/v1/groups', headers: { ...headers, 'content-type': 'application/json' }, payload: '{"name":' })
  t.equal(broken.statusCode, 400)
  t.equal(broken.json().code, 'MALFORMED_JSON')
  const text = await api.app.inject({ method: 'POST', url: '/v1/groups', headers: { ...headers, 'content-type': 'text/plain' }, payload: 'hello' })
  t.equal(text.statusCode, 415)
  t.equal(text.json().code, 'UNSUPPORTED_MEDIA_TYPE')
  const huge = await api.app.inject({ method: 'POST', url: '/v1/groups', headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), kind: 'pkk' }) })
  t.equal(huge.statusCode, 413)
  t.equal(huge.json().code, 'PAYLOAD_TOO_LARGE')
  const nowhere = await api.get('/v1/nowhere')
  t.equal(nowhere.status, 404)
  t.equal(nowhere.json.code, 'ROUTE_NOT_FOUND')
})

t.test('ledger rules are 422s that change nothing', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-06-01T00:00:00Z') } })
  t.teardown(api.close)
  const gid = await groupWithGrant(api)
  const url = `/v1/groups/${gid}/journal-entries`
  const cases: Array<[unknown, string]> = [
    [[{ account: '1101', debit: '2500000' }, { account: '3201', credit: '2400000' }], 'ENTRY_UNBALANCED'],
    [[{ account: '1101', debit: '100' }], 'ENTRY_TOO_FEW_LINES'],
    [[{ account: '1101', debit: '100' }, { account: '9999', credit: '100' }], 'UNKNOWN_ACCOUNT']
  ]
  for (const [lines, code] of cases) {
    const r = await api.post(url, { date: '2025-01-20', description: 'x', lines })
    t.equal(r.status, 422, code)
    t.equal(r.json.code, code)
    t.match(r.json.type, /^\/problems\//)
  }
  const future = await api.post(url, { date: '2025-06-03', description: 'x', lines: [{ account: '5101', debit: '1' }, { account: '1101', credit: '1' }] })
  t.equal(future.json.code, 'DATE_IN_FUTURE')
  const notExpense = await api.post(`/v1/groups/${gid}/expenses`, { date: '2025-01-20', amount: '1', account: '3201', description: 'x' })
  t.equal(notExpense.json.code, 'ACCOUNT_NOT_ALLOWED')
  const v = await api.get(`/v1/groups/${gid}/verify`)
  t.equal(v.json.entries, 1)
  t.equal((await api.get(`/v1/groups/${gid}/journal-entries/ent_nope`)).json.code, 'ENTRY_NOT_FOUND')
})

t.test('field names in error paths are escaped as JSON pointers (found by the bad-input campaign)', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const r = await api.post('/v1/groups', { name: 'x', kind: 'pkk', 'a/b~c': 1 })
  t.equal(r.status, 400)
  t.same(r.json.errors, [{ path: '/body/a~1b~0c', message: 'is not a known field' }])
})

t.test('a lone surrogate in any text is refused, so no stored entry can drift from its hash (found by the bad-input campaign)', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-06-01T00:00:00Z') } })
  t.teardown(api.close)
  const gid = await groupWithGrant(api)
  const raw = async (url: string, payload: string): Promise<{ statusCode: number, json: () => { code: string, errors: Array<{ path: string }> } }> =>
    await api.app.inject({ method: 'POST', url, headers: { authorization: 'Bearer test-admin-token-0123456789', 'content-type': 'application/json' }, payload })
  const lone = await raw(`/v1/groups/${gid}/journal-entries`, '{"date":"2025-01-20","description":"\\ud800","lines":[{"account":"1101","debit":"1"},{"account":"3202","credit":"1"}]}')
  t.equal(lone.statusCode, 400)
  t.equal(lone.json().errors[0]?.path, '/body/description')
  const src = await raw(`/v1/groups/${gid}/donations`, '{"date":"2025-01-20","amount":"1","source":"x\\udfff"}')
  t.equal(src.json().errors[0]?.path, '/body/source')
  // NUL: PostgreSQL's text cannot hold it (the campaign's PostgreSQL pass got a 500), so both databases refuse it alike.
  const nul = await raw(`/v1/groups/${gid}/members`, '{"name":"Ni\\u0000Sari"}')
  t.equal(nul.statusCode, 400)
  t.equal(nul.json().errors[0]?.path, '/body/name')
  const emoji = await raw(`/v1/groups/${gid}/journal-entries`, '{"date":"2025-01-20","description":"Konsumsi \\ud83c\\udf5a","lines":[{"account":"1101","debit":"1"},{"account":"3202","credit":"1"}]}')
  t.equal(emoji.statusCode, 201, 'a real emoji (a surrogate pair) is fine')
  t.equal((await api.get(`/v1/groups/${gid}/verify`)).json.valid, true)
})

t.test('a field the domain names becomes a pointer into the part of the request it came from', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const gid = await groupWithGrant(api)
  const cursor = await api.get(`/v1/groups/${gid}/journal-entries?cursor=bm90LWEtY3Vyc29y`)
  t.equal(cursor.status, 400)
  t.same(cursor.json.errors, [{ path: '/query/cursor', message: 'unknown cursor' }], 'a read names its query')
  const card = await api.get(`/v1/groups/${gid}/statements/loan-card`)
  t.same(card.json.errors, [{ path: '/query/loanId', message: 'is required for the loan card' }])
  t.equal(card.json.detail, '/query/loanId: is required for the loan card', 'the detail names the pointer too')
  const admin = await api.post('/v1/api-keys', { name: 'x', role: 'admin', groupIds: [gid] })
  t.equal(admin.json.errors[0].path, '/body/groupIds', 'a write names its body')
  t.match(admin.json.detail, /^\/body\/groupIds: an admin key is global/)
})
