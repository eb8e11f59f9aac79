import fc from 'fast-check'
import t from 'tap'
import { addDays, type IsoDate } from '../../src/domain/dates.js'
import { DomainError } from '../../src/domain/errors.js'
import { allocate, allocatePayoff, collectibility, lastRepaymentChange, loanState, standingOn, standsOn, totals } from '../../src/domain/loans/repayment.js'
import { schedule } from '../../src/domain/loans/schedule.js'
import type { Installment, PaidPart, PastRepayment, PenaltyTerms, Rounding } from '../../src/domain/loans/types.js'

const code = (fn: () => unknown): string => {
  try { fn() } catch (e) { return e instanceof DomainError ? e.code : 'OTHER' }
  return 'NONE'
}

const rupiah: Rounding = { roundTo: 1n, instalmentRoundTo: 100n, mode: 'half-up' }

/** The n-th 10th of the month counted from February 2025 (n = 1 → 2025-02-10). */
const tenth = (n: number): IsoDate => {
  const month = 1 + n // February is month 2
  const y = 2025 + Math.floor((month - 1) / 12)
  const m = ((month - 1) % 12) + 1
  return `${y}-${String(m).padStart(2, '0')}-10`
}

/** A flat loan of Rp 1.000.000 over 10 months: each angsuran 100.000 pokok + 15.000 jasa, due on the 10th. */
const flat: Installment[] = Array.from({ length: 10 }, (_, i) => ({
  n: i + 1,
  dueDate: tenth(i + 1),
  principal: 100_000n,
  interest: 15_000n,
  total: 115_000n,
  balance: 1_000_000n - 100_000n * BigInt(i + 1)
}))

const monthly: PenaltyTerms = { percentOfOverdue: '1', fixed: 0n, per: 'month', graceDays: 3 }

/** Allocates and posts a repayment, the way the service will. */
function pay (book: PastRepayment[], date: IsoDate, amount: bigint, penalty: PenaltyTerms | null = null, rounding = rupiah): PaidPart[] {
  const parts = allocate(flat, book, penalty, rounding, date, amount)
  book.push({ date, parts })
  return parts
}

/** Allocates and posts a payoff (pelunasan dipercepat), the way the service will. */
function payOff (book: PastRepayment[], date: IsoDate, penalty: PenaltyTerms | null = null, rounding = rupiah): { amount: bigint, parts: PaidPart[] } {
  const payoff = allocatePayoff(flat, book, penalty, rounding, date)
  book.push({ date, parts: payoff.parts })
  return payoff
}

const detailOf = (fn: () => unknown): string => {
  try { fn() } catch (e) { return e instanceof DomainError ? e.detail : 'OTHER' }
  return 'NONE'
}

const part = (n: number, penalty: bigint, interest: bigint, principal: bigint): PaidPart => ({ n, penalty, interest, principal })

t.test('paying exactly one angsuran on its due date pays its jasa and pokok and leaves no arrears', async t => {
  const before = loanState(flat, [], null, rupiah, '2025-02-10')
  t.equal(before.arrears, 0n, 'due today is not yet in arrears')
  t.equal(before.daysPastDue, 0)
  t.same(before.outstanding, { principal: 1_000_000n, interest: 15_000n, penalty: 0n })
  t.equal(before.payoff, 1_015_000n)

  const book: PastRepayment[] = []
  const parts = pay(book, '2025-02-10', 115_000n)
  t.same(parts, [part(1, 0n, 15_000n, 100_000n)])
  t.same(totals(parts), { penalty: 0n, interest: 15_000n, principal: 100_000n })

  const after = loanState(flat, book, null, rupiah, '2025-02-10')
  t.equal(after.arrears, 0n)
  t.equal(after.daysPastDue, 0)
  t.equal(after.installments[0]?.paidOn, '2025-02-10')
  t.equal(after.installments[1]?.paidOn, null)
  t.same(after.outstanding, { principal: 900_000n, interest: 0n, penalty: 0n })
  t.equal(after.payoff, 900_000n)
  t.notOk(after.settled)
})

