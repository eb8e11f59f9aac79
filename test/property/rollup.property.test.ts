import fc from 'fast-check'
import t from 'tap'
import { testApi, type Api } from '../helpers.js'

/*
 * The roll-up ties to the groups' own books (issue 18): for 20 groups with random histories (members, wajib and
 * sukarela, loans, repayments, expenses, places in and out of a kecamatan, members' recorded sex), each row's figures equal that group's own
 * trial balance, fund growth report, loan portfolio and Laporan Penggunaan Dana (grants used), and the totals equal their sums; a supervisor of the kecamatan
 * gets exactly the rows of its groups, and the CSV carries the same figures.
 */

const AS_OF = '2025-06-30'

const history = fc.record({
  members: fc.integer({ min: 1, max: 5 }),
  sexes: fc.array(fc.constantFrom('female', 'male', null), { minLength: 5, maxLength: 5 }),
  grant: fc.integer({ min: 500_000, max: 5_000_000 }),
  wajib: fc.array(fc.record({ who: fc.nat(), month: fc.integer({ min: 1, max: 6 }), amount: fc.integer({ min: 1, max: 50 }).map(x => x * 1000) }), { maxLength: 8 }),
  sukarela: fc.array(fc.record({ who: fc.nat(), amount: fc.integer({ min: 1, max: 200 }).map(x => x * 500) }), { maxLength: 3 }),
  loans: fc.array(fc.record({ who: fc.nat(), month: fc.integer({ min: 1, max: 5 }), principal: fc.integer({ min: 1, max: 40 }).map(x => x * 10_000), paid: fc.integer({ min: 0, max: 4 }), fromGrant: fc.boolean() }), { maxLength: 3 }),
  expense: fc.integer({ min: 0, max: 50_000 }),
  expenseFromGrant: fc.boolean(),
  inKecamatan: fc.boolean(),
  met: fc.boolean()
})

type History = typeof history extends fc.Arbitrary<infer T> ? T : never

const day = (month: number, d = 10): string => `2025-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`

async function ok (api: Api, url: string, body: unknown): Promise<string> {
  const r = await api.post(url, body)
  if (r.status !== 201 && r.status !== 200) throw new Error(`${url}: ${r.status} ${JSON.stringify(r.json)}`)
  return (r.json as { id?: string, loan?: { id: string } }).id ?? ''
}

/** A group written through the API as its history says; its id. */
async function groupOf (api: Api, n: number, h: History): Promise<string> {
  const gid = await ok(api, '/v1/groups', { name: `Kelompok ${String(n).padStart(2, '0')}`, kind: n % 3 === 0 ? 'pkk' : 'p2wkss' })
  const g = `/v1/groups/${gid}`
  await ok(api, `${g}/place`, { regionCode: h.inKecamatan ? `51.03.05.20${String(n).padStart(2, '0')}` : '51.03.06', province: 'Bali', regency: 'Badung', district: h.inKecamatan ? 'Abiansemal' : 'Mengwi', village: null })
  const members: string[] = []
  for (let i = 0; i < h.members; i++) members.push(await ok(api, `${g}/members`, { name: `Anggota ${i + 1}`, joinedOn: '2025-01-01' }))
  // Her sex as the group records it (or not at all); the first is set wrong, then corrected, as a treasurer does.
  for (const [i, m] of members.entries()) {
    const sex = h.sexes[i] ?? null
    if (i === 0 && sex !== null) await ok(api, `${g}/members/${m}/profile`, { sex: sex === 'female' ? 'male' : 'female' })
    if (sex !== null) await ok(api, `${g}/members/${m}/profile`, { sex })
  }
  const pick = (who: number): string => members[who % members.length] as string
  const grant = await api.post(`${g}/grants`, { date: '2025-01-02', amount: String(h.grant), source: 'Dinas' })
  const fund = (grant.json as { lines: Array<{ fund: string }> }).lines[0]?.fund as string
  await ok(api, `${g}/meetings`, { date: '2025-01-05', attendees: members.slice(0, h.met ? members.length : 1), decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '2', ratePer: 'month' }] })
  for (const w of h.wajib) await ok(api, `${g}/savings`, { memberId: pick(w.who), kind: 'wajib', date: day(w.month), amount: String(w.amount) })
  for (const s of h.sukarela) await ok(api, `${g}/savings`, { memberId: pick(s.who), kind: 'sukarela', date: day(1, 20), amount: String(s.amount) })
  let cash = BigInt(h.grant)
  for (const l of h.loans) {
    if (BigInt(l.principal) > cash) continue
    cash -= BigInt(l.principal)
    const loan = await ok(api, `${g}/loans`, { memberId: pick(l.who), principal: String(l.principal), termCount: 4, frequency: 'monthly', disbursedOn: day(l.month), ...(l.fromGrant ? { fund } : {}) })
    const state = (await api.get(`${g}/loans/${loan}?asOf=${AS_OF}`)).json as { schedule: Array<{ dueDate: string, total: string }> }
    for (const due of state.schedule.slice(0, l.paid)) await ok(api, `${g}/loans/${loan}/repayments`, { date: due.dueDate <= AS_OF ? due.dueDate : AS_OF, amount: due.total })
  }
  if (h.expense > 0) await ok(api, `${g}/expenses`, { date: '2025-02-01', amount: String(h.expense), account: '5101', description: 'Konsumsi rapat', ...(h.expenseFromGrant ? { fund } : {}) })
  return gid
}

