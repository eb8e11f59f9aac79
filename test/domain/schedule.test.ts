import { Decimal } from 'decimal.js'
import fc from 'fast-check'
import t from 'tap'
import { addDays } from '../../src/domain/dates.js'
import { dueDate, periodicRate, roundToUnit, schedule } from '../../src/domain/loans/schedule.js'
import type { Frequency, Installment, LoanMethod, RatePer, Rounding, RoundingMode, ScheduleInput } from '../../src/domain/loans/types.js'

/** Rp 1.000.000 over 10 months at 1,5 %/month flat, amounts to the rupiah, half-up: the example of the brief. */
const base: ScheduleInput = {
  principal: 1_000_000n,
  termCount: 10,
  frequency: 'monthly',
  method: 'flat',
  ratePercent: '1.5',
  ratePer: 'month',
  disbursedOn: '2025-01-15',
  rounding: { roundTo: 1n, instalmentRoundTo: 1n, mode: 'half-up' }
}

function input (over: Partial<Omit<ScheduleInput, 'rounding'>> & { rounding?: Partial<Rounding> } = {}): ScheduleInput {
  const { rounding, ...rest } = over
  return { ...base, ...rest, rounding: { ...base.rounding, ...rounding } }
}

/** Each row as [pokok, jasa, total, balance after]. */
const table = (rows: Installment[]): bigint[][] => rows.map(r => [r.principal, r.interest, r.total, r.balance])
const sumOf = (rows: Installment[], key: 'principal' | 'interest' | 'total'): bigint => rows.reduce((s, r) => s + r[key], 0n)

t.test('roundToUnit: the four modes on a tie and off it', async t => {
  const cases: Array<[string, bigint, Record<RoundingMode, bigint>]> = [
    ['12.5', 1n, { 'half-even': 12n, 'half-up': 13n, up: 13n, down: 12n }],
    ['13.5', 1n, { 'half-even': 14n, 'half-up': 14n, up: 14n, down: 13n }],
    ['1250', 100n, { 'half-even': 1200n, 'half-up': 1300n, up: 1300n, down: 1200n }],
    ['1350', 100n, { 'half-even': 1400n, 'half-up': 1400n, up: 1400n, down: 1300n }],
    ['1201', 100n, { 'half-even': 1200n, 'half-up': 1200n, up: 1300n, down: 1200n }],
    ['1300', 100n, { 'half-even': 1300n, 'half-up': 1300n, up: 1300n, down: 1300n }],
    ['88848.788678', 1000n, { 'half-even': 89000n, 'half-up': 89000n, up: 89000n, down: 88000n }],
    ['0.4', 500n, { 'half-even': 0n, 'half-up': 0n, up: 500n, down: 0n }]
  ]
  for (const [x, unit, want] of cases) {
    for (const mode of ['half-even', 'half-up', 'up', 'down'] as const) {
      t.equal(roundToUnit(new Decimal(x), unit, mode), want[mode], `${x} to ${unit} ${mode}`)
    }
  }
})

t.test('periodicRate: a yearly rate is split over 12 months or 52 weeks; a monthly rate charged weekly is ×12/52', async t => {
  t.equal(periodicRate('1.5', 'month', 'monthly').toString(), '0.015')
  t.equal(periodicRate('18', 'year', 'monthly').toString(), '0.015')
  t.equal(periodicRate('26', 'year', 'weekly').toString(), '0.005')
  t.equal(periodicRate('1', 'month', 'weekly').toFixed(12), '0.002307692308') // 0,01·12/52
  t.equal(periodicRate('0', 'year', 'weekly').toString(), '0')
  t.throws(() => periodicRate('1,5', 'month', 'monthly'), { code: 'LOAN_TERMS_INVALID' })
})

t.test('dueDate: monthly keeps the day of month, clamped to the month end, always from the original day', async t => {
  const fromJan31 = [1, 2, 3, 4, 12, 13].map(n => dueDate('2025-01-31', 'monthly', n))
  t.same(fromJan31, ['2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31', '2026-01-31', '2026-02-28'])
  t.equal(dueDate('2024-01-31', 'monthly', 1), '2024-02-29', 'leap year')
  t.equal(dueDate('2025-11-30', 'monthly', 3), '2026-02-28', 'across the year end')
  t.equal(dueDate('2025-01-15', 'monthly', 0), '2025-01-15')
  t.same([1, 2, 3].map(n => dueDate('2025-12-24', 'weekly', n)), ['2025-12-31', '2026-01-07', '2026-01-14'])
})

