import type { Tx } from '../data/connect.js'
import * as groups from '../data/group-repository.js'
import * as journal from '../data/journal-repository.js'
import type { PostedEntry } from '../data/journal-repository.js'
import { DomainError } from '../domain/errors.js'
import { ACCOUNT, CASH_ACCOUNTS } from '../domain/ledger/accounts.js'
import { GENERIC_REVERSAL, kindMismatch } from '../domain/ledger/entry-kind.js'
import { entryHash, HASH_VERSION, type ChainedEntry } from '../domain/ledger/hash-chain.js'
import {
  creditLine, debitLine, journalEntry, MEMBER_ACCOUNTS, netByAccount, reversalLines, totals, untaggedMemberLine, type EntryDraft, type Line
} from '../domain/ledger/journal-entry.js'
import { formatNumber, MAX_AMOUNT, TURNOVER_CEILING, TURNOVER_LIMIT, type Rupiah } from '../domain/money.js'
import { latestDate, today } from './clock.js'
import type { Actor, Env } from './context.js'
import { emit } from './events.js'
import { getEntry } from './ledger-reads.js'

export type { PostedEntry }
import { requireAccount, requireGroup } from './group-service.js'

/** Refuses a date inside the closed books (PERIOD_CLOSED): every posting, and every preview of one, says so alike. */
export function requireOpenDate (closed: string | null, date: string): void {
  if (closed !== null && date <= closed) {
    throw new DomainError('PERIOD_CLOSED', `the books are closed through ${closed}: date the entry (or correction) after it`)
  }
}

/**
 * Posts an entry: checks it against the ledger's rules, gives it the group's next seq, links it into the hash chain and
 * writes it. Runs inside the caller's transaction; a refusal throws before anything is written.
 */
export async function post (tx: Tx, env: Env, actor: Actor, groupId: string, draft: EntryDraft): Promise<PostedEntry> {
  const state = await journal.postingState(tx, groupId)
  if (state === null) throw new DomainError('GROUP_NOT_FOUND', `no group ${groupId}`)
  const mismatch = kindMismatch(draft.kind, draft.source, draft.reverses)
  if (mismatch !== null) throw new DomainError('INTERNAL', `entry draft: ${mismatch}`)
  const lines = journalEntry(draft.lines)
  const untagged = untaggedMemberLine(lines)
  if (untagged >= 0) {
    throw new DomainError('MEMBER_REQUIRED', `line ${untagged} is on account ${lines[untagged]?.account ?? ''}, which holds what the group owes each member (${MEMBER_ACCOUNTS.join(', ')}): name the member (memberId)`)
  }
  const moved = totals(lines).debit
  if (draft.kind === 'manual' && moved > MAX_AMOUNT) {
    throw new DomainError('ENTRY_TOO_LARGE', `an entry moves at most Rp ${formatNumber(MAX_AMOUNT)} (10^15); this one moves Rp ${formatNumber(moved)}`)
  }
  if (draft.date > latestDate(env)) throw new DomainError('DATE_IN_FUTURE', `date ${draft.date} is after today`)
  requireOpenDate(state.closedThrough, draft.date)

  const codes = lines.map(l => l.account)
  const accounts = await groups.findAccounts(tx, groupId, codes)
  const unknown = [...new Set(codes.filter(c => !accounts.has(c)))]
  if (unknown.length > 0) throw new DomainError('UNKNOWN_ACCOUNT', `no account ${unknown.join(', ')} in this group's chart`)
  const funds = lines.flatMap(l => l.fund === null ? [] : [l.fund])
  const knownFunds = await groups.findFundIds(tx, groupId, funds)
  const unknownFunds = [...new Set(funds.filter(f => !knownFunds.has(f)))]
  if (unknownFunds.length > 0) throw new DomainError('UNKNOWN_FUND', `no fund ${unknownFunds.join(', ')} in this group`)
  const members = lines.flatMap(l => l.member === null ? [] : [l.member])
  const knownMembers = await groups.findMemberIds(tx, groupId, members)
  const unknownMembers = [...new Set(members.filter(m => !knownMembers.has(m)))]
  if (unknownMembers.length > 0) throw new DomainError('MEMBER_NOT_FOUND', `no member ${unknownMembers.join(', ')} in this group`)

  await requireCashStaysPositive(tx, groupId, draft.date, netByAccount(lines))
  await requireSavingsStayPositive(tx, groupId, draft.date, lines)

  const prev = state.tip
  const turnover = prev.turnover + moved
  // A reversal may use the half kept back for reversals (money.ts): undoing a mistake is always possible.
  const ceiling = draft.kind === 'reversal' ? TURNOVER_LIMIT : TURNOVER_CEILING
  if (turnover > ceiling) {
    throw new DomainError('TURNOVER_LIMIT', `this entry would take the total the group's books have moved past Rp ${formatNumber(ceiling)}, the most they may move (half of 10^18, the most they can sum exactly, is kept for reversals)`)
  }
  const chained: ChainedEntry = {
    id: env.newId('ent'),
    groupId,
    seq: prev.seq + 1,
    date: draft.date,
    description: draft.description,
    reference: draft.reference,
    reverses: draft.reverses,
    actor: { id: actor.id, name: actor.name },
    createdAt: env.now().toISOString(),
    lines,
    prevHash: prev.hash,
    kind: draft.kind,
    source: draft.source,
    hashVersion: HASH_VERSION
  }
  const entry = { ...chained, hash: entryHash(chained) }
  await journal.insertEntry(tx, { ...entry, turnover })
  await emit(tx, env, actor, groupId, 'entry.posted', entry.id, {
    seq: entry.seq, date: entry.date, description: entry.description, reference: entry.reference, kind: entry.kind, source: entry.source,
    total: moved.toString(), hash: entry.hash
  })
  return { ...entry, reversedBy: null }
}

