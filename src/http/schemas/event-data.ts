import { Type, type TObject, type TProperties, type TSchema } from 'typebox'
import { ACCOUNT_TYPES } from '../../domain/ledger/accounts.js'
import { ENTRY_KINDS } from '../../domain/ledger/entry-kind.js'
import type { EventType } from '../../services/events.js'
import { Amount, IsoDate, Ref, SignedAmount, StringEnum, Total } from './common.js'
import { AccountCode, GROUP_KINDS } from './ledger.js'
import { Decision, SavingsBody } from './loans.js'
import { ShuPayoutBody } from './shu.js'

/*
 * The `data` of each event type, field for field as its emit(...) in src/services writes it: what GET
 * /v1/groups/{groupId}/events gives as an event's `data`, and what a webhook delivery's `data` carries besides the
 * envelope (webhooks.ts). An amount bounded by one posting line (every line is 1 to 10^15) is an Amount; a sum or a
 * part that may be 0 is a Total.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
const IdOf = (what: string) => Type.String({ description: `The id of ${what}.` })
const Hash = (what: string) => Type.String({ pattern: '^[0-9a-f]{64}$', description: `${what}: SHA-256, 64 hex digits.` })
const EntryId = IdOf('the journal entry posted for it')
const Reason = Type.String({ description: 'Why, as the treasurer gave it.' })
/** An event's data: exactly these fields, and a description of when the event happens. */
const data = <P extends TProperties>(description: string, properties: P) =>
  Type.Object(properties, { additionalProperties: false, description }) as TObject<P> & { description: string }

const funding = (what: string) => data(`${what} came in (Kas / its capital account, tagged with a new fund). entityId: the fund.`, {
  entryId: EntryId,
  amount: Amount,
  source: Type.String({ description: 'Who gave it.' })
})