t.test('an unpaid angsuran is in arrears from the day after it falls due', async t => {
  const s = loanState(flat, [], null, rupiah, '2025-02-11')
  t.equal(s.arrears, 115_000n)
  t.equal(s.daysPastDue, 1)
  t.equal(s.outstanding.penalty, 0n, 'no denda without penalty terms')
  t.equal(loanState(flat, [], null, rupiah, '2025-05-11').arrears, 4n * 115_000n, 'four angsuran due before 05-11 (02-10 … 05-10)')
})

t.test('repayments dated after asOf do not count', async t => {
  const book: PastRepayment[] = []
  pay(book, '2025-02-10', 115_000n)
  const s = loanState(flat, book, null, rupiah, '2025-02-09')
  t.equal(s.installments[0]?.paidPrincipal, 0n)
  t.equal(s.payoff, 1_000_000n)
})

t.test('a late angsuran accrues denda per started 30-day period after the grace days', async t => {
  t.equal(loanState(flat, [], monthly, rupiah, '2025-02-13').outstanding.penalty, 0n, 'still within 3 grace days')

  const first = loanState(flat, [], monthly, rupiah, '2025-02-14')
  t.equal(first.installments[0]?.penaltyAccrued, 1_150n, '1 % of 115.000')
  t.equal(first.outstanding.penalty, 1_150n)
  t.equal(first.arrears, 115_000n)
  t.equal(first.daysPastDue, 4)
  t.equal(first.payoff, 1_000_000n + 15_000n + 1_150n)

  const between = loanState(flat, [], monthly, rupiah, '2025-03-15')
  t.equal(between.installments[0]?.penaltyAccrued, 1_150n, 'b_1 of instalment 1 is 03-16')
  t.equal(between.installments[1]?.penaltyAccrued, 1_150n, 'b_0 of instalment 2 is 03-14')

  const s = loanState(flat, [], monthly, rupiah, '2025-03-16')
  t.equal(s.installments[0]?.penaltyAccrued, 2_300n)
  t.equal(s.installments[1]?.penaltyAccrued, 1_150n)
  t.equal(s.outstanding.penalty, 3_450n)
  t.equal(s.arrears, 230_000n)
  t.equal(s.daysPastDue, 34, '2025-02-10 → 2025-03-16')
  t.equal(collectibility(s.daysPastDue), 'kurang_lancar')
  t.same(s.outstanding, { principal: 1_000_000n, interest: 30_000n, penalty: 3_450n })
  t.equal(s.payoff, 1_033_450n)

  // 150.000 pays denda first, then jasa, then pokok, oldest angsuran first.
  const book: PastRepayment[] = []
  const parts = pay(book, '2025-03-16', 150_000n, monthly)
  t.same(parts, [part(1, 2_300n, 15_000n, 100_000n), part(2, 1_150n, 15_000n, 16_550n)])
  t.same(totals(parts), { penalty: 3_450n, interest: 30_000n, principal: 116_550n })

  const after = loanState(flat, book, monthly, rupiah, '2025-03-16')
  t.equal(after.installments[0]?.paidOn, '2025-03-16')
  t.equal(after.installments[1]?.paidOn, null)
  t.equal(after.arrears, 83_450n)
  t.equal(after.daysPastDue, 6, 'the oldest unpaid is now instalment 2, due 03-10')
  t.equal(after.outstanding.penalty, 0n)

  // The partial payment lowers the base of instalment 2's next accrual (b_1 = 04-13): 1 % of 83.450 = 834,5.
  const later = loanState(flat, book, monthly, rupiah, '2025-04-15')
  t.equal(later.installments[0]?.penaltyAccrued, 2_300n, 'a paid instalment accrues no more')
  t.equal(later.installments[1]?.penaltyAccrued, 1_150n + 835n, 'half-up')
  t.equal(later.installments[2]?.penaltyAccrued, 1_150n, 'instalment 3: b_0 = 04-14')
  t.equal(later.outstanding.penalty, 835n + 1_150n)
  t.equal(loanState(flat, book, monthly, { ...rupiah, mode: 'half-even' }, '2025-04-15').installments[1]?.penaltyAccrued,
    1_150n + 834n, 'half-even')
})

