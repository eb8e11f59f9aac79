import type { SignedCheckpoint } from '../ledger/checkpoint.js'
import type { Installment, PaidPart } from '../loans/types.js'
import type { RecordBody, Row } from '../records/record-chain.js'
import type { ShuBasis, ShuPlan } from '../shu/distribution.js'
import type {
  Account, Decision, Fund, Group, GroupKind, LoanRecord, Meeting, Member, PaidTo, Period, RepaymentRecord, ShuDistribution,
  ShuMember, ShuPayout, WriteOffRecord
} from './types.js'
import type { AccountType, NormalBalance } from '../ledger/accounts.js'
import type { Arisan, ArisanContribution, ArisanRound } from '../arisan/types.js'

/**
 * The protected rows, in the record chain's form (every column text or null), as domain records. The database's
 * repositories and the offline verifier read rows through these same functions, so the books an auditor rebuilds
 * from a bundle are the books the service computed its statements from. A value that is not what its column holds
 * throws: such a row was not written by Lumbung.
 */
class RowError extends Error {}

function text (r: Row, c: string): string {
  const v = r[c]
  if (v === null || v === undefined) throw new RowError(`column ${c} is empty`)
  return v
}
const maybe = (r: Row, c: string): string | null => r[c] ?? null
function whole (r: Row, c: string): bigint {
  const v = text(r, c)
  if (!/^-?[0-9]+$/.test(v)) throw new RowError(`column ${c} is not a whole number: ${v}`)
  return BigInt(v)
}
const int = (r: Row, c: string): number => Number(whole(r, c))
const actorOf = (r: Row): { id: string, name: string } => ({ id: text(r, 'actor_id'), name: text(r, 'actor_name') })
const json = <T>(r: Row, c: string): T => JSON.parse(text(r, c)) as T

export function groupFromRow (r: Row): Group {
  return { id: text(r, 'id'), name: text(r, 'name'), kind: text(r, 'kind') as GroupKind, village: maybe(r, 'village'), createdAt: text(r, 'created_at'), actor: actorOf(r) }
}

export function memberFromRow (r: Row): Member {
  return {
    id: text(r, 'id'), groupId: text(r, 'group_id'), name: text(r, 'name'), householdNo: maybe(r, 'household_no'), joinedOn: maybe(r, 'joined_on'),
    createdAt: text(r, 'created_at'), actor: actorOf(r)
  }
}

export function accountFromRow (r: Row): Account {
  return { groupId: text(r, 'group_id'), code: text(r, 'code'), name: text(r, 'name'), type: text(r, 'type') as AccountType, normalBalance: text(r, 'normal_balance') as NormalBalance }
}

export function fundFromRow (r: Row): Fund {
  return {
    id: text(r, 'id'), groupId: text(r, 'group_id'), kind: text(r, 'kind') as Fund['kind'], name: text(r, 'name'), source: text(r, 'source'),
    createdAt: text(r, 'created_at'), actor: actorOf(r)
  }
}

export function decisionFromRow (r: Row): Decision & { meetingId: string, createdAt: string } {
  return {
    id: text(r, 'id'), meetingId: text(r, 'meeting_id'), position: int(r, 'position'), type: text(r, 'type'), effectiveFrom: text(r, 'effective_from'),
    body: json<unknown>(r, 'body'), createdAt: text(r, 'created_at')
  }
}

/** A meeting with its attendees (by member id) and its decisions (in order). */
export function meetingFromRecord (b: RecordBody): Meeting {
  const r = b.row
  const attendees = (b.children?.meeting_attendees ?? []).map(a => text(a, 'member_id')).sort()
  const decisions = (b.children?.decisions ?? []).map(decisionFromRow).sort((x, y) => x.position - y.position)
    .map(({ meetingId: _m, createdAt: _c, ...d }) => d)
  return { id: text(r, 'id'), groupId: text(r, 'group_id'), date: text(r, 'date'), notes: maybe(r, 'notes'), attendees, decisions, createdAt: text(r, 'created_at'), actor: actorOf(r) }
}

