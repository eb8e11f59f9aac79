import t from 'tap'
import { testApi, type Api } from '../helpers.js'

async function groupWithTerms (api: Api, decision: Record<string, unknown> = {}): Promise<{ gid: string, member: string }> {
  const gid = (await api.post('/v1/groups', { name: 'KUBE Mawar', kind: 'kube' })).json.id as string
  const member = (await api.post(`/v1/groups/${gid}/members`, { name: 'Ibu Ketut' })).json.id as string
  await api.post(`/v1/groups/${gid}/grants`, { date: '2025-01-01', amount: '5000000', source: 'Dinas' })
  const m = await api.post(`/v1/groups/${gid}/meetings`, { date: '2025-01-05', attendees: [member], decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '1.5', ratePer: 'month', ...decision }] })
  if (m.status !== 201) throw new Error(JSON.stringify(m.json))
  return { gid, member }
}

t.test('schedule preview: the flat example of the domain notes, and no side effects', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const { gid } = await groupWithTerms(api)
  const p = await api.post(`/v1/groups/${gid}/loans/schedule-preview`, { principal: '1000000', termCount: 10, frequency: 'monthly', method: 'flat', ratePercent: '1.5', ratePer: 'month', disbursedOn: '2025-01-31' })
  t.equal(p.status, 200)
  t.same(p.json.installments[0], { n: 1, dueDate: '2025-02-28', principal: '100000', interest: '15000', total: '115000', balance: '900000' })
  t.equal(p.json.installments[2].dueDate, '2025-04-30')
  t.same(p.json.totals, { principal: '1000000', interest: '150000', total: '1150000' })
  const bad = await api.post(`/v1/groups/${gid}/loans/schedule-preview`, { principal: '1000000', termCount: 10, frequency: 'monthly', method: 'flat', ratePercent: '1,5', ratePer: 'month', disbursedOn: '2025-01-31' })
  t.equal(bad.status, 400)
  t.equal(bad.json.errors[0].path, '/body/ratePercent')
  const inst = await api.post(`/v1/groups/${gid}/loans/schedule-preview`, { principal: '1000000', termCount: 10, frequency: 'monthly', method: 'flat', ratePercent: '1.5', ratePer: 'month', disbursedOn: '2025-01-31', roundTo: '500', instalmentRoundTo: '100' })
  t.equal(inst.json.code, 'LOAN_TERMS_INVALID', 'instalments must round to a multiple of roundTo')
  t.equal((await api.get(`/v1/groups/${gid}/verify`)).json.entries, 1)
})

t.test('meetings: terms change from the date of a later meeting; bad decisions are refused', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const { gid, member } = await groupWithTerms(api, { maxPrincipal: '100000' })
  const later = await api.post(`/v1/groups/${gid}/meetings`, { date: '2025-03-01', attendees: [], decisions: [{ type: 'loan-terms', method: 'annuity', ratePercent: '2', ratePer: 'month', maxPrincipal: '2000000' }] })
  t.equal(later.status, 201)
  t.equal((await api.get(`/v1/groups/${gid}/loan-terms?asOf=2025-02-28`)).json.terms.method, 'flat')
  t.equal((await api.get(`/v1/groups/${gid}/loan-terms?asOf=2025-03-01`)).json.terms.method, 'annuity')
  const feb = await api.post(`/v1/groups/${gid}/loans`, { memberId: member, principal: '200000', termCount: 4, frequency: 'monthly', disbursedOn: '2025-02-10' })
  t.equal(feb.json.code, 'LOAN_OUTSIDE_TERMS')
  const mar = await api.post(`/v1/groups/${gid}/loans`, { memberId: member, principal: '200000', termCount: 4, frequency: 'monthly', disbursedOn: '2025-03-10' })
  t.equal(mar.status, 201)
  t.equal(mar.json.terms.meetingId, later.json.id)
  t.equal((await api.get(`/v1/groups/${gid}/meetings`)).json.items.length, 2)
  t.equal((await api.get(`/v1/groups/${gid}/meetings/${later.json.id as string}`)).json.decisions[0].terms.method, 'annuity')
  t.equal((await api.get(`/v1/groups/${gid}/meetings/mtg_x`)).status, 404)
  const stranger = await api.post(`/v1/groups/${gid}/meetings`, { date: '2025-03-02', attendees: ['mbr_stranger'], decisions: [] })
  t.equal(stranger.status, 404)
  const unknownType = await api.post(`/v1/groups/${gid}/meetings`, { date: '2025-03-02', attendees: [], decisions: [{ type: 'arisan' }] })
  t.equal(unknownType.status, 400)
  const badDays = await api.post(`/v1/groups/${gid}/meetings`, { date: '2025-03-02', attendees: [], decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '1', ratePer: 'month', collectibilityDays: [90, 30, 180] }] })
  t.equal(badDays.json.code, 'LOAN_TERMS_INVALID')
})

