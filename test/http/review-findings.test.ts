import t from 'tap'
import { testApi, type Api } from '../helpers.js'

/*
 * Findings of the hostile review of issue 14 that are about the ledger's own rules, each named after the finding and
 * tried the way it was found. (The loan findings are in test/http/loans.test.ts and test/domain/, the HTTP ones in
 * test/http/hardening.test.ts, the tampering ones in test/integrity/ and test/audit/.)
 */

async function group (api: Api): Promise<string> {
  const g = await api.post('/v1/groups', { name: 'Kelompok PKK Melati', kind: 'pkk', village: 'Sukamaju' })
  return g.json.id as string
}

const balance = async (api: Api, gid: string, code: string): Promise<string> =>
  ((await api.get(`/v1/groups/${gid}/accounts`)).json.items as Array<{ code: string, balance: string }>).find(a => a.code === code)?.balance ?? ''

t.test('SHU paid twice: the closing entry cannot be reversed through the generic route, so a closed year\'s SHU is shared once', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const gid = await group(api)
  const g = `/v1/groups/${gid}`
  await api.post(`${g}/grants`, { date: '2025-01-10', amount: '2500000', source: 'Dinas' })
  await api.post(`${g}/journal-entries`, { date: '2025-03-01', description: 'Sewa tenda', lines: [{ account: '1101', debit: '140000' }, { account: '4103', credit: '140000' }] })
  const period = await api.post(`${g}/periods`, { through: '2025-06-30' })
  t.equal(period.status, 201)
  const closing = await api.get(`${g}/journal-entries/${period.json.closingEntryId as string}`)
  t.equal(closing.json.kind, 'closing')
  t.equal(closing.json.source, period.json.id)
  const before = (await api.get(`${g}/verify`)).json.head
  const undo = await api.post(`${g}/journal-entries/${period.json.closingEntryId as string}/reversal`, { reason: 'buka lagi', date: '2025-07-01' })
  t.equal(undo.status, 409)
  t.equal(undo.json.code, 'ENTRY_BELONGS_TO_PERIOD')
  t.same((await api.get(`${g}/verify`)).json.head, before, 'nothing was posted')

  await api.post(`${g}/accounts`, { code: '2104', name: 'Dana Sosial', type: 'liability' })
  const rat = await api.post(`${g}/meetings`, { date: '2025-07-10', attendees: [], decisions: [{ type: 'shu-distribution', buckets: [{ name: 'Cadangan', percent: '90', account: '3301' }, { name: 'Dana sosial', percent: '10', account: '2104' }] }] })
  const first = await api.post(`${g}/shu/distributions`, { through: '2025-06-30', meetingId: rat.json.id, date: '2025-07-10' })
  t.equal(first.status, 201)
  t.equal(await balance(api, gid, '3401'), '0', 'the year\'s SHU is all shared')
  const again = await api.post(`${g}/shu/distributions`, { through: '2025-06-30', meetingId: rat.json.id, date: '2025-07-11' })
  t.equal(again.json.code, 'SHU_ALREADY_DISTRIBUTED')
  const undoShu = await api.post(`${g}/journal-entries/${first.json.entryId as string}/reversal`, { reason: 'x', date: '2025-07-12' })
  t.equal(undoShu.json.code, 'ENTRY_BELONGS_TO_SHU')
  const shu = (await api.get(`${g}/statements/income-statement?from=2025-07-01&to=2025-12-31`)).json.summary as Array<{ label: string, value: string }>
  t.equal(shu.at(-1)?.value, '0', 'no income of the closed year comes back into the open one')
  t.equal(await balance(api, gid, '3401'), '0')
})

