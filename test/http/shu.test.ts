import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import t from 'tap'
import type { Api } from '../helpers.js'
import { testApi } from '../helpers.js'
import { p2wkssYear, scenarioApi } from '../scenario.js'

/*
 * The P2WKSS year of the source paper with its 50 households, through to the SHU:
 *   jasa 2 loans × 10 × 10.000 = 200.000, denda 600, konsumsi rapat 25.000 + 25.300 + 10.300 = 60.600
 *   SHU = 200.600 − 60.600 = 140.000 (the paper's fund growth)
 * Every household pays simpanan pokok Rp 10.000; Ni Nyoman (KK-003) keeps Rp 50.000 of sukarela.
 */
const ok = async (api: Api, url: string, body: unknown): Promise<{ id?: string }> => {
  const r = await api.post(url, body)
  if (r.status !== 201 && r.status !== 200) throw new Error(`${url}: ${r.status} ${JSON.stringify(r.json)}`)
  return r.json as { id?: string }
}

async function fiftyHouseholds (api: Api): Promise<{ gid: string, members: string[] }> {
  const gid = (await ok(api, '/v1/groups', { name: 'Kelompok P2WKSS Desa Abiansemal', kind: 'p2wkss', village: 'Abiansemal, Badung, Bali' })).id ?? ''
  const g = `/v1/groups/${gid}`
  const members: string[] = []
  for (let i = 1; i <= 50; i++) {
    const kk = `KK-${String(i).padStart(3, '0')}`
    members.push((await ok(api, `${g}/members`, { name: `Anggota ${kk}`, householdNo: kk, joinedOn: '2005-01-05' })).id ?? '')
  }
  await ok(api, `${g}/grants`, { date: '2005-01-10', amount: '2500000', source: 'Program P2WKSS Provinsi Bali' })
  await ok(api, `${g}/meetings`, {
    date: '2005-01-15', attendees: members,
    decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '2', ratePer: 'month', maxTermCount: 10, maxPrincipal: '500000', instalmentRoundTo: '100', penalty: { percentOfOverdue: '1', per: 'month', graceDays: 3 } }]
  })
  await ok(api, `${g}/expenses`, { date: '2005-01-15', amount: '25000', account: '5101', description: 'Konsumsi rapat Januari' })
  const [m1 = '', m2 = '', m3 = ''] = members
  const a = (await ok(api, `${g}/loans`, { memberId: m1, principal: '500000', termCount: 10, frequency: 'monthly', disbursedOn: '2005-01-20' })).id ?? ''
  const b = (await ok(api, `${g}/loans`, { memberId: m2, principal: '500000', termCount: 10, frequency: 'monthly', disbursedOn: '2005-01-20' })).id ?? ''
  for (const m of ['02', '03', '04', '05', '06', '07', '08', '09', '10', '11']) {
    await ok(api, `${g}/loans/${a}/repayments`, { date: `2005-${m}-20`, amount: '60000' })
    if (m === '02' || m === '03' || Number(m) >= 6) await ok(api, `${g}/loans/${b}/repayments`, { date: `2005-${m}-20`, amount: '60000' })
    if (m === '05') await ok(api, `${g}/loans/${b}/repayments`, { date: '2005-05-20', amount: '120600' })
  }
  for (const m of members) await ok(api, `${g}/savings`, { memberId: m, kind: 'pokok', date: '2005-01-15', amount: '10000' })
  await ok(api, `${g}/savings`, { memberId: m3, kind: 'sukarela', date: '2005-05-05', amount: '75000' })
  await ok(api, `${g}/savings/withdrawals`, { memberId: m3, date: '2005-08-05', amount: '25000' })
  await ok(api, `${g}/expenses`, { date: '2005-06-15', amount: '25300', account: '5101', description: 'Konsumsi rapat Juni' })
  await ok(api, `${g}/expenses`, { date: '2005-12-15', amount: '10300', account: '5101', description: 'Konsumsi rapat Desember' })
  await ok(api, `${g}/accounts`, { code: '2104', name: 'Dana Sosial', type: 'liability' })
  await ok(api, `${g}/accounts`, { code: '2105', name: 'Dana Pengurus', type: 'liability' })
  return { gid, members }
}

