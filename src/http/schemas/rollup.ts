import { Type } from 'typebox'
import { GROUP_KINDS } from './ledger.js'
import { IsoDate, Ref, SignedAmount, StringEnum, Total } from './common.js'
import { FORMATS } from '../../render/file.js'
import { PlaceNames } from './places.js'

/** The schemas of the roll-up (GET /v1/rollup): src/domain/reports/rollup.ts computes it; docs/ROLLUP.md gives every formula. */

const Percent = Type.String({ pattern: '^-?[0-9]+\\.[0-9]{2}$', description: 'A percentage with two decimals, half-up; "0.00" when its base is zero.', examples: ['5.60'] })
const Buckets = Type.Object({ lancar: Ref(Total), kurang_lancar: Ref(Total), diragukan: Ref(Total), macet: Ref(Total) }, { additionalProperties: false })

const partFields = {
  members: Type.Integer({ description: 'Members who had joined by asOf.' }),
  women: Type.Integer({ description: 'Of them, those whose member profile records her as female (POST …/members/{memberId}/profile).' }),
  sexNotRecorded: Type.Integer({ description: 'Of them, those whose profile records no sex: counted neither as women nor as men.' }),
  savings: Type.Object({ pokok: Ref(Total), wajib: Ref(Total), sukarela: Ref(Total), total: Ref(Total) }, { additionalProperties: false, description: 'Balances of 3101, 3102 and 2101 on asOf.' }),
  cash: Ref(Total, { description: 'Kas and Bank on asOf.' }),
  loans: Type.Object({
    active: Type.Integer(),
    outstanding: Ref(Total, { description: 'Outstanding principal of active loans on asOf, as the loan portfolio counts it.' }),
    late30: Ref(Total, { description: 'Of that, the principal of loans more than 30 days late.' }),
    disbursed: Ref(Total, { description: 'Principal of the loans disbursed in [from, asOf].' }),
    disbursedCount: Type.Integer(),
    byCollectibility: Buckets
  }, { additionalProperties: false }),
  fund: Type.Object({
    grants: Ref(Total, { description: 'Grants received (3201) by asOf.' }),
    grantsUsed: Ref(SignedAmount, { description: 'The grants put to use by asOf: of the lines tagged with each grant, what was spent on purposes plus what is lent out to members (the Laporan Penggunaan Dana\'s "Digunakan" and "berupa: pinjaman"); the rest of a grant is held as cash.' }),
    capital: Ref(Total, { description: 'Capital put in: grants, donations, pokok and wajib.' }),
    fund: Ref(SignedAmount, { description: 'What the fund is worth on asOf: assets − liabilities.' }),
    growth: Ref(SignedAmount, { description: 'fund − capital.' }),
    income: Ref(SignedAmount, { description: 'Income since the start (closing entries left out).' }),
    expenses: Ref(SignedAmount)
  }, { additionalProperties: false }),
  shu: Ref(Total, { description: 'SHU distributed in [from, asOf].' }),
  meetings: Type.Object({
    count: Type.Integer({ description: 'Meetings in [from, asOf].' }),
    attendances: Type.Integer({ description: 'Members present, summed over those meetings.' }),
    seats: Type.Integer({ description: 'meetings × members: what full attendance would be.' })
  }, { additionalProperties: false }),
  par30: Percent,
  fundGrowthPercent: Percent,
  attendancePercent: Percent,
  returnOnSavings: { ...Percent, description: 'SAVIX return on savings: (income − expenses since the start) ÷ savings total.' },
  loanFundUtilisation: { ...Percent, description: 'SAVIX loan fund utilisation: outstanding principal ÷ (outstanding principal + cash).' },
  averageSavingsPerMember: Ref(Total, { description: 'Savings total ÷ members, rounded down to the rupiah.' })
}

export const RollupGroup = Type.Object({
  groupId: Type.String(),
  name: Type.String(),
  kind: StringEnum(GROUP_KINDS),
  place: PlaceNames,
  ...partFields,
  lastMeeting: Type.Union([IsoDate, Type.Null()]),
  lastPosting: Type.Union([IsoDate, Type.Null()], { description: 'The date of the last entry on or before asOf.' }),
  inactive: Type.Boolean({ description: 'Neither a meeting nor an entry in the 60 days up to asOf.' }),
  head: Type.Object({ seq: Type.Integer(), hash: Type.String() }, { additionalProperties: false, description: 'The state of the group\'s journal the row was computed from.' })
}, { additionalProperties: false })

export const Rollup = Type.Object({
  from: IsoDate,
  asOf: IsoDate,
  headsDigest: Type.String({ description: 'SHA-256 of "<groupId> <seq> <hash>\\n" for each group in the order of groups: the CSV, XLSX and PDF print it as their ledger hash.' }),
  groups: Type.Array(RollupGroup),
  totals: Type.Object({ ...partFields, groups: Type.Integer(), inactive: Type.Integer() }, { additionalProperties: false, description: 'Every amount and count summed over the groups; every ratio recomputed from the sums.' })
}, { additionalProperties: false })

export const RollupQuery = Type.Object({
  asOf: Type.Optional(IsoDate),
  from: Type.Optional({ ...IsoDate, description: 'The start of the period for the flows (loans disbursed, SHU, meetings). Default: 1 January of asOf\'s year.' }),
  region: Type.Optional(Type.String({ maxLength: 13, description: 'Only the groups placed in this Kemendagri region (or inside it).', examples: ['51.03.05'] })),
  programme: Type.Optional(StringEnum(GROUP_KINDS, { description: 'Only groups of this kind.' })),
  format: Type.Optional(StringEnum(FORMATS, { description: 'Default json. csv, xlsx and pdf give the table of groups and its totals.' })),
  lang: Type.Optional(StringEnum(['id', 'en'] as const))
}, { additionalProperties: false })