t.test('repayments: dated in order, not before disbursement; a payoff waives future interest', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const { gid, member } = await groupWithTerms(api)
  const loan = (await api.post(`/v1/groups/${gid}/loans`, { memberId: member, principal: '1000000', termCount: 10, frequency: 'monthly', disbursedOn: '2025-01-10' })).json
  const url = `/v1/groups/${gid}/loans/${loan.id as string}/repayments`
  t.equal((await api.post(url, { date: '2025-01-09', amount: '1000' })).json.code, 'DATE_BEFORE_DISBURSEMENT')
  t.equal((await api.post(url, { date: '2025-02-10', amount: '115000' })).status, 201)
  t.equal((await api.post(url, { date: '2025-02-01', amount: '1000' })).json.code, 'REPAYMENT_OUT_OF_ORDER')
  const state = (await api.get(`/v1/groups/${gid}/loans/${loan.id as string}?asOf=2025-03-10`)).json
  t.equal(state.payoff, '915000', 'instalment 2 due (115.000) plus the remaining principal 800.000')
  const payoff = await api.post(`/v1/groups/${gid}/loans/${loan.id as string}/payoff`, { date: '2025-03-10', amount: '915000' })
  t.same(payoff.json.allocation, { penalty: '0', interest: '15000', principal: '900000' })
  t.equal(payoff.json.loan.status, 'paid_off')
  t.equal((await api.get(`/v1/groups/${gid}/loans?status=active`)).json.items.length, 0)
  t.equal((await api.get(`/v1/groups/${gid}/loans?memberId=${member}`)).json.items.length, 1)
})

t.test('early payment is punished: an angsuran paid at the meeting five days early is that angsuran, not late on its due date, no denda', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-06-01T00:00:00Z') } })
  t.teardown(api.close)
  const { gid, member } = await groupWithTerms(api, { penalty: { percentOfOverdue: '1', per: 'month', graceDays: 3 } })
  const g = `/v1/groups/${gid}`
  const loan = (await api.post(`${g}/loans`, { memberId: member, principal: '1000000', termCount: 10, frequency: 'monthly', disbursedOn: '2025-01-10' })).json
  const paid = await api.post(`${g}/loans/${loan.id as string}/repayments`, { date: '2025-02-05', amount: '115000' })
  t.equal(paid.status, 201)
  t.same(paid.json.allocation, { penalty: '0', interest: '15000', principal: '100000' }, 'the group earns the jasa of the angsuran paid early')
  t.same(paid.json.parts, [{ n: 1, penalty: '0', interest: '15000', principal: '100000' }])
  for (const asOf of ['2025-02-10', '2025-02-14', '2025-03-09']) {
    const l = (await api.get(`${g}/loans/${loan.id as string}?asOf=${asOf}`)).json
    t.match(l, { status: 'active', collectibility: 'lancar', daysPastDue: 0, arrears: '0', outstanding: { principal: '900000', interest: '0', penalty: '0' } }, asOf)
    t.equal(l.schedule[0].paidOn, '2025-02-05')
  }
  const jasa = ((await api.get(`${g}/accounts`)).json.items as Array<{ code: string, balance: string }>).find(a => a.code === '4101')?.balance
  t.equal(jasa, '15000')
  const portfolio = (await api.get(`${g}/reports/loan-portfolio?asOf=2025-02-14`)).json
  t.equal(portfolio.totals.arrears, '0')
  t.equal(portfolio.par30, '0.00')
})