const COOPERATIVE = [
  { name: 'Cadangan', percent: '40', account: '3301' },
  { name: 'Jasa modal', percent: '25', basis: 'savings' },
  { name: 'Jasa anggota', percent: '20', basis: 'interest-paid' },
  { name: 'Dana sosial', percent: '10', account: '2104' },
  { name: 'Dana pengurus', percent: '5', account: '2105' }
]

type Share = { memberId: string, total: string, savings: string, interestPaid: string, shares: Array<{ bucket: string, amount: string }> }

t.test('the P2WKSS year: close, decide the split, preview, distribute, pay out, print', async t => {
  const api = await testApi({ env: { now: () => new Date('2006-02-15T00:00:00Z') } })
  t.teardown(api.close)
  const { gid, members } = await fiftyHouseholds(api)
  const g = `/v1/groups/${gid}`
  const [m1 = '', , m3 = '', m4 = ''] = members

  t.equal((await api.post(`${g}/shu/preview`, { through: '2005-12-31' })).json.code, 'PERIOD_NOT_CLOSED', 'only a closed period is shared')
  const closed = await api.post(`${g}/periods`, { through: '2005-12-31' })
  t.equal(closed.json.totals.shu, '140000')
  t.equal((await api.post(`${g}/shu/preview`, { through: '2005-12-31' })).json.code, 'SHU_DECISION_MISSING')

  // Published examples that add up to 105 % are refused; so is an account not in the chart or one that is not a fund.
  const rat = { date: '2006-01-20', attendees: members }
  const over = await api.post(`${g}/meetings`, { ...rat, decisions: [{ type: 'shu-distribution', buckets: [...COOPERATIVE, { name: 'Dana pendidikan', percent: '5', account: '3301' }] }] })
  t.equal(over.status, 422)
  t.equal(over.json.code, 'SHU_PERCENT_NOT_100')
  t.match(over.json.detail, /105 %/)
  t.equal((await api.post(`${g}/meetings`, { ...rat, decisions: [{ type: 'shu-distribution', buckets: [{ name: 'X', percent: '100', account: '2999' }] }] })).json.code, 'UNKNOWN_ACCOUNT')
  t.equal((await api.post(`${g}/meetings`, { ...rat, decisions: [{ type: 'shu-distribution', buckets: [{ name: 'X', percent: '100', account: '1101' }] }] })).json.code, 'ACCOUNT_NOT_ALLOWED')
  const noAccount = await api.post(`${g}/meetings`, { ...rat, decisions: [{ type: 'shu-distribution', buckets: [{ name: 'X', percent: '100' }] }] })
  t.equal(noAccount.json.errors[0].path, '/body/decisions/0/buckets/0/account')
  t.equal((await api.post(`${g}/meetings`, { ...rat, decisions: [{ type: 'shu-distribution', buckets: [{ name: 'X', percent: 100, basis: 'equal' }] }] })).status, 400, 'a percent is a decimal string')

  // KUBE style: everything shared equally. Rp 140.000 among 50 households = Rp 2.800 each.
  const equal = await api.post(`${g}/meetings`, { ...rat, date: '2006-01-10', decisions: [{ type: 'shu-distribution', buckets: [{ name: 'Dibagi rata', percent: '100', basis: 'equal' }] }] })
  t.equal(equal.status, 201)
  t.same(equal.json.decisions[0].buckets, [{ name: 'Dibagi rata', percent: '100', account: '2103', basis: 'equal' }])
  const even = await api.post(`${g}/shu/preview`, { through: '2005-12-31' })
  t.equal(even.status, 200)
  t.equal(even.json.shu, '140000')
  t.equal(even.json.members.length, 50)
  t.ok(even.json.members.every((m: Share) => m.total === '2800'), 'Rp 2.800 each')

  // The members' meeting (RAT) decides the cooperative split; the preview shows every share to the rupiah.
  const meeting = await api.post(`${g}/meetings`, { ...rat, notes: 'Rapat anggota tahunan: pembagian SHU 2005.', decisions: [{ type: 'shu-distribution', buckets: COOPERATIVE }] })
  t.equal(meeting.status, 201)
  const preview = await api.post(`${g}/shu/preview`, { through: '2005-12-31', meetingId: meeting.json.id })
  t.same(preview.json.buckets.map((b: { amount: string }) => b.amount), ['56000', '35000', '28000', '14000', '7000'])
  const share = (id: string): Share => preview.json.members.find((m: Share) => m.memberId === id)
  // Jasa modal 35.000 over savings of 550.000: 49 × 10.000 → 636,36…; KK-003 60.000 → 3.818,18…. Floors 34.982: the 18
  // rupiah left go to the largest remainders (,36 before ,18), the first registered first: KK-001, 002, 004 … 019.
  t.same(share(m1).shares, [{ bucket: 'Jasa modal', amount: '637' }, { bucket: 'Jasa anggota', amount: '14000' }])
  t.equal(share(m1).interestPaid, '100000')
  t.equal(share(m3).shares[0]?.amount, '3818')
  t.equal(share(m3).savings, '60000')
  t.equal(share(m4).total, '637')
  t.equal(share(members[18] ?? '').total, '637', 'KK-019 gets the last extra rupiah')
  t.equal(share(members[19] ?? '').total, '636', 'KK-020 does not')
  const sum = (xs: Share[]): bigint => xs.reduce((s, m) => s + BigInt(m.total), 0n)
  t.equal(sum(preview.json.members), 35000n + 28000n, 'member buckets add up exactly')
  t.equal((await api.post(`${g}/shu/preview`, { through: '2005-12-31', meetingId: 'mtg_nope' })).status, 404)
  t.equal((await api.post(`${g}/shu/preview`, { through: '2005-12-31', meetingId: equal.json.id })).json.members[0].total, '2800', 'a named meeting\'s decision')

  t.equal((await api.post(`${g}/shu/distributions`, { through: '2005-06-30', meetingId: meeting.json.id })).json.code, 'PERIOD_NOT_CLOSED')
  const d = await api.post(`${g}/shu/distributions`, { through: '2005-12-31', meetingId: meeting.json.id }, { 'idempotency-key': 'shu-2005' })
  t.equal(d.status, 201)
  t.equal(d.json.date, '2006-01-20', 'dated the meeting\'s day')
  t.same(d.json.buckets, preview.json.buckets)
  t.same(d.json.members, preview.json.members, 'posted exactly as previewed')
  const entry = await api.get(`${g}/journal-entries/${d.json.entryId as string}`)
  t.same(entry.json.lines.slice(0, 4).map((l: { account: string, debit?: string, credit?: string }) => [l.account, l.debit ?? `-${l.credit ?? ''}`]),
    [['3401', '140000'], ['3301', '-56000'], ['2104', '-14000'], ['2105', '-7000']])
  t.equal(entry.json.lines.length, 4 + 50, 'one 2103 line per member with a share')
  const replay = await api.post(`${g}/shu/distributions`, { through: '2005-12-31', meetingId: meeting.json.id }, { 'idempotency-key': 'shu-2005' })
  t.equal(replay.headers['idempotent-replayed'], 'true')
  const twice = await api.post(`${g}/shu/distributions`, { through: '2005-12-31', meetingId: equal.json.id })
  t.equal(twice.status, 409)
  t.equal(twice.json.code, 'SHU_ALREADY_DISTRIBUTED')

  const balance = async (code: string): Promise<string> => (await api.get(`${g}/accounts`)).json.items.find((x: { code: string }) => x.code === code).balance as string
  t.equal(await balance('3401'), '0', 'SHU Tahun Berjalan is emptied')
  t.equal(await balance('2103'), '63000')
  t.equal(await balance('3301'), '56000')

  // Payouts: in cash, or into voluntary savings; each share once.
  const kasBefore = BigInt(await balance('1101'))
  t.equal((await api.post(`${g}/shu/payouts`, { memberId: m1, date: '2006-01-19', to: 'cash' })).json.code, 'DATE_BEFORE_DISTRIBUTION')
  const cash = await api.post(`${g}/shu/payouts`, { memberId: m1, date: '2006-01-25', to: 'cash' })
  t.equal(cash.status, 201)
  t.match(cash.json, { distributionId: d.json.id, amount: '14637', to: 'cash' })
  t.equal(BigInt(await balance('1101')), kasBefore - 14637n)
  const into = await api.post(`${g}/shu/payouts`, { memberId: m3, date: '2006-01-25', to: 'sukarela' })
  t.equal(into.json.amount, '3818')
  t.same((await api.get(`${g}/members/${m3}/savings`)).json.balances, { pokok: '10000', wajib: '0', sukarela: '53818', total: '63818' })
  const again = await api.post(`${g}/shu/payouts`, { memberId: m1, date: '2006-01-26', to: 'cash' })
  t.equal(again.status, 422)
  t.equal(again.json.code, 'SHU_NOTHING_OWED')
  t.equal((await api.post(`${g}/shu/payouts`, { memberId: 'mbr_nobody', date: '2006-01-26', to: 'cash' })).status, 404)
  t.equal(await balance('2103'), String(63000 - 14637 - 3818))
  const owed = (await api.get(`${g}/shu/owed`)).json.items as Array<{ memberId: string, distributionId: string, amount: string }>
  t.equal(owed.reduce((s, o) => s + BigInt(o.amount), 0n), BigInt(63000 - 14637 - 3818), 'what is still owed is what 2103 holds')
  t.notOk(owed.some(o => o.memberId === m1 || o.memberId === m3), 'the shares paid are not owed')
  t.ok(owed.every(o => o.distributionId === d.json.id))
  t.equal((await api.get(`${g}/shu/payouts`)).json.items.length, 2)
  t.equal((await api.get(`${g}/shu/distributions`)).json.items[0].id, d.json.id)

  for (const [what, entryId] of [['the distribution', d.json.entryId], ['a payout', cash.json.entryId]]) {
    const r = await api.post(`${g}/journal-entries/${entryId as string}/reversal`, { date: '2006-01-27', reason: 'Salah catat' })
    t.equal(r.json.code, 'ENTRY_BELONGS_TO_SHU', `${what} is not reversed alone: the register of shares would part from the ledger`)
  }
  await t.rejects(api.store.db.updateTable('shu_payouts').set({ amount: 1 }).execute(), /append-only|permission denied/, 'the database refuses to change a payout')
  await t.rejects(api.store.db.deleteFrom('shu_distributions').execute(), /append-only|permission denied/, 'or to forget a distribution')
  const minutes = await api.get(`${g}/statements/meetings?from=2006-01-01&to=2006-01-31`)
  t.match(minutes.json.tables[0].rows.at(-1).decisions, 'Pembagian SHU: Cadangan 40 %, Jasa modal 25 %, Jasa anggota 20 %, Dana sosial 10 %, Dana pengurus 5 %')
  const events = (await api.get(`${g}/events?limit=1000`)).json.items.map((e: { type: string }) => e.type)
  t.ok(events.includes('shu.distributed') && events.includes('shu.paid'), 'the feed tells integrators')
  t.equal((await api.get(`${g}/verify`)).json.valid, true)
  const tb = await api.get(`${g}/trial-balance?asOf=2006-01-31`)
  t.equal(tb.json.totals.debit, tb.json.totals.credit)

  // Laporan Pembagian SHU
  const st = await api.get(`${g}/statements/shu-distribution?to=2005-12-31`)
  t.equal(st.status, 200)
  t.equal(st.json.title, 'Laporan Pembagian SHU')
  t.same(st.json.period, { from: null, to: '2005-12-31' })
  t.same(st.json.summary.map((x: { value: string }) => x.value), ['140000', '63000', '77000', '18455', '44545'])
  const rows = st.json.tables[1].rows
  t.match(rows[0], { member: 'Anggota KK-001', savings: '10000', interestPaid: '100000', b1: '637', b2: '14000', total: '14637', paid: '14637', paidTo: 'Tunai', unpaid: '0' })
  t.match(rows.at(-1), { member: 'Jumlah', total: '63000', paid: '18455', emphasis: true })
  for (const format of ['csv', 'xlsx', 'pdf']) {
    const r = await api.app.inject({ method: 'GET', url: `${g}/statements/shu-distribution?to=2005-12-31&format=${format}&lang=en`, headers: { authorization: 'Bearer test-admin-token-0123456789' } })
    t.equal(r.statusCode, 200, format)
  }
})