t.test('denda is rounded to the declared unit and mode', async t => {
  const unpaidHalf: PastRepayment[] = [{ date: '2025-02-10', parts: [part(1, 0n, 15_000n, 42_500n)] }] // 57.500 left
  const accrued = (rounding: Rounding): bigint | undefined =>
    loanState(flat, unpaidHalf, monthly, rounding, '2025-02-14').installments[0]?.penaltyAccrued
  t.equal(accrued(rupiah), 575n)
  t.equal(accrued({ ...rupiah, roundTo: 100n, mode: 'half-up' }), 600n)
  t.equal(accrued({ ...rupiah, roundTo: 100n, mode: 'half-even' }), 600n)
  t.equal(accrued({ ...rupiah, roundTo: 100n, mode: 'down' }), 500n)
  t.equal(accrued({ ...rupiah, roundTo: 50n, mode: 'up' }), 600n)
  t.equal(accrued({ ...rupiah, roundTo: 50n, mode: 'down' }), 550n)
  t.equal(accrued({ ...rupiah, roundTo: 250n, mode: 'half-even' }), 500n, '575 / 250 = 2,3')
})

t.test("per 'once' accrues a single time, fixed amounts are added, grace days are respected", async t => {
  const once: PenaltyTerms = { ...monthly, per: 'once' }
  const s = loanState(flat, [], once, rupiah, '2025-06-01')
  t.equal(s.installments[0]?.penaltyAccrued, 1_150n, 'four months late, still one accrual')
  t.equal(s.installments[3]?.penaltyAccrued, 1_150n, 'instalment 4 due 05-10, b_0 = 05-14')
  t.equal(s.installments[4]?.penaltyAccrued, 0n, 'instalment 5 not yet due')
  t.equal(s.outstanding.penalty, 4n * 1_150n)

  const fixed: PenaltyTerms = { percentOfOverdue: '0', fixed: 5_000n, per: 'month', graceDays: 0 }
  t.equal(loanState(flat, [], fixed, rupiah, '2025-02-10').outstanding.penalty, 0n)
  t.equal(loanState(flat, [], fixed, rupiah, '2025-02-11').outstanding.penalty, 5_000n, 'grace 0: b_0 is the day after')
  t.equal(loanState(flat, [], fixed, rupiah, '2025-03-13').installments[0]?.penaltyAccrued, 10_000n, 'b_1 = 03-13')
  t.equal(loanState(flat, [], { ...fixed, percentOfOverdue: '0.5' }, rupiah, '2025-02-11').outstanding.penalty, 5_000n + 575n)

  const week: PenaltyTerms = { ...monthly, graceDays: 7 }
  t.equal(loanState(flat, [], week, rupiah, '2025-02-17').outstanding.penalty, 0n)
  t.equal(loanState(flat, [], week, rupiah, '2025-02-18').outstanding.penalty, 1_150n)
})

t.test('partial payments before an accrual date lower its base; a payment on the accrual date does not', async t => {
  const early: PastRepayment[] = []
  t.same(pay(early, '2025-02-13', 57_500n, monthly), [part(1, 0n, 15_000n, 42_500n)])
  t.equal(loanState(flat, early, monthly, rupiah, '2025-02-14').installments[0]?.penaltyAccrued, 575n)

  const onTheDay: PastRepayment[] = []
  t.same(pay(onTheDay, '2025-02-14', 57_500n, monthly), [part(1, 1_150n, 15_000n, 41_350n)], 'denda of 02-14 is paid first')
  const s = loanState(flat, onTheDay, monthly, rupiah, '2025-03-16')
  t.equal(s.installments[0]?.penaltyAccrued, 1_150n + 587n, '1 % of 58.650 = 586,5 at b_1, rounded half-up')
})

t.test('early payment is punished: an angsuran paid days before its due date pays that angsuran, jasa included; on the due date nothing is late and no denda accrues', async t => {
  // Paid at the monthly meeting of 5 February, five days before instalment 1 falls due.
  const book: PastRepayment[] = []
  t.same(pay(book, '2025-02-05', 115_000n, monthly), [part(1, 0n, 15_000n, 100_000n)], 'the coming angsuran: its jasa, then its pokok')
  for (const asOf of ['2025-02-05', '2025-02-10', '2025-02-11', '2025-02-14', '2025-03-09']) {
    const s = loanState(flat, book, monthly, rupiah, asOf)
    t.equal(s.arrears, 0n, `no arrears on ${asOf}`)
    t.equal(s.daysPastDue, 0, `not late on ${asOf}`)
    t.equal(s.outstanding.penalty, 0n, `no denda on ${asOf}`)
    t.equal(s.installments[0]?.paidOn, '2025-02-05')
    t.equal(s.installments[0]?.interestCharged, 15_000n, 'the group keeps the jasa of the angsuran paid early')
    t.equal(s.installments[9]?.paidPrincipal, 0n, 'nothing went to the last angsuran')
  }
  // Two angsuran at once before either is due: both, in due-date order.
  const two: PastRepayment[] = []
  t.same(pay(two, '2025-02-01', 230_000n), [part(1, 0n, 15_000n, 100_000n), part(2, 0n, 15_000n, 100_000n)])
  const s = loanState(flat, two, monthly, rupiah, '2025-03-14')
  t.equal(s.outstanding.penalty, 0n)
  t.equal(s.arrears, 0n)
})

