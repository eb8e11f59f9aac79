import t from 'tap'
import { testApi } from '../helpers.js'

/*
 * The P2WKSS story of the source paper, replayed through the API and checked against a hand calculation.
 *
 *   grant                                   2.500.000   (2005-01-10)
 *   meeting 2005-01-15: flat, 2 %/month, at most 10 months and Rp 500.000, instalments rounded to Rp 100,
 *     denda 1 % of the overdue amount per month after 3 grace days
 *   loans 2005-01-20: Ni Wayan Sari and Ni Made Rasmiati, Rp 500.000 each, 10 months
 *     each instalment = roundInst(500.000/10 + 500.000·2 %) = 60.000 = 50.000 pokok + 10.000 jasa
 *   Ni Made pays instalment 3 (due 2005-04-20) late, together with instalment 4, on 2005-05-20:
 *     grace ends 04-23, denda accrues on 04-24: 1 % × 60.000 = 600 (the next accrual would be 05-24)
 *     paid 120.600 = denda 600 + jasa 10.000 + 10.000 + pokok 50.000 + 50.000
 *   everything else on time: 2 loans × 10 instalments → jasa 2 × 100.000 = 200.000
 *   refreshments (konsumsi rapat): 25.000 + 25.300 + 10.300 = 60.600
 *
 *   income 200.000 + 600 = 200.600; expenses 60.600; fund = 2.500.000 + 200.600 − 60.600 = 2.640.000
 *   growth 140.000 = 5,60 % of the capital 2.500.000 — the figures of the paper.
 */
