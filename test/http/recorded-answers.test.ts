import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import t from 'tap'
import { ADMIN_TOKEN, sqliteOnly } from '../helpers.js'
import { fullYears, twoYearApi } from '../scenario.js'

// A recorded set of answers: the same requests on the same fixed two-year books (a fixed clock, counted ids) give
// the same status, content type and bytes as when the set was recorded. A refactor must leave it unchanged; a
// deliberate change of an answer is accepted with UPDATE_GOLDEN=1 and shows in the diff of test/golden/answers.json.
// PDF and XLSX files carry their own creation time: their status, type and size are compared, not their bytes.
// Recorded first on d2520af (before issue 15's refactors); the one answer that changed then was deliberate: a bad
// cursor's field error points at /query/cursor (it said /cursor, which is no place in the request).

const GOLDEN = new URL('../golden/answers.json', import.meta.url)

interface Recorded { status: number, type: string, bytes: number, sha256?: string }

t.test('the recorded set of answers is unchanged', { skip: sqliteOnly }, async t => {
  const api = await twoYearApi()
  t.teardown(api.close)
  const books = await fullYears(api)
  const g = `/v1/groups/${books.gid}`
  const entry = ((await api.get(`${g}/journal-entries?limit=1`)).json.items as Array<{ id: string }>)[0]?.id ?? ''
  const auditor = await api.post('/v1/api-keys', { name: 'Pengawas', role: 'auditor', groupIds: [books.gid] })
  const auditorToken = auditor.json.key as string
  const [sari = '', made = ''] = books.members
  const [loanA = '', loanB = ''] = books.loans

  const reads = [
    '/health', '/signing-key', '/v1/groups', g, `${g}/members`, `${g}/members/${sari}`, `${g}/accounts`, `${g}/funds`,
    `${g}/journal-entries`, `${g}/journal-entries?limit=3`, `${g}/journal-entries/${entry}`, `${g}/trial-balance`, `${g}/trial-balance?asOf=2005-06-30`,
    `${g}/accounts/1101/ledger`, `${g}/accounts/1201/ledger?from=2005-03-01&to=2005-09-30`, `${g}/verify`, `${g}/checkpoint`,
    `${g}/meetings`, `${g}/meetings/${books.ids.rat}`, `${g}/loan-terms`, `${g}/members/${sari}/savings`, `${g}/members/${made}/savings`,
    `${g}/loans`, `${g}/loans/${loanA}`, `${g}/loans/${loanB}`, `${g}/reports/fund-growth`, `${g}/reports/loan-portfolio`,
    `${g}/periods`, `${g}/shu/distributions`, `${g}/shu/payouts`, `${g}/shu/owed`, '/v1/api-keys', `${g}/events`, `${g}/events?after=5&limit=5`,
    `${g}/export/ledger`,
    // Refusals: a missing group, entry, route; a bad query; a bad cursor.
    '/v1/groups/grp_nope', `${g}/journal-entries/ent_nope`, `${g}/nothing-here`, `${g}/trial-balance?asOf=2005-02-30`,
    `${g}/journal-entries?cursor=bm90LWEtY3Vyc29y`, `${g}/statements/loan-card`
  ]
  const kinds = ['trial-balance', 'balance-sheet', 'income-statement', 'cash-flow', 'equity-changes', 'cash-book', 'general-journal', 'general-ledger',
    'member-savings', 'loan-portfolio', 'fund-usage', 'fund-growth', 'meetings', 'shu-distribution']
  for (const kind of kinds) {
    for (const format of ['json', 'csv', 'xlsx', 'pdf']) reads.push(`${g}/statements/${kind}?format=${format}`)
    reads.push(`${g}/statements/${kind}?lang=en`, `${g}/statements/${kind}?format=csv&lang=en`)
  }
  reads.push(`${g}/statements/loan-card?loanId=${loanA}`, `${g}/statements/loan-card?loanId=${loanA}&format=csv`, `${g}/statements/general-ledger?account=1101&from=2005-01-01&to=2005-12-31`)

  const writes: Array<[string, unknown]> = [
    [`${g}/members`, { name: 'Ni Ketut Ayu', householdNo: 'KK-004', joinedOn: '2007-01-15' }],
    [`${g}/savings`, { memberId: sari, kind: 'wajib', date: '2007-01-15', amount: '5000' }],
    [`${g}/journal-entries`, { date: '2007-01-15', description: 'Sewa kursi', lines: [{ account: '1101', debit: '20000' }, { account: '4103', credit: '20000' }] }],
    [`${g}/loans/schedule-preview`, { principal: '400000', termCount: 8, frequency: 'monthly', disbursedOn: '2007-01-15' }],
    [`${g}/shu/preview`, { through: '2006-12-31', meetingId: books.ids.rat }],
    // Refusals: malformed, unbalanced, out of the period, too much, unknown fields, a number for an amount.
    [`${g}/journal-entries`, { date: '2007-01-15', description: 'x', lines: [{ account: '1101', debit: '20000' }, { account: '4103', credit: '10000' }] }],
    [`${g}/journal-entries`, { date: '2005-03-01', description: 'x', lines: [{ account: '1101', debit: '1' }, { account: '4103', credit: '1' }] }],
    [`${g}/savings/withdrawals`, { memberId: made, date: '2007-01-15', amount: '999999999' }],
    [`${g}/savings`, { memberId: sari, kind: 'wajib', date: '2007-01-15', amount: 5000, extra: true }],
    [`${g}/loans/${loanA}/repayments`, { date: '2007-01-15', amount: '99999999' }],
    [`${g}/journal-entries/${entry}/reversal`, { date: '2007-01-15', reason: 'salah catat' }],
    [`${g}/expenses`, { date: '2007-01-15', amount: '0', account: '5101', description: 'nol' }]
  ]

  const answers: Record<string, Recorded> = {}
  const record = (key: string, r: { statusCode: number, headers: Record<string, unknown>, rawPayload: Buffer }): void => {
    const type = String(r.headers['content-type'] ?? '')
    const opaque = /pdf|spreadsheet/.test(type)
    answers[key] = { status: r.statusCode, type, bytes: r.rawPayload.length, ...(opaque ? {} : { sha256: createHash('sha256').update(r.rawPayload).digest('hex') }) }
  }
  for (const url of reads) record(`GET ${url}`, await api.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }))
  for (const [url, body] of writes) {
    record(`POST ${url} ${JSON.stringify(body)}`, await api.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) }))
  }
  // An auditor may read but not write; no token is no entry.
  record(`GET ${g}/trial-balance as auditor`, await api.app.inject({ method: 'GET', url: `${g}/trial-balance`, headers: { authorization: `Bearer ${auditorToken}` } }))
  record(`POST ${g}/expenses as auditor`, await api.app.inject({ method: 'POST', url: `${g}/expenses`, headers: { authorization: `Bearer ${auditorToken}`, 'content-type': 'application/json' }, payload: '{"date":"2007-01-15","amount":"1000","account":"5101","description":"x"}' }))
  record(`GET ${g} without a token`, await api.app.inject({ method: 'GET', url: g }))
  record(`GET ${g}/audit-log`, await api.app.inject({ method: 'GET', url: `${g}/audit-log`, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }))

  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, JSON.stringify(answers, null, 1) + '\n')
  t.ok(existsSync(GOLDEN), 'test/golden/answers.json exists (UPDATE_GOLDEN=1 writes it, to be read and committed)')
  const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, Recorded>
  t.same(Object.keys(answers), Object.keys(golden), 'the same requests as recorded')
  for (const [key, answer] of Object.entries(answers)) t.same(answer, golden[key], key)
})