t.test('flat: Rp 1.000.000, 10 months, 1,5 %/month → 10 × (100.000 pokok + 15.000 jasa)', async t => {
  const rows = schedule(input())
  t.equal(rows.length, 10)
  t.strictSame(table(rows), Array.from({ length: 10 }, (_, i) => [100_000n, 15_000n, 115_000n, 900_000n - 100_000n * BigInt(i)]))
  t.same(rows.map(r => r.n), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
  t.same(rows.map(r => r.dueDate).slice(0, 3), ['2025-02-15', '2025-03-15', '2025-04-15'])
  t.equal(sumOf(rows, 'interest'), 150_000n)
  t.equal(sumOf(rows, 'principal'), 1_000_000n)
})

t.test('flat with a yearly rate: 18 %/year monthly is 1,5 %/month', async t => {
  t.strictSame(schedule(input({ ratePercent: '18', ratePer: 'year' })), schedule(input()))
})

t.test('flat, instalment rounded to Rp 100 when P/n is not round', async t => {
  // Rp 500.000, 3 months, 2 %/month: P/n + P·r = 166.666,67 + 10.000 = 176.666,67.
  // half-up to 100 → 176.700: jasa 10.000, pokok 166.700; 166.700; last pokok 500.000 − 333.400 = 166.600,
  // last jasa round(500.000·0,02·3) − 20.000 = 30.000 − 20.000 = 10.000.
  const terms = { principal: 500_000n, termCount: 3, ratePercent: '2' }
  const halfUp = schedule(input({ ...terms, rounding: { instalmentRoundTo: 100n } }))
  t.strictSame(table(halfUp), [
    [166_700n, 10_000n, 176_700n, 333_300n],
    [166_700n, 10_000n, 176_700n, 166_600n],
    [166_600n, 10_000n, 176_600n, 0n]
  ])
  // 176.666,67 is not a tie: half-even and up agree with half-up.
  t.strictSame(schedule(input({ ...terms, rounding: { instalmentRoundTo: 100n, mode: 'half-even' } })), halfUp)
  t.strictSame(schedule(input({ ...terms, rounding: { instalmentRoundTo: 100n, mode: 'up' } })), halfUp)
  // down → 176.600: pokok 166.600, 166.600, last 500.000 − 333.200 = 166.800.
  t.strictSame(table(schedule(input({ ...terms, rounding: { instalmentRoundTo: 100n, mode: 'down' } }))), [
    [166_600n, 10_000n, 176_600n, 333_400n],
    [166_600n, 10_000n, 176_600n, 166_800n],
    [166_800n, 10_000n, 176_800n, 0n]
  ])
})

t.test('flat weekly: 26 %/year is 0,5 %/week; 1 %/month is 0,01·12/52 per week', async t => {
  // Rp 520.000, 10 weeks: pokok 52.000; jasa 520.000·0,005 = 2.600.
  const yearly = schedule(input({ principal: 520_000n, frequency: 'weekly', ratePercent: '26', ratePer: 'year', disbursedOn: '2025-01-01' }))
  t.strictSame(table(yearly)[0], [52_000n, 2_600n, 54_600n, 468_000n])
  t.equal(sumOf(yearly, 'interest'), 26_000n)
  t.same(yearly.map(r => r.dueDate).slice(0, 3), ['2025-01-08', '2025-01-15', '2025-01-22'])
  t.equal(yearly.at(-1)?.dueDate, '2025-03-12')
  // jasa 520.000·0,01·12/52 = 1.200.
  const monthly = schedule(input({ principal: 520_000n, frequency: 'weekly', ratePercent: '1', ratePer: 'month' }))
  t.strictSame(table(monthly)[0], [52_000n, 1_200n, 53_200n, 468_000n])
})

t.test('an exact tie is rounded as a tie even when the periodic rate does not terminate', async t => {
  // Rp 1.950 for 1 week at 1 %/month: jasa 1.950·0,01·12/52 = 4,5 exactly, though 12/5200 is 0,0023076923…
  const one = (mode: RoundingMode): bigint[] =>
    table(schedule(input({ principal: 1_950n, termCount: 1, frequency: 'weekly', ratePercent: '1', rounding: { mode } })))[0] ?? []
  t.strictSame(one('half-even'), [1_950n, 4n, 1_954n, 0n])
  t.strictSame(one('half-up'), [1_950n, 5n, 1_955n, 0n])
  t.strictSame(one('up'), [1_950n, 5n, 1_955n, 0n])
  t.strictSame(one('down'), [1_950n, 4n, 1_954n, 0n])
})

t.test('flat, rounding down: the jasa is spread so that it adds up to round(P·r·n) and every instalment but the last is equal', async t => {
  // Rp 1.000, 52 weeks, 10 %/year: r = 1/520, J = down(1.000·10·52/5200 = 100) = 100 (not 52 × down(1,923) = 52).
  // Row i's jasa is down(100·i/52) − down(100·(i−1)/52): 1 on rows 1, 14, 27, 40 (where 100·i/52 just passes a whole
  // number after a run of 2s) and 2 elsewhere. The instalment down(19,23 + 1,92) = 21 on every row; the pokok takes
  // the difference (20 or 19) and the last row the rest of the pokok: 27 + 2.
  const rows = schedule(input({ principal: 1_000n, termCount: 52, frequency: 'weekly', ratePercent: '10', ratePer: 'year', rounding: { mode: 'down' } }))
  t.strictSame(table(rows).slice(0, 3), [[20n, 1n, 21n, 980n], [19n, 2n, 21n, 961n], [19n, 2n, 21n, 942n]])
  t.strictSame(table(rows).slice(50), [[19n, 2n, 21n, 27n], [27n, 2n, 29n, 0n]])
  t.same(rows.filter(r => r.interest === 1n).map(r => r.n), [1, 14, 27, 40])
  t.ok(rows.slice(0, -1).every(r => r.total === 21n), 'equal instalments but the last')
  t.equal(sumOf(rows, 'principal'), 1_000n)
  t.equal(sumOf(rows, 'interest'), 100n)
})

t.test('flat, instalments rounded up to Rp 500: pokok is capped at the balance, the rows after it carry only their jasa', async t => {
  // Rp 1.000, 5 months, 1 %/month: instalment up(200 + 10) = 500, J = 50, jasa 10 a row. Pokok 490, 490, then the
  // 20 left; rows 4 and 5 have no pokok and still 10 of jasa each, so Σ jasa stays round(P·r·n) = 50.
  const rows = schedule(input({ principal: 1_000n, termCount: 5, ratePercent: '1', rounding: { instalmentRoundTo: 500n, mode: 'up' } }))
  t.strictSame(table(rows), [
    [490n, 10n, 500n, 510n],
    [490n, 10n, 500n, 20n],
    [20n, 10n, 30n, 0n],
    [0n, 10n, 10n, 0n],
    [0n, 10n, 10n, 0n]
  ])
  t.equal(sumOf(rows, 'interest'), 50n)
})

t.test('flat schedules overcharge: Rp 250.000, 24 months, 1,5 %/month to Rp 1.000 half-up has jasa round(P·r·n) = Rp 90.000, not Rp 92.000', async t => {
  // P·r = 3.750 a month, P·r·n = 90.000. Rounding every row to 4.000 scheduled 92.000 (the last row's −2.000 cut to 0).
  // Spread by cumulative rounding: round(3.750·i) − round(3.750·(i−1)) = 4.000, 4.000, 3.000, 4.000, … (15.000 every
  // four rows). The instalment round(10.416,67 + 3.750) = 14.000 on every row; pokok 10.000 or 11.000; the last row
  // takes the pokok left, 14.000, with jasa 90.000 − 86.000 = 4.000.
  const rows = schedule(input({ principal: 250_000n, termCount: 24, rounding: { roundTo: 1_000n, instalmentRoundTo: 1_000n } }))
  t.equal(sumOf(rows, 'interest'), 90_000n)
  t.equal(sumOf(rows, 'principal'), 250_000n)
  t.strictSame(table(rows).slice(0, 4), [
    [10_000n, 4_000n, 14_000n, 240_000n],
    [10_000n, 4_000n, 14_000n, 230_000n],
    [11_000n, 3_000n, 14_000n, 219_000n],
    [10_000n, 4_000n, 14_000n, 209_000n]
  ])
  t.strictSame(table(rows).at(-1), [14_000n, 4_000n, 18_000n, 0n])
  t.ok(rows.slice(0, -1).every(r => r.total === 14_000n), 'equal instalments but the last')
})

t.test('flat schedules overcharge (property): for random flat terms Σ jasa = round(P·r·n) exactly and Σ pokok = P', async t => {
  const E = Decimal.clone({ precision: 80 })
  const arb = fc.record({
    principal: fc.bigInt({ min: 1n, max: 1_000_000_000n }),
    termCount: fc.integer({ min: 1, max: 120 }),
    ratePercent: fc.integer({ min: 0, max: 1_000_000 }).map(k => new Decimal(k).div(10_000).toFixed()),
    ratePer: fc.constantFrom<RatePer>('month', 'year'),
    frequency: fc.constantFrom<Frequency>('monthly', 'weekly'),
    roundTo: fc.constantFrom(1n, 100n, 500n, 1_000n),
    times: fc.constantFrom(1n, 2n, 10n),
    mode: fc.constantFrom<RoundingMode>('half-up', 'half-even', 'up', 'down')
  })
  fc.assert(fc.property(arb, a => {
    const rows = schedule(input({
      principal: a.principal, termCount: a.termCount, ratePercent: a.ratePercent, ratePer: a.ratePer, frequency: a.frequency,
      rounding: { roundTo: a.roundTo, instalmentRoundTo: a.roundTo * a.times, mode: a.mode }
    }))
    // The documented total, computed apart from the schedule: P·percent·n·k / den as one exact quotient, rounded once.
    const k = a.frequency === 'weekly' && a.ratePer === 'month' ? 12 : 1
    const den = a.frequency === 'monthly' ? (a.ratePer === 'month' ? 100 : 1200) : 5200
    const exact = new E(a.principal.toString()).mul(a.ratePercent).mul(a.termCount).mul(k).div(den)
    const J = roundToUnit(exact, a.roundTo, a.mode)
    if (sumOf(rows, 'interest') !== J) throw new Error(`Σ jasa ${sumOf(rows, 'interest')} ≠ round(P·r·n) ${J}`)
    if (sumOf(rows, 'principal') !== a.principal) throw new Error(`Σ pokok ${sumOf(rows, 'principal')} ≠ ${a.principal}`)
    const instalment = rows[0]?.total ?? 0n
    let before = a.principal
    for (const r of rows) {
      if (r.interest < 0n || r.interest % a.roundTo !== 0n) throw new Error(`jasa ${r.interest} of row ${r.n} is off the grid or negative`)
      // Equal instalments, but for the last row and where the pokok ran out (capped at the balance, or nothing left).
      const capped = r.principal === before || r.principal === 0n
      if (r.n < rows.length && !capped && r.total !== instalment) throw new Error(`row ${r.n} totals ${r.total}, not ${instalment}`)
      before = r.balance
    }
    return true
  }), { numRuns: 500 })
  t.pass('held for 500 random flat loans')
})

t.test('declining: Rp 1.200.000, 3 months, 2 %/month → equal pokok, jasa on the balance', async t => {
  const rows = schedule(input({ method: 'declining', principal: 1_200_000n, termCount: 3, ratePercent: '2' }))
  t.strictSame(table(rows), [
    [400_000n, 24_000n, 424_000n, 800_000n],
    [400_000n, 16_000n, 416_000n, 400_000n],
    [400_000n, 8_000n, 408_000n, 0n]
  ])
})

t.test('declining with jasa to Rp 100 and pokok to Rp 1.000', async t => {
  const terms = { method: 'declining', principal: 1_000_000n, termCount: 3, ratePercent: '2' } as const
  // half-up: P/n = 333.333,33 → 333.000. Jasa 20.000; 667.000·0,02 = 13.340 → 13.300; last pokok 334.000,
  // jasa 334.000·0,02 = 6.680 → 6.700.
  t.strictSame(table(schedule(input({ ...terms, rounding: { roundTo: 100n, instalmentRoundTo: 1_000n } }))), [
    [333_000n, 20_000n, 353_000n, 667_000n],
    [333_000n, 13_300n, 346_300n, 334_000n],
    [334_000n, 6_700n, 340_700n, 0n]
  ])
  // up: P/n → 334.000. Jasa 20.000; 666.000·0,02 = 13.320 → 13.400; last pokok 332.000, jasa 6.640 → 6.700.
  t.strictSame(table(schedule(input({ ...terms, rounding: { roundTo: 100n, instalmentRoundTo: 1_000n, mode: 'up' } }))), [
    [334_000n, 20_000n, 354_000n, 666_000n],
    [334_000n, 13_400n, 347_400n, 332_000n],
    [332_000n, 6_700n, 338_700n, 0n]
  ])
})

t.test('annuity: Rp 1.000.000, 12 months, 1 %/month → equal instalments of 88.849', async t => {
  // 10.000 / (1 − 1,01^−12) = 88.848,79 → 88.849.
  // Row 1: jasa 1.000.000·0,01 = 10.000, pokok 78.849, balance 921.151.
  // Row 2: jasa round(921.151·0,01 = 9.211,51) = 9.212, pokok 79.637, balance 841.514.
  // Row 3: jasa round(8.415,14) = 8.415, pokok 80.434, balance 761.080. … Row 11 leaves 87.967.
  // Row 12 pays the balance off: pokok 87.967, jasa round(879,67) = 880, total 88.847.
  const rows = schedule(input({ method: 'annuity', termCount: 12, ratePercent: '1' }))
  t.strictSame(table(rows), [
    [78_849n, 10_000n, 88_849n, 921_151n],
    [79_637n, 9_212n, 88_849n, 841_514n],
    [80_434n, 8_415n, 88_849n, 761_080n],
    [81_238n, 7_611n, 88_849n, 679_842n],
    [82_051n, 6_798n, 88_849n, 597_791n],
    [82_871n, 5_978n, 88_849n, 514_920n],
    [83_700n, 5_149n, 88_849n, 431_220n],
    [84_537n, 4_312n, 88_849n, 346_683n],
    [85_382n, 3_467n, 88_849n, 261_301n],
    [86_236n, 2_613n, 88_849n, 175_065n],
    [87_098n, 1_751n, 88_849n, 87_967n],
    [87_967n, 880n, 88_847n, 0n]
  ])
  t.equal(sumOf(rows, 'principal'), 1_000_000n)
  t.equal(sumOf(rows, 'interest'), 66_186n)
})

t.test('annuity with jasa to Rp 100 and instalments to Rp 1.000', async t => {
  // 88.848,79 → 89.000. Row 1: jasa 10.000, pokok 79.000. Row 2: 921.000·0,01 = 9.210 → 9.200, pokok 79.800.
  // Row 11 leaves 86.200; row 12: pokok 86.200, jasa 862 → 900.
  const rows = schedule(input({ method: 'annuity', termCount: 12, ratePercent: '1', rounding: { roundTo: 100n, instalmentRoundTo: 1_000n } }))
  t.strictSame(table(rows).slice(0, 2), [[79_000n, 10_000n, 89_000n, 921_000n], [79_800n, 9_200n, 89_000n, 841_200n]])
  t.strictSame(table(rows)[11], [86_200n, 900n, 87_100n, 0n])
  t.ok(rows.slice(0, 11).every(r => r.total === 89_000n))
  t.equal(sumOf(rows, 'principal'), 1_000_000n)
})

t.test('annuity at 0 %: P/n each, the last takes the rest', async t => {
  const terms = { method: 'annuity', principal: 1_000_000n, termCount: 3, ratePercent: '0' } as const
  t.strictSame(table(schedule(input(terms))), [
    [333_333n, 0n, 333_333n, 666_667n],
    [333_333n, 0n, 333_333n, 333_334n],
    [333_334n, 0n, 333_334n, 0n]
  ])
  t.strictSame(table(schedule(input({ ...terms, rounding: { mode: 'up' } }))), [
    [333_334n, 0n, 333_334n, 666_666n],
    [333_334n, 0n, 333_334n, 333_332n],
    [333_332n, 0n, 333_332n, 0n]
  ])
})

t.test('schedule due dates: weekly every 7 days, monthly clamped from 2025-01-31', async t => {
  const weekly = schedule(input({ frequency: 'weekly', termCount: 4, disbursedOn: '2025-12-24' }))
  t.same(weekly.map(r => r.dueDate), ['2025-12-31', '2026-01-07', '2026-01-14', '2026-01-21'])
  const monthly = schedule(input({ termCount: 4, disbursedOn: '2025-01-31' }))
  t.same(monthly.map(r => r.dueDate), ['2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31'])
})

t.test('invalid terms are refused with LOAN_TERMS_INVALID', async t => {
  const bad: Array<[string, ScheduleInput]> = [
    ['termCount 0', input({ termCount: 0 })],
    ['termCount 601', input({ termCount: 601 })],
    ['termCount 1.5', input({ termCount: 1.5 })],
    ['termCount NaN', input({ termCount: Number.NaN })],
    ['principal 0', input({ principal: 0n })],
    ['principal negative', input({ principal: -5n })],
    ['principal over 10^15', input({ principal: 10n ** 15n + 1n })],
    ['rate with a comma', input({ ratePercent: '1,5' })],
    ['rate negative', input({ ratePercent: '-1' })],
    ['rate empty', input({ ratePercent: '' })],
    ['rate without integer part', input({ ratePercent: '.5' })],
    ['rate with 7 decimals', input({ ratePercent: '1.1234567' })],
    ['rate of 4 digits', input({ ratePercent: '1000' })],
    ['rate over 100', input({ ratePercent: '100.000001' })],
    ['rate in exponent form', input({ ratePercent: '1e2' })],
    ['roundTo 0', input({ rounding: { roundTo: 0n } })],
    ['instalmentRoundTo 0', input({ rounding: { instalmentRoundTo: 0n } })],
    ['instalmentRoundTo not a multiple', input({ rounding: { roundTo: 100n, instalmentRoundTo: 150n } })],
    ['not a calendar date', input({ disbursedOn: '2025-02-30' })],
    ['last due date after 9999', input({ disbursedOn: '9999-06-01', termCount: 12 })]
  ]
  for (const [what, i] of bad) t.throws(() => schedule(i), { name: 'DomainError', code: 'LOAN_TERMS_INVALID' }, what)
  t.equal(schedule(input({ ratePercent: '100' })).length, 10, 'rate of exactly 100 % is allowed')
  t.equal(schedule(input({ ratePercent: '100.000000', termCount: 600 })).length, 600, '600 instalments are allowed')
  t.throws(() => roundToUnit(new Decimal(1), 0n, 'up'), { code: 'LOAN_TERMS_INVALID' })
})

t.test('property: Σ pokok = P, amounts ≥ 0 on the rounding grid, balances run down to 0, due dates increase', async t => {
  const rate = fc.integer({ min: 0, max: 1000 }).map(k => k % 100 === 0 ? String(k / 100) : `${Math.floor(k / 100)}.${String(k % 100).padStart(2, '0')}`)
  const arb = fc.record({
    principal: fc.integer({ min: 1, max: 1_000_000_000 }),
    onGrid: fc.boolean(),
    termCount: fc.integer({ min: 1, max: 60 }),
    method: fc.constantFrom<LoanMethod>('flat', 'declining', 'annuity'),
    ratePercent: rate,
    ratePer: fc.constantFrom<RatePer>('month', 'year'),
    frequency: fc.constantFrom<Frequency>('monthly', 'weekly'),
    day: fc.integer({ min: 0, max: 11_000 }),
    roundTo: fc.constantFrom(1n, 100n, 500n, 1_000n),
    times: fc.constantFrom(1n, 2n, 5n, 10n),
    mode: fc.constantFrom<RoundingMode>('half-up', 'half-even', 'up', 'down')
  })
  fc.assert(fc.property(arb, a => {
    const raw = BigInt(a.principal)
    // Half the cases put P on the roundTo grid, where every amount must be on it too.
    const P = a.onGrid ? (raw - raw % a.roundTo || a.roundTo) : raw
    const disbursedOn = addDays('2000-01-01', a.day)
    const rows = schedule({
      principal: P,
      termCount: a.termCount,
      frequency: a.frequency,
      method: a.method,
      ratePercent: a.ratePercent,
      ratePer: a.ratePer,
      disbursedOn,
      rounding: { roundTo: a.roundTo, instalmentRoundTo: a.roundTo * a.times, mode: a.mode }
    })
    if (rows.length !== a.termCount) return false
    if (sumOf(rows, 'principal') !== P) return false
    let before = P
    let prevDate = disbursedOn
    let offGrid = 0
    for (const [i, r] of rows.entries()) {
      if (r.n !== i + 1) return false
      if (r.principal < 0n || r.interest < 0n || r.balance < 0n) return false
      if (r.total !== r.principal + r.interest) return false
      if (r.balance !== before - r.principal || r.balance > before) return false
      if (r.interest % a.roundTo !== 0n) return false
      if (r.principal % a.roundTo !== 0n) offGrid++
      if (!(r.dueDate > prevDate)) return false
      before = r.balance
      prevDate = r.dueDate
    }
    // Off the grid, the remainder P mod roundTo lands in exactly one pokok.
    if (offGrid !== (P % a.roundTo === 0n ? 0 : 1)) return false
    return rows.at(-1)?.balance === 0n
  }), { numRuns: 500 })
  t.pass('held for 500 random loans')
})