t.test('roles: an auditor previews and reads, but cannot distribute or pay', async t => {
  const api = await testApi({ env: { now: () => new Date('2006-02-15T00:00:00Z') } })
  t.teardown(api.close)
  const { gid, members } = await fiftyHouseholds(api)
  const g = `/v1/groups/${gid}`
  await ok(api, `${g}/periods`, { through: '2005-12-31' })
  const meeting = await ok(api, `${g}/meetings`, { date: '2006-01-20', attendees: [], decisions: [{ type: 'shu-distribution', buckets: [{ name: 'Rata', percent: '100', basis: 'equal' }] }] })
  const key = (await api.post('/v1/api-keys', { name: 'Pengawas', role: 'auditor', groupIds: [gid] })).json.key as string
  const as = { authorization: `Bearer ${key}` }
  t.equal((await api.post(`${g}/shu/preview`, { through: '2005-12-31' }, as)).status, 200)
  t.equal((await api.post(`${g}/shu/distributions`, { through: '2005-12-31', meetingId: meeting.id }, as)).status, 403)
  t.equal((await api.post(`${g}/shu/payouts`, { memberId: members[0], date: '2006-01-25', to: 'cash' }, as)).status, 403)
  t.equal((await api.get(`${g}/shu/distributions`, key)).status, 200)
})

