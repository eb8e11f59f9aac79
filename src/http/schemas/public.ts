import { Type } from 'typebox'
import { IsoDate, Ref, StringEnum, Timestamp } from './common.js'
import { CheckpointRef } from './integrity.js'
import { GROUP_KINDS } from './ledger.js'
import { FundGrowth } from './loans.js'
import { PlaceNames } from './places.js'
import { StatementJson } from './statements.js'

/** A group's public page (src/services/public-page-service.ts): open only once a meeting's `publication` decision opened it. */
export const PublicPage = Type.Object({
  group: Type.Object({
    id: Type.String(),
    name: Type.String(),
    kind: StringEnum(GROUP_KINDS),
    village: Type.Union([Type.String(), Type.Null()]),
    createdAt: Timestamp
  }, { additionalProperties: false }),
  place: PlaceNames,
  opened: Type.Object({
    meetingId: Type.String(),
    decisionId: Type.String(),
    date: IsoDate
  }, { additionalProperties: false, description: 'The meeting whose decision opened the page; it is in force from that date.' }),
  asOf: IsoDate,
  fundGrowth: FundGrowth,
  balanceSheet: Ref(StatementJson, { description: 'Neraca as of asOf, in Bahasa Indonesia.' }),
  incomeStatement: Ref(StatementJson, { description: 'Laporan laba rugi of the period not yet closed: from the day after the last closed period (or the start) to asOf.' }),
  checkpoint: CheckpointRef
}, {
  $id: 'PublicPage',
  additionalProperties: false,
  description: 'What anyone may read of a group whose meeting opened its public page: account totals only, no member named and no member\'s figure. '
    + 'The checkpoint is signed with the key of GET /signing-key and names the journal head both statements were built from.'
})
