import { Type, type Static } from 'typebox'
import { Actor, EXAMPLE_ID, Id, IsoDate, Ref, StringEnum, Text, Timestamp, Total } from './common.js'
import { AccountCode } from './ledger.js'

/** How the extra rupiah of a split are given, as docs/RULES.md and every SHU route describe it. */
export const REMAINDER_RULE = 'Every amount is exact to the rupiah by the largest-remainder method, applied twice: first the SHU into the buckets, then each member bucket among its members. Each part gets the whole rupiah of its exact quota (rounded down); the rupiah left over go one each to the parts with the largest fractional remainder; equal remainders go to the part that comes first: the earlier bucket in the decision, the member registered first (the order of GET …/members). Rp 100.000 equally among 3 members: 33.334 + 33.333 + 33.333.'

export const SHU_BASES = ['equal', 'savings', 'interest-paid'] as const
const Basis = StringEnum(SHU_BASES, { description: 'How a bucket is split among the members: equal (members who joined by the period\'s end), savings (simpanan pokok + wajib + sukarela held at the period\'s end: jasa modal), interest-paid (jasa paid in the period: jasa anggota). Without a basis the bucket goes to `account`.' })

export const SharePercent = Type.String({ pattern: '^(0|[1-9][0-9]{0,2})(\\.[0-9]{1,4})?$', description: 'A percentage as a decimal string with a dot, e.g. "33.5"; the buckets add up to exactly 100.', examples: ['40'] })

export const ShuBucketBody = Type.Object({
  name: Text(100, { examples: ['Cadangan'] }),
  percent: SharePercent,
  account: Type.Optional(AccountCode),
  basis: Type.Optional(Basis)
}, { additionalProperties: false, description: 'A bucket with a basis goes to the members (2103 Utang SHU Anggota); one without names an equity or liability account of the chart (3301 Cadangan, or one added with POST …/accounts: dana sosial, dana pengurus, the community\'s share).' })

export const ShuDistributionDecision = Type.Object({
  type: Type.Literal('shu-distribution'),
  buckets: Type.Array(ShuBucketBody, { minItems: 1, maxItems: 20 })
}, { $id: 'ShuDistributionDecision', additionalProperties: false, description: 'How the SHU is shared: buckets whose percentages add up to exactly 100 (else 422 SHU_PERCENT_NOT_100).' })
export type ShuDistributionDecision = Static<typeof ShuDistributionDecision>

export const ShuBucket = Type.Object({
  name: Type.String(),
  percent: Type.String(),
  account: Type.String({ description: '2103 for a member bucket.' }),
  basis: Type.Union([Basis, Type.Null()])
}, { additionalProperties: false })

export const ShuPreviewBody = Type.Object({
  through: IsoDate,
  meetingId: Type.Optional(Id)
}, { additionalProperties: false, examples: [{ through: '2005-12-31' }] })

export const ShuDistributionBody = Type.Object({
  through: IsoDate,
  meetingId: Id,
  date: Type.Optional(IsoDate)
}, { additionalProperties: false, examples: [{ through: '2005-12-31', meetingId: EXAMPLE_ID.meeting }] })

export const ShuPayoutBody = Type.Object({
  memberId: Id,
  date: IsoDate,
  to: StringEnum(['cash', 'sukarela'] as const, { description: 'cash: out of Kas; sukarela: into the member\'s voluntary savings (2101).' })
}, { additionalProperties: false, examples: [{ memberId: EXAMPLE_ID.member, date: '2006-01-20', to: 'cash' }] })

const ShuMemberShare = Type.Object({
  memberId: Type.String(),
  name: Type.String(),
  householdNo: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean({ description: 'Joined by the period\'s end: takes part in an equal split.' }),
  savings: Ref(Total),
  interestPaid: Ref(Total),
  shares: Type.Array(Type.Object({ bucket: Type.String(), amount: Ref(Total) }, { additionalProperties: false }), { description: 'The member\'s share of each member bucket.' }),
  total: Ref(Total)
}, { additionalProperties: false })

const planFields = {
  through: IsoDate,
  periodFrom: Type.Union([IsoDate, Type.Null()], { description: 'The period\'s first day; null from the beginning of the books.' }),
  meetingId: Type.String(),
  decisionId: Type.String(),
  shu: Ref(Total),
  buckets: Type.Array(Type.Object({
    name: Type.String(), percent: Type.String(), account: Type.String(), basis: Type.Union([Basis, Type.Null()]), amount: Ref(Total)
  }, { additionalProperties: false })),
  members: Type.Array(ShuMemberShare)
}

export const ShuPreview = Type.Object(planFields, { additionalProperties: false, description: REMAINDER_RULE })

export const ShuDistribution = Type.Object({
  id: Type.String(),
  ...planFields,
  date: IsoDate,
  entryId: Type.String(),
  createdAt: Timestamp,
  actor: Ref(Actor)
}, { $id: 'ShuDistribution', additionalProperties: false, description: REMAINDER_RULE })

export const ShuPayout = Type.Object({
  id: Type.String(),
  distributionId: Type.String(),
  memberId: Type.String(),
  amount: Ref(Total),
  to: StringEnum(['cash', 'sukarela'] as const),
  date: IsoDate,
  entryId: Type.String(),
  createdAt: Timestamp,
  actor: Ref(Actor)
}, { $id: 'ShuPayout', additionalProperties: false })

/** A member's share of a distribution not paid out yet (GET …/shu/owed). */
export const OwedShare = Type.Object({
  memberId: Type.String(),
  name: Type.String(),
  distributionId: Type.String(),
  through: IsoDate,
  distributedOn: Type.String({ format: 'date', description: 'The day the distribution was posted: no payout of it may be dated before.' }),
  amount: Ref(Total)
}, { additionalProperties: false })
