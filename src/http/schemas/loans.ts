import { Type, type Static } from 'typebox'
import { Actor, Amount, EXAMPLE_ID, Id, IsoDate, Ref, SignedAmount, StringEnum, Text, Timestamp, Total } from './common.js'
import { ShuBucket, ShuDistributionDecision } from './shu.js'

export const RatePercent = Type.String({ pattern: '^(0|[1-9][0-9]{0,2})(\\.[0-9]{1,6})?$', description: 'A percentage as a decimal string with a dot, e.g. "1.5" for 1,5 %.', examples: ['1.5'] })
const Unit = StringEnum(['1', '100', '500', '1000'] as const, { description: 'Rupiah: every amount is a multiple of this.' })
const Method = StringEnum(['flat', 'declining', 'annuity'] as const, { description: 'flat: interest on the original principal every period; declining (menurun): equal principal, interest on the outstanding balance; annuity (anuitas): equal instalments, declining balance.' })
const RatePer = StringEnum(['month', 'year'] as const)
const Frequency = StringEnum(['monthly', 'weekly'] as const)
const RoundingMode = StringEnum(['half-up', 'half-even', 'up', 'down'] as const, { description: 'Default half-up.' })

export const PenaltyBody = Type.Object({
  percentOfOverdue: Type.Optional(RatePercent),
  fixed: Type.Optional(Type.String({ pattern: '^(0|[1-9][0-9]{0,14})$', description: 'Rupiah added at each accrual.' })),
  per: StringEnum(['month', 'once'] as const, { description: 'month: accrues at the end of the grace days and every 30 days after while unpaid; once: only at the end of the grace days.' }),
  graceDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365, description: 'Days after the due date before denda accrues; 0 when left out (the web form suggests 7).' }))
}, { additionalProperties: false, description: 'Denda on overdue instalments (principal + interest unpaid).' })

export const LoanTermsDecision = Type.Object({
  type: Type.Literal('loan-terms'),
  method: Method,
  ratePercent: RatePercent,
  ratePer: RatePer,
  maxTermCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 600 })),
  maxPrincipal: Type.Optional(Amount),
  roundTo: Type.Optional(Unit),
  instalmentRoundTo: Type.Optional(Unit),
  roundingMode: Type.Optional(RoundingMode),
  penalty: Type.Optional(PenaltyBody),
  collectibilityDays: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 3650 }), { minItems: 3, maxItems: 3, description: 'Days past due above which a loan is kurang lancar, diragukan, macet (default [30, 90, 180]).' }))
}, { $id: 'LoanTermsDecision', additionalProperties: false })
export type LoanTermsDecision = Static<typeof LoanTermsDecision>

export const GeneralDecision = Type.Object({ type: Type.Literal('general'), text: Text(2000) }, { $id: 'GeneralDecision', additionalProperties: false })

export const SavingsTermsDecision = Type.Object({
  type: Type.Literal('savings-terms'),
  wajibAmount: Amount
}, {
  $id: 'SavingsTermsDecision',
  additionalProperties: false,
  description: 'The simpanan wajib every member pays at each meeting, as the meeting agreed it: the web\'s meeting form offers it for everyone present. It records the agreement; a deposit of another amount is still accepted.',
  examples: [{ type: 'savings-terms', wajibAmount: '10000' }]
})

export const PublicationDecision = Type.Object({
  type: Type.Literal('publication'),
  public: Type.Boolean({ description: 'true opens the group\'s public page from this meeting\'s date; false closes it.' })
}, {
  $id: 'PublicationDecision',
  additionalProperties: false,
  description: 'Opening (or closing) the group\'s public transparency page: its name, place, fund growth, balance sheet, income statement and signed checkpoint at /publik/{groupId} and GET /public/groups/{groupId}, with no member\'s figures. Off until a meeting opens it.',
  examples: [{ type: 'publication', public: true }]
})

