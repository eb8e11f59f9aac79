import t, { type Test } from 'tap'
import { checkpointHolds, parseSignedCheckpoint } from '../../src/domain/ledger/checkpoint.js'
import { testApi, type Api } from '../helpers.js'

/*
 * A group's public transparency page (issue 18): off until a meeting opens it, closed again by a later meeting, and
 * while open it shows the group's totals only (the same figures as the group's own statements, with the signed
 * checkpoint of those books) and never a member's name, id or own figure.
 */

interface Books { api: Api, gid: string, g: string, sari: string, wayan: string }

/** A PKK group in Abiansemal: a grant, two members' wajib, a loan to Sari repaid once and one to Wayan, a meeting's snacks. */
async function books (t: Test): Promise<Books> {
  const api = await testApi({ env: { now: () => new Date('2025-03-20T02:00:00Z') } })
  t.teardown(api.close)
  const gid = (await api.post('/v1/groups', { name: 'PKK Sedana Mertha', kind: 'pkk', village: 'Abiansemal' })).json.id as string
  const g = `/v1/groups/${gid}`
  t.equal((await api.post(`${g}/place`, { regionCode: '51.03.05', province: 'Bali', regency: 'Badung', district: 'Abiansemal', village: null })).status, 200)
  const sari = (await api.post(`${g}/members`, { name: 'Ni Made Sari' })).json.id as string
  const wayan = (await api.post(`${g}/members`, { name: 'Ni Wayan Rai' })).json.id as string
  await api.post(`${g}/grants`, { date: '2025-01-02', amount: '2500000', source: 'Dinas PMD' })
  await api.post(`${g}/meetings`, { date: '2025-01-05', attendees: [sari, wayan], decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '1.5', ratePer: 'month' }] })
  for (const [m, amount] of [[sari, '20000'], [wayan, '35000']] as const) t.equal((await api.post(`${g}/savings`, { memberId: m, kind: 'wajib', date: '2025-01-10', amount })).status, 201)
  const loan = (await api.post(`${g}/loans`, { memberId: sari, principal: '1000000', termCount: 10, frequency: 'monthly', disbursedOn: '2025-01-10' })).json.id as string
  t.equal((await api.post(`${g}/loans/${loan}/repayments`, { date: '2025-02-10', amount: '115000' })).status, 201)
  t.equal((await api.post(`${g}/loans`, { memberId: wayan, principal: '700000', termCount: 10, frequency: 'monthly', disbursedOn: '2025-02-10' })).status, 201)
  t.equal((await api.post(`${g}/expenses`, { date: '2025-02-10', amount: '25000', account: '5101', description: 'Konsumsi rapat' })).status, 201)
  return { api, gid, g, sari, wayan }
}

const publicJson = async (api: Api, gid: string): Promise<{ status: number, json: any, headers: Record<string, unknown> }> => { // eslint-disable-line @typescript-eslint/no-explicit-any
  const r = await api.app.inject({ method: 'GET', url: `/public/groups/${gid}` })
  return { status: r.statusCode, json: JSON.parse(r.body), headers: r.headers }
}
const open = (b: Books, date: string, on: boolean) => b.api.post(`${b.g}/meetings`, { date, attendees: [b.sari], decisions: [{ type: 'publication', public: on }] })

t.test('off by default: no page, and the answer is the same as for a group that does not exist', async t => {
  const b = await books(t)
  const closed = await publicJson(b.api, b.gid)
  const none = await publicJson(b.api, 'grp_00000000000000000000000000')
  t.same([closed.status, closed.json.code], [404, 'PUBLIC_PAGE_NOT_FOUND'])
  t.same([none.status, none.json.code], [404, 'PUBLIC_PAGE_NOT_FOUND'])
  const web = await b.api.app.inject({ method: 'GET', url: `/publik/${b.gid}` })
  t.equal(web.statusCode, 404)
  t.match(web.body, /belum dibuka oleh rapat/)
  t.notMatch(web.body, /Sedana Mertha/, 'a closed page does not even give the name')
  t.equal((await b.api.app.inject({ method: 'GET', url: `/publik/${b.gid}/neraca.pdf` })).statusCode, 404)
})