t.test('paying a loan off early is an explicit request: POST …/payoff pays the payoff figure, the coming jasa waived', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-06-01T00:00:00Z') } })
  t.teardown(api.close)
  const { gid, member } = await groupWithTerms(api)
  const g = `/v1/groups/${gid}`
  const loan = (await api.post(`${g}/loans`, { memberId: member, principal: '1000000', termCount: 10, frequency: 'monthly', disbursedOn: '2025-01-10' })).json
  const l = `${g}/loans/${loan.id as string}`
  t.equal((await api.post(`${l}/repayments`, { date: '2025-02-10', amount: '115000' })).status, 201)
  const before = (await api.get(`${l}?asOf=2025-03-01`)).json
  t.equal(before.payoff, '900000', 'nothing due on 03-01: the pokok left')
  t.equal(before.remaining, '1035000', 'nine angsuran of 115.000')

  // A repayment is at most what the schedule still asks; the refusal points to the payoff. Nothing changes.
  const head = (await api.get(`${g}/verify`)).json.head
  const over = await api.post(`${l}/repayments`, { date: '2025-03-01', amount: '1035001' })
  t.equal(over.status, 422)
  t.equal(over.json.code, 'REPAYMENT_EXCEEDS_PAYOFF')
  t.match(over.json.detail, /1035000.*900000.*POST …\/loans\/\{loanId\}\/payoff/)
  // The amount, when given, must be the payoff exactly.
  const wrong = await api.post(`${l}/payoff`, { date: '2025-03-01', amount: '899999' })
  t.equal(wrong.status, 422)
  t.equal(wrong.json.code, 'PAYOFF_AMOUNT_MISMATCH')
  t.match(wrong.json.detail, /on 2025-03-01 is 900000 .*not 899999/)
  t.equal((await api.post(`${l}/payoff`, { date: '2025-01-09' })).json.code, 'DATE_BEFORE_DISBURSEMENT')
  t.equal((await api.post(`${l}/payoff`, { date: '2025-02-01' })).json.code, 'REPAYMENT_OUT_OF_ORDER')
  t.equal((await api.post(`${l}/payoff`, { date: '2025-07-01' })).json.code, 'DATE_IN_FUTURE')
  t.same((await api.get(`${g}/verify`)).json.head, head, 'the refusals changed nothing')

  const done = await api.post(`${l}/payoff`, { date: '2025-03-01' }, { 'idempotency-key': 'lunas-1' })
  t.equal(done.status, 201)
  t.same(done.json.allocation, { penalty: '0', interest: '0', principal: '900000' })
  t.same(done.json.parts.map((p: { n: number }) => p.n), [2, 3, 4, 5, 6, 7, 8, 9, 10])
  t.match(done.json.loan, { status: 'paid_off', payoff: '0', remaining: '0', outstanding: { principal: '0', interest: '0', penalty: '0' } })
  t.equal(done.json.loan.repayments.length, 2, 'recorded as an ordinary repayment')
  t.equal((await api.post(`${l}/payoff`, { date: '2025-03-01' }, { 'idempotency-key': 'lunas-1' })).headers['idempotent-replayed'], 'true')
  const entry = (await api.get(`${g}/journal-entries/${done.json.entryId as string}`)).json
  t.same(entry.lines.map((x: { account: string, debit?: string, credit?: string }) => [x.account, x.debit ?? `-${x.credit ?? ''}`]), [['1101', '900000'], ['1201', '-900000']])
  t.match(entry, { kind: 'repayment', source: done.json.id, reference: null }, 'a repayment entry, whose source is the repayment')
  const events = ((await api.get(`${g}/events?limit=500`)).json.items as Array<{ type: string }>).map(e => e.type)
  t.equal(events.filter(e => e === 'loan.repaid').length, 2)
  t.equal((await api.post(`${l}/payoff`, { date: '2025-03-02' })).json.code, 'LOAN_NOT_ACTIVE')
  t.equal((await api.post(`${l}/repayments`, { date: '2025-03-02', amount: '1' })).json.code, 'REPAYMENT_EXCEEDS_PAYOFF')
  t.equal((await api.get(`${l}?asOf=2026-01-01`)).json.status, 'paid_off', 'and stays paid off')
  const piutang = ((await api.get(`${g}/accounts`)).json.items as Array<{ code: string, balance: string }>).find(a => a.code === '1201')?.balance
  t.equal(piutang, '0')
  t.equal((await api.get(`${g}/verify`)).json.valid, true)
})

