import type { Actor } from '../actor.js'
import type { AccountDef } from '../ledger/accounts.js'
import type { SignedCheckpoint } from '../ledger/checkpoint.js'
import type { ChainedEntry } from '../ledger/hash-chain.js'
import type { Installment, PastRepayment } from '../loans/types.js'
import type { Rupiah } from '../money.js'
import type { MemberBasis, ShuPlan } from '../shu/distribution.js'

/*
 * The records of a group's books as the domain sees them, whether read from the database or from an audit bundle's
 * record chain (rows.ts maps one to the other, for both).
 */

export type GroupKind = 'p2wkss' | 'pkk' | 'kube' | 'karang_taruna' | 'bumdes' | 'other'

export interface Group {
  id: string
  name: string
  kind: GroupKind
  village: string | null
  createdAt: string
  actor: Actor
}

export interface Member {
  id: string
  groupId: string
  name: string
  householdNo: string | null
  joinedOn: string | null
  createdAt: string
  actor: Actor
}

export interface Account extends AccountDef {
  groupId: string
}

export interface Fund {
  id: string
  groupId: string
  kind: 'grant' | 'donation'
  name: string
  source: string
  createdAt: string
  actor: Actor
}

export interface Decision {
  id: string
  position: number
  type: string
  effectiveFrom: string
  body: unknown
}

export interface Meeting {
  id: string
  groupId: string
  date: string
  notes: string | null
  attendees: string[]
  decisions: Decision[]
  createdAt: string
  actor: Actor
}

export interface LoanRecord {
  id: string
  groupId: string
  memberId: string
  principal: Rupiah
  termCount: number
  frequency: 'monthly' | 'weekly'
  disbursedOn: string
  purpose: string | null
  /** The terms JSON as agreed (see domain/loans/terms.ts). */
  terms: unknown
  meetingId: string
  decisionId: string
  fundId: string | null
  disbursementEntryId: string
  /** Why the loan was made out of the turn a meeting decided (giliran pinjaman); null when in turn or without a queue. */
  outOfTurnReason: string | null
  createdAt: string
  actor: Actor
}

export interface RepaymentRecord extends PastRepayment {
  /** The date of the reversing entry when the repayment was undone, else null (from the journal, not a column). */
  reversedOn: string | null
  id: string
  loanId: string
  amount: Rupiah
  penalty: Rupiah
  interest: Rupiah
  principal: Rupiah
  entryId: string
  createdAt: string
  actor: Actor
}

export interface WriteOffRecord {
  loanId: string
  date: string
  reason: string
  amount: Rupiah
  entryId: string
  createdAt: string
  actor: Actor
}

/** A loan with everything that happened to it. */
export interface LoanFile {
  loan: LoanRecord
  installments: Installment[]
  /** Every repayment recorded, in date then posting order, those undone too (with the date they were reversed). */
  repayments: RepaymentRecord[]
  writeOff: WriteOffRecord | null
}

export interface Period {
  id: string
  groupId: string
  through: string
  closingEntryId: string | null
  seq: number
  headHash: string
  totals: { debit: string, credit: string, income: string, expenses: string, shu: string }
  /** The signed checkpoint of the books as the period was closed (null for periods closed before migration 0010). */
  checkpoint: SignedCheckpoint | null
  createdAt: string
  actor: Actor
}

/** A member as the distribution saw them: name and household number kept as they were then. */
export interface ShuMember extends MemberBasis {
  name: string
  householdNo: string | null
}

/** A posted SHU distribution: the period, the meeting's rule, every bucket's amount and every member's share. */
export interface ShuDistribution {
  id: string
  groupId: string
  through: string
  /** The first day of the period (the day after the previous close), or null from the beginning of the books. */
  periodFrom: string | null
  date: string
  meetingId: string
  decisionId: string
  plan: ShuPlan<ShuMember>
  entryId: string
  createdAt: string
  actor: Actor
}

export type PaidTo = 'cash' | 'sukarela'

export interface ShuPayout {
  id: string
  groupId: string
  distributionId: string
  memberId: string
  amount: Rupiah
  paidTo: PaidTo
  date: string
  entryId: string
  createdAt: string
  actor: Actor
}

/** A posted entry: its place in the chain, its hash, and the entry that reversed it, if any. */
export interface PostedEntry extends ChainedEntry {
  hash: string
  reversedBy: string | null
}