t.test('money beyond what is due pays the coming angsuran in due-date order, each jasa then pokok', async t => {
  const book: PastRepayment[] = []
  t.same(pay(book, '2025-02-10', 150_000n), [part(1, 0n, 15_000n, 100_000n), part(2, 0n, 15_000n, 20_000n)])
  let s = loanState(flat, book, null, rupiah, '2025-02-10')
  t.equal(s.installments[1]?.interestCharged, 15_000n, 'a partly paid angsuran keeps its jasa')
  t.equal(s.installments[1]?.paidOn, null)
  t.equal(s.outstanding.interest, 0n, 'the jasa paid early is not yet due: nothing is owed on it today')
  // On instalment 2's due date only the rest of its pokok is owed.
  s = loanState(flat, book, null, rupiah, '2025-03-10')
  t.same(s.outstanding, { principal: 880_000n, interest: 0n, penalty: 0n })
  t.equal(s.payoff, 880_000n)
  t.same(pay(book, '2025-03-10', 80_000n), [part(2, 0n, 0n, 80_000n)])
  t.equal(loanState(flat, book, null, rupiah, '2025-03-10').installments[1]?.paidOn, '2025-03-10')
})

t.test('a repayment is at most every pokok and jasa still scheduled plus denda; more is refused and points to the payoff', async t => {
  const book: PastRepayment[] = []
  pay(book, '2025-02-10', 115_000n)
  pay(book, '2025-03-10', 115_000n)
  const s = loanState(flat, book, null, rupiah, '2025-04-10')
  t.equal(s.remaining, 8n * 115_000n, 'eight angsuran left, jasa and pokok')
  t.equal(s.payoff, 815_000n, 'instalment 3 (115.000) + pokok of 4–10 (700.000)')
  t.equal(code(() => allocate(flat, book, null, rupiah, '2025-04-10', 920_001n)), 'REPAYMENT_EXCEEDS_PAYOFF')
  t.match(detailOf(() => allocate(flat, book, null, rupiah, '2025-04-10', 920_001n)), /still asks on 2025-04-10: 920000 .*early for 815000.*payoff/)
  // Paying everything still scheduled pays every jasa too (no discount: that is what the payoff is for).
  const parts = pay(book, '2025-04-10', 920_000n)
  t.same(totals(parts), { penalty: 0n, interest: 8n * 15_000n, principal: 800_000n })
  t.ok(loanState(flat, book, null, rupiah, '2025-04-10').settled)
  t.ok(loanState(flat, book, null, rupiah, '2027-01-01').settled)
  t.equal(code(() => allocate(flat, book, null, rupiah, '2025-04-10', 1n)), 'REPAYMENT_EXCEEDS_PAYOFF')
  // Denda counts in the limit: 1.150 accrued on instalment 1 by 02-14.
  t.equal(loanState(flat, [], monthly, rupiah, '2025-02-14').remaining, 10n * 115_000n + 1_150n)
  t.equal(code(() => allocate(flat, [], monthly, rupiah, '2025-02-14', 10n * 115_000n + 1_151n)), 'REPAYMENT_EXCEEDS_PAYOFF')
})

