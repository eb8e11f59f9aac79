import { Type } from 'typebox'
import { Actor, Amount, EXAMPLE_ID, Id, IsoDate, Ref, StringEnum, Text, Timestamp, Total } from './common.js'

const Hash = Type.String({ pattern: '^[0-9a-f]{64}$' })
const Slot = Type.Integer({ minimum: 1, maximum: 200, description: 'A slot\'s number (nomor arisan), from 1.' })
const Round = Type.Integer({ minimum: 1, maximum: 200, description: 'A round (putaran), from 1; a cycle has as many rounds as slots.' })
const Schedule = StringEnum(['meeting', 'monthly'] as const, { description: 'meeting: a round at every meeting; monthly: a round a month.' })
const Order = StringEnum(['agreed', 'draw'] as const, { description: 'agreed: slot 1 takes round 1, slot 2 round 2, …; draw: each round\'s slot is drawn (kocok) from those still eligible, by the rule in docs/ARISAN.md.' })

export const ArisanBody = Type.Object({
  meetingId: Id,
  name: Text(100, { examples: ['Arisan PKK RT 03'] }),
  contribution: Amount,
  hostFee: Type.Optional(Ref(Total)),
  schedule: Schedule,
  order: Order,
  slots: Type.Array(Type.Array(Id, { minItems: 1, maxItems: 2, uniqueItems: true }), {
    minItems: 2,
    maxItems: 200,
    description: 'slots[i] is slot i + 1: the member holding it, or two members sharing it (each pays half; the first listed takes the odd rupiah). A member may hold at most two slots (422 ARISAN_SLOTS_INVALID).'
  })
}, {
  additionalProperties: false,
  description: 'An arisan as a meeting decided it. contribution: what each slot pays each round; hostFee: taken from each round\'s pot for the host or the refreshments (default 0), less than a full pot.',
  examples: [{ meetingId: EXAMPLE_ID.meeting, name: 'Arisan PKK', contribution: '50000', hostFee: '0', schedule: 'monthly', order: 'draw', slots: [[EXAMPLE_ID.member], ['mbr_b'], ['mbr_c', 'mbr_d']] }]
})

export const ContributionBody = Type.Object({
  round: Type.Optional(Round),
  slot: Slot,
  memberId: Id,
  date: IsoDate,
  amount: Amount
}, {
  additionalProperties: false,
  description: 'A holder\'s payment for a round: the collecting round by default; a round already taken is a late payment, passed on at once to the holders who took it. amount is exactly her due per round (422 ARISAN_WRONG_AMOUNT).',
  examples: [{ slot: 1, memberId: EXAMPLE_ID.member, date: '2025-03-01', amount: '50000' }]
})

export const RoundBody = Type.Object({
  date: IsoDate,
  meetingId: Type.Optional(Id),
  called: Type.Optional(Text(40, { description: 'For a drawn arisan (required there): the number or word a member called out at the meeting, one of the draw\'s inputs.' }))
}, { additionalProperties: false, examples: [{ date: '2025-03-01', called: '17' }] })

const Holder = Type.Object({ slot: Slot, memberId: Type.String(), name: Type.String(), due: Ref(Total) }, { additionalProperties: false })

const Standing = Type.Object({
  slot: Slot,
  memberId: Type.String(),
  name: Type.String(),
  due: Ref(Total),
  paid: Type.Array(Round, { description: 'The rounds she has paid.' }),
  unpaid: Type.Array(Round, { description: 'The rounds already taken that she has not paid.' }),
  arrears: Ref(Total),
  wonRound: Type.Union([Round, Type.Null()], { description: 'The round her slot took the pot, or null.' }),
  stoppedAfterWinning: Type.Boolean({ description: 'Her slot has taken the pot and she has not paid a round taken since.' }),
  owesRest: Ref(Total, { description: 'After her slot took the pot: what she has yet to pay of the whole cycle (unpaid rounds since, and those to come).' })
}, { additionalProperties: false })