t.test('the P2WKSS story: grant, agreed terms, loans, repayments with one late, refreshments, fund growth', async t => {
  const api = await testApi({ env: { now: () => new Date('2006-01-31T00:00:00Z') } })
  t.teardown(api.close)
  const gid = (await api.post('/v1/groups', { name: 'Kelompok P2WKSS Desa Abiansemal', kind: 'p2wkss', village: 'Abiansemal' })).json.id as string
  const sari = (await api.post(`/v1/groups/${gid}/members`, { name: 'Ni Wayan Sari' })).json.id as string
  const rasmiati = (await api.post(`/v1/groups/${gid}/members`, { name: 'Ni Made Rasmiati' })).json.id as string
  t.equal((await api.post(`/v1/groups/${gid}/grants`, { date: '2005-01-10', amount: '2500000', source: 'Program P2WKSS Provinsi Bali' })).status, 201)

  // No terms yet: no loan.
  const early = await api.post(`/v1/groups/${gid}/loans`, { memberId: sari, principal: '500000', termCount: 10, frequency: 'monthly', disbursedOn: '2005-01-12' })
  t.equal(early.json.code, 'LOAN_TERMS_MISSING')

  const meeting = await api.post(`/v1/groups/${gid}/meetings`, {
    date: '2005-01-15',
    attendees: [sari, rasmiati],
    notes: 'Disepakati jasa 2 % per bulan, pinjaman paling banyak Rp 500.000 selama 10 bulan.',
    decisions: [
      { type: 'loan-terms', method: 'flat', ratePercent: '2', ratePer: 'month', maxTermCount: 10, maxPrincipal: '500000', instalmentRoundTo: '100', penalty: { percentOfOverdue: '1', per: 'month', graceDays: 3 } },
      { type: 'general', text: 'Konsumsi rapat dibayar dari kas kelompok.' }
    ]
  })
  t.equal(meeting.status, 201)
  t.same(meeting.json.attendees, [sari, rasmiati].sort())
  t.equal(meeting.json.decisions.length, 2)
  const terms = await api.get(`/v1/groups/${gid}/loan-terms?asOf=2005-02-01`)
  t.match(terms.json, { meetingId: meeting.json.id, effectiveFrom: '2005-01-15', terms: { method: 'flat', ratePercent: '2', maxPrincipal: '500000', instalmentRoundTo: '100' } })
  t.equal((await api.get(`/v1/groups/${gid}/loan-terms?asOf=2005-01-14`)).json.code, 'LOAN_TERMS_MISSING')
  await api.post(`/v1/groups/${gid}/expenses`, { date: '2005-01-15', amount: '25000', account: '5101', description: 'Konsumsi rapat Januari' })

  // Outside the approved terms: refused.
  const tooBig = await api.post(`/v1/groups/${gid}/loans`, { memberId: sari, principal: '600000', termCount: 10, frequency: 'monthly', disbursedOn: '2005-01-20' })
  t.equal(tooBig.json.code, 'LOAN_OUTSIDE_TERMS')
  const tooLong = await api.post(`/v1/groups/${gid}/loans`, { memberId: sari, principal: '500000', termCount: 12, frequency: 'monthly', disbursedOn: '2005-01-20' })
  t.equal(tooLong.json.code, 'LOAN_OUTSIDE_TERMS')
  const nobody = await api.post(`/v1/groups/${gid}/loans`, { memberId: 'mbr_nobody', principal: '500000', termCount: 10, frequency: 'monthly', disbursedOn: '2005-01-20' })
  t.equal(nobody.status, 404)

  const loanA = await api.post(`/v1/groups/${gid}/loans`, { memberId: sari, principal: '500000', termCount: 10, frequency: 'monthly', disbursedOn: '2005-01-20', purpose: 'Modal telur asin' })
  t.equal(loanA.status, 201)
  t.match(loanA.json, { status: 'active', principal: '500000', terms: { meetingId: meeting.json.id }, outstanding: { principal: '500000' } })
  t.same(loanA.json.schedule.slice(0, 2).map((r: { dueDate: string, principal: string, interest: string, total: string }) => [r.dueDate, r.principal, r.interest, r.total]),
    [['2005-02-20', '50000', '10000', '60000'], ['2005-03-20', '50000', '10000', '60000']])
  const loanB = await api.post(`/v1/groups/${gid}/loans`, { memberId: rasmiati, principal: '500000', termCount: 10, frequency: 'monthly', disbursedOn: '2005-01-20', purpose: 'Jajan bali' })
  const a = loanA.json.id as string
  const b = loanB.json.id as string
  const kas = async (): Promise<string> => (await api.get(`/v1/groups/${gid}/accounts`)).json.items.find((x: { code: string }) => x.code === '1101').balance as string
  t.equal(await kas(), '1475000')

  const months = ['02', '03', '04', '05', '06', '07', '08', '09', '10', '11']
  for (const [i, m] of months.entries()) {
    const r = await api.post(`/v1/groups/${gid}/loans/${a}/repayments`, { date: `2005-${m}-20`, amount: '60000' }, { 'idempotency-key': `a-${i + 1}` })
    t.equal(r.status, 201, `Sari pays instalment ${i + 1}`)
    if (i === 0) t.same(r.json.allocation, { penalty: '0', interest: '10000', principal: '50000' })
    if (m === '03') { t.equal((await api.post(`/v1/groups/${gid}/loans/${b}/repayments`, { date: '2005-02-20', amount: '60000' })).status, 201) }
    if (m === '04') {
      // Rasmiati pays March (instalment 2) on time, then skips April.
      t.equal((await api.post(`/v1/groups/${gid}/loans/${b}/repayments`, { date: '2005-03-20', amount: '60000' })).status, 201)
      const late = await api.get(`/v1/groups/${gid}/loans/${b}?asOf=2005-05-10`)
      t.match(late.json, { daysPastDue: 20, arrears: '60000', outstanding: { penalty: '600' }, collectibility: 'lancar' })
      const portfolio = await api.get(`/v1/groups/${gid}/reports/loan-portfolio?asOf=2005-05-10`)
      t.equal(portfolio.json.par30, '0.00')
      t.equal(portfolio.json.rows.length, 2)
    }
    if (m === '05') {
      const both = await api.post(`/v1/groups/${gid}/loans/${b}/repayments`, { date: '2005-05-20', amount: '120600' })
      t.equal(both.status, 201)
      t.same(both.json.allocation, { penalty: '600', interest: '20000', principal: '100000' })
      t.same(both.json.parts.map((p: { n: number }) => p.n), [3, 4])
      const entry = await api.get(`/v1/groups/${gid}/journal-entries/${both.json.entryId as string}`)
      t.same(entry.json.lines.map((l: { account: string, debit?: string, credit?: string }) => [l.account, l.debit ?? `-${l.credit ?? ''}`]),
        [['1101', '120600'], ['4102', '-600'], ['4101', '-20000'], ['1201', '-100000']])
    }
    if (Number(m) >= 6) t.equal((await api.post(`/v1/groups/${gid}/loans/${b}/repayments`, { date: `2005-${m}-20`, amount: '60000' })).status, 201)
    if (m === '06') await api.post(`/v1/groups/${gid}/expenses`, { date: '2005-06-15', amount: '25300', account: '5101', description: 'Konsumsi rapat Juni' })
  }
  // A replayed repayment does not pay twice.
  const replay = await api.post(`/v1/groups/${gid}/loans/${a}/repayments`, { date: '2005-11-20', amount: '60000' }, { 'idempotency-key': 'a-10' })
  t.equal(replay.headers['idempotent-replayed'], 'true')
  await api.post(`/v1/groups/${gid}/expenses`, { date: '2005-12-15', amount: '10300', account: '5101', description: 'Konsumsi rapat Desember' })

  const paidA = await api.get(`/v1/groups/${gid}/loans/${a}?asOf=2005-12-31`)
  t.match(paidA.json, { status: 'paid_off', outstanding: { principal: '0', interest: '0', penalty: '0' }, payoff: '0' })
  t.equal((await api.get(`/v1/groups/${gid}/loans?status=paid_off&asOf=2005-12-31`)).json.items.length, 2)
  const extra = await api.post(`/v1/groups/${gid}/loans/${a}/repayments`, { date: '2005-12-20', amount: '1' })
  t.equal(extra.json.code, 'REPAYMENT_EXCEEDS_PAYOFF')

  const growth = await api.get(`/v1/groups/${gid}/reports/fund-growth?asOf=2005-12-31`)
  t.same(growth.json, {
    asOf: '2005-12-31',
    capital: { grants: '2500000', donations: '0', savingsPokok: '0', savingsWajib: '0', total: '2500000' },
    fund: '2640000',
    growth: '140000',
    growthPercent: '5.60',
    income: { interest: '200000', penalty: '600', other: '0', total: '200600' },
    expenses: '60600'
  })
  t.equal(await kas(), '2640000')
  const tb = await api.get(`/v1/groups/${gid}/trial-balance?asOf=2005-12-31`)
  t.equal(tb.json.totals.debit, tb.json.totals.credit)
  t.equal((await api.get(`/v1/groups/${gid}/verify`)).json.valid, true)
})