t.test('reference means three things: a voucher number that looks like a closing marker or a loan id is only a voucher number', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const gid = await group(api)
  const g = `/v1/groups/${gid}`
  await api.post(`${g}/grants`, { date: '2025-01-10', amount: '2500000', source: 'Dinas' })
  const marked = await api.post(`${g}/journal-entries`, { date: '2025-02-01', description: 'Sewa tenda', reference: 'close:2025-12-31', lines: [{ account: '1101', debit: '75000' }, { account: '4103', credit: '75000' }] })
  t.equal(marked.status, 201)
  t.equal(marked.json.kind, 'manual')
  const income = (await api.get(`${g}/statements/income-statement?from=2025-01-01&to=2025-12-31`)).json
  t.equal(income.summary[0].value, '75000', 'it is in the Laporan SHU')
  t.equal((await api.get(`${g}/reports/fund-growth?asOf=2025-12-31`)).json.income.other, '75000', 'and in the fund growth')
  const usage = (await api.get(`${g}/statements/fund-usage?to=2025-12-31`)).json
  t.ok(JSON.stringify(usage).includes('"amount":"75000"'), 'and in the fund usage (as income not tagged with a fund)')

  const m = await api.post(`${g}/members`, { name: 'Ni Wayan Sari' })
  await api.post(`${g}/meetings`, { date: '2025-02-01', attendees: [m.json.id], decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '1', ratePer: 'month' }] })
  const loan = await api.post(`${g}/loans`, { memberId: m.json.id, principal: '100000', termCount: 5, frequency: 'monthly', disbursedOn: '2025-02-05' })
  t.equal(loan.status, 201)
  const voucher = await api.post(`${g}/expenses`, { date: '2025-02-06', amount: '5000', account: '5102', description: 'Materai', reference: loan.json.id })
  const undo = await api.post(`${g}/journal-entries/${voucher.json.id as string}/reversal`, { reason: 'salah catat', date: '2025-02-07' })
  t.equal(undo.status, 201, 'an entry whose voucher number equals a loan id is an expense, and can be reversed')
})

t.test('an untagged debit to 2101 Simpanan Sukarela pays no member\'s savings out of Kas: refused, 2101 stays the sum of the passbooks', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const gid = await group(api)
  const g = `/v1/groups/${gid}`
  const m = await api.post(`${g}/members`, { name: 'Ni Made Rasmiati' })
  await api.post(`${g}/savings`, { memberId: m.json.id, kind: 'sukarela', date: '2025-01-15', amount: '100000' })
  for (const account of ['2101', '2103', '3101', '3102']) {
    const r = await api.post(`${g}/journal-entries`, { date: '2025-01-16', description: 'Tarik', lines: [{ account, debit: '1000' }, { account: '1101', credit: '1000' }] })
    t.equal(r.status, 422, account)
    t.equal(r.json.code, 'MEMBER_REQUIRED', account)
  }
  t.equal(await balance(api, gid, '2101'), '100000')
  t.equal((await api.get(`${g}/members/${m.json.id as string}/savings`)).json.balances.sukarela, '100000')
})

t.test('one request can lock a group for ever: no request moves more than 10^16, and a reversal always fits under the turnover limit', async t => {
  const api = await testApi()
  t.teardown(api.close)
  const gid = await group(api)
  const g = `/v1/groups/${gid}`
  const entry = (amount: string) => ({ date: '2025-01-10', description: 'Modal desa', lines: [{ account: '1101', debit: amount }, { account: '3202', credit: amount }] })
  const big = '1000000000000000'
  const huge = await api.post(`${g}/journal-entries/batch`, { mode: 'independent', entries: Array.from({ length: 11 }, () => entry(big)) })
  t.equal(huge.status, 422, 'a batch over Rp 10^16 is refused whole')
  t.equal(huge.json.code, 'ENTRY_TOO_LARGE')
  t.equal((await api.get(`${g}/verify`)).json.entries, 0, 'and nothing was posted')
  // Fifty requests of Rp 10^16 (the most one may move) take the group to half the limit: the ceiling for new entries.
  let last = ''
  for (let i = 0; i < 50; i++) {
    const r = await api.post(`${g}/journal-entries/batch`, { mode: 'atomic', entries: Array.from({ length: 10 }, () => entry(big)) })
    t.equal(r.status, 201, `batch ${i + 1}`)
    last = r.json.results.at(-1).entry.id as string
  }
  const over = await api.post(`${g}/journal-entries`, entry('1'))
  t.equal(over.status, 422)
  t.equal(over.json.code, 'TURNOVER_LIMIT')
  const undo = await api.post(`${g}/journal-entries/${last}/reversal`, { reason: 'salah catat', date: '2025-01-11' })
  t.equal(undo.status, 201, 'a mistake can still be undone')
  t.equal((await api.get(`${g}/verify`)).json.valid, true)
})