export const ArisanDraw = Type.Object({
  rule: Type.String({ description: 'lumbung-arisan-draw-v1 (docs/ARISAN.md).' }),
  called: Type.String(),
  eligible: Type.Array(Type.String(), { description: 'The slots still eligible, as the draw sorted them.' }),
  seed: Type.String({ description: 'The canonical JSON hashed: SHA-256 of it (again while at or above the last multiple of the eligible count) gives digest.' }),
  digest: Hash
}, { additionalProperties: false })

export const ArisanRoundJson = Type.Object({
  id: Type.String(),
  round: Round,
  slot: Slot,
  date: IsoDate,
  meetingId: Type.Union([Type.String(), Type.Null()]),
  holders: Type.Array(Type.Object({ memberId: Type.String(), name: Type.String(), amount: Ref(Total) }, { additionalProperties: false }), { description: 'What each holder of the slot received.' }),
  pot: Ref(Total),
  hostFee: Ref(Total),
  headSeq: Type.Integer({ minimum: 0, description: 'The journal head when the round was taken; its entry is the next one.' }),
  headHash: Hash,
  draw: Type.Union([ArisanDraw, Type.Null()]),
  entryId: Type.String(),
  createdAt: Timestamp,
  actor: Ref(Actor)
}, { $id: 'ArisanRound', additionalProperties: false })

export const ArisanContributionJson = Type.Object({
  id: Type.String(),
  round: Round,
  slot: Slot,
  memberId: Type.String(),
  amount: Ref(Total),
  late: Type.Boolean({ description: 'Paid after the round was taken: passed on to its holders in the same entry.' }),
  date: IsoDate,
  entryId: Type.String(),
  reversedOn: Type.Union([IsoDate, Type.Null()], { description: 'The date it was reversed (recorded in error); a reversed contribution counts for nothing.' }),
  createdAt: Timestamp,
  actor: Ref(Actor)
}, { $id: 'ArisanContribution', additionalProperties: false })

export const ArisanJson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  meetingId: Type.String(),
  contribution: Ref(Total),
  hostFee: Ref(Total),
  schedule: Schedule,
  order: Order,
  slots: Type.Integer(),
  holders: Type.Array(Holder),
  nextRound: Type.Union([Round, Type.Null()], { description: 'The round now collecting; null when every slot has taken the pot.' }),
  eligible: Type.Array(Slot, { description: 'The slots that have not taken the pot.' }),
  pot: Ref(Total, { description: 'What the collecting round holds so far.' }),
  paidIn: Ref(Total),
  paidOut: Ref(Total),
  held: Ref(Total, { description: 'paidIn − paidOut: what 2150 Titipan Arisan holds for this arisan (0 at the end of a paid-up cycle).' }),
  standing: Type.Array(Standing),
  rounds: Type.Array(Ref(ArisanRoundJson)),
  createdAt: Timestamp,
  actor: Ref(Actor)
}, { $id: 'Arisan', additionalProperties: false })

export const ArisanParams = Type.Object({ groupId: Id, arisanId: Id }, { additionalProperties: false })
export const ContributionParams = Type.Object({ groupId: Id, arisanId: Id, contributionId: Id }, { additionalProperties: false })

/** A member's own slots (GET /v1/me/arisan). */
export const MyArisan = Type.Object({
  items: Type.Array(Type.Object({
    arisanId: Type.String(),
    name: Type.String(),
    order: Order,
    slots: Type.Integer(),
    nextRound: Type.Union([Round, Type.Null()]),
    slot: Slot,
    shared: Type.Boolean({ description: 'She shares the slot with another member.' }),
    due: Ref(Total),
    paid: Type.Array(Round),
    unpaid: Type.Array(Round),
    arrears: Ref(Total),
    wonRound: Type.Union([Round, Type.Null()]),
    turn: Type.Union([Round, Type.Null()], { description: 'Her round in an agreed order (the slot\'s number); null for a draw, or once her slot has won.' }),
    stillInDraw: Type.Integer({ minimum: 0, description: 'How many slots the coming draws choose from (0 once her slot has won).' }),
    stoppedAfterWinning: Type.Boolean(),
    owesRest: Ref(Total)
  }, { additionalProperties: false }), { description: 'One item per slot she holds, in arisan order.' })
}, { additionalProperties: false })