t.test('a loan the cash box cannot pay is refused, and so is a loan to an unknown member', async t => {
  const api = await testApi({ env: { now: () => new Date('2006-01-31T00:00:00Z') } })
  t.teardown(api.close)
  const gid = (await api.post('/v1/groups', { name: 'KUBE Melati', kind: 'kube' })).json.id as string
  const m = (await api.post(`/v1/groups/${gid}/members`, { name: 'Ibu Sri' })).json.id as string
  await api.post(`/v1/groups/${gid}/grants`, { date: '2005-01-10', amount: '1000000', source: 'Dinas Sosial' })
  await api.post(`/v1/groups/${gid}/meetings`, { date: '2005-01-15', attendees: [m], decisions: [{ type: 'loan-terms', method: 'declining', ratePercent: '18', ratePer: 'year' }] })
  const big = await api.post(`/v1/groups/${gid}/loans`, { memberId: m, principal: '1000001', termCount: 5, frequency: 'monthly', disbursedOn: '2005-01-20' })
  t.equal(big.status, 422)
  t.equal(big.json.code, 'INSUFFICIENT_FUNDS')
  const ok = await api.post(`/v1/groups/${gid}/loans`, { memberId: m, principal: '1000000', termCount: 5, frequency: 'monthly', disbursedOn: '2005-01-20' })
  t.equal(ok.status, 201)
  t.same(ok.json.schedule.map((r: { interest: string }) => r.interest), ['15000', '12000', '9000', '6000', '3000'], 'declining: 1,5 % of the balance')
  t.equal((await api.get(`/v1/groups/${gid}/verify`)).json.entries, 2)
})

t.test('savings: pokok once, wajib monthly, sukarela withdrawable up to what the member holds; the passbook', async t => {
  const api = await testApi({ env: { now: () => new Date('2006-01-31T00:00:00Z') } })
  t.teardown(api.close)
  const gid = (await api.post('/v1/groups', { name: 'PKK Abiansemal', kind: 'pkk' })).json.id as string
  const m = (await api.post(`/v1/groups/${gid}/members`, { name: 'Ni Ketut Ariani' })).json.id as string
  const dep = async (kind: string, date: string, amount: string): Promise<{ status: number, json: { code?: string, balances: Record<string, string> } }> =>
    await api.post(`/v1/groups/${gid}/savings`, { memberId: m, kind, date, amount })
  t.same((await dep('pokok', '2005-01-05', '10000')).json.balances, { pokok: '10000', wajib: '0', sukarela: '0', total: '10000' })
  const twice = await dep('pokok', '2005-02-05', '10000')
  t.equal(twice.status, 409)
  t.equal(twice.json.code, 'POKOK_ALREADY_PAID')
  await dep('wajib', '2005-01-05', '5000')
  await dep('wajib', '2005-02-05', '5000')
  await dep('sukarela', '2005-02-05', '50000')
  const over = await api.post(`/v1/groups/${gid}/savings/withdrawals`, { memberId: m, date: '2005-03-01', amount: '50001' })
  t.equal(over.json.code, 'INSUFFICIENT_SAVINGS')
  const w = await api.post(`/v1/groups/${gid}/savings/withdrawals`, { memberId: m, date: '2005-03-01', amount: '20000' })
  t.equal(w.status, 201)
  t.same(w.json.balances, { pokok: '10000', wajib: '10000', sukarela: '30000', total: '50000' })
  const book = await api.get(`/v1/groups/${gid}/members/${m}/savings`)
  t.same(book.json.rows.map((r: { kind: string, deposit: string, withdrawal: string, balance: string }) => [r.kind, r.deposit, r.withdrawal, r.balance]), [
    ['pokok', '10000', '0', '10000'], ['wajib', '5000', '0', '15000'], ['wajib', '5000', '0', '20000'], ['sukarela', '50000', '0', '70000'], ['sukarela', '0', '20000', '50000']
  ])
  const growth = await api.get(`/v1/groups/${gid}/reports/fund-growth?asOf=2005-12-31`)
  t.match(growth.json, { capital: { savingsPokok: '10000', savingsWajib: '10000', total: '20000' }, fund: '20000', growth: '0', growthPercent: '0.00' })
  t.equal((await api.get(`/v1/groups/${gid}/members/mbr_x/savings`)).status, 404)
})
