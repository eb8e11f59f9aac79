import { Type, type Static } from 'typebox'
import { ACCOUNT_TYPES } from '../../domain/ledger/accounts.js'
import { ENTRY_KINDS } from '../../domain/ledger/entry-kind.js'
import { Actor, Amount, Id, IsoDate, Ref, SignedAmount, StringEnum, Text, Timestamp, Total } from './common.js'

export const GROUP_KINDS = ['p2wkss', 'pkk', 'kube', 'karang_taruna', 'bumdes', 'other'] as const

export const GroupBody = Type.Object({
  name: Text(200, { examples: ['P2WKSS Banjar Abiansemal'] }),
  kind: StringEnum(GROUP_KINDS, { description: 'p2wkss, pkk, kube (Kelompok Usaha Bersama), karang_taruna (youth), bumdes (village enterprise) or other.' }),
  village: Type.Optional(Text(200, { examples: ['Abiansemal, Badung, Bali'] }))
}, { additionalProperties: false, examples: [{ name: 'P2WKSS Banjar Abiansemal', kind: 'p2wkss', village: 'Abiansemal, Badung, Bali' }] })
export type GroupBody = Static<typeof GroupBody>

export const Group = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: StringEnum(GROUP_KINDS),
  village: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  actor: Ref(Actor)
}, { $id: 'Group', additionalProperties: false })

export const MemberBody = Type.Object({
  name: Text(200, { examples: ['Ni Made Sari'] }),
  householdNo: Type.Optional(Text(64, { description: 'Nomor kartu keluarga (KK) or the group\'s own household number.', examples: ['KK-017'] })),
  joinedOn: Type.Optional(IsoDate)
}, { additionalProperties: false, examples: [{ name: 'Ni Made Sari', householdNo: 'KK-017', joinedOn: '2025-01-05' }] })
export type MemberBody = Static<typeof MemberBody>

export const Member = Type.Object({
  id: Type.String(),
  groupId: Type.String(),
  name: Type.String(),
  householdNo: Type.Union([Type.String(), Type.Null()]),
  joinedOn: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  actor: Ref(Actor)
}, { $id: 'Member', additionalProperties: false })

export const AccountCode = Type.String({ pattern: '^[0-9]{4,8}$', description: 'Account code: 4 to 8 digits (bagan akun).', examples: ['1101'] })

export const AccountBody = Type.Object({
  code: AccountCode,
  name: Text(200, { examples: ['Kas Kecil'] }),
  type: StringEnum(ACCOUNT_TYPES),
  normalBalance: Type.Optional(StringEnum(['debit', 'credit'] as const, { description: 'Defaults to debit for assets and expenses, credit otherwise; set credit for a contra-asset.' }))
}, { additionalProperties: false, examples: [{ code: '1103', name: 'Kas Kecil', type: 'asset' }] })
export type AccountBody = Static<typeof AccountBody>

export const Account = Type.Object({
  code: Type.String(),
  name: Type.String(),
  type: StringEnum(ACCOUNT_TYPES),
  normalBalance: StringEnum(['debit', 'credit'] as const),
  balance: Ref(SignedAmount)
}, { $id: 'Account', additionalProperties: false })

export const LineBody = Type.Object({
  account: AccountCode,
  debit: Type.Optional(Amount),
  credit: Type.Optional(Amount),
  fund: Type.Optional(Id),
  memberId: Type.Optional(Id)
}, { additionalProperties: false, description: 'One posting. Exactly one of debit and credit.' })

export const EntryBody = Type.Object({
  date: IsoDate,
  description: Text(500),
  reference: Type.Optional(Text(200, { description: 'Receipt or voucher number (nomor bukti).' })),
  lines: Type.Array(LineBody, { maxItems: 200 })
}, {
  additionalProperties: false,
  examples: [{
    date: '2025-01-10',
    description: 'Dana stimulan P2WKSS',
    reference: 'BKM-001',
    lines: [{ account: '1101', debit: '2500000' }, { account: '3201', credit: '2500000' }]
  }]
})
export type EntryBody = Static<typeof EntryBody>

export const MAX_BATCH = 1000
export const BatchBody = Type.Object({
  mode: StringEnum(['atomic', 'independent'] as const, { description: 'atomic: all entries or none; independent: each entry stands or falls on its own.' }),
  entries: Type.Array(EntryBody, { minItems: 1, maxItems: MAX_BATCH })
}, {
  additionalProperties: false,
  examples: [{ mode: 'independent', entries: [{ date: '2025-01-20', description: 'Konsumsi rapat', lines: [{ account: '5101', debit: '60000' }, { account: '1101', credit: '60000' }] }] }]
})
export type BatchBody = Static<typeof BatchBody>

export const Line = Type.Object({
  account: Type.String(),
  debit: Type.Optional(Ref(Total)),
  credit: Type.Optional(Ref(Total)),
  fund: Type.Union([Type.String(), Type.Null()]),
  memberId: Type.Union([Type.String(), Type.Null()])
}, { $id: 'Line', additionalProperties: false })