/** A loan with its schedule (each instalment's balance after it, from the principal). */
export function loanFromRecord (b: RecordBody): { loan: LoanRecord, installments: Installment[] } {
  const r = b.row
  const principal = whole(r, 'principal')
  let balance = principal
  const installments = (b.children?.loan_installments ?? []).map(i => ({ n: int(i, 'n'), dueDate: text(i, 'due_date'), principal: whole(i, 'principal'), interest: whole(i, 'interest') }))
    .sort((x, y) => x.n - y.n)
    .map((i): Installment => { balance -= i.principal; return { ...i, total: i.principal + i.interest, balance } })
  return {
    loan: {
      id: text(r, 'id'), groupId: text(r, 'group_id'), memberId: text(r, 'member_id'), principal, termCount: int(r, 'term_count'),
      frequency: text(r, 'frequency') as LoanRecord['frequency'], disbursedOn: text(r, 'disbursed_on'), purpose: maybe(r, 'purpose'),
      terms: json<unknown>(r, 'terms'), meetingId: text(r, 'meeting_id'), decisionId: text(r, 'decision_id'), fundId: maybe(r, 'fund_id'),
      disbursementEntryId: text(r, 'disbursement_entry_id'), outOfTurnReason: maybe(r, 'out_of_turn_reason'), createdAt: text(r, 'created_at'), actor: actorOf(r)
    },
    installments
  }
}

export function repaymentFromRow (r: Row): RepaymentRecord & { groupId: string } {
  const parts = json<Array<{ n: number, penalty: string, interest: string, principal: string }>>(r, 'parts').map((p): PaidPart => ({
    n: p.n, penalty: BigInt(p.penalty), interest: BigInt(p.interest), principal: BigInt(p.principal)
  }))
  return {
    id: text(r, 'id'), loanId: text(r, 'loan_id'), groupId: text(r, 'group_id'), date: text(r, 'date'), amount: whole(r, 'amount'),
    penalty: whole(r, 'penalty'), interest: whole(r, 'interest'), principal: whole(r, 'principal'), parts, entryId: text(r, 'entry_id'),
    reversedOn: null, createdAt: text(r, 'created_at'), actor: actorOf(r)
  }
}

export function writeOffFromRow (r: Row): WriteOffRecord {
  return {
    loanId: text(r, 'loan_id'), date: text(r, 'date'), reason: text(r, 'reason'), amount: whole(r, 'amount'), entryId: text(r, 'entry_id'),
    createdAt: text(r, 'created_at'), actor: actorOf(r)
  }
}

export function periodFromRow (r: Row): Period {
  const checkpoint = maybe(r, 'checkpoint')
  return {
    id: text(r, 'id'), groupId: text(r, 'group_id'), through: text(r, 'through'), closingEntryId: maybe(r, 'closing_entry_id'), seq: int(r, 'seq'),
    headHash: text(r, 'head_hash'), totals: json<Period['totals']>(r, 'totals'), checkpoint: checkpoint === null ? null : JSON.parse(checkpoint) as SignedCheckpoint,
    createdAt: text(r, 'created_at'), actor: actorOf(r)
  }
}

/** The plan of a distribution as stored: amounts as strings. */
export interface PlanJson {
  shu: string
  buckets: Array<{ name: string, percent: string, account: string, basis: ShuBasis | null, amount: string }>
  members: Array<{ memberId: string, name: string, householdNo: string | null, active: boolean, savings: string, interestPaid: string, shares: string[], total: string }>
}

export function planToJson (p: ShuPlan<ShuMember>): PlanJson {
  return {
    shu: p.shu.toString(),
    buckets: p.buckets.map(b => ({ ...b, amount: b.amount.toString() })),
    members: p.members.map(m => ({ ...m, savings: m.savings.toString(), interestPaid: m.interestPaid.toString(), shares: m.shares.map(String), total: m.total.toString() }))
  }
}

