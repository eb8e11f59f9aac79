import t from 'tap'
import { groupWithGrant, testApi } from '../helpers.js'

t.test('the same key and body replays the first answer without writing again', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const gid = await groupWithGrant(api)
  const body = { date: '2025-01-20', amount: '60000', account: '5101', description: 'Konsumsi rapat' }
  const first = await api.post(`/v1/groups/${gid}/expenses`, body, { 'idempotency-key': 'rapat-jan-konsumsi' })
  t.equal(first.status, 201)
  t.equal(first.headers['idempotent-replayed'], undefined)
  const again = await api.post(`/v1/groups/${gid}/expenses`, { description: 'Konsumsi rapat', account: '5101', amount: '60000', date: '2025-01-20' }, { 'idempotency-key': 'rapat-jan-konsumsi' })
  t.equal(again.status, 201)
  t.equal(again.headers['idempotent-replayed'], 'true')
  t.same(again.json, first.json)
  t.equal((await api.get(`/v1/groups/${gid}/verify`)).json.entries, 2, 'one grant and one expense')
  const other = await api.post(`/v1/groups/${gid}/expenses`, { ...body, amount: '70000' }, { 'idempotency-key': 'rapat-jan-konsumsi' })
  t.equal(other.status, 422)
  t.equal(other.json.code, 'IDEMPOTENCY_KEY_REUSED')
  t.equal((await api.get(`/v1/groups/${gid}/verify`)).json.entries, 2)
})

t.test('a refusal is remembered under its key: the retry gets the same refusal even after things change', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const gid = await groupWithGrant(api, '50000')
  const body = { date: '2025-01-20', amount: '60000', account: '5101', description: 'Konsumsi' }
  const first = await api.post(`/v1/groups/${gid}/expenses`, body, { 'idempotency-key': 'k1' })
  t.equal(first.json.code, 'INSUFFICIENT_FUNDS')
  await api.post(`/v1/groups/${gid}/donations`, { date: '2025-01-15', amount: '50000', source: 'Kepala desa' })
  const retry = await api.post(`/v1/groups/${gid}/expenses`, body, { 'idempotency-key': 'k1' })
  t.equal(retry.status, 422)
  t.equal(retry.json.code, 'INSUFFICIENT_FUNDS')
  t.equal(retry.headers['idempotent-replayed'], 'true')
  const fresh = await api.post(`/v1/groups/${gid}/expenses`, body, { 'idempotency-key': 'k2' })
  t.equal(fresh.status, 201)
})

t.test('identical requests in flight at once execute exactly once', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const gid = await groupWithGrant(api)
  const body = { date: '2025-01-20', amount: '1000', account: '5101', description: 'Teh' }
  const answers = await Promise.all(Array.from({ length: 10 }, async () => await api.post(`/v1/groups/${gid}/expenses`, body, { 'idempotency-key': 'same' })))
  t.same(new Set(answers.map(a => a.status)), new Set([201]))
  t.equal(new Set(answers.map(a => a.json.id as string)).size, 1)
  t.equal(answers.filter(a => a.headers['idempotent-replayed'] === 'true').length, 9)
  t.equal((await api.get(`/v1/groups/${gid}/verify`)).json.entries, 2)
})

t.test('concurrent writes without keys all commit, in one gapless chain', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const gid = await groupWithGrant(api, '10000')
  // 15 expenses of 1.000 against a box of 10.000: exactly ten fit.
  const answers = await Promise.all(Array.from({ length: 15 }, async (_, i) => await api.post(`/v1/groups/${gid}/expenses`, { date: '2025-01-20', amount: '1000', account: '5101', description: `e${i}` })))
  t.equal(answers.filter(a => a.status === 201).length, 10)
  t.equal(answers.filter(a => a.json.code === 'INSUFFICIENT_FUNDS').length, 5)
  const v = await api.get(`/v1/groups/${gid}/verify`)
  t.match(v.json, { valid: true, entries: 11 })
  const kas = (await api.get(`/v1/groups/${gid}/accounts`)).json.items.find((a: { code: string }) => a.code === '1101')
  t.equal(kas.balance, '0')
})

t.test('concurrent writes share commits (group commit), each still answered on its own', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const gid = await groupWithGrant(api, '1000000')
  const before = { ...api.app.lumbung.writer.stats }
  const answers = await Promise.all(Array.from({ length: 50 }, async (_, i) =>
    await api.post(`/v1/groups/${gid}/expenses`, { date: '2025-01-20', amount: i === 7 ? '99999999' : '1000', account: '5101', description: `e${i}` })))
  const commits = api.app.lumbung.writer.stats.commits - before.commits
  const writes = api.app.lumbung.writer.stats.writes - before.writes
  t.equal(writes, 51, 'the 50 requests and the audit line of the refused one')
  t.ok(commits < 50, `50 writes in ${commits} commits`)
  t.equal(answers.filter(a => a.status === 201).length, 49, 'one refusal in a batch does not disturb the others')
  t.equal(answers[7]?.json.code, 'INSUFFICIENT_FUNDS')
  t.same((await api.get(`/v1/groups/${gid}/journal-entries?limit=500`)).json.items.map((e: { seq: number }) => e.seq), Array.from({ length: 50 }, (_, i) => i + 1), 'the chain stays gapless')
})