t.test('repayments recorded under the earlier rule (extra prepaid the newest pokok) still read as before', async t => {
  // 150.000 on 02-10 was booked as instalment 1 in full and 35.000 of instalment 10's pokok; then 165.000 on 02-20 as
  // the pokok of 9 and the rest of 10's. The jasa of 9 and 10 is waived: their pokok was paid in full before they fell due.
  const book: PastRepayment[] = [
    { date: '2025-02-10', parts: [part(1, 0n, 15_000n, 100_000n), part(10, 0n, 0n, 35_000n)] },
    { date: '2025-02-20', parts: [part(9, 0n, 0n, 100_000n), part(10, 0n, 0n, 65_000n)] }
  ]
  t.equal(loanState(flat, book.slice(0, 1), null, rupiah, '2025-02-10').installments[9]?.interestCharged, 15_000n, 'a partly prepaid angsuran keeps its jasa')
  const s = loanState(flat, book, null, rupiah, '2025-02-20')
  t.equal(s.installments[9]?.interestCharged, 0n, 'pokok prepaid in full: jasa waived')
  t.equal(s.installments[9]?.paidOn, '2025-02-20')
  t.equal(s.installments[8]?.interestCharged, 0n)
  t.equal(s.payoff, 700_000n)
  const late = loanState(flat, book, null, rupiah, '2025-12-31')
  t.equal(late.installments[9]?.interestCharged, 0n)
  t.equal(late.outstanding.principal, 700_000n)
  t.equal(late.outstanding.interest, 7n * 15_000n)
})

t.test('paying a loan off early is an explicit request: the payoff pays what is due and the pokok of the rest, their jasa waived', async t => {
  const book: PastRepayment[] = []
  pay(book, '2025-02-10', 115_000n)
  pay(book, '2025-03-10', 115_000n)
  const { amount, parts } = payOff(book, '2025-04-10')
  t.equal(amount, 815_000n, 'the payoff figure of the loan state')
  t.same(parts, [part(3, 0n, 15_000n, 100_000n), ...[4, 5, 6, 7, 8, 9, 10].map(n => part(n, 0n, 0n, 100_000n))])
  t.same(totals(parts), { penalty: 0n, interest: 15_000n, principal: 800_000n })
  for (const asOf of ['2025-04-10', '2026-12-31']) {
    const done = loanState(flat, book, null, rupiah, asOf)
    t.ok(done.settled, asOf)
    t.equal(done.payoff, 0n)
    t.equal(done.remaining, 0n)
    t.same(done.installments.slice(3).map(i => i.interestCharged), [0n, 0n, 0n, 0n, 0n, 0n, 0n])
    t.same(done.installments.map(i => i.paidOn), ['2025-02-10', '2025-03-10', ...Array<string>(8).fill('2025-04-10')])
  }
  t.equal(code(() => allocatePayoff(flat, book, null, rupiah, '2025-04-10')), 'LOAN_NOT_ACTIVE')
  t.equal(code(() => allocate(flat, book, null, rupiah, '2025-05-10', 1n)), 'REPAYMENT_EXCEEDS_PAYOFF')

  // Late, with denda: the payoff pays the denda and the jasa due first.
  const late: PastRepayment[] = []
  const overdue = payOff(late, '2025-03-16', monthly)
  t.equal(overdue.amount, 1_000_000n + 30_000n + 3_450n)
  t.same(totals(overdue.parts), { penalty: 3_450n, interest: 30_000n, principal: 1_000_000n })
  t.ok(loanState(flat, late, monthly, rupiah, '2030-01-01').settled)

  // Jasa of a coming angsuran already paid early stays paid (and charged); the rest of its jasa is waived.
  const partly: PastRepayment[] = []
  t.same(pay(partly, '2025-02-10', 125_000n), [part(1, 0n, 15_000n, 100_000n), part(2, 0n, 10_000n, 0n)])
  t.equal(payOff(partly, '2025-02-10').amount, 900_000n)
  const s = loanState(flat, partly, null, rupiah, '2025-12-31')
  t.ok(s.settled)
  t.equal(s.installments[1]?.interestCharged, 10_000n)
})

t.test('an amount below one rupiah is a validation error naming the field amount (the HTTP layer makes the pointer)', async t => {
  for (const amount of [0n, -1n]) {
    try {
      allocate(flat, [], null, rupiah, '2025-02-10', amount)
      t.fail('accepted')
    } catch (e) {
      t.ok(e instanceof DomainError)
      t.equal((e as DomainError).code, 'VALIDATION_FAILED')
      t.equal((e as DomainError).errors[0]?.path, 'amount')
    }
  }
})

