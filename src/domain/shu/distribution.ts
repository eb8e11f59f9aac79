import { Decimal } from 'decimal.js'
import { DomainError, invalid } from '../errors.js'
import { ACCOUNT } from '../ledger/accounts.js'
import type { Rupiah } from '../money.js'

/**
 * SHU (sisa hasil usaha): what the group earned in a closed period (income − expenses), shared by a rule the members'
 * meeting decided. The rule is a list of buckets whose percentages add up to exactly 100. A bucket with a `basis` is
 * split among the members and owed to them (2103 Utang SHU Anggota, one sub-balance per member): `equal` among the
 * active members, `savings` in proportion to the simpanan pokok + wajib + sukarela each holds at the period's end (jasa
 * modal), `interest-paid` in proportion to the jasa each paid in the period (jasa anggota). A bucket without one goes to
 * an account of the chart (cadangan, dana sosial, dana pengurus, the community's share …).
 *
 * Every amount is exact to the rupiah by the largest-remainder method, applied twice: first the SHU into the buckets,
 * then each member bucket among its members. Each part gets the whole rupiah of its exact quota (rounded down); the
 * rupiah left over go one each to the parts with the largest fractional remainder; equal remainders go to the part that
 * comes first: the earlier bucket in the decision, the member registered first. So every total is exact and the same
 * inputs always give the same shares.
 */
export type ShuBasis = 'equal' | 'savings' | 'interest-paid'
export const SHU_BASES: readonly ShuBasis[] = ['equal', 'savings', 'interest-paid']

export interface ShuBucket {
  name: string
  /** A decimal string with a dot, e.g. "33.5". */
  percent: string
  /** Where the bucket is credited: 2103 Utang SHU Anggota for a member bucket, else the account the meeting named. */
  account: string
  basis: ShuBasis | null
}

/** What the meeting wrote down: a member bucket names no account (or 2103), any other bucket must name one. */
export interface ShuBucketInput {
  name: string
  percent: string
  account: string | null
  basis: ShuBasis | null
}

/** The most buckets one rule may have. */
export const MAX_BUCKETS = 20

/**
 * A distribution rule: every percentage positive and at most 100, the sum exactly 100 (decimal arithmetic, so
 * 33.3 + 33.3 + 33.4 is 100 and 33.33 × 3 is not), names unique, and each bucket going to members or to an account.
 */
export function shuRule (buckets: readonly ShuBucketInput[], field = 'buckets'): ShuBucket[] {
  if (buckets.length === 0) throw invalid(field, 'needs at least one bucket')
  if (buckets.length > MAX_BUCKETS) throw invalid(field, `has at most ${MAX_BUCKETS} buckets`)
  const names = new Set<string>()
  let sum = new Decimal(0)
  const out = buckets.map((b, i) => {
    const p = new Decimal(b.percent)
    if (!p.isFinite() || p.lte(0) || p.gt(100)) throw invalid(`${field}/${i}/percent`, 'must be more than 0 and at most 100')
    const name = b.name.trim()
    if (names.has(name)) throw invalid(`${field}/${i}/name`, `bucket "${name}" is named twice`)
    names.add(name)
    sum = sum.plus(p)
    if (b.basis !== null) {
      if (b.account !== null && b.account !== ACCOUNT.utangShu) {
        throw new DomainError('ACCOUNT_NOT_ALLOWED', `bucket "${name}" is shared among members: it goes to ${ACCOUNT.utangShu} Utang SHU Anggota, not ${b.account}`)
      }
      return { name, percent: p.toString(), account: ACCOUNT.utangShu, basis: b.basis }
    }
    if (b.account === null) throw invalid(`${field}/${i}/account`, 'is required for a bucket without a basis (it says where the bucket goes)')
    return { name, percent: p.toString(), account: b.account, basis: null }
  })
  if (!sum.eq(100)) throw new DomainError('SHU_PERCENT_NOT_100', `the buckets add up to ${sum.toString()} %, not 100 %`)
  return out
}

