import t from 'tap'
import { DomainError } from '../../src/domain/errors.js'
import { largestRemainder, percentWeights, planDistribution, shuRule, type MemberBasis, type ShuBucketInput } from '../../src/domain/shu/distribution.js'

const code = (fn: () => unknown): string => {
  try { fn() } catch (e) { return e instanceof DomainError ? e.code : 'OTHER' }
  return 'NONE'
}
const bucket = (name: string, percent: string, basis: ShuBucketInput['basis'], account: string | null = null): ShuBucketInput => ({ name, percent, basis, account })
const member = (id: string, o: Partial<MemberBasis> = {}): MemberBasis => ({ memberId: id, active: true, savings: 0n, interestPaid: 0n, ...o })
const members = (n: number): MemberBasis[] => Array.from({ length: n }, (_, i) => member(`m${String(i + 1).padStart(2, '0')}`))

t.test('an equal split of Rp 140.000 among 50 members is Rp 2.800 each (the P2WKSS fund growth, shared like KUBE)', async t => {
  const plan = planDistribution(140000n, shuRule([bucket('Dibagi rata', '100', 'equal')]), members(50))
  t.same(plan.buckets.map(b => [b.account, b.amount]), [['2103', 140000n]])
  t.ok(plan.members.every(m => m.total === 2800n))
})

t.test('uneven remainders: Rp 100.000 among 3 is 33.334 + 33.333 + 33.333, the extra rupiah to the first registered', async t => {
  t.same(largestRemainder(100000n, [1n, 1n, 1n]), [33334n, 33333n, 33333n])
  t.same(largestRemainder(100001n, [1n, 1n, 1n]), [33334n, 33334n, 33333n])
  t.same(largestRemainder(10n, [1n, 1n, 1n, 1n, 1n, 1n, 1n]), [2n, 2n, 2n, 1n, 1n, 1n, 1n])
  // The largest fractional remainder wins before the order: 10 over weights 1:2:3 → quotas 1,67 / 3,33 / 5 → 2, 3, 5.
  t.same(largestRemainder(10n, [1n, 2n, 3n]), [2n, 3n, 5n])
  // 7 over 3:3:1 → 3 / 3 / 1 exactly; 8 over 3:3:1 → quotas 3,43 / 3,43 / 1,14: the tie of .43 goes to the first.
  t.same(largestRemainder(8n, [3n, 3n, 1n]), [4n, 3n, 1n])
  t.same(largestRemainder(5n, [0n, 1n, 0n, 1n]), [0n, 3n, 0n, 2n], 'a zero weight never gets a rupiah')
  t.same(largestRemainder(0n, [0n, 0n]), [0n, 0n])
})

t.test('buckets first, then members: savings (jasa modal) and interest paid (jasa anggota) in proportion', async t => {
  const rule = shuRule([
    bucket('Cadangan', '40', null, '3301'),
    bucket('Jasa modal', '25', 'savings'),
    bucket('Jasa anggota', '20', 'interest-paid'),
    bucket('Dana pengurus', '10', null, '2104'),
    bucket('Dana sosial', '5', null, '2105')
  ])
  const ms = [
    member('a', { savings: 10000n, interestPaid: 60000n }),
    member('b', { savings: 10000n, interestPaid: 12560n }),
    member('c', { savings: 60000n, interestPaid: 0n }),
    member('d', { active: false })
  ]
  const plan = planDistribution(140000n, rule, ms)
  t.same(plan.buckets.map(b => b.amount), [56000n, 35000n, 28000n, 14000n, 7000n])
  // jasa modal 35.000 over 10:10:60 → 4.375 / 4.375 / 26.250
  t.same(plan.members.map(m => m.shares[1]), [4375n, 4375n, 26250n, 0n])
  // jasa anggota 28.000 over 60.000:12.560 → 23.153,3… / 4.846,6… → 23.153 + 4.847
  t.same(plan.members.map(m => m.shares[2]), [23153n, 4847n, 0n, 0n])
  t.same(plan.members.map(m => m.total), [27528n, 9222n, 26250n, 0n])
  t.equal(plan.buckets.reduce((s, b) => s + b.amount, 0n), 140000n)
})

t.test('a BUMDes gives 50 % of an Rp 18.000.000 profit to the community: Rp 9.000.000', async t => {
  const plan = planDistribution(18000000n, shuRule([bucket('Bagian masyarakat (PADes)', '50', null, '2104'), bucket('Cadangan', '50', null, '3301')]), [])
  t.same(plan.buckets.map(b => [b.name, b.account, b.amount]), [['Bagian masyarakat (PADes)', '2104', 9000000n], ['Cadangan', '3301', 9000000n]])
})

t.test('percentages must add up to exactly 100, in decimals', async t => {
  t.equal(code(() => shuRule([bucket('Cadangan', '40', null, '3301'), bucket('Jasa modal', '30', 'savings'), bucket('Jasa anggota', '25', 'interest-paid'), bucket('Pengurus', '10', null, '2104')])), 'SHU_PERCENT_NOT_100', '105 % as published examples have it')
  t.equal(code(() => shuRule([bucket('A', '33.33', 'equal'), bucket('B', '33.33', 'equal'), bucket('C', '33.33', 'equal')])), 'SHU_PERCENT_NOT_100')
  t.equal(code(() => shuRule([bucket('A', '33.3', 'equal'), bucket('B', '33.3', 'savings'), bucket('C', '33.4', 'interest-paid')])), 'NONE')
  t.equal(code(() => shuRule([bucket('A', '0.1', null, '3301'), bucket('B', '99.9', 'equal')])), 'NONE', '0,1 + 99,9 is exactly 100 (no float)')
  t.equal(code(() => shuRule([])), 'VALIDATION_FAILED')
  t.equal(code(() => shuRule([bucket('A', '0', 'equal'), bucket('B', '100', 'equal')])), 'VALIDATION_FAILED')
  t.equal(code(() => shuRule([bucket('A', '50', 'equal'), bucket('A', '50', 'savings')])), 'VALIDATION_FAILED', 'a name twice')
  t.equal(code(() => shuRule([bucket('A', '100', null)])), 'VALIDATION_FAILED', 'an account bucket names its account')
  t.equal(code(() => shuRule([bucket('A', '100', 'equal', '3301')])), 'ACCOUNT_NOT_ALLOWED', 'a member bucket goes to 2103')
  t.same(percentWeights(['33.5', '66.5']), [335n, 665n])
  t.same(percentWeights(['40', '2.25', '57.75']), [4000n, 225n, 5775n])
})

t.test('no profit, or nobody to share a member bucket with, is refused', async t => {
  const rule = shuRule([bucket('Rata', '100', 'equal')])
  t.equal(code(() => planDistribution(0n, rule, members(3))), 'SHU_NOT_POSITIVE')
  t.equal(code(() => planDistribution(-252440n, rule, members(3))), 'SHU_NOT_POSITIVE')
  t.equal(code(() => planDistribution(1000n, rule, [member('x', { active: false })])), 'SHU_BASIS_EMPTY')
  t.equal(code(() => planDistribution(1000n, shuRule([bucket('Jasa anggota', '100', 'interest-paid')]), members(3))), 'SHU_BASIS_EMPTY')
})