export const LoanQueueDecision = Type.Object({
  type: Type.Literal('loan-queue'),
  memberIds: Type.Array(Id, { maxItems: 500, uniqueItems: true, description: 'The members waiting to borrow, first in line first. A member leaves the line when she borrows; lending to anyone else while someone waits needs outOfTurnReason.' })
}, {
  $id: 'LoanQueueDecision',
  additionalProperties: false,
  description: 'The giliran pinjaman: the order in which members borrow from the revolving fund, from this meeting\'s date until a meeting decides another (an empty list ends it).',
  examples: [{ type: 'loan-queue', memberIds: [EXAMPLE_ID.member] }]
})

type DecisionBodyOf = LoanTermsDecision | ShuDistributionDecision | Static<typeof GeneralDecision> | Static<typeof SavingsTermsDecision> | Static<typeof PublicationDecision>
  | Static<typeof LoanQueueDecision>
export const DecisionBody = Type.Unsafe<DecisionBodyOf>({
  type: 'object',
  discriminator: { propertyName: 'type' },
  required: ['type'],
  // Named variants: a discriminator selects a variant by its $ref (inline ones it cannot name).
  oneOf: [Ref(LoanTermsDecision), Ref(ShuDistributionDecision), Ref(GeneralDecision), Ref(SavingsTermsDecision), Ref(PublicationDecision), Ref(LoanQueueDecision)]
})

export const MeetingBody = Type.Object({
  date: IsoDate,
  attendees: Type.Array(Id, { maxItems: 500, description: 'Member ids present (daftar hadir).' }),
  notes: Type.Optional(Type.String({ maxLength: 20000, description: 'Minutes (notulen).' })),
  decisions: Type.Array(DecisionBody, { maxItems: 50 })
}, {
  additionalProperties: false,
  examples: [{
    date: '2005-03-05',
    attendees: [EXAMPLE_ID.member],
    notes: 'Rapat anggota: disepakati jasa pinjaman 2 % per bulan.',
    decisions: [{ type: 'loan-terms', method: 'flat', ratePercent: '2', ratePer: 'month', maxTermCount: 10, maxPrincipal: '500000', instalmentRoundTo: '100', penalty: { percentOfOverdue: '1', per: 'month', graceDays: 3 } }]
  }]
})
export type MeetingBody = Static<typeof MeetingBody>

const TermsJson = Type.Object({
  method: Method,
  ratePercent: Type.String(),
  ratePer: RatePer,
  maxTermCount: Type.Union([Type.Integer(), Type.Null()]),
  maxPrincipal: Type.Union([Ref(Total), Type.Null()]),
  roundTo: Type.String(),
  instalmentRoundTo: Type.String(),
  roundingMode: RoundingMode,
  penalty: Type.Union([Type.Object({ percentOfOverdue: Type.String(), fixed: Type.String(), per: StringEnum(['month', 'once'] as const), graceDays: Type.Integer() }, { additionalProperties: false }), Type.Null()]),
  collectibilityDays: Type.Array(Type.Integer())
}, { additionalProperties: false })

export const Decision = Type.Object({
  id: Type.String(),
  type: StringEnum(['loan-terms', 'shu-distribution', 'general', 'savings-terms', 'publication', 'loan-queue'] as const),
  effectiveFrom: IsoDate,
  terms: Type.Optional(TermsJson),
  wajibAmount: Type.Optional(Ref(Total, { description: 'savings-terms: the wajib agreed per member and meeting.' })),
  buckets: Type.Optional(Type.Array(ShuBucket)),
  text: Type.Optional(Type.String()),
  public: Type.Optional(Type.Boolean({ description: 'publication: whether the public page is open from this meeting on.' })),
  memberIds: Type.Optional(Type.Array(Type.String(), { description: 'loan-queue: the members waiting to borrow, first in line first.' }))
}, { additionalProperties: false })