/**
 * Kas and Bank never go below zero on any day: an outflow dated `date` lowers the running balance of that day and
 * every later one, so the lowest of those balances must still cover it.
 */
async function requireCashStaysPositive (tx: Tx, groupId: string, date: string, net: Map<string, Rupiah>): Promise<void> {
  for (const account of CASH_ACCOUNTS) {
    const change = net.get(account) ?? 0n
    if (change >= 0n) continue
    const available = await journal.lowestBalanceFrom(tx, groupId, account, date)
    if (available + change < 0n) {
      throw new DomainError('INSUFFICIENT_FUNDS', `account ${account} would go below zero: Rp ${available} available from ${date}, Rp ${-change} needed`)
    }
  }
}

/** Member savings accounts: a member's sub-balance there is what the group owes that member, never below zero. */
const SAVINGS_ACCOUNTS: readonly string[] = [ACCOUNT.simpananPokok, ACCOUNT.simpananWajib, ACCOUNT.simpananSukarela]

/**
 * A member's savings never go below zero on any day, whichever entry takes from them (a withdrawal, a reversal, a
 * hand-made entry), backdated or not: like Kas, what the entry takes on `date` must be there at the end of that day and
 * every later one.
 */
async function requireSavingsStayPositive (tx: Tx, groupId: string, date: string, lines: readonly Line[]): Promise<void> {
  const taken = new Map<string, { member: string, account: string, amount: Rupiah }>()
  for (const l of lines) {
    if (l.member === null || !SAVINGS_ACCOUNTS.includes(l.account)) continue
    const key = `${l.member} ${l.account}`
    const t = taken.get(key) ?? { member: l.member, account: l.account, amount: 0n }
    taken.set(key, { ...t, amount: t.amount + l.debit - l.credit })
  }
  for (const t of taken.values()) {
    if (t.amount <= 0n) continue
    const held = await journal.lowestMemberBalanceFrom(tx, groupId, t.member, t.account, date)
    if (held < t.amount) {
      throw new DomainError('INSUFFICIENT_SAVINGS', `the member holds Rp ${formatNumber(held)} on account ${t.account} from ${date} on; this entry would take Rp ${formatNumber(t.amount)}`)
    }
  }
}

export interface GrantInput {
  date: string
  amount: Rupiah
  source: string
  description: string | null
  /** The voucher number (nomor bukti), if any. */
  reference: string | null
}

/** A grant (dana hibah / dana stimulan) or a donation: cash in, credited to the capital account, tagged with a new fund. */
export async function recordFunding (tx: Tx, env: Env, actor: Actor, groupId: string, kind: 'grant' | 'donation', input: GrantInput): Promise<PostedEntry> {
  await requireGroup(tx, groupId)
  const label = kind === 'grant' ? 'Dana hibah' : 'Donasi'
  const fund: groups.Fund = {
    id: env.newId('fnd'), groupId, kind, name: input.description ?? `${label} dari ${input.source}`, source: input.source,
    createdAt: env.now().toISOString(), actor
  }
  await groups.insertFund(tx, fund)
  const capital = kind === 'grant' ? ACCOUNT.danaHibah : ACCOUNT.donasi
  const entry = await post(tx, env, actor, groupId, {
    date: input.date,
    description: input.description ?? `${label} dari ${input.source}`,
    reference: input.reference,
    reverses: null,
    kind: 'funding',
    source: fund.id,
    lines: [debitLine(ACCOUNT.kas, input.amount, { fund: fund.id }), creditLine(capital, input.amount, { fund: fund.id })]
  })
  await emit(tx, env, actor, groupId, kind === 'grant' ? 'grant.received' : 'donation.received', fund.id, { entryId: entry.id, amount: input.amount.toString(), source: input.source })
  return entry
}

export interface ExpenseInput {
  date: string
  amount: Rupiah
  account: string
  description: string
  fund: string | null
  paidFrom: string
  reference: string | null
}