export function planFromJson (j: PlanJson): ShuPlan<ShuMember> {
  return {
    shu: BigInt(j.shu),
    buckets: j.buckets.map(b => ({ ...b, amount: BigInt(b.amount) })),
    members: j.members.map(m => ({ ...m, savings: BigInt(m.savings), interestPaid: BigInt(m.interestPaid), shares: m.shares.map(x => BigInt(x)), total: BigInt(m.total) }))
  }
}

export function distributionFromRow (r: Row): ShuDistribution {
  return {
    id: text(r, 'id'), groupId: text(r, 'group_id'), through: text(r, 'through'), periodFrom: maybe(r, 'period_from'), date: text(r, 'date'),
    meetingId: text(r, 'meeting_id'), decisionId: text(r, 'decision_id'), plan: planFromJson(json<PlanJson>(r, 'plan')), entryId: text(r, 'entry_id'),
    createdAt: text(r, 'created_at'), actor: actorOf(r)
  }
}

export function payoutFromRow (r: Row): ShuPayout {
  return {
    id: text(r, 'id'), groupId: text(r, 'group_id'), distributionId: text(r, 'distribution_id'), memberId: text(r, 'member_id'), amount: whole(r, 'amount'),
    paidTo: text(r, 'paid_to') as PaidTo, date: text(r, 'date'), entryId: text(r, 'entry_id'), createdAt: text(r, 'created_at'), actor: actorOf(r)
  }
}

function oneOf<T extends string> (r: Row, c: string, values: readonly T[]): T {
  const v = text(r, c)
  if (!(values as readonly string[]).includes(v)) throw new RowError(`column ${c} is ${v}, not one of ${values.join(', ')}`)
  return v as T
}

/** An arisan with its slots' holders. */
export function arisanFromRecord (b: RecordBody): Arisan {
  const r = b.row
  const holders = (b.children?.arisan_slots ?? []).map(h => ({ slot: int(h, 'slot'), memberId: text(h, 'member_id'), due: whole(h, 'due') }))
    .sort((x, y) => x.slot - y.slot || (x.memberId < y.memberId ? -1 : x.memberId > y.memberId ? 1 : 0))
  return {
    id: text(r, 'id'), groupId: text(r, 'group_id'), name: text(r, 'name'), meetingId: text(r, 'meeting_id'), contribution: whole(r, 'contribution'),
    hostFee: whole(r, 'host_fee'), schedule: oneOf(r, 'schedule', ['meeting', 'monthly']), order: oneOf(r, 'order_mode', ['agreed', 'draw']),
    slots: int(r, 'slots'), holders, createdAt: text(r, 'created_at'), actor: actorOf(r)
  }
}

export function arisanContributionFromRow (r: Row): ArisanContribution {
  return {
    id: text(r, 'id'), groupId: text(r, 'group_id'), arisanId: text(r, 'arisan_id'), round: int(r, 'round'), slot: int(r, 'slot'), memberId: text(r, 'member_id'),
    amount: whole(r, 'amount'), late: oneOf(r, 'late', ['0', '1']) === '1', date: text(r, 'date'), entryId: text(r, 'entry_id'), reversedOn: null, createdAt: text(r, 'created_at'), actor: actorOf(r)
  }
}

export function arisanRoundFromRow (r: Row): ArisanRound {
  const rule = maybe(r, 'draw_rule')
  return {
    id: text(r, 'id'), groupId: text(r, 'group_id'), arisanId: text(r, 'arisan_id'), round: int(r, 'round'), slot: int(r, 'slot'), date: text(r, 'date'),
    meetingId: maybe(r, 'meeting_id'), draw: rule === null ? null : { rule, called: text(r, 'called'), digest: text(r, 'digest') },
    headSeq: int(r, 'head_seq'), headHash: text(r, 'head_hash'), pot: whole(r, 'pot'), hostFee: whole(r, 'host_fee'), entryId: text(r, 'entry_id'),
    createdAt: text(r, 'created_at'), actor: actorOf(r)
  }
}
