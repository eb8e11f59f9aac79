import t from 'tap'
import { testApi, type Api } from '../helpers.js'

interface Keys { treasurerA: string, auditorA: string, integratorB: string, gA: string, gB: string }

async function setup (api: Api): Promise<Keys> {
  const gA = (await api.post('/v1/groups', { name: 'P2WKSS A', kind: 'p2wkss' })).json.id as string
  const gB = (await api.post('/v1/groups', { name: 'KUBE B', kind: 'kube' })).json.id as string
  await api.post(`/v1/groups/${gA}/grants`, { date: '2025-01-10', amount: '1000000', source: 'Dinas' })
  await api.post(`/v1/groups/${gB}/grants`, { date: '2025-01-10', amount: '1000000', source: 'Dinas' })
  const key = async (name: string, role: string, groupIds: string[]): Promise<string> => {
    const r = await api.post('/v1/api-keys', { name, role, groupIds })
    if (r.status !== 201) throw new Error(JSON.stringify(r.json))
    return r.json.key as string
  }
  return { gA, gB, treasurerA: await key('Bendahara A', 'treasurer', [gA]), auditorA: await key('Pengawas A', 'auditor', [gA]), integratorB: await key('Dashboard B', 'integrator', [gB]) }
}

const as = (api: Api, token: string) => ({
  get: async (url: string) => await api.get(url, token),
  post: async (url: string, body: unknown, headers: Record<string, string> = {}) => await api.post(url, body, { authorization: `Bearer ${token}`, ...headers })
})

t.test('keys: created by the admin, shown once, kept as a hash, listed without the key, revoked at once', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const k = await setup(api)
  const list = await api.get('/v1/api-keys')
  t.equal(list.json.items.length, 3)
  t.notOk(JSON.stringify(list.json).includes(k.treasurerA), 'the key itself is never listed')
  const rows = await api.store.db.selectFrom('api_keys').select('key_hash').execute()
  t.notOk(rows.some(r => r.key_hash === k.treasurerA), 'only the hash is stored')
  t.equal((await as(api, k.treasurerA).get(`/v1/groups/${k.gA}`)).status, 200)
  const id = list.json.items.find((x: { name: string }) => x.name === 'Bendahara A').id as string
  const del = await api.app.inject({ method: 'DELETE', url: `/v1/api-keys/${id}`, headers: { authorization: 'Bearer test-admin-token-0123456789' } })
  t.equal(del.statusCode, 200)
  t.ok(del.json().revokedAt)
  const after = await as(api, k.treasurerA).get(`/v1/groups/${k.gA}`)
  t.equal(after.status, 401)
  t.equal(after.headers['www-authenticate'], 'Bearer realm="lumbung"')
  t.equal((await api.post('/v1/api-keys', { name: 'x', role: 'treasurer' })).json.errors[0].path, '/body/groupIds')
  t.equal((await api.post('/v1/api-keys', { name: 'x', role: 'auditor', groupIds: ['grp_none'] })).json.code, 'UNKNOWN_GROUP')
  t.equal((await as(api, k.auditorA).post('/v1/api-keys', { name: 'x', role: 'admin' })).status, 403)
})