t.test('a BUMDes gives 50 % of its Rp 18.000.000 profit to the community: Rp 9.000.000', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-02-15T00:00:00Z') } })
  t.teardown(api.close)
  const gid = (await ok(api, '/v1/groups', { name: 'BUMDes Mekar Sari', kind: 'bumdes' })).id ?? ''
  const g = `/v1/groups/${gid}`
  await ok(api, `${g}/journal-entries`, { date: '2024-12-20', description: 'Pendapatan usaha 2024', lines: [{ account: '1101', debit: '18000000' }, { account: '4103', credit: '18000000' }] })
  await ok(api, `${g}/periods`, { through: '2024-12-31' })
  await ok(api, `${g}/accounts`, { code: '2106', name: 'Utang Bagian SHU Masyarakat (PADes)', type: 'liability' })
  const m = await ok(api, `${g}/meetings`, {
    date: '2025-01-15', attendees: [],
    decisions: [{ type: 'shu-distribution', buckets: [{ name: 'Bagian masyarakat', percent: '50', account: '2106' }, { name: 'Cadangan', percent: '50', account: '3301' }] }]
  })
  const d = await api.post(`${g}/shu/distributions`, { through: '2024-12-31', meetingId: m.id, date: '2025-01-31' })
  t.equal(d.status, 201)
  t.same(d.json.buckets.map((b: { account: string, amount: string }) => [b.account, b.amount]), [['2106', '9000000'], ['3301', '9000000']])
  t.equal(d.json.date, '2025-01-31')
  t.same(d.json.members, [])
})