t.test('kolektibilitas boundaries', async t => {
  t.equal(collectibility(0), 'lancar')
  t.equal(collectibility(30), 'lancar')
  t.equal(collectibility(31), 'kurang_lancar')
  t.equal(collectibility(90), 'kurang_lancar')
  t.equal(collectibility(91), 'diragukan')
  t.equal(collectibility(180), 'diragukan')
  t.equal(collectibility(181), 'macet')
  t.equal(collectibility(10, [7, 14, 21]), 'kurang_lancar')
  t.equal(collectibility(22, [7, 14, 21]), 'macet')
})

/**
 * Property: for random flat-like schedules and random sequences of repayments (1 to everything still scheduled, on
 * increasing dates), with and without denda, every allocation sums to its amount and pays no component beyond what was
 * open, pokok paid never exceeds the schedule's pokok, and a payoff settles the loan for good.
 */
t.test('allocations are exact and bounded; a payoff settles the loan', async t => {
  const schedule = fc.record({
    count: fc.integer({ min: 1, max: 12 }),
    principal: fc.bigInt({ min: 1n, max: 2_000_000n }),
    interest: fc.bigInt({ min: 0n, max: 200_000n }),
    start: fc.integer({ min: 0, max: 365 }),
    step: fc.constantFrom(7, 30, 31)
  })
  const terms = fc.option(fc.record({
    percentOfOverdue: fc.integer({ min: 0, max: 500 }).map(x => (x / 100).toString()),
    fixed: fc.bigInt({ min: 0n, max: 10_000n }),
    per: fc.constantFrom('month' as const, 'once' as const),
    graceDays: fc.integer({ min: 0, max: 10 })
  }), { nil: null })
  const rounding = fc.record({
    roundTo: fc.constantFrom(1n, 50n, 100n, 1_000n),
    instalmentRoundTo: fc.constant(100n),
    mode: fc.constantFrom('half-up' as const, 'half-even' as const, 'up' as const, 'down' as const)
  })
  const steps = fc.array(fc.record({ gap: fc.integer({ min: 0, max: 70 }), share: fc.integer({ min: 0, max: 1_000 }) }), { maxLength: 15 })

  fc.assert(fc.property(schedule, terms, rounding, steps, fc.integer({ min: 0, max: 500 }), (sch, penalty, round, moves, finalGap) => {
    const first = addDays('2025-01-01', sch.start)
    const installments: Installment[] = Array.from({ length: sch.count }, (_, i) => ({
      n: i + 1,
      dueDate: addDays(first, sch.step * i),
      // The last angsuran takes a different pokok, as a rounded schedule would.
      principal: i === sch.count - 1 ? sch.principal + BigInt(i) : sch.principal,
      interest: sch.interest,
      total: sch.principal + sch.interest,
      balance: 0n
    }))
    const book: PastRepayment[] = []
    let date = addDays(first, -20)
    const repay = (amount: bigint): void => {
      const before = loanState(installments, book, penalty, round, date)
      const parts = allocate(installments, book, penalty, round, date, amount)
      const sum = totals(parts)
      if (sum.penalty + sum.interest + sum.principal !== amount) throw new Error(`parts sum ${JSON.stringify(sum, (_, v: unknown) => String(v))} ≠ ${amount}`)
      let lastN = 0
      for (const p of parts) {
        const s = before.installments.find(i => i.n === p.n)
        if (s === undefined || p.n <= lastN) throw new Error(`part for n=${p.n} out of order or unknown`)
        lastN = p.n
        if (p.penalty < 0n || p.interest < 0n || p.principal < 0n || p.penalty + p.interest + p.principal === 0n) throw new Error(`bad part ${p.n}`)
        if (p.penalty > s.penaltyAccrued - s.paidPenalty) throw new Error(`denda beyond accrued on ${p.n}`)
        if (p.interest > s.interestCharged - s.paidInterest) throw new Error(`jasa beyond charged on ${p.n}`)
        if (p.principal > s.principal - s.paidPrincipal) throw new Error(`pokok beyond open on ${p.n}`)
      }
      book.push({ date, parts })
    }
    for (const m of moves) {
      date = addDays(date, m.gap)
      const { remaining, settled } = loanState(installments, book, penalty, round, date)
      if (settled) break
      repay(1n + (remaining - 1n) * BigInt(m.share) / 1_000n)
    }
    date = addDays(date, finalGap)
    const open = loanState(installments, book, penalty, round, date)
    if (!open.settled) {
      const payoff = allocatePayoff(installments, book, penalty, round, date)
      const sum = totals(payoff.parts)
      if (payoff.amount !== open.payoff || sum.penalty + sum.interest + sum.principal !== open.payoff) throw new Error(`payoff parts ≠ payoff ${open.payoff}`)
      book.push({ date, parts: payoff.parts })
    }
    for (const asOf of [date, addDays(date, 400)]) {
      const done = loanState(installments, book, penalty, round, asOf)
      if (!done.settled) throw new Error(`not settled on ${asOf}: payoff ${done.payoff}`)
      for (const s of done.installments) {
        if (s.paidPrincipal !== s.principal) throw new Error(`pokok paid ${s.paidPrincipal} ≠ ${s.principal} on ${s.n}`)
        if (s.paidOn === null) throw new Error(`instalment ${s.n} has no paidOn`)
      }
    }
    const paidPrincipal = book.reduce((acc, r) => acc + totals(r.parts).principal, 0n)
    const scheduled = installments.reduce((acc, i) => acc + i.principal, 0n)
    if (paidPrincipal !== scheduled) throw new Error(`pokok paid ${paidPrincipal} ≠ scheduled ${scheduled}`)
  }), { numRuns: 300 })
  t.pass('property held')
})