t.test('the role × route matrix, in scope and out of scope', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const k = await setup(api)
  const doc = JSON.parse((await api.app.inject({ method: 'GET', url: '/openapi.json' })).body) as { paths: Record<string, Record<string, { config?: unknown }>> }
  const cases: Array<{ role: string, token: string, own: string, other: string, writes: boolean }> = [
    { role: 'treasurer', token: k.treasurerA, own: k.gA, other: k.gB, writes: true },
    { role: 'auditor', token: k.auditorA, own: k.gA, other: k.gB, writes: false },
    { role: 'integrator', token: k.integratorB, own: k.gB, other: k.gA, writes: true }
  ]
  let checked = 0
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!path.startsWith('/v1')) continue
    for (const method of Object.keys(ops)) {
      const adminOnly = path.startsWith('/v1/api-keys') || (path === '/v1/groups' && method === 'post')
      // A member's phone number and the outbox of messages to her are the treasurer's side's: read at the write level.
      const readOnly = (method === 'get' && !path.endsWith('/contact') && !/\/messages(\/\{messageId\})?$/.test(path)) || path.endsWith('/schedule-preview') || path.endsWith('/shu/preview') || path.endsWith('/repayment-preview')
      // A group's people and its integrators' keys: its ketua (a person) or the admin, none of these keys.
      // And where members' numbers are sent (the message gateway) and who is alerted (the monitors).
      const managersOnly = (method === 'post' && /^\/v1\/groups\/\{groupId\}\/(people|api-keys|place$)/.test(path)) || /^\/v1\/groups\/\{groupId\}\/(message-gateway|monitors)/.test(path)
      for (const c of cases) {
        for (const scope of ['own', 'other'] as const) {
          const url = path.replace('{groupId}', scope === 'own' ? c.own : c.other).replace(/\{[a-zA-Z]+\}/g, 'x_1')
          const r = await api.app.inject({ method: method.toUpperCase() as 'GET', url, headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' }, ...(method === 'get' ? {} : { payload: '{}' }) })
          const body = r.body.startsWith('{') ? JSON.parse(r.body) as { code?: string } : {}
          const label = `${c.role} ${method.toUpperCase()} ${path} (${scope} group)`
          checked++
          if (adminOnly) { t.equal(r.statusCode, 403, label); continue }
          // A member's own figures: her own key reads them (test/http/member-self.test.ts), no other key.
          if (path.startsWith('/v1/me')) { t.equal(r.statusCode, 403, label); continue }
          // Webhooks say where the books are sent: the admin or a ketua manage them, none of these keys even reads them.
          if (path.startsWith('/v1/webhooks')) { t.equal(r.statusCode, 403, label); continue }
          if (!path.includes('{groupId}')) { t.equal(r.statusCode, 200, label); continue }
          if (scope === 'other') { t.equal(body.code, 'GROUP_NOT_FOUND', label); continue }
          if ((!readOnly && !c.writes) || managersOnly) { t.equal(r.statusCode, 403, label); continue }
          t.not(r.statusCode, 403, label)
          t.not(body.code, 'GROUP_NOT_FOUND', label)
          t.ok(r.statusCode < 500, label)
        }
      }
    }
  }
  t.ok(checked > 100, `${checked} role × route × scope cases`)
})

t.test('the treasurer cannot see group B; the auditor exports but cannot post; the audit log names every actor', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const k = await setup(api)
  const treasurer = as(api, k.treasurerA)
  const auditor = as(api, k.auditorA)
  t.same((await treasurer.get('/v1/groups')).json.items.map((g: { id: string }) => g.id), [k.gA])
  t.equal((await treasurer.get(`/v1/groups/${k.gB}/accounts`)).status, 404)
  const spent = await treasurer.post(`/v1/groups/${k.gA}/expenses`, { date: '2025-01-20', amount: '60000', account: '5101', description: 'Konsumsi' })
  t.equal(spent.status, 201)
  t.equal(spent.json.actor.name, 'Bendahara A')
  const refused = await auditor.post(`/v1/groups/${k.gA}/expenses`, { date: '2025-01-20', amount: '1000', account: '5101', description: 'x' })
  t.equal(refused.status, 403)
  t.equal(refused.json.code, 'FORBIDDEN')
  const pdf = await api.app.inject({ method: 'GET', url: `/v1/groups/${k.gA}/statements/trial-balance?format=pdf`, headers: { authorization: `Bearer ${k.auditorA}` } })
  t.equal(pdf.statusCode, 200)
  t.equal((await api.app.inject({ method: 'GET', url: `/v1/groups/${k.gA}/audit-bundle`, headers: { authorization: `Bearer ${k.auditorA}` } })).statusCode, 200)
  const broke = await treasurer.post(`/v1/groups/${k.gA}/expenses`, { date: '2025-01-20', amount: '99999999', account: '5101', description: 'x' })
  t.equal(broke.json.code, 'INSUFFICIENT_FUNDS')
  const log = (await auditor.get(`/v1/groups/${k.gA}/audit-log`)).json.items as Array<{ actor: { name: string }, action: string, outcome: string, status: number, code: string | null }>
  t.match(log[0], { actor: { name: 'Bendahara A' }, outcome: 'refused', status: 422, code: 'INSUFFICIENT_FUNDS' })
  t.match(log[1], { actor: { name: 'Pengawas A' }, outcome: 'refused', status: 403, code: 'FORBIDDEN', action: 'POST /v1/groups/:groupId/expenses' })
  t.match(log[2], { actor: { name: 'Bendahara A' }, outcome: 'ok', status: 201, action: 'POST /v1/groups/:groupId/expenses' })
  t.ok(log.some(l => l.actor.name === 'admin' && l.action === 'POST /v1/groups'), 'the admin created the group')
  const member = await treasurer.post(`/v1/groups/${k.gA}/members`, { name: 'Ni Luh' })
  t.equal(member.json.actor.name, 'Bendahara A')
})

