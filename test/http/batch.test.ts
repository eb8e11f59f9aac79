import t from 'tap'
import { groupWithGrant, testApi } from '../helpers.js'

const entry = (amount: string, account = '5101'): unknown => ({ date: '2025-01-20', description: `Belanja ${amount}`, lines: [{ account, debit: amount }, { account: '1101', credit: amount }] })

t.test('an atomic batch posts every entry or none', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const gid = await groupWithGrant(api, '100000')
  const ok = await api.post(`/v1/groups/${gid}/journal-entries/batch`, { mode: 'atomic', entries: [entry('10000'), entry('20000'), entry('30000')] })
  t.equal(ok.status, 201)
  t.same(ok.json.results.map((r: { index: number, status: number, entry: { seq: number } }) => [r.index, r.status, r.entry.seq]), [[0, 201, 2], [1, 201, 3], [2, 201, 4]])
  const bad = await api.post(`/v1/groups/${gid}/journal-entries/batch`, { mode: 'atomic', entries: [entry('1000'), entry('1000', '9999'), entry('1000')] })
  t.equal(bad.status, 422)
  t.equal(bad.json.code, 'UNKNOWN_ACCOUNT')
  t.match(bad.json.detail, /^entries\[1\]/)
  const malformed = await api.post(`/v1/groups/${gid}/journal-entries/batch`, { mode: 'atomic', entries: [entry('1000'), { date: '2025-01-20', description: 'x', lines: [{ account: '5101', debit: '5', credit: '5' }, { account: '1101', credit: '5' }] }] })
  t.equal(malformed.status, 400)
  t.equal(malformed.json.errors[0].path, '/body/entries/1/lines/0')
  const tooMuch = await api.post(`/v1/groups/${gid}/journal-entries/batch`, { mode: 'atomic', entries: [entry('30000'), entry('30001')] })
  t.equal(tooMuch.json.code, 'INSUFFICIENT_FUNDS', 'cash is checked entry by entry, seeing the ones before it')
  const v = await api.get(`/v1/groups/${gid}/verify`)
  t.match(v.json, { valid: true, entries: 4 }, 'the refused batches left nothing behind')
})

t.test('an independent batch: each entry stands or falls on its own, in one commit', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const gid = await groupWithGrant(api, '100000')
  const r = await api.post(`/v1/groups/${gid}/journal-entries/batch`, {
    mode: 'independent',
    entries: [entry('10000'), entry('1000', '9999'), entry('95000'), { date: '2025-01-20', description: 'x', lines: [{ account: '5101', debit: '5', credit: '5' }, { account: '1101', credit: '5' }] }, entry('20000')]
  })
  t.equal(r.status, 200)
  t.same(r.json.results.map((x: { status: number, problem?: { code: string } }) => [x.status, x.problem?.code ?? null]), [
    [201, null], [422, 'UNKNOWN_ACCOUNT'], [422, 'INSUFFICIENT_FUNDS'], [400, 'VALIDATION_FAILED'], [201, null]
  ])
  t.match(r.json.results[3].problem, { detail: '/body/entries/3/lines/0: must have exactly one of debit and credit', errors: [{ path: '/body/entries/3/lines/0' }] },
    'the field a refused item names is a pointer into the batch body')
  t.same(r.json.results.filter((x: { entry?: unknown }) => x.entry !== undefined).map((x: { entry: { seq: number } }) => x.entry.seq), [2, 3], 'the posted entries keep a gapless chain')
  t.match((await api.get(`/v1/groups/${gid}/verify`)).json, { valid: true, entries: 3 })
  const kas = (await api.get(`/v1/groups/${gid}/accounts`)).json.items.find((a: { code: string }) => a.code === '1101')
  t.equal(kas.balance, '70000')
  const big = await api.post(`/v1/groups/${gid}/journal-entries/batch`, { mode: 'independent', entries: Array.from({ length: 1001 }, () => entry('1')) })
  t.equal(big.status, 400)
  const replay = await api.post(`/v1/groups/${gid}/journal-entries/batch`, { mode: 'independent', entries: [entry('1')] }, { 'idempotency-key': 'b1' })
  const again = await api.post(`/v1/groups/${gid}/journal-entries/batch`, { mode: 'independent', entries: [entry('1')] }, { 'idempotency-key': 'b1' })
  t.same(again.json, replay.json)
  t.equal(again.headers['idempotent-replayed'], 'true')
})

t.test('a batch of 1000 entries posts in one request', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const gid = await groupWithGrant(api, '10000000')
  const r = await api.post(`/v1/groups/${gid}/journal-entries/batch`, { mode: 'atomic', entries: Array.from({ length: 1000 }, (_, i) => entry(String(1000 + i))) })
  t.equal(r.status, 201)
  t.equal(r.json.results.length, 1000)
  const v = await api.get(`/v1/groups/${gid}/verify`)
  t.match(v.json, { valid: true, entries: 1001 })
  const tb = await api.get(`/v1/groups/${gid}/trial-balance?asOf=2025-12-31`)
  t.equal(tb.json.totals.debit, tb.json.totals.credit)
})