/** Money out of the cash box (or bank) for an expense or a fixed asset, such as refreshments or a gamelan. */
export async function recordExpense (tx: Tx, env: Env, actor: Actor, groupId: string, input: ExpenseInput): Promise<PostedEntry> {
  const account = await requireAccount(tx, groupId, input.account)
  const isCash = (CASH_ACCOUNTS as readonly string[]).includes(account.code)
  if (!(account.type === 'expense' || (account.type === 'asset' && !isCash && account.normalBalance === 'debit'))) {
    throw new DomainError('ACCOUNT_NOT_ALLOWED', `an expense goes to an expense or fixed-asset account, not ${account.code} ${account.name}`)
  }
  if (!(CASH_ACCOUNTS as readonly string[]).includes(input.paidFrom)) {
    throw new DomainError('ACCOUNT_NOT_ALLOWED', `an expense is paid from Kas (1101) or Bank (1102), not ${input.paidFrom}`)
  }
  const entry = await post(tx, env, actor, groupId, {
    date: input.date,
    description: input.description,
    reference: input.reference,
    reverses: null,
    kind: 'expense',
    source: null,
    lines: [debitLine(account.code, input.amount, { fund: input.fund }), creditLine(input.paidFrom, input.amount, { fund: input.fund })]
  })
  await emit(tx, env, actor, groupId, 'expense.recorded', entry.id, { account: account.code, amount: input.amount.toString(), fund: input.fund })
  return entry
}

/**
 * Undoes a posted entry with a new one that swaps its sides; an entry is reversed at most once. What may be undone here
 * is decided by the entry's kind (entry-kind.ts): an entry a register depends on (a loan's disbursement, repayment or
 * write-off; a period's closing entry; an SHU distribution or payout) is refused, or the register and the ledger would
 * part; a repayment is undone through its loan (`reverseRepayment`). A reversal may not take a member's savings below
 * zero (a deposit already withdrawn).
 */
export async function reverse (tx: Tx, env: Env, actor: Actor, groupId: string, entryId: string, input: { date: string | null, reason: string }): Promise<PostedEntry> {
  const original = await getEntry(tx, groupId, entryId)
  const rule = GENERIC_REVERSAL[original.kind]
  if (rule !== true) throw new DomainError(rule, whyNotReversible(groupId, original))
  return await postReversal(tx, env, actor, groupId, original, input)
}

function whyNotReversible (groupId: string, e: PostedEntry): string {
  switch (e.kind) {
    case 'repayment':
      return `entry ${e.seq} is loan repayment ${e.source ?? ''}: undo a repayment through its loan with POST /v1/groups/${groupId}/loans/{loanId}/repayments/{repaymentId}/reversal`
    case 'disbursement':
    case 'write-off':
      return `entry ${e.seq} is the ${e.kind} of loan ${e.source ?? ''}: it stays, and is settled by repayments; a repayment is undone with POST /v1/groups/${groupId}/loans/${e.source ?? ''}/repayments/{repaymentId}/reversal`
    case 'closing':
      return `entry ${e.seq} closes the books (tutup buku): a closed period stays closed; correct its figures with an entry in the open period`
    case 'shu-distribution':
    case 'shu-payout':
      return `entry ${e.seq} belongs to an SHU distribution: a distribution and its payouts stand as the members' meeting decided them`
    case 'arisan-contribution':
    case 'arisan-round':
      return `entry ${e.seq} belongs to an arisan (${e.kind} ${e.source ?? ''}): its contributions and rounds stand as recorded, each round's pot paid out whole`
    default:
      return `entry ${e.seq} is itself a reversal (of ${e.reverses ?? ''}): post the entry again instead`
  }
}

/** The reversing entry itself, for `reverse` and for the loan service once it has checked its own register. */
export async function postReversal (tx: Tx, env: Env, actor: Actor, groupId: string, original: PostedEntry, input: { date: string | null, reason: string }): Promise<PostedEntry> {
  if (original.reversedBy !== null) {
    throw new DomainError('ENTRY_ALREADY_REVERSED', `entry ${original.seq} was already reversed by ${original.reversedBy}`)
  }
  const date = input.date ?? today(env)
  if (date < original.date) throw new DomainError('REVERSAL_BEFORE_ORIGINAL', `a reversal dated ${date} cannot precede the entry it reverses (${original.date})`)
  const lines = reversalLines(original.lines)
  const reversal = await post(tx, env, actor, groupId, {
    date,
    description: `Pembalikan entri #${original.seq}: ${input.reason}`,
    reference: original.reference,
    reverses: original.id,
    kind: 'reversal',
    source: null,
    lines
  })
  await emit(tx, env, actor, groupId, 'entry.reversed', original.id, { reversedBy: reversal.id, reason: input.reason })
  return reversal
}
