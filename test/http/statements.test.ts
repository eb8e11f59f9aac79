import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import t from 'tap'
import { STATEMENT_KINDS } from '../../src/domain/statements/model.js'
import { p2wkssYear, scenarioApi } from '../scenario.js'

const golden = (name: string): URL => new URL(`../golden/${name}`, import.meta.url)

t.test('every statement in every format; JSON and CSV match the golden files byte for byte', async t => {
  const api = await scenarioApi()
  t.teardown(api.close)
  const s = await p2wkssYear(api)
  const extra: Record<string, string> = { 'loan-card': `&loanId=${s.loans[0] ?? ''}` }
  for (const kind of STATEMENT_KINDS) {
    for (const format of ['json', 'csv', 'xlsx', 'pdf'] as const) {
      const url = `/v1/groups/${s.gid}/statements/${kind}?from=2005-01-01&to=2005-12-31&format=${format}${extra[kind] ?? ''}`
      const r = await api.app.inject({ method: 'GET', url, headers: { authorization: 'Bearer test-admin-token-0123456789' } })
      t.equal(r.statusCode, 200, `${kind} ${format}`)
      if (format === 'pdf') t.equal(r.rawPayload.subarray(0, 4).toString(), '%PDF', `${kind} is a PDF`)
      if (format === 'xlsx') t.equal(r.rawPayload.subarray(0, 2).toString(), 'PK', `${kind} is a zip (xlsx)`)
      if (format === 'json' || format === 'csv') {
        const again = await api.app.inject({ method: 'GET', url, headers: { authorization: 'Bearer test-admin-token-0123456789' } })
        t.ok(again.rawPayload.equals(r.rawPayload), `${kind} ${format} is byte-identical on the same ledger state`)
        const file = golden(`${kind}.${format}`)
        if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, r.rawPayload)
        if (!existsSync(file)) { t.fail(`test/golden has no ${kind}.${format}: UPDATE_GOLDEN=1 writes it, to be read and committed`); continue }
        t.ok(readFileSync(file).equals(r.rawPayload), `${kind}.${format} matches test/golden (UPDATE_GOLDEN=1 to accept a deliberate change)`)
      }
    }
  }
})

t.test('statements tie out with the trial balance', async t => {
  const api = await scenarioApi()
  t.teardown(api.close)
  const s = await p2wkssYear(api)
  const get = async (kind: string, q = ''): Promise<{ tables: Array<{ rows: Array<Record<string, unknown>> }>, summary: Array<{ value: string }> }> =>
    (await api.get(`/v1/groups/${s.gid}/statements/${kind}?from=2005-01-01&to=2005-12-31${q}`)).json
  const tb = (await api.get(`/v1/groups/${s.gid}/trial-balance?asOf=2005-12-31`)).json as { rows: Array<{ account: string, debit: string, credit: string }>, totals: { debit: string } }
  const bal = (code: string): bigint => { const r = tb.rows.find(x => x.account === code); return r === undefined ? 0n : BigInt(r.debit) - BigInt(r.credit) }

  const trial = await get('trial-balance')
  const total = trial.tables[0]?.rows.at(-1) as Record<string, string>
  t.equal(total.closingDebit, tb.totals.debit)
  t.equal(total.closingCredit, tb.totals.debit)

  const bs = await get('balance-sheet')
  t.equal(bs.summary[0]?.value, bs.summary[1]?.value, 'the balance sheet balances')
  const assets = ['1101', '1102', '1201', '1202', '1209', '1301'].reduce((x, c) => x + bal(c), 0n)
  t.equal(bs.summary[0]?.value, assets.toString())

  const is = await get('income-statement')
  // Hand calculation: jasa 6 × 10.000 (loan A) + 2 × 6.000 (loan B) = 72.000; denda 1 % × 56.000 = 560 on loan B's
  // second instalment (due 04-01, grace to 04-04, accrued 04-05, paid 04-10); beban 25.000 konsumsi + 300.000 Posyandu.
  t.same(is.summary.map(x => x.value), ['72560', '325000', '-252440'], 'closed year: the closing entry is left out of the Laporan SHU')

  const cf = await get('cash-flow')
  t.equal(cf.summary[2]?.value, (bal('1101') + bal('1102')).toString(), 'closing cash equals Kas + Bank')

  const cb = await get('cash-book')
  t.equal((cb.tables[0]?.rows.at(-1) as Record<string, string>).balance, bal('1101').toString())

  const recap = await get('member-savings')
  const sums = recap.tables[0]?.rows.at(-1) as Record<string, string>
  t.same([sums.pokok, sums.sukarela], [(-bal('3101')).toString(), (-bal('2101')).toString()])

  const growth = await get('fund-growth')
  // capital 2.500.000 + 200.000 + 3 × 10.000 = 2.730.000; growth −252.440 → −9,2468… %
  t.equal(growth.summary[0]?.value, '-9.25')

  const usage = await get('fund-usage')
  t.equal(usage.tables.length, 3, 'one table per fund (the grant, the donation) and one for lines with no fund')
  // Every rupiah is accounted for: what is left across the tables is the cash, the loans and the fixed assets held.
  // (The gamelan bought counts as used.) 2.572.560 + 200.000 − 695.000 = Kas 1.677.000 + Piutang 400.560.
  const left = usage.tables.reduce((x, tb) => x + BigInt((tb.rows.find(r => r.item === 'Sisa dana') as Record<string, string>).amount ?? '0'), 0n)
  t.equal(left, bal('1101') + bal('1102') + bal('1201'), 'what the funds have left is the cash and the loans outstanding')

  const card = await get('loan-card', `&loanId=${s.loans[0] ?? ''}`)
  t.equal(card.tables[0]?.rows.length, 11)

  const missing = await api.get(`/v1/groups/${s.gid}/statements/loan-card`)
  t.equal(missing.json.errors[0].path, '/query/loanId')
  t.equal((await api.get(`/v1/groups/${s.gid}/statements/neraca`)).status, 400)
  t.equal((await api.get(`/v1/groups/${s.gid}/statements/trial-balance?from=2005-12-31&to=2005-01-01`)).status, 400)
})