t.test('a paid-off loan turns active again: never, not even with instalments that carry no pokok (small principal, rounding up)', async t => {
  const api = await testApi({ env: { now: () => new Date('2027-01-01T00:00:00Z') } })
  t.teardown(api.close)
  const { gid, member } = await groupWithTerms(api, { ratePercent: '1', instalmentRoundTo: '500', roundingMode: 'up', penalty: { percentOfOverdue: '1', fixed: '500', per: 'month', graceDays: 3 } })
  const g = `/v1/groups/${gid}`
  // Rp 1.000 over 5 months: pokok 490, 490, 20, 0, 0, jasa 10 each.
  const loan = (await api.post(`${g}/loans`, { memberId: member, principal: '1000', termCount: 5, frequency: 'monthly', disbursedOn: '2025-01-10' })).json
  t.same(loan.schedule.map((r: { principal: string }) => r.principal), ['490', '490', '20', '0', '0'])
  const done = await api.post(`${g}/loans/${loan.id as string}/payoff`, { date: '2025-02-20' })
  t.equal(done.status, 201)
  t.equal(done.json.loan.status, 'paid_off')
  for (const asOf of ['2025-05-10', '2025-06-20', '2026-03-01', '2027-12-31']) {
    const l = (await api.get(`${g}/loans/${loan.id as string}?asOf=${asOf}`)).json
    t.match(l, { status: 'paid_off', collectibility: 'lancar', daysPastDue: 0, payoff: '0', outstanding: { principal: '0', interest: '0', penalty: '0' } }, asOf)
    t.equal((await api.get(`${g}/loans?status=active&asOf=${asOf}`)).json.items.length, 0, `no active loan on ${asOf}`)
    t.equal((await api.get(`${g}/reports/loan-portfolio?asOf=${asOf}`)).json.rows.length, 0)
  }
})

t.test('write-off: the remaining principal goes to Beban Penghapusan; once; no repayments after', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const { gid, member } = await groupWithTerms(api)
  const loan = (await api.post(`/v1/groups/${gid}/loans`, { memberId: member, principal: '500000', termCount: 5, frequency: 'monthly', disbursedOn: '2025-01-10' })).json
  await api.post(`/v1/groups/${gid}/loans/${loan.id as string}/repayments`, { date: '2025-02-10', amount: '107500' })
  const wo = await api.post(`/v1/groups/${gid}/loans/${loan.id as string}/write-off`, { date: '2025-09-30', reason: 'Anggota pindah' })
  t.equal(wo.status, 201)
  t.match(wo.json, { status: 'written_off', writeOff: { amount: '400000', reason: 'Anggota pindah' } })
  const accounts = (await api.get(`/v1/groups/${gid}/accounts`)).json.items as Array<{ code: string, balance: string }>
  t.equal(accounts.find(a => a.code === '1201')?.balance, '0')
  t.equal(accounts.find(a => a.code === '5103')?.balance, '400000')
  t.equal((await api.post(`/v1/groups/${gid}/loans/${loan.id as string}/write-off`, { reason: 'lagi' })).json.code, 'LOAN_NOT_ACTIVE')
  t.equal((await api.post(`/v1/groups/${gid}/loans/${loan.id as string}/repayments`, { date: '2025-10-01', amount: '1000' })).json.code, 'LOAN_NOT_ACTIVE')
  const portfolio = (await api.get(`/v1/groups/${gid}/reports/loan-portfolio?asOf=2025-10-01`)).json
  t.equal(portfolio.rows.length, 0)
  t.equal((await api.get(`/v1/groups/${gid}/loans/lon_x`)).json.code, 'LOAN_NOT_FOUND')
})