export const EVENT_DATA = {
  'group.created': data('A group was created, with the default chart of accounts. entityId: the group.', {
    name: Type.String(), kind: StringEnum(GROUP_KINDS), village: Nullable(Type.String())
  }),
  'member.created': data('A member was registered in the group. entityId: the member.', {
    name: Type.String(), householdNo: Nullable(Type.String({ description: 'Nomor kartu keluarga (KK) or the group\'s own household number.' }))
  }),
  'account.created': data('An account was added to the group\'s chart (the default chart of a new group makes no events). entityId: the account\'s code.', {
    code: AccountCode, name: Type.String(), type: StringEnum(ACCOUNT_TYPES)
  }),
  'entry.posted': data('A journal entry was posted: by hand, or by any request that moves money (each such request also makes its own event). entityId: the entry.', {
    seq: Type.Integer({
      minimum: 1,
      description: 'The entry\'s seq in the group\'s journal (not the feed\'s). In a webhook delivery it is `entrySeq` (the envelope\'s `seq` is the feed\'s).'
    }),
    date: IsoDate,
    description: Type.String(),
    reference: Nullable(Type.String({ description: 'The voucher number (nomor bukti).' })),
    kind: StringEnum(ENTRY_KINDS),
    source: Nullable(Type.String({ description: 'The record the entry belongs to, as its kind says (a fund, member, loan, repayment, period, distribution or payout); null for manual, expense and reversal entries.' })),
    total: Ref(Total, { description: 'The sum of the entry\'s debits (equal to its credits).' }),
    hash: Hash('The entry\'s hash in the chain')
  }),
  'entry.reversed': data('A journal entry was reversed by a new entry with its sides swapped (directly, or as a loan repayment undone). entityId: the entry reversed.', {
    reversedBy: IdOf('the reversing entry'), reason: Reason
  }),
  'grant.received': funding('A grant (dana hibah, dana stimulan)'),
  'donation.received': funding('A donation or village capital'),
  'expense.recorded': data('An expense or a fixed asset was paid from Kas or Bank. entityId: the entry.', {
    account: Type.String({ description: 'The expense or fixed-asset account\'s code.' }), amount: Amount, fund: Nullable(IdOf('the fund it is charged to'))
  }),
  'meeting.recorded': data('A meeting (rapat) was recorded with its attendance and decisions. entityId: the meeting.', {
    date: IsoDate,
    attendees: Type.Integer({ minimum: 0, description: 'How many members attended.' }),
    decisions: Type.Array(Decision.properties.type, { description: 'The type of each decision, in order.' })
  }),
  'loan.disbursed': data('A loan was disbursed under the terms in force (Piutang Pinjaman / Kas). entityId: the loan.', {
    memberId: IdOf('the borrower'),
    principal: Amount,
    termCount: Type.Integer({ minimum: 1 }),
    disbursedOn: IsoDate,
    entryId: EntryId,
    meetingId: IdOf('the meeting whose terms it follows')
  }),
  'loan.repaid': data('A repayment (angsuran) or payoff (pelunasan) of a loan was recorded. entityId: the loan.', {
    repaymentId: IdOf('the repayment'),
    date: IsoDate,
    amount: Amount,
    entryId: EntryId,
    penalty: Ref(Total, { description: 'The part that paid denda.' }),
    interest: Ref(Total, { description: 'The part that paid jasa.' }),
    principal: Ref(Total, { description: 'The part that paid pokok.' })
  }),
  'loan.repayment_reversed': data('A loan repayment recorded in error was undone (an entry.reversed event comes with it). entityId: the loan.', {
    repaymentId: IdOf('the repayment undone'), entryId: IdOf('the reversing entry'), reason: Reason
  }),
  'loan.written_off': data('What was left of a loan\'s principal was written off (Beban Penghapusan Pinjaman / Piutang). entityId: the loan.', {
    date: IsoDate, amount: Amount, reason: Reason, entryId: EntryId
  }),
  'savings.deposited': data('A member paid simpanan pokok, wajib or sukarela into Kas. entityId: the entry.', {
    memberId: IdOf('the member'), kind: SavingsBody.properties.kind, amount: Amount
  }),
  'savings.withdrawn': data('A member withdrew simpanan sukarela from Kas. entityId: the entry.', {
    memberId: IdOf('the member'), kind: Type.Literal('sukarela'), amount: Amount
  }),
  'period.closed': data('The books were closed (tutup buku) through a date: the closing entry posted (when there was income or expense to close) and a checkpoint recorded. entityId: the period.', {
    through: IsoDate,
    seq: Type.Integer({
      minimum: 0,
      description: 'The journal\'s last seq at the close (0 when it has no entries), not the feed\'s. In a webhook delivery it is `entrySeq` (the envelope\'s `seq` is the feed\'s).'
    }),
    hash: Hash('The hash of the journal\'s last entry at the close (64 zeros when it has none)'),
    shu: Ref(SignedAmount, { description: 'The period\'s SHU (income less expenses); negative for a loss.' })
  }),
  'shu.distributed': data('A closed period\'s SHU was distributed as the meeting decided (once per period). entityId: the distribution.', {
    through: IsoDate, entryId: EntryId, shu: Amount, meetingId: IdOf('the meeting that decided it')
  }),
  'shu.paid': data('A member\'s SHU share was paid out, in cash or into her simpanan sukarela. entityId: the payout.', {
    distributionId: IdOf('the distribution the share comes from'), memberId: IdOf('the member'), amount: Amount, to: ShuPayoutBody.properties.to, entryId: EntryId
  }),
  'arisan.created': data('A meeting\'s arisan was recorded (and 2150 Titipan Arisan added to the chart with the first). entityId: the arisan.', {
    name: Type.String(), meetingId: IdOf('the meeting that decided it'), slots: Type.Integer({ minimum: 2 }), contribution: Amount,
    order: StringEnum(['agreed', 'draw'] as const)
  }),
  'arisan.contributed': data('A holder paid a round of an arisan (Kas / 2150); late: the round was already taken and the money was passed on to its holders at once. entityId: the contribution.', {
    arisanId: IdOf('the arisan'), round: Type.Integer({ minimum: 1 }), slot: Type.Integer({ minimum: 1 }), memberId: IdOf('the holder who paid'),
    amount: Amount, late: Type.Boolean(), entryId: EntryId
  }),
  'arisan.round_taken': data('A round of an arisan was taken: its slot (drawn, or next in the agreed order) was paid the pot less the host\'s fee (2150 / Kas). entityId: the round.', {
    arisanId: IdOf('the arisan'), round: Type.Integer({ minimum: 1 }), slot: Type.Integer({ minimum: 1 }), holders: Type.Array(Type.String()),
    pot: Amount, digest: Nullable(Hash('The draw\'s digest (null for an agreed order)')), entryId: EntryId
  })
} satisfies Record<EventType, TSchema & { description: string }>