t.test('a year with a loss has nothing to share; the statement says so', async t => {
  const api = await scenarioApi()
  t.teardown(api.close)
  const s = await p2wkssYear(api)
  const g = `/v1/groups/${s.gid}`
  await ok(api, `${g}/meetings`, { date: '2006-01-10', attendees: s.members, decisions: [{ type: 'shu-distribution', buckets: [{ name: 'Rata', percent: '100', basis: 'equal' }] }] })
  const p = await api.post(`${g}/shu/preview`, { through: '2005-12-31' })
  t.equal(p.status, 422)
  t.equal(p.json.code, 'SHU_NOT_POSITIVE')
  const st = await api.get(`${g}/statements/shu-distribution?to=2005-12-31`)
  t.equal(st.json.subject, 'Tidak dibagi: periode ini tidak menghasilkan SHU')
  t.same(st.json.summary.map((x: { value: string }) => x.value), ['-252440'])
})

t.test('a repayment undone in the following year gives no member negative jasa: the preview, the Laporan Pembagian SHU and the audit bundle answer 200', async t => {
  const api = await testApi({ env: { now: () => new Date('2026-07-15T00:00:00Z') } })
  t.teardown(api.close)
  const gid = (await ok(api, '/v1/groups', { name: 'KUBE Mawar', kind: 'kube' })).id ?? ''
  const g = `/v1/groups/${gid}`
  const ayu = (await ok(api, `${g}/members`, { name: 'Ni Luh Ayu', joinedOn: '2025-01-05' })).id ?? ''
  const sri = (await ok(api, `${g}/members`, { name: 'Ni Made Sri', joinedOn: '2025-01-05' })).id ?? ''
  await ok(api, `${g}/grants`, { date: '2025-01-05', amount: '5000000', source: 'Dinas Sosial' })
  for (const m of [ayu, sri]) await ok(api, `${g}/savings`, { memberId: m, kind: 'pokok', date: '2025-01-05', amount: '10000' })
  await ok(api, `${g}/meetings`, { date: '2025-01-05', attendees: [ayu, sri], decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '1.5', ratePer: 'month' }] })
  // Each borrows Rp 1.000.000 over 10 months: 115.000 an angsuran, of which 15.000 jasa.
  const loanAyu = (await ok(api, `${g}/loans`, { memberId: ayu, principal: '1000000', termCount: 10, frequency: 'monthly', disbursedOn: '2025-11-10' })).id ?? ''
  const loanSri = (await ok(api, `${g}/loans`, { memberId: sri, principal: '1000000', termCount: 10, frequency: 'monthly', disbursedOn: '2025-11-10' })).id ?? ''
  const wrong = (await ok(api, `${g}/loans/${loanAyu}/repayments`, { date: '2025-12-10', amount: '115000' })).id ?? ''
  await ok(api, `${g}/loans/${loanSri}/repayments`, { date: '2025-12-10', amount: '115000' })
  await ok(api, `${g}/periods`, { through: '2025-12-31' })
  // Ayu's December angsuran was recorded in error; undone in January: 4101 debited 15.000 with her tag in 2026.
  await ok(api, `${g}/loans/${loanAyu}/repayments/${wrong}/reversal`, { date: '2026-01-05', reason: 'Dicatat pada pinjaman yang salah' })
  for (const m of ['01', '02', '03']) await ok(api, `${g}/loans/${loanSri}/repayments`, { date: `2026-${m}-10`, amount: '115000' })
  const closed = await api.post(`${g}/periods`, { through: '2026-06-30' })
  t.equal(closed.json.totals.shu, '30000', '3 × 15.000 of Sri less the 15.000 of Ayu undone')
  await ok(api, `${g}/meetings`, { date: '2026-07-01', attendees: [ayu, sri], decisions: [{ type: 'shu-distribution', buckets: [{ name: 'Cadangan', percent: '40', account: '3301' }, { name: 'Jasa modal', percent: '30', basis: 'savings' }, { name: 'Jasa anggota', percent: '30', basis: 'interest-paid' }] }] })

  const preview = await api.post(`${g}/shu/preview`, { through: '2026-06-30' })
  t.equal(preview.status, 200, 'the SHU preview')
  const statement = await api.get(`${g}/statements/shu-distribution?to=2026-06-30`)
  t.equal(statement.status, 200, 'the Laporan Pembagian SHU')
  const bundle = await api.app.inject({ method: 'GET', url: `${g}/audit-bundle?through=2026-06-30`, headers: { authorization: 'Bearer test-admin-token-0123456789' } })
  t.equal(bundle.statusCode, 200, 'the audit bundle')
  const share = (id: string): Share => preview.json.members.find((m: Share) => m.memberId === id)
  t.equal(share(ayu).interestPaid, '0', 'her jasa basis of the period is never below zero')
  t.equal(share(sri).interestPaid, '45000')
  t.same(share(ayu).shares, [{ bucket: 'Jasa modal', amount: '4500' }, { bucket: 'Jasa anggota', amount: '0' }])
  t.same(share(sri).shares, [{ bucket: 'Jasa modal', amount: '4500' }, { bucket: 'Jasa anggota', amount: '9000' }])
  for (const m of preview.json.members as Share[]) {
    t.ok(BigInt(m.total) >= 0n && m.shares.every(x => BigInt(x.amount) >= 0n) && BigInt(m.interestPaid) >= 0n, `no negative share for ${m.memberId}`)
  }
  for (const row of statement.json.tables[1].rows as Array<Record<string, unknown>>) {
    for (const [key, value] of Object.entries(row)) if (typeof value === 'string' && /^-\d+$/.test(value)) t.fail(`${key} is ${value} in ${JSON.stringify(row)}`)
  }
})