t.test('a backdated write-off (dated before a repayment on record) is refused: DATE_BEFORE_REPAYMENT naming that repayment\'s date', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-12-01T00:00:00Z') } })
  t.teardown(api.close)
  const { gid, member } = await groupWithTerms(api)
  const g = `/v1/groups/${gid}`
  const loan = (await api.post(`${g}/loans`, { memberId: member, principal: '500000', termCount: 5, frequency: 'monthly', disbursedOn: '2025-01-10' })).json
  const l = `${g}/loans/${loan.id as string}`
  t.equal((await api.post(`${l}/repayments`, { date: '2025-02-10', amount: '107500' })).status, 201)
  const second = (await api.post(`${l}/repayments`, { date: '2025-03-10', amount: '107500' })).json
  const balance = async (code: string): Promise<string | undefined> => ((await api.get(`${g}/accounts`)).json.items as Array<{ code: string, balance: string }>).find(a => a.code === code)?.balance
  const head = (await api.get(`${g}/verify`)).json.head
  for (const date of ['2025-01-31', '2025-03-09']) {
    const wo = await api.post(`${l}/write-off`, { date, reason: 'Anggota pindah' })
    t.equal(wo.status, 422, date)
    t.equal(wo.json.code, 'DATE_BEFORE_REPAYMENT')
    t.match(wo.json.detail, /2025-03-10/, 'the detail names the last repayment\'s date')
  }
  t.same((await api.get(`${g}/verify`)).json.head, head, 'nothing was posted')
  t.equal(await balance('1201'), '300000')
  t.equal(await balance('5103'), '0')
  // Undone on 03-20: a write-off may not come before the reversal either (the repayment still stands until then).
  t.equal((await api.post(`${l}/repayments/${second.id as string}/reversal`, { date: '2025-03-20', reason: 'Salah catat' })).status, 201)
  const beforeUndo = await api.post(`${l}/write-off`, { date: '2025-03-15', reason: 'Anggota pindah' })
  t.equal(beforeUndo.json.code, 'DATE_BEFORE_REPAYMENT')
  t.match(beforeUndo.json.detail, /undone on 2025-03-20/)
  const wo = await api.post(`${l}/write-off`, { date: '2025-03-20', reason: 'Anggota pindah' })
  t.equal(wo.status, 201)
  t.equal(wo.json.writeOff.amount, '400000', 'what is left of the pokok after the standing repayment')
  t.equal(await balance('1201'), '0', 'Piutang never below zero')
  t.equal(await balance('5103'), '400000', 'the expense is what was left, not the whole principal')
})

t.test('the portfolio: days past due, collectibility classes and PAR30', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const { gid, member } = await groupWithTerms(api)
  const other = (await api.post(`/v1/groups/${gid}/members`, { name: 'Ibu Wayan' })).json.id as string
  const late = (await api.post(`/v1/groups/${gid}/loans`, { memberId: member, principal: '600000', termCount: 6, frequency: 'monthly', disbursedOn: '2025-01-10' })).json
  const fine = (await api.post(`/v1/groups/${gid}/loans`, { memberId: other, principal: '400000', termCount: 4, frequency: 'monthly', disbursedOn: '2025-03-20' })).json
  t.ok(fine.id)
  // Nothing paid on the first loan: instalment 1 fell due on 2025-02-10.
  const p = (await api.get(`/v1/groups/${gid}/reports/loan-portfolio?asOf=2025-04-01`)).json
  const row = p.rows.find((r: { loanId: string }) => r.loanId === late.id)
  t.match(row, { daysPastDue: 50, collectibility: 'kurang_lancar', outstanding: '600000', memberName: 'Ibu Ketut' })
  t.same(p.totals, { principal: '1000000', outstanding: '1000000', arrears: '218000', byCollectibility: { lancar: '400000', kurang_lancar: '600000', diragukan: '0', macet: '0' } })
  t.equal(p.par30, '60.00')
  t.equal(p.nonPerformingPercent, '60.00')
  const later = (await api.get(`/v1/groups/${gid}/loans/${late.id as string}?asOf=2025-06-01`)).json
  t.equal(later.collectibility, 'diragukan')
  t.equal((await api.get(`/v1/groups/${gid}/loans/${late.id as string}?asOf=2026-01-01`)).json.collectibility, 'macet')
})