t.test('a paid-off loan turns active again: instalments without pokok keep no jasa after a payoff, at any later date', async t => {
  // Rp 1.000 over 5 months at 1 %/month, instalments rounded up to Rp 500: pokok 490, 490, 20, 0, 0 and jasa 10 each.
  const rows = schedule({ principal: 1_000n, termCount: 5, frequency: 'monthly', method: 'flat', ratePercent: '1', ratePer: 'month', disbursedOn: '2025-01-10', rounding: { ...rupiah, instalmentRoundTo: 500n, mode: 'up' } })
  t.same(rows.map(r => r.principal), [490n, 490n, 20n, 0n, 0n])
  const book: PastRepayment[] = []
  const first = allocate(rows, book, monthly, rupiah, '2025-02-10', 500n)
  book.push({ date: '2025-02-10', parts: first })
  const payoff = allocatePayoff(rows, book, monthly, rupiah, '2025-02-20')
  t.equal(payoff.amount, 510n, 'the pokok left; the jasa of instalments 2–5 waived')
  book.push({ date: '2025-02-20', parts: payoff.parts })
  for (const asOf of ['2025-02-20', '2025-05-10', '2025-05-20', '2025-06-10', '2025-06-30', '2028-12-31']) {
    const s = loanState(rows, book, monthly, rupiah, asOf)
    t.ok(s.settled, `settled on ${asOf}`)
    t.same(s.outstanding, { principal: 0n, interest: 0n, penalty: 0n }, `nothing owed on ${asOf}`)
    t.equal(s.daysPastDue, 0)
    t.same(s.installments.map(i => i.interestCharged), [10n, 0n, 0n, 0n, 0n], 'only the jasa paid stays charged')
    t.same(s.installments.map(i => i.paidOn), ['2025-02-10', '2025-02-20', '2025-02-20', '2025-02-20', '2025-02-20'])
  }
})