t.test('the roll-up of 20 groups with random histories ties to each group\'s own statements, and its totals to their sums', async t => {
  const api = await testApi({ env: { now: () => new Date('2025-07-01T00:00:00Z') } })
  t.teardown(api.close)
  const seed = Number(process.env.ROLLUP_SEED ?? Date.now() % 1_000_000)
  const histories = fc.sample(history, { numRuns: 20, seed })
  const ids: string[] = []
  for (const [i, h] of histories.entries()) ids.push(await groupOf(api, i + 1, h))
  const r = (await api.get(`/v1/rollup?asOf=${AS_OF}&from=2025-01-01`)).json
  t.equal(r.groups.length, 20, `seed ${seed}: every group`)
  const sum = { savings: 0n, cash: 0n, outstanding: 0n, fund: 0n, growth: 0n, members: 0, late30: 0n, grantsUsed: 0n, women: 0, notRecorded: 0 }
  for (const id of ids) {
    const row = r.groups.find((x: { groupId: string }) => x.groupId === id)
    const g = `/v1/groups/${id}`
    const tb = new Map(((await api.get(`${g}/trial-balance?asOf=${AS_OF}`)).json.rows as Array<{ account: string, debit: string, credit: string }>).map(x => [x.account, BigInt(x.debit) - BigInt(x.credit)]))
    const bal = (code: string, credit = false): bigint => (credit ? -1n : 1n) * (tb.get(code) ?? 0n)
    const growth = (await api.get(`${g}/reports/fund-growth?asOf=${AS_OF}`)).json
    const pf = (await api.get(`${g}/reports/loan-portfolio?asOf=${AS_OF}`)).json
    const list = (await api.get(`${g}/members`)).json.items as Array<{ id: string }>
    const members = list.length
    const sexes = await Promise.all(list.map(async m => (await api.get(`${g}/members/${m.id}/profile`)).json.sex as string | null))
    const women = sexes.filter(x => x === 'female').length
    const notRecorded = sexes.filter(x => x === null).length
    t.same([row.women, row.sexNotRecorded], [women, notRecorded], `seed ${seed}: ${row.name as string}: women and members with no sex recorded, as her profile says`)
    sum.women += women
    sum.notRecorded += notRecorded
    // The grant's table of the Laporan Penggunaan Dana: what it says was spent ("Digunakan: …") and is lent out.
    const usage = (await api.get(`${g}/statements/fund-usage?to=${AS_OF}`)).json.tables[0].rows as Array<{ item: string, amount: string }>
    const used = usage.filter(x => x.item.startsWith('Digunakan:')).reduce((s, x) => s - BigInt(x.amount), 0n) + BigInt(usage.find(x => x.item.startsWith('berupa: pinjaman'))?.amount ?? '0')
    t.equal(row.fund.grantsUsed, String(used), `seed ${seed}: ${row.name as string}: grants used as its Laporan Penggunaan Dana says`)
    sum.grantsUsed += used
    t.same(
      [row.savings.pokok, row.savings.wajib, row.savings.sukarela, row.cash, row.loans.outstanding, row.fund.fund, row.fund.growth, row.fundGrowthPercent, row.par30, row.members],
      [String(bal('3101', true)), String(bal('3102', true)), String(bal('2101', true)), String(bal('1101') + bal('1102')), String(bal('1201')), growth.fund, growth.growth, growth.growthPercent, pf.par30, members],
      `seed ${seed}: ${row.name as string} ties to its trial balance, fund growth report and loan portfolio`
    )
    sum.savings += BigInt(row.savings.total); sum.cash += bal('1101') + bal('1102'); sum.outstanding += bal('1201'); sum.fund += BigInt(growth.fund)
    sum.growth += BigInt(growth.growth); sum.members += members; sum.late30 += BigInt(row.loans.late30)
  }
  t.same(
    [r.totals.savings.total, r.totals.cash, r.totals.loans.outstanding, r.totals.fund.fund, r.totals.fund.growth, r.totals.fund.grantsUsed, r.totals.members, r.totals.women, r.totals.sexNotRecorded, r.totals.groups],
    [String(sum.savings), String(sum.cash), String(sum.outstanding), String(sum.fund), String(sum.growth), String(sum.grantsUsed), sum.members, sum.women, sum.notRecorded, 20],
    `seed ${seed}: the totals are the sums of the groups' own figures`
  )
  // Half-up to two decimals, in whole numbers: (late30 × 10000 × 2 + outstanding) ÷ (2 × outstanding) hundredths of a percent.
  const hundredths = sum.outstanding === 0n ? 0n : (sum.late30 * 20_000n + sum.outstanding) / (2n * sum.outstanding)
  t.equal(r.totals.par30, `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`, 'PAR30 of the total is recomputed from the summed parts')

  // A kecamatan's supervisor: exactly the groups placed inside it.
  const key = (await api.post('/v1/api-keys', { name: 'Pendamping Abiansemal', role: 'auditor', region: { code: '51.03.05' } })).json.key as string
  const mine = (await api.get(`/v1/rollup?asOf=${AS_OF}`, key)).json
  const inside = ids.filter((_, i) => histories[i]?.inKecamatan === true)
  t.same(mine.groups.map((x: { groupId: string }) => x.groupId).sort(), [...inside].sort(), 'the supervisor\'s roll-up: its kecamatan\'s groups only')
  t.equal((await api.get(`/v1/rollup?asOf=${AS_OF}&region=51.03.06`, key)).json.groups.length, 0, 'asking for another region narrows, never widens: nothing')
  t.same([(await api.get(`/v1/rollup?asOf=${AS_OF}&from=2025-07-01`, key)).status, (await api.get(`/v1/rollup?region=Badung`, key)).status], [400, 400], 'from after asOf, a region that is no code: 400')
  const csv = await api.app.inject({ method: 'GET', url: `/v1/rollup?asOf=${AS_OF}&format=csv`, headers: { authorization: `Bearer ${key}` } })
  t.equal(csv.body.trim().split('\r\n').length, inside.length + 2, 'the CSV: a header, a line per group, the total')
  t.match(csv.body.trim().split('\r\n').at(-1) ?? '', new RegExp(`,${String(mine.totals.savings.total as string)},`), 'its total line carries the savings total')
})