t.test('the integrator follows group B\'s event feed from a cursor without gaps or repeats', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const k = await setup(api)
  const integrator = as(api, k.integratorB)
  const m = await integrator.post(`/v1/groups/${k.gB}/members`, { name: 'Ibu Sri' })
  await integrator.post(`/v1/groups/${k.gB}/meetings`, { date: '2025-01-15', attendees: [m.json.id], decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '1', ratePer: 'month' }] })
  const loan = await integrator.post(`/v1/groups/${k.gB}/loans`, { memberId: m.json.id, principal: '100000', termCount: 2, frequency: 'monthly', disbursedOn: '2025-01-20' })
  const seen: Array<{ seq: number, type: string }> = []
  let cursor = '0'
  for (let round = 0; round < 3; round++) {
    for (;;) {
      const page = await integrator.get(`/v1/groups/${k.gB}/events?after=${cursor}&limit=2`)
      t.equal(page.status, 200)
      seen.push(...page.json.items)
      if (page.json.items.length === 0) { t.equal(page.json.nextCursor, cursor); break }
      cursor = page.json.nextCursor
    }
    // More happens between polls; the next poll resumes where the last ended.
    if (round === 0) await integrator.post(`/v1/groups/${k.gB}/loans/${loan.json.id as string}/repayments`, { date: '2025-02-20', amount: '51000' }, { 'idempotency-key': 'rep-1' })
    if (round === 1) await integrator.post(`/v1/groups/${k.gB}/savings`, { memberId: m.json.id, kind: 'wajib', date: '2025-02-20', amount: '5000' })
  }
  t.same(seen.map(e => e.seq), seen.map((_, i) => i + 1), 'seq 1, 2, 3 … with no gap and no repeat')
  const types = seen.map(e => e.type)
  for (const type of ['group.created', 'grant.received', 'member.created', 'meeting.recorded', 'loan.disbursed', 'loan.repaid', 'savings.deposited', 'entry.posted']) t.ok(types.includes(type), type)
  t.equal((await integrator.get(`/v1/groups/${k.gA}/events`)).status, 404, 'group A does not exist for this key')
})

t.test('hardening: rate limit with Retry-After, security headers, CORS only for allowed origins, no stack traces', async t => {
  const api = await testApi({ app: { rateLimitPerMinute: 5, corsOrigins: ['https://desa.example.id'] } })
  t.teardown(api.close)
  const codes: number[] = []
  let last = null as Awaited<ReturnType<Api['get']>> | null
  for (let i = 0; i < 7; i++) { last = await api.get('/v1/groups'); codes.push(last.status) }
  t.same(codes, [200, 200, 200, 200, 200, 429, 429])
  t.equal(last?.json.code, 'RATE_LIMITED')
  t.ok(Number(last?.headers['retry-after']) > 0)
  t.equal((await api.get('/v1/groups', 'another-key')).status, 401, 'another key has its own budget')
  const h = await api.app.inject({ method: 'GET', url: '/health' })
  t.equal(h.headers['x-content-type-options'], 'nosniff')
  t.ok(h.headers['strict-transport-security'])
  const ok = await api.app.inject({ method: 'OPTIONS', url: '/health', headers: { origin: 'https://desa.example.id', 'access-control-request-method': 'GET' } })
  t.equal(ok.headers['access-control-allow-origin'], 'https://desa.example.id')
  const no = await api.app.inject({ method: 'OPTIONS', url: '/health', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } })
  t.equal(no.headers['access-control-allow-origin'], undefined)
})