t.test('a meeting opens it: the group\'s own statements and fund growth, signed, for anyone without a key', async t => {
  const b = await books(t)
  t.equal((await open(b, '2025-03-01', true)).status, 201)
  const p = await publicJson(b.api, b.gid)
  t.equal(p.status, 200)
  t.match(p.json, {
    group: { id: b.gid, name: 'PKK Sedana Mertha', kind: 'pkk', village: 'Abiansemal' },
    place: { regionCode: '51.03.05', district: 'Abiansemal', regency: 'Badung', province: 'Bali', village: null },
    opened: { date: '2025-03-01' },
    asOf: '2025-03-20'
  })
  t.match(p.headers['cache-control'], /public/)
  const growth = (await b.api.get(`${b.g}/reports/fund-growth?asOf=2025-03-20`)).json
  t.same(p.json.fundGrowth, growth, 'fund growth as the group\'s own report gives it')
  const own = async (kind: string): Promise<any> => (await b.api.get(`${b.g}/statements/${kind}?to=2025-03-20`)).json // eslint-disable-line @typescript-eslint/no-explicit-any
  for (const [key, kind] of [['balanceSheet', 'balance-sheet'], ['incomeStatement', 'income-statement']] as const) {
    const mine = await own(kind)
    t.same(p.json[key].tables, mine.tables, `${kind}: the same tables as the group's statement`)
    t.same(p.json[key].ledgerHead, mine.ledgerHead)
  }
  t.same(p.json.balanceSheet.summary[0], { label: 'Jumlah Aset', value: '2545000', kind: 'amount' }, '2.500.000 + 55.000 wajib + 15.000 jasa − 25.000 konsumsi')
  const checkpoint = parseSignedCheckpoint(p.json.checkpoint)
  t.ok(checkpointHolds(checkpoint), 'the checkpoint\'s signature holds')
  t.equal(checkpoint.key, (await b.api.app.inject({ method: 'GET', url: '/signing-key' })).json().publicKey, 'signed by the server\'s published key')
  t.equal(checkpoint.checkpoint.seq, p.json.balanceSheet.ledgerHead.seq, 'the checkpoint covers the very entries the statements count')
  t.equal(checkpoint.checkpoint.hash, p.json.balanceSheet.ledgerHead.hash)
})

t.test('no member is named and no member\'s own figure is shown, on the JSON, the page or the PDFs', async t => {
  const b = await books(t)
  await open(b, '2025-03-01', true)
  const json = JSON.stringify((await publicJson(b.api, b.gid)).json)
  const web = await b.api.app.inject({ method: 'GET', url: `/publik/${b.gid}` })
  t.equal(web.statusCode, 200)
  for (const text of [json, web.body]) {
    for (const secret of ['Ni Made Sari', 'Ni Wayan Rai', b.sari, b.wayan]) t.notOk(text.includes(secret), `no ${secret}`)
  }
  t.notOk(/"(20000|35000|900000|700000)"/.test(json), 'neither member\'s wajib nor what either still owes: only totals')
  t.ok(json.includes('"55000"') && json.includes('"1600000"'), 'the wajib of both together, the loans of both together')
  t.match(web.body, /Rp 2\.545\.000/)
  t.match(web.body, /Perkembangan dana/)
  t.match(web.body, /Kec\. Abiansemal, Badung, Bali/)
  for (const file of ['neraca.pdf', 'laporan-shu.pdf']) {
    const pdf = await b.api.app.inject({ method: 'GET', url: `/publik/${b.gid}/${file}` })
    t.equal(pdf.statusCode, 200)
    t.equal(pdf.headers['content-type'], 'application/pdf')
    t.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-')
  }
})

t.test('the income statement is the period not yet closed; a later meeting closes the page again', async t => {
  const b = await books(t)
  await open(b, '2025-03-01', true)
  t.equal((await b.api.post(`${b.g}/periods`, { through: '2025-01-31' })).status, 201)
  const p = (await publicJson(b.api, b.gid)).json
  t.same(p.incomeStatement.period, { from: '2025-02-01', to: '2025-03-20' })
  t.same(p.incomeStatement.tables, (await b.api.get(`${b.g}/statements/income-statement?from=2025-02-01&to=2025-03-20`)).json.tables)
  t.equal((await open(b, '2025-03-15', false)).status, 201)
  t.equal((await publicJson(b.api, b.gid)).status, 404, 'closed by the later meeting')
  const minutes = (await b.api.get(`${b.g}/statements/meetings?to=2025-03-20`)).json
  const said = JSON.stringify(minutes)
  t.match(said, /Laporan keuangan kelompok dibuka untuk umum di halaman publik/)
  t.match(said, /Halaman publik kelompok ditutup/)
})

t.test('a publication decision is a boolean and nothing else; a bad one records no meeting', async t => {
  const b = await books(t)
  const before = (await b.api.get(`${b.g}/meetings`)).json.items.length
  for (const d of [{ type: 'publication' }, { type: 'publication', public: 'ya' }, { type: 'publication', public: true, text: 'x' }]) {
    const r = await b.api.post(`${b.g}/meetings`, { date: '2025-03-01', attendees: [], decisions: [d] })
    t.equal(r.status, 400, JSON.stringify(d))
  }
  t.equal((await b.api.get(`${b.g}/meetings`)).json.items.length, before)
  t.equal((await publicJson(b.api, b.gid)).status, 404)
  const meeting = (await open(b, '2025-03-01', true)).json
  t.match(meeting.decisions, [{ type: 'publication', public: true, effectiveFrom: '2025-03-01' }])
})