t.test('a paid-off loan turns active again (property): after a payoff on a random date the loan is settled then and on random later dates', async t => {
  const rate = fc.integer({ min: 0, max: 500 }).map(k => (k / 100).toString())
  const terms = fc.record({
    principal: fc.bigInt({ min: 1n, max: 3_000_000n }),
    termCount: fc.integer({ min: 1, max: 24 }),
    frequency: fc.constantFrom('monthly' as const, 'weekly' as const),
    method: fc.constantFrom('flat' as const, 'declining' as const, 'annuity' as const),
    ratePercent: rate,
    ratePer: fc.constantFrom('month' as const, 'year' as const),
    roundTo: fc.constantFrom(1n, 100n, 500n, 1_000n),
    times: fc.constantFrom(1n, 2n, 10n),
    mode: fc.constantFrom('half-up' as const, 'half-even' as const, 'up' as const, 'down' as const)
  })
  const penalty = fc.option(fc.record({
    percentOfOverdue: fc.constantFrom('0', '1', '2.5'),
    fixed: fc.constantFrom(0n, 500n),
    per: fc.constantFrom('month' as const, 'once' as const),
    graceDays: fc.integer({ min: 0, max: 7 })
  }), { nil: null })
  const moves = fc.array(fc.record({ gap: fc.integer({ min: 0, max: 60 }), share: fc.integer({ min: 1, max: 1_000 }) }), { maxLength: 6 })
  fc.assert(fc.property(terms, penalty, moves, fc.integer({ min: 0, max: 400 }), fc.array(fc.integer({ min: 0, max: 3_000 }), { minLength: 1, maxLength: 4 }),
    (a, denda, steps, payoffGap, later) => {
      const rounding: Rounding = { roundTo: a.roundTo, instalmentRoundTo: a.roundTo * a.times, mode: a.mode }
      const rows = schedule({ principal: a.principal, termCount: a.termCount, frequency: a.frequency, method: a.method, ratePercent: a.ratePercent, ratePer: a.ratePer, disbursedOn: '2025-01-10', rounding })
      const book: PastRepayment[] = []
      let date: IsoDate = '2025-01-10'
      for (const m of steps) {
        date = addDays(date, m.gap)
        const s = loanState(rows, book, denda, rounding, date)
        if (s.settled) break
        book.push({ date, parts: allocate(rows, book, denda, rounding, date, 1n + (s.remaining - 1n) * BigInt(m.share) / 1_000n) })
      }
      date = addDays(date, payoffGap)
      if (!loanState(rows, book, denda, rounding, date).settled) book.push({ date, parts: allocatePayoff(rows, book, denda, rounding, date).parts })
      for (const asOf of [date, ...later.map(d => addDays(date, d))]) {
        const s = loanState(rows, book, denda, rounding, asOf)
        if (!s.settled || s.remaining !== 0n || s.daysPastDue !== 0) throw new Error(`on ${asOf}, after the payoff of ${date}: payoff ${s.payoff}, remaining ${s.remaining}, ${s.daysPastDue} days past due`)
        const unpaid = s.installments.find(i => i.paidOn === null)
        if (unpaid !== undefined) throw new Error(`instalment ${unpaid.n} has no paidOn on ${asOf}`)
      }
    }), { numRuns: 400 })
  t.pass('held for 400 random loans')
})

t.test('undoing a repayment rewrites the past: a repayment counts on a day when dated by then and not reversed by then', async t => {
  const book: PastRepayment[] = []
  pay(book, '2025-02-10', 115_000n)
  pay(book, '2025-03-10', 115_000n)
  const undone: PastRepayment[] = [book[0]!, { ...book[1]!, reversedOn: '2026-01-05' }]
  t.same(standingOn(undone, '2025-03-09').map(r => r.date), ['2025-02-10'])
  t.same(standingOn(undone, '2025-03-10').map(r => r.date), ['2025-02-10', '2025-03-10'])
  t.same(standingOn(undone, '2026-01-04').map(r => r.date), ['2025-02-10', '2025-03-10'], 'the day before the reversal')
  t.same(standingOn(undone, '2026-01-05').map(r => r.date), ['2025-02-10'], 'from the reversal\'s date on')
  t.notOk(standsOn({ date: '2025-02-10', parts: [], reversedOn: '2025-02-10' }, '2025-02-10'), 'undone the same day: never counts')
  t.ok(standsOn({ date: '2025-02-10', parts: [], reversedOn: null }, '2030-01-01'))
  t.equal(loanState(flat, undone, null, rupiah, '2025-12-31').outstanding.principal, 800_000n)
  t.equal(loanState(flat, undone, null, rupiah, '2026-01-05').outstanding.principal, 900_000n)
  t.equal(loanState(flat, undone, null, rupiah, '2025-12-31').installments[1]?.paidOn, '2025-03-10')
  t.equal(loanState(flat, undone, null, rupiah, '2026-01-05').installments[1]?.paidOn, null)
  // What a new repayment or write-off may not be dated before: the latest repayment standing, or the latest reversal.
  t.same(lastRepaymentChange([]), null)
  t.same(lastRepaymentChange(book), { date: '2025-03-10', change: 'repayment' })
  t.same(lastRepaymentChange(undone), { date: '2026-01-05', change: 'reversal' })
})
