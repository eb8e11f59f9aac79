import t from 'tap'
import { DomainError } from '../../src/domain/errors.js'
import { creditLine, debitLine, journalEntry, netByAccount, reversalLines } from '../../src/domain/ledger/journal-entry.js'
import { parseAmount } from '../../src/domain/money.js'

const code = (fn: () => unknown): string => {
  try { fn() } catch (e) { return e instanceof DomainError ? e.code : 'OTHER' }
  return 'NONE'
}

t.test('a balanced entry of two or more lines is accepted as it is', async t => {
  const lines = [debitLine('1101', 2500000n), creditLine('3201', 2500000n)]
  t.same(journalEntry(lines), lines)
  const split = [debitLine('1101', 115000n), creditLine('4101', 15000n), creditLine('1201', 100000n)]
  t.equal(journalEntry(split).length, 3)
})

t.test('fewer than two lines, unbalanced, zero or two-sided lines are refused', async t => {
  t.equal(code(() => journalEntry([debitLine('1101', 1n)])), 'ENTRY_TOO_FEW_LINES')
  t.equal(code(() => journalEntry([])), 'ENTRY_TOO_FEW_LINES')
  t.equal(code(() => journalEntry([debitLine('1101', 2500000n), creditLine('3201', 2400000n)])), 'ENTRY_UNBALANCED')
  t.equal(code(() => journalEntry([debitLine('1101', 0n), creditLine('3201', 0n)])), 'ENTRY_UNBALANCED')
  t.equal(code(() => journalEntry([{ account: '1101', debit: 5n, credit: 5n, fund: null, member: null }, creditLine('3201', 0n)])), 'ENTRY_UNBALANCED')
  t.equal(code(() => journalEntry([debitLine('1101', -5n), creditLine('3201', -5n)])), 'ENTRY_UNBALANCED')
})

t.test('a reversal swaps every side and keeps the tags; the nets cancel', async t => {
  const lines = [debitLine('5101', 60000n, { fund: 'f1' }), creditLine('1101', 60000n, { fund: 'f1' })]
  const rev = reversalLines(lines)
  t.same(rev, [creditLine('5101', 60000n, { fund: 'f1' }), debitLine('1101', 60000n, { fund: 'f1' })])
  const a = netByAccount(lines)
  const b = netByAccount(rev)
  for (const [k, v] of a) t.equal(v + (b.get(k) ?? 0n), 0n)
})

t.test('amounts are strings of digits from 1 to 10^15', async t => {
  t.equal(parseAmount('2500000', 'amount'), 2500000n)
  t.equal(parseAmount('1000000000000000', 'amount'), 10n ** 15n)
  for (const bad of ['0', '-1', '1.5', '1e6', '01', '', ' 1', '1000000000000001', '2.500.000', '１']) {
    t.equal(code(() => parseAmount(bad, 'amount')), 'VALIDATION_FAILED', bad)
  }
  t.throws(() => parseAmount('0', 'lines/1/debit'), { errors: [{ path: 'lines/1/debit' }] },
    'the domain names the field, not where it sits in an HTTP request (the HTTP layer makes /body/lines/1/debit)')
})