t.test('a repayment or write-off dated far in the future is refused as such, not a 500 (found by the bad-input campaign)', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const { gid, member } = await groupWithTerms(api)
  const loan = (await api.post(`/v1/groups/${gid}/loans`, { memberId: member, principal: '100000', termCount: 2, frequency: 'monthly', disbursedOn: '2025-01-10' })).json
  const rep = await api.post(`/v1/groups/${gid}/loans/${loan.id as string}/repayments`, { date: '9999-12-31', amount: '1000' })
  t.equal(rep.status, 422)
  t.equal(rep.json.code, 'DATE_IN_FUTURE')
  const wo = await api.post(`/v1/groups/${gid}/loans/${loan.id as string}/write-off`, { date: '9999-12-31', reason: 'x' })
  t.equal(wo.json.code, 'DATE_IN_FUTURE')
})

t.test('a repayment recorded in error is undone through its loan, the latest first; a loan entry is never reversed alone', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const { gid, member } = await groupWithTerms(api)
  const g = `/v1/groups/${gid}`
  const loan = (await api.post(`${g}/loans`, { memberId: member, principal: '1000000', termCount: 10, frequency: 'monthly', disbursedOn: '2025-01-10' })).json
  const url = `${g}/loans/${loan.id as string}/repayments`
  const first = (await api.post(url, { date: '2025-02-10', amount: '115000' })).json
  const second = (await api.post(url, { date: '2025-03-10', amount: '115000' })).json
  t.equal(second.loan.outstanding.principal, '800000')
  const piutang = async (): Promise<string> => ((await api.get(`${g}/accounts`)).json.items as Array<{ code: string, balance: string }>).find(a => a.code === '1201')?.balance ?? ''

  // The generic reversal refuses every entry the loan register depends on, and changes nothing.
  const before = (await api.get(`${g}/verify`)).json.head
  for (const entryId of [loan.disbursementEntryId, second.entryId]) {
    const r = await api.post(`${g}/journal-entries/${entryId as string}/reversal`, { reason: 'Salah catat' })
    t.equal(r.status, 409)
    t.equal(r.json.code, 'ENTRY_BELONGS_TO_LOAN')
    t.match(r.json.detail, /repayments\/\{repaymentId\}\/reversal/)
  }
  t.same((await api.get(`${g}/verify`)).json.head, before)

  // Not the earlier one while a later one stands.
  const early = await api.post(`${url}/${first.id as string}/reversal`, { date: '2025-03-11', reason: 'Salah catat' })
  t.equal(early.status, 409)
  t.equal(early.json.code, 'REPAYMENT_NOT_LATEST')

  const undo = await api.post(`${url}/${second.id as string}/reversal`, { date: '2025-03-11', reason: 'Dicatat dua kali' })
  t.equal(undo.status, 201, JSON.stringify(undo.json))
  t.equal(undo.json.id, second.id)
  t.type(undo.json.reversalEntryId, 'string')
  t.equal(undo.json.loan.outstanding.principal, '900000', 'the loan stands as after the first repayment')
  t.equal(await piutang(), '900000', 'Piutang follows the loan register')
  const reversal = (await api.get(`${g}/journal-entries/${undo.json.reversalEntryId as string}`)).json
  t.equal(reversal.reverses, second.entryId)
  t.equal((await api.get(`${g}/loans/${loan.id as string}?asOf=2025-03-11`)).json.outstanding.principal, '900000')

  // Undone once: the repayment no longer stands; the first one is now the latest and can be undone too.
  t.equal((await api.post(`${url}/${second.id as string}/reversal`, { date: '2025-03-11', reason: 'lagi' })).json.code, 'REPAYMENT_NOT_FOUND')
  t.equal((await api.post(`${url}/${first.id as string}/reversal`, { date: '2025-03-11', reason: 'Salah catat' })).status, 201)
  t.equal(await piutang(), '1000000')
  // Paid again afterwards: the allocation starts from the undone state (instalments 1 and 2 both due, jasa first).
  const again = (await api.post(url, { date: '2025-03-12', amount: '115000' })).json
  t.equal(again.allocation.interest, '30000')
  t.equal(BigInt(again.allocation.penalty) + BigInt(again.allocation.interest) + BigInt(again.allocation.principal), 115000n)
  t.equal((await api.get(`${g}/verify`)).json.valid, true)
  const events = ((await api.get(`${g}/events?limit=500`)).json.items as Array<{ type: string }>).map(e => e.type)
  t.equal(events.filter(e => e === 'loan.repayment_reversed').length, 2)
})

