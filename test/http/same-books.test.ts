import t from 'tap'
import { groupWithGrant, onPostgres, testApi, type Api } from '../helpers.js'
import { p2wkssYear, scenarioApi } from '../scenario.js'

const postgresOnly = onPostgres ? false : 'needs the PostgreSQL pass (TEST_DATABASE_URL)'

/** Everything an auditor compares: the chain head, every entry as the API shows it, and the trial balance. */
async function books (api: Api, gid: string): Promise<{ head: unknown, entries: unknown, trialBalance: unknown, events: unknown }> {
  const verify = await api.get(`/v1/groups/${gid}/verify`)
  if (verify.json.valid !== true) throw new Error(`not valid: ${JSON.stringify(verify.json)}`)
  return {
    head: verify.json.head,
    entries: (await api.get(`/v1/groups/${gid}/journal-entries?limit=1000`)).json.items,
    trialBalance: (await api.get(`/v1/groups/${gid}/trial-balance?asOf=2005-12-31`)).json,
    events: (await api.get(`/v1/groups/${gid}/events?limit=1000`)).json.items
  }
}

t.test('the same P2WKSS year gives the same hash chain head, entries and balances on SQLite and PostgreSQL', { skip: postgresOnly }, async t => {
  const onSqlite = await scenarioApi(':memory:')
  t.teardown(onSqlite.close)
  const onPg = await scenarioApi()
  t.teardown(onPg.close)
  t.equal(onSqlite.store.dialect, 'sqlite')
  t.equal(onPg.store.dialect, 'postgres')
  const a = await books(onSqlite, (await p2wkssYear(onSqlite)).gid)
  const b = await books(onPg, (await p2wkssYear(onPg)).gid)
  t.match(a.head, { seq: 21, hash: /^[0-9a-f]{64}$/ })
  t.same(b.head, a.head, 'the same chain head')
  t.same(b.entries, a.entries, 'every entry, hash and actor alike')
  t.same(b.trialBalance, a.trialBalance)
  t.same(b.events, a.events, 'the same event feed')
})

t.test('on PostgreSQL groups write in parallel and each chain stays gapless and exact', { skip: postgresOnly }, async t => {
  const api = await testApi()
  t.teardown(api.close)
  const gids = [await groupWithGrant(api, '100000'), await groupWithGrant(api, '100000'), await groupWithGrant(api, '100000')]
  // 3 groups × 30 expenses of 5.000 against boxes of 100.000, all in flight at once: exactly 20 fit in each group.
  const answers = await Promise.all(gids.flatMap(gid => Array.from({ length: 30 }, async (_, i) =>
    await api.post(`/v1/groups/${gid}/expenses`, { date: '2025-01-20', amount: '5000', account: '5101', description: `e${i}` }))))
  t.equal(answers.filter(a => a.status === 201).length, 60)
  t.equal(answers.filter(a => a.json.code === 'INSUFFICIENT_FUNDS').length, 30)
  for (const gid of gids) {
    t.match((await api.get(`/v1/groups/${gid}/verify`)).json, { valid: true, entries: 21, head: { seq: 21 } })
    const events = (await api.get(`/v1/groups/${gid}/events?limit=1000`)).json.items as Array<{ seq: number }>
    t.same(events.map(e => e.seq), Array.from({ length: events.length }, (_, i) => i + 1), 'the event feed is gapless too')
  }
})