export const Meeting = Type.Object({
  id: Type.String(),
  groupId: Type.String(),
  date: IsoDate,
  notes: Type.Union([Type.String(), Type.Null()]),
  attendees: Type.Array(Type.String()),
  decisions: Type.Array(Decision),
  createdAt: Timestamp,
  actor: Ref(Actor)
}, { $id: 'Meeting', additionalProperties: false })

export const MeetingParams = Type.Object({ groupId: Id, meetingId: Id }, { additionalProperties: false })

export const TermsInForce = Type.Object({
  asOf: IsoDate,
  meetingId: Type.String(),
  decisionId: Type.String(),
  effectiveFrom: IsoDate,
  terms: TermsJson
}, { additionalProperties: false })

export const ScheduleBody = Type.Object({
  principal: Amount,
  termCount: Type.Integer({ minimum: 1, maximum: 600 }),
  frequency: Frequency,
  method: Method,
  ratePercent: RatePercent,
  ratePer: RatePer,
  disbursedOn: IsoDate,
  roundTo: Type.Optional(Unit),
  instalmentRoundTo: Type.Optional(Unit),
  roundingMode: Type.Optional(RoundingMode)
}, { additionalProperties: false, examples: [{ principal: '1000000', termCount: 10, frequency: 'monthly', method: 'flat', ratePercent: '1.5', ratePer: 'month', disbursedOn: '2025-01-10' }] })
export type ScheduleBody = Static<typeof ScheduleBody>

const Row = Type.Object({
  n: Type.Integer(), dueDate: IsoDate, principal: Ref(Total), interest: Ref(Total), total: Ref(Total), balance: Ref(Total)
}, { additionalProperties: false })
export const SchedulePreview = Type.Object({
  installments: Type.Array(Row),
  totals: Type.Object({ principal: Ref(Total), interest: Ref(Total), total: Ref(Total) }, { additionalProperties: false })
}, { additionalProperties: false })

export const LoanBody = Type.Object({
  memberId: Id,
  principal: Amount,
  termCount: Type.Integer({ minimum: 1, maximum: 600 }),
  frequency: Frequency,
  disbursedOn: IsoDate,
  purpose: Type.Optional(Text(500, { examples: ['Modal usaha telur asin'] })),
  fund: Type.Optional(Id),
  outOfTurnReason: Type.Optional(Text(500, { description: 'Why the loan goes to someone other than the next member in the giliran pinjaman a meeting decided (GET …/loan-queue). Required then (422 LOAN_OUT_OF_TURN); refused when she is next.' }))
}, { additionalProperties: false, examples: [{ memberId: EXAMPLE_ID.member, principal: '300000', termCount: 10, frequency: 'monthly', disbursedOn: '2005-03-10', purpose: 'Modal usaha telur asin' }] })
export type LoanBody = Static<typeof LoanBody>

const Collectibility = StringEnum(['lancar', 'kurang_lancar', 'diragukan', 'macet'] as const)