t.test('undoing a repayment rewrites the past: never; before the reversal the loan card and portfolio show it paid, as Piutang does', async t => {
  const api = await testApi({ env: { now: () => new Date('2026-01-20T00:00:00Z') } })
  t.teardown(api.close)
  const { gid, member } = await groupWithTerms(api)
  const g = `/v1/groups/${gid}`
  const loan = (await api.post(`${g}/loans`, { memberId: member, principal: '1000000', termCount: 10, frequency: 'monthly', disbursedOn: '2025-01-10' })).json
  const l = `${g}/loans/${loan.id as string}`
  t.equal((await api.post(`${l}/repayments`, { date: '2025-02-10', amount: '115000' })).status, 201)
  const second = (await api.post(`${l}/repayments`, { date: '2025-03-10', amount: '115000' })).json
  t.equal((await api.post(`${g}/periods`, { through: '2025-12-31' })).status, 201)
  // Undone in the next year, the closed year untouched: the reversing entry is dated 2026-01-05.
  const undo = await api.post(`${l}/repayments/${second.id as string}/reversal`, { date: '2026-01-05', reason: 'Dicatat dua kali' })
  t.equal(undo.status, 201, JSON.stringify(undo.json))

  const piutang = async (asOf: string): Promise<string> =>
    ((await api.get(`${g}/trial-balance?asOf=${asOf}`)).json.rows as Array<{ account: string, debit: string, credit: string }>)
      .filter(r => r.account === '1201').map(r => (BigInt(r.debit) - BigInt(r.credit)).toString())[0] ?? '0'
  const cases: Array<[string, string, number]> = [
    ['2025-03-10', '800000', 2], ['2025-06-30', '800000', 2], ['2025-12-31', '800000', 2], ['2026-01-04', '800000', 2],
    ['2026-01-05', '900000', 1], ['2026-01-20', '900000', 1]
  ]
  for (const [asOf, outstanding, standing] of cases) {
    t.equal(await piutang(asOf), outstanding, `1201 in the trial balance of ${asOf}`)
    const card = (await api.get(`${l}?asOf=${asOf}`)).json
    t.equal(card.outstanding.principal, outstanding, `the loan on ${asOf} agrees with 1201`)
    t.equal(card.repayments.length, standing, `${standing} repayment(s) stand on ${asOf}`)
    t.equal(card.schedule[1].paidOn, standing === 2 ? '2025-03-10' : null, `instalment 2 paid on ${asOf}?`)
    const statement = (await api.get(`${g}/statements/loan-card?loanId=${loan.id as string}&to=${asOf}`)).json
    t.equal(statement.summary[1].value, outstanding, `the Kartu Pinjaman of ${asOf} agrees with 1201`)
    const portfolio = (await api.get(`${g}/reports/loan-portfolio?asOf=${asOf}`)).json
    t.equal(portfolio.totals.outstanding, outstanding, `the portfolio of ${asOf} agrees with 1201`)
  }
  // What stands now is what the next repayment builds on; it cannot be dated before the reversal.
  const early = await api.post(`${l}/repayments`, { date: '2026-01-04', amount: '115000' })
  t.equal(early.json.code, 'REPAYMENT_OUT_OF_ORDER')
  t.match(early.json.detail, /undone on 2026-01-05/)
  const again = await api.post(`${l}/repayments`, { date: '2026-01-06', amount: '115000' })
  t.equal(again.status, 201)
  t.same(again.json.loan.repayments.map((r: { date: string }) => r.date), ['2025-02-10', '2026-01-06'])
  t.equal((await api.get(`${g}/verify`)).json.valid, true)
})