const golden = (name: string): URL => new URL(`../golden/${name}`, import.meta.url)

t.test('the Laporan Pembagian SHU of a fixed year matches the golden files byte for byte', async t => {
  const api = await scenarioApi()
  t.teardown(api.close)
  const { gid, members } = await fiftyHouseholds(api)
  const g = `/v1/groups/${gid}`
  await ok(api, `${g}/periods`, { through: '2005-12-31' })
  const meeting = await ok(api, `${g}/meetings`, { date: '2006-01-10', attendees: members.slice(0, 40), decisions: [{ type: 'shu-distribution', buckets: COOPERATIVE }] })
  const draft = await api.get(`${g}/statements/shu-distribution?to=2005-12-31`)
  t.equal(draft.json.subject, 'Rancangan menurut keputusan rapat 2006-01-10 · belum diposting')
  await ok(api, `${g}/shu/distributions`, { through: '2005-12-31', meetingId: meeting.id })
  await ok(api, `${g}/shu/payouts`, { memberId: members[0], date: '2006-01-12', to: 'cash' })
  await ok(api, `${g}/shu/payouts`, { memberId: members[2], date: '2006-01-12', to: 'sukarela' })
  for (const format of ['json', 'csv'] as const) {
    const r = await api.app.inject({ method: 'GET', url: `${g}/statements/shu-distribution?to=2005-12-31&format=${format}`, headers: { authorization: 'Bearer test-admin-token-0123456789' } })
    const file = golden(`shu-distribution-posted.${format}`)
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, r.rawPayload)
    t.ok(existsSync(file), `test/golden has shu-distribution-posted.${format} (UPDATE_GOLDEN=1 writes it, to be read and committed)`)
    t.ok(readFileSync(file).equals(r.rawPayload), `shu-distribution-posted.${format} matches test/golden (UPDATE_GOLDEN=1 to accept a deliberate change)`)
  }
})
