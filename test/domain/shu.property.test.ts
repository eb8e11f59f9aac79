import fc from 'fast-check'
import t from 'tap'
import { largestRemainder, planDistribution, shuRule, SHU_BASES, type ShuBucketInput } from '../../src/domain/shu/distribution.js'

/**
 * Whatever the SHU, the rule and the members: the buckets add up to the SHU, each member bucket's shares add up to the
 * bucket, nobody gets a share of a bucket they have no claim on, and no share is more than one rupiah from its exact
 * quota (the largest-remainder bound).
 */
const percents = fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 8 }).map(ws => {
  // Whole hundredths of a percent that add up to exactly 100 %.
  const scaled = largestRemainder(10_000n, ws.map(w => BigInt(w))).map(Number)
  if (scaled.some(x => x === 0)) return null
  return scaled.map(x => (x / 100).toFixed(2).replace(/\.?0+$/, ''))
}).filter((p): p is string[] => p !== null)

const scenario = fc.record({
  shu: fc.bigInt({ min: 1n, max: 10n ** 12n }),
  percents,
  bases: fc.array(fc.constantFrom<ShuBucketInput['basis']>(null, ...SHU_BASES), { minLength: 8, maxLength: 8 }),
  members: fc.array(fc.record({ active: fc.boolean(), savings: fc.bigInt({ min: 0n, max: 10n ** 9n }), interestPaid: fc.bigInt({ min: 0n, max: 10n ** 8n }) }), { minLength: 1, maxLength: 60 })
})

t.test('shares always add up to their bucket and the buckets to the SHU', async t => {
  fc.assert(fc.property(scenario, s => {
    const rule = shuRule(s.percents.map((percent, i) => {
      const basis = s.bases[i] ?? null
      return { name: `b${i}`, percent, basis, account: basis === null ? '3301' : null }
    }))
    const ms = s.members.map((m, i) => ({ memberId: `m${i}`, ...m }))
    // A member bucket nobody qualifies for is refused; give the first member a claim on everything so none is.
    ms[0] = { memberId: 'm0', active: true, savings: (ms[0]?.savings ?? 0n) + 1n, interestPaid: (ms[0]?.interestPaid ?? 0n) + 1n }
    const plan = planDistribution(s.shu, rule, ms)
    if (plan.buckets.reduce((x, b) => x + b.amount, 0n) !== s.shu) return false
    for (const [i, b] of plan.buckets.entries()) {
      const shares = plan.members.map(m => m.shares[i] ?? 0n)
      const sum = shares.reduce((x, y) => x + y, 0n)
      if (b.basis === null ? sum !== 0n : sum !== b.amount) return false
      if (b.basis === null) continue
      const weights = plan.members.map(m => b.basis === 'equal' ? (m.active ? 1n : 0n) : b.basis === 'savings' ? m.savings : m.interestPaid)
      const W = weights.reduce((x, y) => x + y, 0n)
      for (const [j, share] of shares.entries()) {
        const w = weights[j] ?? 0n
        if (w === 0n && share !== 0n) return false
        // floor(quota) ≤ share ≤ floor(quota) + 1
        const floor = (b.amount * w) / W
        if (share < floor || share > floor + 1n) return false
      }
    }
    return plan.members.reduce((x, m) => x + m.total, 0n) + plan.buckets.filter(b => b.basis === null).reduce((x, b) => x + b.amount, 0n) === s.shu
  }), { numRuns: 300 })
  t.pass('300 random rules, SHUs and memberships')
})