t.test('a savings deposit already withdrawn cannot be reversed below zero', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const { gid, member } = await groupWithTerms(api)
  const g = `/v1/groups/${gid}`
  const dep = (await api.post(`${g}/savings`, { memberId: member, kind: 'sukarela', date: '2025-02-01', amount: '50000' })).json
  t.equal((await api.post(`${g}/savings/withdrawals`, { memberId: member, date: '2025-02-02', amount: '30000' })).status, 201)
  const r = await api.post(`${g}/journal-entries/${dep.entryId as string}/reversal`, { date: '2025-02-03', reason: 'Salah catat' })
  t.equal(r.status, 422)
  t.equal(r.json.code, 'INSUFFICIENT_SAVINGS')
  t.equal((await api.get(`${g}/members/${member}/savings`)).json.balances.sukarela, '20000')
})

t.test('a repayment previewed: the split and the pokok left that recording it gives, the same refusals, nothing written', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-04-20T02:00:00Z') } })
  t.teardown(api.close)
  const { gid, member } = await groupWithTerms(api, { penalty: { percentOfOverdue: '1', per: 'month', graceDays: 3 } })
  const loan = (await api.post(`/v1/groups/${gid}/loans`, { memberId: member, principal: '1000000', termCount: 10, frequency: 'monthly', disbursedOn: '2025-01-10' })).json.id as string
  const preview = `/v1/groups/${gid}/loans/${loan}/repayment-preview`
  const head = async (): Promise<unknown> => (await api.get(`/v1/groups/${gid}/verify`)).json.head
  const before = await head()

  const p = await api.post(preview, { date: '2025-03-15', amount: '48000' })
  t.equal(p.status, 200)
  t.ok(BigInt(p.json.allocation.penalty as string) > 0n, `the February instalment is late: denda ${p.json.allocation.penalty as string} is paid first`)
  t.equal(BigInt(p.json.allocation.penalty as string) + BigInt(p.json.allocation.interest as string) + BigInt(p.json.allocation.principal as string), 48000n)
  t.same(await head(), before, 'a preview writes nothing')
  t.same((await api.post(preview, { date: '2025-03-15', amount: '48000' })).json, p.json, 'and asking again gives the same answer')

  const r = await api.post(`/v1/groups/${gid}/loans/${loan}/repayments`, { date: '2025-03-15', amount: '48000' })
  t.equal(r.status, 201)
  t.same(r.json.allocation, p.json.allocation, 'recording it splits it as previewed')
  t.same(r.json.parts, p.json.parts, 'instalment by instalment')
  t.equal(r.json.loan.outstanding.principal, p.json.principalLeft, 'and leaves the pokok the preview said')

  for (const [body, code] of [
    [{ date: '2025-03-14', amount: '1000' }, 'REPAYMENT_OUT_OF_ORDER'],
    [{ date: '2025-03-15', amount: '100000000' }, 'REPAYMENT_EXCEEDS_PAYOFF'],
    [{ date: '2025-04-21', amount: '1000' }, 'DATE_IN_FUTURE']
  ] as const) {
    t.equal((await api.post(preview, body)).json.code, code, `${JSON.stringify(body)}: ${code}, as the repayment itself`)
    t.equal((await api.post(`/v1/groups/${gid}/loans/${loan}/repayments`, body)).json.code, code)
  }
  t.equal((await api.post(`/v1/groups/${gid}/periods`, { through: '2025-03-31' })).status, 201)
  t.equal((await api.post(preview, { date: '2025-03-20', amount: '1000' })).json.code, 'PERIOD_CLOSED', 'a date in the closed books')
  t.equal((await api.post(`/v1/groups/${gid}/loans/lon_nope/repayment-preview`, { date: '2025-04-10', amount: '1000' })).json.code, 'LOAN_NOT_FOUND')
})
