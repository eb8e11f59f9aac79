import ExcelJS from 'exceljs'
import { unzipSync } from 'fflate'
import t from 'tap'
import { ADMIN_TOKEN, testApi, type Api } from '../helpers.js'
import { parseCsv } from '../render/parse-csv.js'
import { get, signIn } from '../web/pages.js'

// Findings of a hostile review, each reproduced against a running server: every test tries the attack again.

async function twoGroupsAndTreasurerOfA (api: Api): Promise<{ gA: string, gB: string, treasurerA: string }> {
  const gA = (await api.post('/v1/groups', { name: 'P2WKSS A', kind: 'p2wkss' })).json.id as string
  const gB = (await api.post('/v1/groups', { name: 'KUBE B', kind: 'kube' })).json.id as string
  const key = await api.post('/v1/api-keys', { name: 'Bendahara A', role: 'treasurer', groupIds: [gA] })
  if (key.status !== 201) throw new Error(JSON.stringify(key.json))
  return { gA, gB, treasurerA: key.json.key as string }
}

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` })

t.test('any scoped key writes into other groups\' audit logs: a refusal naming a group the key may not see, or one that does not exist, goes to the global log', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const { gA, gB, treasurerA } = await twoGroupsAndTreasurerOfA(api)
  const expense = { date: '2025-01-20', amount: '1000', account: '5101', description: 'x' }
  const attempts = [
    { url: `/v1/groups/${gB}/expenses`, token: treasurerA, why: 'group B, outside the key\'s scope' },
    { url: `/v1/groups/${gB}/members`, token: treasurerA, why: 'group B again, another route' },
    { url: '/v1/groups/grp_doesnotexist/expenses', token: treasurerA, why: 'a group that does not exist, outside the scope' },
    { url: '/v1/groups/grp_doesnotexist/expenses', token: ADMIN_TOKEN, why: 'a group that does not exist, for a key that may see every group' }
  ]
  const requestIds: string[] = []
  for (const a of attempts) {
    const r = await api.post(a.url, a.url.endsWith('/members') ? { name: 'Ni Luh' } : expense, bearer(a.token))
    t.equal(r.status, 404, a.why)
    t.equal(r.json.code, 'GROUP_NOT_FOUND', a.why)
    requestIds.push(String(r.headers['x-request-id']))
  }

  const logOfB = (await api.get(`/v1/groups/${gB}/audit-log`)).json.items as Array<{ actor: { name: string }, requestId: string }>
  t.notOk(logOfB.some(l => l.actor.name === 'Bendahara A'), 'nothing of group A\'s key in group B\'s log')
  t.notOk(logOfB.some(l => requestIds.includes(l.requestId)), 'none of the refused requests in group B\'s log')
  const stray = await api.store.db.selectFrom('audit_log').select('group_id').where('group_id', '=', 'grp_doesnotexist').execute()
  t.same(stray, [], 'no line for a group that does not exist')

  const global = await api.store.db.selectFrom('audit_log').selectAll().where('group_id', 'is', null).where('outcome', '=', 'refused').execute()
  const globalLine = new Map(global.map(l => [l.request_id, [l.actor_name, Number(l.status), l.code]]))
  t.equal(global.length, attempts.length, 'the admin still finds every refusal, in the global log')
  t.same(requestIds.map(id => globalLine.get(id)), [
    ['Bendahara A', 404, 'GROUP_NOT_FOUND'], ['Bendahara A', 404, 'GROUP_NOT_FOUND'], ['Bendahara A', 404, 'GROUP_NOT_FOUND'], ['admin', 404, 'GROUP_NOT_FOUND']
  ])

  // A refusal in a group the key may see still belongs to that group's log.
  const own = await api.post(`/v1/groups/${gA}/expenses`, { ...expense, amount: '99999999' }, bearer(treasurerA))
  t.equal(own.json.code, 'INSUFFICIENT_FUNDS')
  const logOfA = (await api.get(`/v1/groups/${gA}/audit-log`)).json.items as Array<{ requestId: string, actor: { name: string } }>
  t.match(logOfA[0], { requestId: own.headers['x-request-id'], actor: { name: 'Bendahara A' } })
})

t.test('the rate limit is bypassed by spaces in Authorization: spelling variants of one token share one budget', async t => {
  const api = await testApi({ app: { rateLimitPerMinute: 3 } })
  t.teardown(api.close)
  const variants = [`Bearer ${ADMIN_TOKEN}`, `Bearer  ${ADMIN_TOKEN}`, `bearer ${ADMIN_TOKEN}`, `Bearer ${ADMIN_TOKEN} `, `BEARER\t${ADMIN_TOKEN}`]
  const codes: number[] = []
  for (const authorization of variants) codes.push((await api.app.inject({ method: 'GET', url: '/v1/groups', headers: { authorization } })).statusCode)
  t.same(codes, [200, 200, 200, 429, 429])
})

t.test('the rate limit is bypassed by bad tokens: 401s from one address become 429s; another address and a valid key are unaffected', async t => {
  const api = await testApi({ app: { rateLimitPerMinute: 3 } })
  t.teardown(api.close)
  const from = async (remoteAddress: string, headers: Record<string, string>): Promise<number> =>
    (await api.app.inject({ method: 'GET', url: '/v1/groups', remoteAddress, headers })).statusCode
  const guesses: number[] = []
  for (let i = 0; i < 5; i++) guesses.push(await from('203.0.113.7', bearer(`lmb_treasurer_guess${i}`)))
  t.same(guesses, [401, 401, 401, 429, 429], 'a brute force of random tokens from one address is limited')
  t.equal(await from('203.0.113.7', {}), 429, 'no token at all counts against the address too')
  t.equal(await from('203.0.113.7', { authorization: 'Basic eDp5' }), 429, 'nor does another scheme escape it')
  t.equal(await from('198.51.100.9', bearer('lmb_treasurer_guess9')), 401, 'another address has its own budget')
  t.equal(await from('203.0.113.7', bearer(ADMIN_TOKEN)), 200, 'a valid key from the limited address is counted by its key')
  const limited = await api.app.inject({ method: 'GET', url: '/v1/groups', remoteAddress: '203.0.113.7' })
  t.equal(limited.json().code, 'RATE_LIMITED')
  t.ok(Number(limited.headers['retry-after']) > 0)
})

t.test('the rate limit counts a valid key per key, and the web pages\' own calls to /v1 never count against the address', async t => {
  const api = await testApi({ app: { rateLimitPerMinute: 6 } })
  t.teardown(api.close)
  // The admin's budget: a group and two keys.
  const gA = (await api.post('/v1/groups', { name: 'P2WKSS A', kind: 'p2wkss' })).json.id as string
  const k1 = (await api.post('/v1/api-keys', { name: 'Bendahara A', role: 'treasurer', groupIds: [gA] })).json.key as string
  const k2 = (await api.post('/v1/api-keys', { name: 'Bendahara A (2)', role: 'treasurer', groupIds: [gA] })).json.key as string
  const first: number[] = []
  for (let i = 0; i < 8; i++) first.push((await api.get(`/v1/groups/${gA}`, k1)).status)
  t.same(first, [200, 200, 200, 200, 200, 200, 429, 429], 'a key over its budget')
  t.equal((await api.get(`/v1/groups/${gA}`, k2)).status, 200, 'another key from the same address has its own')

  // A page calls /v1 in-process with its session's token: counted by that token, so the address pays one per page.
  const { cookie } = await signIn(api, k2)
  const page = await get(api, `/g/${gA}/kas`, cookie)
  t.equal(page.status, 200)
  t.equal(page.headers['x-ratelimit-remaining'], '4', 'the sign-in and the page, nothing more, from the address\'s budget')
})

t.test('CSV cells written as formulas: every text cell of a CSV is neutralised, amounts stay numbers; XLSX text is never a formula', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-06-01T00:00:00Z') } })
  t.teardown(api.close)
  const gid = (await api.post('/v1/groups', { name: '=cmd|\'/c calc\'!A1', kind: 'p2wkss', village: '+Desa' })).json.id as string
  const evil = ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)']
  for (const [i, source] of evil.entries()) {
    const r = await api.post(`/v1/groups/${gid}/grants`, { date: '2025-01-10', amount: '1000000', source, description: evil[(i + 1) % evil.length] })
    t.equal(r.status, 201)
  }
  await api.post(`/v1/groups/${gid}/grants`, { date: '2025-01-11', amount: '5000', source: '@SUM(A1)' })
  const funds = (await api.get(`/v1/groups/${gid}/funds`)).json.items as Array<{ id: string }>
  const spent = await api.post(`/v1/groups/${gid}/expenses`, { date: '2025-01-20', amount: '5000', account: '5101', description: '-2+3', fund: funds[0]?.id })
  t.equal(spent.status, 201)
  const formula = /^[=+\-@\t\r]/
  const statement = async (kind: string, format: string): Promise<Buffer> => {
    const r = await api.app.inject({ method: 'GET', url: `/v1/groups/${gid}/statements/${kind}?format=${format}&to=2025-05-31`, headers: bearer(ADMIN_TOKEN) })
    t.equal(r.statusCode, 200, `${kind} ${format}`)
    return r.rawPayload
  }

  for (const kind of ['fund-usage', 'general-journal']) {
    for (const lang of ['id', 'en']) {
      const records = parseCsv((await statement(kind, `csv&lang=${lang}`)).subarray(3).toString('utf8'))
      const cells = records.flat()
      const bad = cells.filter(c => formula.test(c) && !/^-\d+$/.test(c))
      t.same(bad, [], `${kind} (${lang}): no cell a spreadsheet would run as a formula`)
      for (const text of evil) t.ok(cells.some(c => c.startsWith(`'${text}`)), `${kind} (${lang}) shows ${text}, neutralised`)
      if (kind === 'fund-usage') {
        t.ok(cells.some(c => c.startsWith('\'=HYPERLINK')), 'a fund named by a formula is a neutralised section title')
        t.ok(cells.includes('-5000'), 'money spent stays a plain negative number')
      }
    }
  }

  for (const kind of ['fund-usage', 'general-journal']) {
    const bytes = await statement(kind, 'xlsx')
    const parts = unzipSync(new Uint8Array(bytes))
    for (const [name, data] of Object.entries(parts)) {
      if (name.startsWith('xl/worksheets/')) t.notMatch(Buffer.from(data).toString('utf8'), /<f[ >]/, `${kind}: ${name} holds no formula`)
    }
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer)
    const texts: string[] = []
    wb.eachSheet(ws => {
      ws.eachRow(row => {
        row.eachCell(cell => {
          t.not(cell.type, ExcelJS.ValueType.Formula, `${kind} ${cell.address} is not a formula`)
          if (cell.type === ExcelJS.ValueType.String) texts.push(String(cell.value))
        })
      })
    })
    t.ok(texts.some(x => x.startsWith('=HYPERLINK')), `${kind}: a string cell beginning with = stays a string, as typed`)
  }
})

t.test('POST /v1/api-keys {"role":"admin","groupIds":[…]} silently makes a global admin: refused, naming the field', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const gid = (await api.post('/v1/groups', { name: 'P2WKSS A', kind: 'p2wkss' })).json.id as string
  const r = await api.post('/v1/api-keys', { name: 'Admin desa', role: 'admin', groupIds: [gid] })
  t.equal(r.status, 400)
  t.equal(r.json.code, 'VALIDATION_FAILED')
  t.match(r.json.errors, [{ path: '/body/groupIds', message: /admin key is global.*treasurer, integrator or auditor/ }])
  t.same((await api.get('/v1/api-keys')).json.items, [], 'no key was made')
  t.equal((await api.post('/v1/api-keys', { name: 'Admin desa', role: 'admin' })).status, 201, 'an admin key without groupIds is still made')
})
