import t from 'tap'
import { ADMIN_TOKEN, testApi, type Api } from '../helpers.js'

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
