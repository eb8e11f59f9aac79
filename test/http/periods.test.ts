import t from 'tap'
import { testApi } from '../helpers.js'

t.test('closing 2005 moves income and expenses into SHU and refuses backdated entries, reversals included', async t => {
  const api = await testApi({ env: { now: () => new Date('2006-02-01T00:00:00Z') } })
  t.teardown(api.close)
  const gid = (await api.post('/v1/groups', { name: 'KUBE', kind: 'kube' })).json.id as string
  await api.post(`/v1/groups/${gid}/grants`, { date: '2005-01-10', amount: '1000000', source: 'Dinas' })
  await api.post(`/v1/groups/${gid}/journal-entries`, { date: '2005-06-01', description: 'Jasa', lines: [{ account: '1101', debit: '150000' }, { account: '4101', credit: '150000' }] })
  const exp = await api.post(`/v1/groups/${gid}/expenses`, { date: '2005-07-01', amount: '40000', account: '5101', description: 'Konsumsi' })
  const early = await api.post(`/v1/groups/${gid}/periods`, { through: '2006-12-31' })
  t.equal(early.json.code, 'DATE_IN_FUTURE')
  const close = await api.post(`/v1/groups/${gid}/periods`, { through: '2005-12-31' })
  t.equal(close.status, 201)
  t.match(close.json, { through: '2005-12-31', totals: { income: '150000', expenses: '40000', shu: '110000' }, checkpoint: { seq: 4 } })
  const entry = await api.get(`/v1/groups/${gid}/journal-entries/${close.json.closingEntryId as string}`)
  t.same(entry.json.lines.map((l: { account: string, debit?: string, credit?: string }) => [l.account, l.debit ?? `-${l.credit ?? ''}`]),
    [['4101', '150000'], ['5101', '-40000'], ['3401', '-110000']])
  const tb = (await api.get(`/v1/groups/${gid}/trial-balance?asOf=2005-12-31`)).json
  t.match(tb.rows.find((r: { account: string }) => r.account === '3401'), { credit: '110000' })
  t.match(tb.rows.find((r: { account: string }) => r.account === '4101'), { credit: '0', debit: '0' })

  const backdated = await api.post(`/v1/groups/${gid}/expenses`, { date: '2005-12-31', amount: '1000', account: '5101', description: 'x' })
  t.equal(backdated.status, 422)
  t.equal(backdated.json.code, 'PERIOD_CLOSED')
  const rev = await api.post(`/v1/groups/${gid}/journal-entries/${exp.json.id as string}/reversal`, { reason: 'salah', date: '2005-12-01' })
  t.equal(rev.json.code, 'PERIOD_CLOSED')
  const revOpen = await api.post(`/v1/groups/${gid}/journal-entries/${exp.json.id as string}/reversal`, { reason: 'salah', date: '2006-01-05' })
  t.equal(revOpen.status, 201, 'the correction goes into the open period')
  t.equal((await api.post(`/v1/groups/${gid}/periods`, { through: '2005-06-30' })).json.code, 'PERIOD_ALREADY_CLOSED')
  const list = await api.get(`/v1/groups/${gid}/periods`)
  t.equal(list.json.items.length, 1)
  t.equal((await api.get(`/v1/groups/${gid}/verify`)).json.valid, true)
})

t.test('fund growth after tutup buku still shows the year\'s income and expenses', async t => {
  const api = await testApi({ env: { now: () => new Date('2006-02-01T00:00:00Z') } })
  t.teardown(api.close)
  const gid = (await api.post('/v1/groups', { name: 'KUBE', kind: 'kube' })).json.id as string
  await api.post(`/v1/groups/${gid}/grants`, { date: '2005-01-10', amount: '2500000', source: 'Dinas' })
  await api.post(`/v1/groups/${gid}/journal-entries`, { date: '2005-06-01', description: 'Jasa', lines: [{ account: '1101', debit: '200000' }, { account: '4101', credit: '200000' }] })
  await api.post(`/v1/groups/${gid}/expenses`, { date: '2005-07-01', amount: '60000', account: '5101', description: 'Konsumsi' })
  const before = (await api.get(`/v1/groups/${gid}/reports/fund-growth?asOf=2005-12-31`)).json
  t.equal((await api.post(`/v1/groups/${gid}/periods`, { through: '2005-12-31' })).status, 201)
  const after = (await api.get(`/v1/groups/${gid}/reports/fund-growth?asOf=2005-12-31`)).json
  t.same(after, before)
  t.match(after, { fund: '2640000', growth: '140000', growthPercent: '5.60', income: { interest: '200000' }, expenses: '60000' })
})