export const Loan = Type.Object({
  id: Type.String(),
  groupId: Type.String(),
  memberId: Type.String(),
  principal: Ref(Total),
  termCount: Type.Integer(),
  frequency: Frequency,
  disbursedOn: IsoDate,
  purpose: Type.Union([Type.String(), Type.Null()]),
  fund: Type.Union([Type.String(), Type.Null()]),
  terms: Type.Object({ ...TermsJson.properties, meetingId: Type.String(), decisionId: Type.String() }, { additionalProperties: false, description: 'The terms in force on the disbursement date, and the meeting decision that set them.' }),
  disbursementEntryId: Type.String(),
  outOfTurnReason: Type.Union([Type.String(), Type.Null()], { description: 'Why it was lent out of the turn a meeting decided; null when in turn or without a queue.' }),
  status: StringEnum(['active', 'paid_off', 'written_off'] as const),
  asOf: IsoDate,
  schedule: Type.Array(Type.Object({
    n: Type.Integer(), dueDate: IsoDate, principal: Ref(Total), interest: Ref(Total), total: Ref(Total), balance: Ref(Total),
    interestCharged: Ref(Total),
    paid: Type.Object({ principal: Ref(Total), interest: Ref(Total), penalty: Ref(Total) }, { additionalProperties: false }),
    penaltyAccrued: Ref(Total),
    paidOn: Type.Union([IsoDate, Type.Null()])
  }, { additionalProperties: false })),
  outstanding: Type.Object({ principal: Ref(Total), interest: Ref(Total), penalty: Ref(Total) }, { additionalProperties: false, description: 'principal: all unpaid; interest: of instalments due by asOf; penalty: accrued by asOf, unpaid.' }),
  payoff: Ref(Total, { description: 'What settles the loan on asOf (pelunasan dipercepat, POST …/payoff): outstanding principal + interest of instalments due by asOf + penalty; the interest of instalments not yet due is waived.' }),
  remaining: Ref(Total, { description: 'Everything the schedule still asks on asOf: the unpaid principal and interest of every instalment, due or not, plus penalty. The most one repayment may be.' }),
  arrears: Ref(Total),
  daysPastDue: Type.Integer(),
  collectibility: Collectibility,
  repayments: Type.Array(Type.Object({
    id: Type.String(), date: IsoDate, amount: Ref(Total), penalty: Ref(Total), interest: Ref(Total), principal: Ref(Total), entryId: Type.String(), actor: Ref(Actor)
  }, { additionalProperties: false })),
  writeOff: Type.Union([
    Type.Object({ date: IsoDate, reason: Type.String(), amount: Ref(Total), entryId: Type.String(), actor: Ref(Actor) }, { additionalProperties: false }),
    Type.Null()
  ]),
  createdAt: Timestamp,
  actor: Ref(Actor)
}, { $id: 'Loan', additionalProperties: false })

export const LoanParams = Type.Object({ groupId: Id, loanId: Id }, { additionalProperties: false })
export const RepaymentParams = Type.Object({ groupId: Id, loanId: Id, repaymentId: Id }, { additionalProperties: false })
export const LoanQuery = Type.Object({
  status: Type.Optional(StringEnum(['active', 'paid_off', 'written_off'] as const)),
  memberId: Type.Optional(Id),
  asOf: Type.Optional(IsoDate)
}, { additionalProperties: false })

export const RepaymentBody = Type.Object({ date: IsoDate, amount: Amount }, { additionalProperties: false, examples: [{ date: '2005-04-10', amount: '36000' }] })
export const PayoffBody = Type.Object({
  date: IsoDate,
  amount: Type.Optional(Amount)
}, { additionalProperties: false, description: 'Pelunasan dipercepat on `date`. `amount`, when given, must be the loan\'s payoff on that date exactly (else 422 PAYOFF_AMOUNT_MISMATCH, whose detail says the figure).', examples: [{ date: '2005-06-20', amount: '300000' }] })

const Split = Type.Object({ penalty: Ref(Total), interest: Ref(Total), principal: Ref(Total) }, { additionalProperties: false })
const Part = Type.Object({ n: Type.Integer(), penalty: Ref(Total), interest: Ref(Total), principal: Ref(Total) }, { additionalProperties: false })

export const RepaymentResult = Type.Object({
  id: Type.String(),
  allocation: Split,
  parts: Type.Array(Part, { description: 'What went to each instalment.' }),
  entryId: Type.String(),
  reversalEntryId: Type.Optional(Type.String({ description: 'When the repayment was undone: the entry that reversed it.' })),
  loan: Ref(Loan)
}, { $id: 'RepaymentResult', additionalProperties: false })

export const RepaymentPreview = Type.Object({
  date: IsoDate,
  amount: Ref(Total),
  allocation: Split,
  parts: Type.Array(Part, { description: 'What would go to each instalment.' }),
  principalLeft: Ref(Total, { description: 'The loan\'s pokok still outstanding after this repayment.' })
}, { $id: 'RepaymentPreview', additionalProperties: false })

