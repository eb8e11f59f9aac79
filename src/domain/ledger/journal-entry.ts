import { DomainError } from '../errors.js'
import { MAX_AMOUNT, type Rupiah } from '../money.js'
import type { IsoDate } from '../dates.js'
import type { EntryKind } from './entry-kind.js'

/** One posting: an amount on one side of one account, optionally tagged with a fund and a member. */
export interface Line {
  account: string
  debit: Rupiah
  credit: Rupiah
  fund: string | null
  member: string | null
}

/** The most lines one entry may carry; a month-end meeting fits in far fewer. */
export const MAX_LINES = 200

export function debitLine (account: string, amount: Rupiah, tags: { fund?: string | null, member?: string | null } = {}): Line {
  return { account, debit: amount, credit: 0n, fund: tags.fund ?? null, member: tags.member ?? null }
}

export function creditLine (account: string, amount: Rupiah, tags: { fund?: string | null, member?: string | null } = {}): Line {
  return { account, debit: 0n, credit: amount, fund: tags.fund ?? null, member: tags.member ?? null }
}

export function totals (lines: readonly Line[]): { debit: Rupiah, credit: Rupiah } {
  let debit = 0n
  let credit = 0n
  for (const l of lines) { debit += l.debit; credit += l.credit }
  return { debit, credit }
}

/**
 * A journal entry balances: at least two lines, each a positive whole rupiah on exactly one side, and the debits equal
 * the credits. The database checks the same again when the entry is inserted.
 */
export function journalEntry (lines: readonly Line[]): Line[] {
  if (lines.length < 2) throw new DomainError('ENTRY_TOO_FEW_LINES', `an entry needs at least two lines, got ${lines.length}`)
  if (lines.length > MAX_LINES) throw new DomainError('ENTRY_TOO_LARGE', `an entry has at most ${MAX_LINES} lines, got ${lines.length}`)
  for (const [i, l] of lines.entries()) {
    const oneSide = (l.debit > 0n && l.credit === 0n) || (l.credit > 0n && l.debit === 0n)
    if (!oneSide) throw new DomainError('ENTRY_UNBALANCED', `line ${i} must carry a positive amount on exactly one side`)
    if (l.debit > MAX_AMOUNT || l.credit > MAX_AMOUNT) throw new DomainError('ENTRY_TOO_LARGE', `line ${i} is over 10^15`)
  }
  const t = totals(lines)
  if (t.debit !== t.credit) throw new DomainError('ENTRY_UNBALANCED', `debits ${t.debit} ≠ credits ${t.credit}`)
  return [...lines]
}

/** The lines of the entry that undoes `lines`: every amount moved to the other side, tags kept. */
/** The members an entry's lines name, each once, in the order they first appear. */
export function membersOf (lines: ReadonlyArray<{ member: string | null }>): string[] {
  return [...new Set(lines.flatMap(l => l.member === null ? [] : [l.member]))]
}

export function reversalLines (lines: readonly Line[]): Line[] {
  return lines.map(l => ({ ...l, debit: l.credit, credit: l.debit }))
}

/** What `lines` move on `account`, on one side; only the lines naming `member`, when given. */
export function sideOn (lines: readonly Line[], account: string, side: 'debit' | 'credit', member?: string): Rupiah {
  return lines.reduce((s, l) => l.account === account && (member === undefined || l.member === member) ? s + l[side] : s, 0n)
}

/** The net change each account gets from `lines`, as debit − credit. */
export function netByAccount (lines: readonly Line[]): Map<string, Rupiah> {
  const net = new Map<string, Rupiah>()
  for (const l of lines) net.set(l.account, (net.get(l.account) ?? 0n) + l.debit - l.credit)
  return net
}

/** What an entry says about itself before the ledger gives it a place in the chain. */
export interface EntryDraft {
  date: IsoDate
  description: string
  /** The treasurer's voucher number (nomor bukti), or null: free text that no rule reads. */
  reference: string | null
  lines: Line[]
  reverses: string | null
  kind: EntryKind
  /** The record the entry belongs to, as its kind requires (entry-kind.ts). */
  source: string | null
}

/**
 * Accounts that hold what the group owes each member (simpanan pokok, wajib, sukarela; SHU owed): every line on them
 * names its member, or the account's balance would part from the sum of the members' passbooks.
 */
export const MEMBER_ACCOUNTS: readonly string[] = ['2101', '2103', '3101', '3102']

/** The line on a member account that names no member, or -1. */
export function untaggedMemberLine (lines: readonly Line[]): number {
  return lines.findIndex(l => l.member === null && MEMBER_ACCOUNTS.includes(l.account))
}
