import type { PostedEntry } from '../books/types.js'
import { ACCOUNT } from '../ledger/accounts.js'
import type { Rupiah } from '../money.js'

/**
 * Simpanan: pokok (paid once on joining, equity), wajib (periodic, equity) and sukarela (voluntary, withdrawable, a
 * liability of the group to the member). Every line on these accounts names its member, so a passbook is read straight
 * from the journal.
 */
export type SavingsKind = 'pokok' | 'wajib' | 'sukarela'
export const SAVINGS_ACCOUNT: Record<SavingsKind, string> = {
  pokok: ACCOUNT.simpananPokok,
  wajib: ACCOUNT.simpananWajib,
  sukarela: ACCOUNT.simpananSukarela
}
const KIND_OF: Record<string, SavingsKind> = Object.fromEntries(Object.entries(SAVINGS_ACCOUNT).map(([k, a]) => [a, k as SavingsKind]))

export interface PassbookRow {
  entryId: string
  seq: number
  date: string
  description: string
  kind: SavingsKind
  deposit: Rupiah
  withdrawal: Rupiah
  /** The member's total savings after this row. */
  balance: Rupiah
}

export interface MemberSavings {
  memberId: string
  name: string
  balances: Record<SavingsKind, Rupiah> & { total: Rupiah }
  rows: PassbookRow[]
}

/**
 * Buku simpanan anggota: the member's balance per kind and every deposit and withdrawal dated up to `asOf` with a
 * running total, from the entries (any that touch her will do: the others add nothing).
 */
export function memberSavings (entries: readonly PostedEntry[], member: { id: string, name: string }, asOf?: string): MemberSavings {
  const balances = { pokok: 0n, wajib: 0n, sukarela: 0n, total: 0n }
  const lines = entries
    .filter(e => asOf === undefined || e.date <= asOf)
    .flatMap(e => e.lines.filter(l => l.member === member.id && KIND_OF[l.account] !== undefined).map(l => ({ e, l })))
    // Date, then seq (the journal's own order within a day); lines of one entry stay in their order (a stable sort).
    .sort((a, b) => a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : a.e.seq - b.e.seq)
  const rows = lines.map(({ e, l }) => {
    const kind = KIND_OF[l.account] ?? 'sukarela'
    balances[kind] += l.credit - l.debit
    balances.total += l.credit - l.debit
    return { entryId: e.id, seq: e.seq, date: e.date, description: e.description, kind, deposit: l.credit, withdrawal: l.debit, balance: balances.total }
  })
  return { memberId: member.id, name: member.name, balances, rows }
}

/** Every member's savings per kind (dated up to `asOf`), for recaps and SHU. */
export function savingsByMember (entries: readonly PostedEntry[], asOf?: string): Map<string, Record<SavingsKind, Rupiah>> {
  const out = new Map<string, Record<SavingsKind, Rupiah>>()
  for (const e of entries) {
    if (asOf !== undefined && e.date > asOf) continue
    for (const l of e.lines) {
      const kind = KIND_OF[l.account]
      if (kind === undefined || l.member === null) continue
      const b = out.get(l.member) ?? { pokok: 0n, wajib: 0n, sukarela: 0n }
      b[kind] += l.credit - l.debit
      out.set(l.member, b)
    }
  }
  return out
}
