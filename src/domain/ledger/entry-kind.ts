import type { ErrorCode } from '../errors.js'

/**
 * What an entry is, kept in its own column and inside its hash (hash version 2): the postings the service makes for a
 * grant, an expense, a savings deposit, a loan and its repayments, a period close or an SHU distribution, an entry
 * typed by hand, and the reversal of any of them. Reports, reversal rules and the period close read the kind, never a
 * prefix of the free-text reference (which is the treasurer's voucher number and nothing else).
 */
export const ENTRY_KINDS = [
  'manual', 'funding', 'expense', 'savings-deposit', 'savings-withdrawal', 'disbursement', 'repayment', 'write-off',
  'closing', 'shu-distribution', 'shu-payout', 'reversal', 'arisan-contribution', 'arisan-round'
] as const
export type EntryKind = typeof ENTRY_KINDS[number]

/** The record an entry of each kind belongs to, named by its `source` id; null: the kind has no source. */
export const SOURCE_OF: Record<EntryKind, 'fund' | 'member' | 'loan' | 'repayment' | 'period' | 'distribution' | 'payout' | 'arisan contribution' | 'arisan round' | null> = {
  manual: null,
  funding: 'fund',
  expense: null,
  'savings-deposit': 'member',
  'savings-withdrawal': 'member',
  disbursement: 'loan',
  repayment: 'repayment',
  'write-off': 'loan',
  closing: 'period',
  'shu-distribution': 'distribution',
  'shu-payout': 'payout',
  reversal: null,
  'arisan-contribution': 'arisan contribution',
  'arisan-round': 'arisan round'
}

/**
 * Whether the generic reversal (POST …/journal-entries/{id}/reversal) may undo an entry of a kind, or the refusal it
 * gives. A register depends on the entries of a loan, a period close and an SHU distribution: undoing one alone would
 * part the register from the ledger (a reversed closing entry brings a closed year's income back, and its SHU would be
 * shared twice). A repayment is undone through its loan. A reversal is not itself reversed: post the entry again.
 */
export const GENERIC_REVERSAL: Record<EntryKind, true | ErrorCode> = {
  manual: true,
  funding: true,
  expense: true,
  'savings-deposit': true,
  'savings-withdrawal': true,
  disbursement: 'ENTRY_BELONGS_TO_LOAN',
  repayment: 'ENTRY_BELONGS_TO_LOAN',
  'write-off': 'ENTRY_BELONGS_TO_LOAN',
  closing: 'ENTRY_BELONGS_TO_PERIOD',
  'shu-distribution': 'ENTRY_BELONGS_TO_SHU',
  'shu-payout': 'ENTRY_BELONGS_TO_SHU',
  reversal: 'ENTRY_IS_REVERSAL',
  'arisan-contribution': 'ENTRY_BELONGS_TO_ARISAN',
  'arisan-round': 'ENTRY_BELONGS_TO_ARISAN'
}

export function isEntryKind (x: unknown): x is EntryKind {
  return typeof x === 'string' && (ENTRY_KINDS as readonly string[]).includes(x)
}

/** Why (kind, source, reverses) do not fit together, or null when they do: the rule the database also checks. */
export function kindMismatch (kind: EntryKind, source: string | null, reverses: string | null): string | null {
  if ((kind === 'reversal') !== (reverses !== null)) return kind === 'reversal' ? 'a reversal names the entry it reverses' : `a ${kind} entry reverses nothing`
  const needs = SOURCE_OF[kind]
  if (needs === null && source !== null) return `a ${kind} entry has no source`
  if (needs !== null && source === null) return `a ${kind} entry names its ${needs} as its source`
  return null
}
