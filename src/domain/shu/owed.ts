import type { ShuDistribution, ShuPayout } from '../books/types.js'
import type { Rupiah } from '../money.js'

/** One member's share of one distribution, not paid out yet. */
export interface OwedShare {
  memberId: string
  name: string
  distributionId: string
  through: string
  /** The day the distribution was posted: no payout of it may be dated before. */
  distributedOn: string
  amount: Rupiah
}

/**
 * The SHU still owed: every member's share of every distribution that has not been paid out, oldest distribution
 * first, members in the distribution's order. A share is paid whole and once, so a member's next payout pays her
 * first one here. The one rule for "what is still owed": the payout, the API and the web app all read it.
 */
export function unpaidShares (distributions: readonly ShuDistribution[], payouts: readonly ShuPayout[]): OwedShare[] {
  const paid = new Set(payouts.map(p => `${p.distributionId}/${p.memberId}`))
  return [...distributions].sort((a, b) => a.through < b.through ? -1 : a.through > b.through ? 1 : 0).flatMap(d => d.plan.members
    .filter(m => m.total > 0n && !paid.has(`${d.id}/${m.memberId}`))
    .map(m => ({ memberId: m.memberId, name: m.name, distributionId: d.id, through: d.through, distributedOn: d.date, amount: m.total })))
}
