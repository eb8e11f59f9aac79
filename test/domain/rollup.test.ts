import t from 'tap'
import { ratiosOf, rollupOf, type GroupRow, type Parts } from '../../src/domain/reports/rollup.js'

/* The roll-up's arithmetic, by hand: its ratios (zero bases, rounding) and totals recomputed from summed parts. */

const parts = (o: { members: number, women?: number, savings: bigint, cash: bigint, outstanding: bigint, late30: bigint, income: bigint, expenses: bigint, capital: bigint, fund: bigint }): Parts => ({
  members: o.members,
  women: o.women ?? 0,
  sexNotRecorded: o.members - (o.women ?? 0),
  savings: { pokok: 0n, wajib: o.savings, sukarela: 0n, total: o.savings },
  cash: o.cash,
  loans: { active: 1, outstanding: o.outstanding, late30: o.late30, disbursed: 0n, disbursedCount: 0, byCollectibility: { lancar: o.outstanding - o.late30, kurang_lancar: 0n, diragukan: o.late30, macet: 0n } },
  fund: { grants: o.capital, grantsUsed: o.capital, capital: o.capital, fund: o.fund, growth: o.fund - o.capital, income: o.income, expenses: o.expenses },
  shu: 0n,
  meetings: { count: 2, attendances: 3, seats: 2 * o.members }
})

const row = (id: string, p: Parts): GroupRow => ({ groupId: id, name: id, kind: 'p2wkss', ...p, ...ratiosOf(p), lastMeeting: null, lastPosting: null, inactive: true, head: { seq: 0, hash: '0'.repeat(64) } })

t.test('ratios: half-up to two decimals, zero bases give 0.00, the average is rounded down', async t => {
  const r = ratiosOf(parts({ members: 3, savings: 100_000n, cash: 200_000n, outstanding: 300_000n, late30: 100_000n, income: 20_000n, expenses: 5_000n, capital: 2_500_000n, fund: 2_640_000n }))
  t.same(r, { par30: '33.33', fundGrowthPercent: '5.60', attendancePercent: '50.00', returnOnSavings: '15.00', loanFundUtilisation: '60.00', averageSavingsPerMember: 33_333n })
  const empty = ratiosOf(parts({ members: 0, savings: 0n, cash: 0n, outstanding: 0n, late30: 0n, income: 0n, expenses: 0n, capital: 0n, fund: 0n }))
  t.same(empty, { par30: '0.00', fundGrowthPercent: '0.00', attendancePercent: '0.00', returnOnSavings: '0.00', loanFundUtilisation: '0.00', averageSavingsPerMember: 0n })
  t.equal(ratiosOf(parts({ members: 1, savings: 1n, cash: 2n, outstanding: 1n, late30: 0n, income: 0n, expenses: 0n, capital: 3n, fund: 3n })).loanFundUtilisation, '33.33', '1 ÷ 3')
  t.equal(ratiosOf(parts({ members: 1, savings: 1n, cash: 1n, outstanding: 1n, late30: 0n, income: 0n, expenses: 0n, capital: 3n, fund: 2n })).fundGrowthPercent, '-33.33', 'a shrinking fund')
})

t.test('totals: amounts and counts summed, ratios worked out again from the sums (never averaged)', async t => {
  const a = row('a', parts({ members: 1, women: 1, savings: 10_000n, cash: 0n, outstanding: 100_000n, late30: 100_000n, income: 0n, expenses: 0n, capital: 100n, fund: 100n }))
  const b = row('b', parts({ members: 9, women: 5, savings: 90_000n, cash: 0n, outstanding: 900_000n, late30: 0n, income: 0n, expenses: 0n, capital: 100n, fund: 100n }))
  const r = rollupOf([a, b], '2025-01-01', '2025-06-30')
  t.same([a.par30, b.par30, r.totals.par30], ['100.00', '0.00', '10.00'], 'PAR30 of the total is 100.000 ÷ 1.000.000, not the mean of 100 % and 0 %')
  t.same([r.totals.members, r.totals.savings.total, r.totals.loans.outstanding, r.totals.loans.byCollectibility.diragukan, r.totals.groups, r.totals.inactive], [10, 100_000n, 1_000_000n, 100_000n, 2, 2])
  t.equal(r.totals.averageSavingsPerMember, 10_000n)
  t.same([r.totals.women, r.totals.sexNotRecorded], [6, 4], 'women and members with no sex recorded are summed')
  t.same(rollupOf([], '2025-01-01', '2025-06-30').totals.par30, '0.00', 'no groups: zeros')
})