/**
 * Splits `total` rupiah in proportion to `weights` (non-negative whole numbers), exactly: Σ result = total. Largest
 * remainder: each part gets ⌊total·w/W⌋, the rupiah left over go one each to the largest remainders total·w mod W,
 * equal remainders to the earlier part. Computed in whole numbers only, so nothing is lost to rounding.
 */
export function largestRemainder (total: Rupiah, weights: readonly bigint[]): Rupiah[] {
  if (total < 0n) throw new DomainError('INTERNAL', `cannot split a negative amount (${total})`)
  const W = weights.reduce((s, w) => {
    if (w < 0n) throw new DomainError('INTERNAL', `negative weight ${w}`)
    return s + w
  }, 0n)
  if (total === 0n) return weights.map(() => 0n)
  if (W === 0n) throw new DomainError('INTERNAL', 'cannot split an amount over weights that are all zero')
  const parts = weights.map(w => (total * w) / W)
  const remainders = weights.map((w, i) => ({ i, r: (total * w) % W }))
  let left = total - parts.reduce((s, x) => s + x, 0n)
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1))
  for (const { i } of remainders) {
    if (left === 0n) break
    parts[i] = (parts[i] ?? 0n) + 1n
    left--
  }
  return parts
}

/** Percent strings as whole-number weights on one scale ("33.5", "66.5" → 335, 665). */
export function percentWeights (percents: readonly string[]): bigint[] {
  const ds = percents.map(p => new Decimal(p))
  const places = Math.max(0, ...ds.map(d => d.decimalPlaces()))
  return ds.map(d => BigInt(d.times(new Decimal(10).pow(places)).toFixed(0)))
}

/** One member as the rule sees them, in registration order (the tie-break order). */
export interface MemberBasis {
  memberId: string
  /** Joined on or before the period's end: takes part in an equal split. */
  active: boolean
  /** Simpanan pokok + wajib + sukarela held at the period's end. */
  savings: Rupiah
  /** Jasa (loan interest) paid in the period. */
  interestPaid: Rupiah
}

export interface ShuPlan<M extends MemberBasis = MemberBasis> {
  shu: Rupiah
  buckets: Array<ShuBucket & { amount: Rupiah }>
  /** Every member, in the order given, with their share of each bucket (0 for an account bucket) and their total. */
  members: Array<M & { shares: Rupiah[], total: Rupiah }>
}

function weightOf (m: MemberBasis, basis: ShuBasis): bigint {
  switch (basis) {
    case 'equal': return m.active ? 1n : 0n
    case 'savings': return m.savings
    case 'interest-paid': return m.interestPaid
  }
}

const BASIS_WORD: Record<ShuBasis, string> = { equal: 'active member', savings: 'member with savings', 'interest-paid': 'member who paid jasa' }

/** The SHU into the buckets, then each member bucket among its members; every total exact. */
export function planDistribution<M extends MemberBasis> (shu: Rupiah, rule: readonly ShuBucket[], members: readonly M[]): ShuPlan<M> {
  if (shu <= 0n) throw new DomainError('SHU_NOT_POSITIVE', `the period's SHU is Rp ${shu}: there is no profit to share`)
  const amounts = largestRemainder(shu, percentWeights(rule.map(b => b.percent)))
  const buckets = rule.map((b, i) => ({ ...b, amount: amounts[i] ?? 0n }))
  const shares = buckets.map(b => {
    if (b.basis === null) return members.map(() => 0n)
    const basis = b.basis
    const weights = members.map(m => weightOf(m, basis))
    if (b.amount > 0n && !weights.some(w => w > 0n)) {
      throw new DomainError('SHU_BASIS_EMPTY', `bucket "${b.name}" is shared by ${basis}, but there is no ${BASIS_WORD[basis]} in the period`)
    }
    return largestRemainder(b.amount, weights)
  })
  return {
    shu,
    buckets,
    members: members.map((m, j) => {
      const mine = shares.map(s => s[j] ?? 0n)
      return { ...m, shares: mine, total: mine.reduce((s, x) => s + x, 0n) }
    })
  }
}