export const WriteOffBody = Type.Object({ date: Type.Optional(IsoDate), reason: Text(500) }, { additionalProperties: false, examples: [{ date: '2006-06-30', reason: 'Anggota pindah, keputusan rapat 30 Juni 2006' }] })

export const SavingsBody = Type.Object({
  memberId: Id,
  kind: StringEnum(['pokok', 'wajib', 'sukarela'] as const, { description: 'pokok: once on joining; wajib: periodic; sukarela: voluntary, withdrawable.' }),
  date: IsoDate,
  amount: Amount
}, { additionalProperties: false, examples: [{ memberId: EXAMPLE_ID.member, kind: 'wajib', date: '2005-04-05', amount: '5000' }] })

export const WithdrawalBody = Type.Object({ memberId: Id, date: IsoDate, amount: Amount }, { additionalProperties: false, examples: [{ memberId: EXAMPLE_ID.member, date: '2005-06-05', amount: '20000' }] })

const Balances = Type.Object({ pokok: Ref(SignedAmount), wajib: Ref(SignedAmount), sukarela: Ref(SignedAmount), total: Ref(SignedAmount) }, { additionalProperties: false })
export const SavingsResult = Type.Object({ entryId: Type.String(), seq: Type.Integer(), balances: Balances }, { $id: 'SavingsResult', additionalProperties: false })

export const MemberSavings = Type.Object({
  memberId: Type.String(),
  name: Type.String(),
  asOf: Type.Union([IsoDate, Type.Null()]),
  balances: Balances,
  rows: Type.Array(Type.Object({
    entryId: Type.String(), seq: Type.Integer(), date: IsoDate, description: Type.String(),
    kind: StringEnum(['pokok', 'wajib', 'sukarela'] as const), deposit: Ref(Total), withdrawal: Ref(Total), balance: Ref(SignedAmount)
  }, { additionalProperties: false }))
}, { additionalProperties: false })

export const FundGrowth = Type.Object({
  asOf: IsoDate,
  capital: Type.Object({
    grants: Ref(SignedAmount), donations: Ref(SignedAmount), savingsPokok: Ref(SignedAmount), savingsWajib: Ref(SignedAmount), total: Ref(SignedAmount)
  }, { additionalProperties: false }),
  fund: Ref(SignedAmount),
  growth: Ref(SignedAmount),
  growthPercent: Type.String({ examples: ['5.60'] }),
  income: Type.Object({ interest: Ref(SignedAmount), penalty: Ref(SignedAmount), other: Ref(SignedAmount), total: Ref(SignedAmount) }, { additionalProperties: false }),
  expenses: Ref(SignedAmount)
}, { additionalProperties: false, examples: [{ asOf: '2005-12-31', capital: { grants: '2500000', donations: '0', savingsPokok: '0', savingsWajib: '0', total: '2500000' }, fund: '2640000', growth: '140000', growthPercent: '5.60', income: { interest: '200000', penalty: '0', other: '0', total: '200000' }, expenses: '60000' }] })

export const LoanPortfolio = Type.Object({
  asOf: IsoDate,
  rows: Type.Array(Type.Object({
    loanId: Type.String(), memberId: Type.String(), memberName: Type.String(), disbursedOn: IsoDate, principal: Ref(Total),
    outstanding: Ref(Total), arrears: Ref(Total), daysPastDue: Type.Integer(), collectibility: Collectibility
  }, { additionalProperties: false })),
  totals: Type.Object({
    principal: Ref(Total), outstanding: Ref(Total), arrears: Ref(Total),
    byCollectibility: Type.Object({ lancar: Ref(Total), kurang_lancar: Ref(Total), diragukan: Ref(Total), macet: Ref(Total) }, { additionalProperties: false })
  }, { additionalProperties: false }),
  par30: Type.String({ description: 'Percent with two decimals.', examples: ['12.50'] }),
  nonPerformingPercent: Type.String({ description: 'Outstanding principal of kurang lancar, diragukan and macet loans, as a percent of all outstanding principal.' })
}, { additionalProperties: false })