export const Entry = Type.Object({
  id: Type.String(),
  groupId: Type.String(),
  seq: Type.Integer({ description: 'Position in the group\'s journal: 1, 2, 3 … with no gaps.' }),
  date: IsoDate,
  description: Type.String(),
  reference: Type.Union([Type.String(), Type.Null()], { description: 'The voucher number (nomor bukti) the treasurer gave, if any; no rule reads it.' }),
  kind: StringEnum(ENTRY_KINDS, { description: 'What the entry is; inside the hash (hashVersion 2). manual: typed by hand; funding, expense, savings-deposit, savings-withdrawal, disbursement, repayment, write-off, closing, shu-distribution, shu-payout: posted by those requests; reversal: undoes `reverses`.' }),
  source: Type.Union([Type.String(), Type.Null()], { description: 'The record the entry belongs to: the fund (funding), the member (savings), the loan (disbursement, write-off), the repayment, the period (closing), the SHU distribution or payout; null for manual, expense and reversal.' }),
  lines: Type.Array(Ref(Line)),
  reverses: Type.Union([Type.String(), Type.Null()], { description: 'The entry this one reverses.' }),
  reversedBy: Type.Union([Type.String(), Type.Null()], { description: 'The entry that reversed this one.' }),
  actor: Ref(Actor),
  createdAt: Timestamp,
  prevHash: Type.String({ description: 'The hash of the previous entry (64 zeros for the first).' }),
  hashVersion: Type.Union([Type.Literal(1), Type.Literal(2)], { description: 'The canonical form the hash covers: 2, with kind and source; 1 for entries posted before they existed (their kind and source are kept in the record chain).' }),
  hash: Type.String({ description: 'SHA-256 of the canonical JSON of this entry (see docs/AUDIT.md, "The hash chain").' })
}, { $id: 'Entry', additionalProperties: false })

export const EntryParams = Type.Object({ groupId: Id, entryId: Id }, { additionalProperties: false })
export type EntryParams = Static<typeof EntryParams>

export const EntryQuery = Type.Object({
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  account: Type.Optional(AccountCode),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Entries per page (default 50).' })),
  cursor: Type.Optional(Type.String({ maxLength: 100, description: 'nextCursor from the previous page.' }))
}, { additionalProperties: false })
export type EntryQuery = Static<typeof EntryQuery>

export const EntryPage = Type.Object({
  items: Type.Array(Ref(Entry)),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as cursor for the next page; null on the last page.' })
}, { additionalProperties: false })

export const ReversalBody = Type.Object({
  date: Type.Optional(IsoDate),
  reason: Text(500, { examples: ['Salah catat nominal'] })
}, { additionalProperties: false, examples: [{ reason: 'Salah catat nominal', date: '2025-01-12' }] })
export type ReversalBody = Static<typeof ReversalBody>

export const FundingBody = Type.Object({
  date: IsoDate,
  amount: Amount,
  source: Text(200, { description: 'Who gave it.', examples: ['Pemerintah Kabupaten Badung'] }),
  description: Type.Optional(Text(500)),
  reference: Type.Optional(Text(200, { description: 'Receipt or voucher number (nomor bukti).' }))
}, { additionalProperties: false, examples: [{ date: '2025-01-10', amount: '2500000', source: 'Pemerintah Kabupaten Badung', description: 'Dana stimulan P2WKSS 2025' }] })
export type FundingBody = Static<typeof FundingBody>

export const ExpenseBody = Type.Object({
  date: IsoDate,
  amount: Amount,
  account: AccountCode,
  description: Text(500),
  fund: Type.Optional(Id),
  paidFrom: Type.Optional(StringEnum(['1101', '1102'] as const, { description: 'Kas (1101, the default) or Bank (1102).' })),
  reference: Type.Optional(Text(200, { description: 'Receipt or voucher number (nomor bukti).' }))
}, { additionalProperties: false, examples: [{ date: '2025-01-20', amount: '60000', account: '5101', description: 'Konsumsi rapat Januari' }] })
export type ExpenseBody = Static<typeof ExpenseBody>

export const AsOfQuery = Type.Object({ asOf: Type.Optional(IsoDate) }, { additionalProperties: false })
export type AsOfQuery = Static<typeof AsOfQuery>

export const TrialBalance = Type.Object({
  asOf: IsoDate,
  rows: Type.Array(Type.Object({ account: Type.String(), name: Type.String(), normalBalance: StringEnum(['debit', 'credit'] as const), debit: Ref(Total), credit: Ref(Total) }, { additionalProperties: false })),
  totals: Type.Object({ debit: Ref(Total), credit: Ref(Total) }, { additionalProperties: false })
}, { additionalProperties: false })

export const LedgerParams = Type.Object({ groupId: Id, code: AccountCode }, { additionalProperties: false })
export type LedgerParams = Static<typeof LedgerParams>
export const RangeQuery = Type.Object({ from: Type.Optional(IsoDate), to: Type.Optional(IsoDate) }, { additionalProperties: false })
export type RangeQuery = Static<typeof RangeQuery>

export const AccountLedger = Type.Object({
  account: Type.Object({ code: Type.String(), name: Type.String(), normalBalance: StringEnum(['debit', 'credit'] as const) }, { additionalProperties: false }),
  from: Type.Union([IsoDate, Type.Null()]),
  to: Type.Union([IsoDate, Type.Null()]),
  opening: Ref(SignedAmount),
  rows: Type.Array(Type.Object({
    entryId: Type.String(), seq: Type.Integer(), date: IsoDate, description: Type.String(),
    debit: Ref(Total), credit: Ref(Total), fund: Type.Union([Type.String(), Type.Null()]), balance: Ref(SignedAmount)
  }, { additionalProperties: false })),
  closing: Ref(SignedAmount)
}, { additionalProperties: false })

export const Fund = Type.Object({
  id: Type.String(),
  kind: StringEnum(['grant', 'donation'] as const),
  name: Type.String(),
  source: Type.String(),
  createdAt: Timestamp,
  actor: Ref(Actor)
}, { additionalProperties: false })
