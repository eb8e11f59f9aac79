import type { Db, Tx } from '../data/connect.js'
import * as groups from '../data/group-repository.js'
import * as journal from '../data/journal-repository.js'
import { DomainError } from '../domain/errors.js'
import { ACCOUNT } from '../domain/ledger/accounts.js'
import { creditLine, debitLine } from '../domain/ledger/journal-entry.js'
import type { Rupiah } from '../domain/money.js'
import type { Actor, Env } from './context.js'
import { emit } from './events.js'
import { requireGroup } from './group-service.js'
import { post, type PostedEntry } from './ledger-service.js'

/**
 * Simpanan: pokok (paid once on joining, equity), wajib (periodic, equity) and sukarela (voluntary, withdrawable at
 * any time, a liability of the group to the member). Each deposit and withdrawal is a journal entry whose lines carry
 * the member, so a member's passbook is read straight from the journal.
 */
export type SavingsKind = 'pokok' | 'wajib' | 'sukarela'
export const SAVINGS_ACCOUNT: Record<SavingsKind, string> = {
  pokok: ACCOUNT.simpananPokok,
  wajib: ACCOUNT.simpananWajib,
  sukarela: ACCOUNT.simpananSukarela
}
const KIND_OF: Record<string, SavingsKind> = Object.fromEntries(Object.entries(SAVINGS_ACCOUNT).map(([k, a]) => [a, k as SavingsKind]))
const SAVINGS_ACCOUNTS = Object.values(SAVINGS_ACCOUNT)
const LABEL: Record<SavingsKind, string> = { pokok: 'Simpanan pokok', wajib: 'Simpanan wajib', sukarela: 'Simpanan sukarela' }

async function requireMember (db: Db | Tx, groupId: string, memberId: string): Promise<groups.Member> {
  await requireGroup(db, groupId)
  const m = await groups.findMember(db, groupId, memberId)
  if (m === null) throw new DomainError('MEMBER_NOT_FOUND', `no member ${memberId} in group ${groupId}`)
  return m
}

async function balanceOf (db: Db | Tx, groupId: string, memberId: string, kind: SavingsKind): Promise<Rupiah> {
  const lines = await journal.memberLines(db, groupId, memberId, [SAVINGS_ACCOUNT[kind]])
  return lines.reduce((s, l) => s + l.credit - l.debit, 0n)
}

export async function deposit (tx: Tx, env: Env, actor: Actor, groupId: string, input: { memberId: string, kind: SavingsKind, date: string, amount: Rupiah }): Promise<PostedEntry> {
  const member = await requireMember(tx, groupId, input.memberId)
  if (input.kind === 'pokok' && await balanceOf(tx, groupId, member.id, 'pokok') > 0n) {
    throw new DomainError('POKOK_ALREADY_PAID', `${member.name} has already paid simpanan pokok`)
  }
  const account = SAVINGS_ACCOUNT[input.kind]
  const entry = await post(tx, env, actor, groupId, {
    date: input.date,
    description: `${LABEL[input.kind]} ${member.name}`,
    reference: null,
    reverses: null,
    kind: 'savings-deposit',
    source: member.id,
    lines: [debitLine(ACCOUNT.kas, input.amount, { member: member.id }), creditLine(account, input.amount, { member: member.id })]
  })
  await emit(tx, env, actor, groupId, 'savings.deposited', entry.id, { memberId: member.id, kind: input.kind, amount: input.amount.toString() })
  return entry
}

/** Only sukarela can be withdrawn while a member; never more than the member holds. */
export async function withdraw (tx: Tx, env: Env, actor: Actor, groupId: string, input: { memberId: string, date: string, amount: Rupiah }): Promise<PostedEntry> {
  const member = await requireMember(tx, groupId, input.memberId)
  const held = await balanceOf(tx, groupId, member.id, 'sukarela')
  if (input.amount > held) {
    throw new DomainError('INSUFFICIENT_SAVINGS', `${member.name} holds Rp ${held} in simpanan sukarela, Rp ${input.amount} was asked`)
  }
  const entry = await post(tx, env, actor, groupId, {
    date: input.date,
    description: `Penarikan simpanan sukarela ${member.name}`,
    reference: null,
    reverses: null,
    kind: 'savings-withdrawal',
    source: member.id,
    lines: [debitLine(ACCOUNT.simpananSukarela, input.amount, { member: member.id }), creditLine(ACCOUNT.kas, input.amount, { member: member.id })]
  })
  await emit(tx, env, actor, groupId, 'savings.withdrawn', entry.id, { memberId: member.id, kind: 'sukarela', amount: input.amount.toString() })
  return entry
}

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

/** Buku simpanan anggota: the member's balance per kind and every deposit and withdrawal with a running total. */
export async function memberSavings (db: Db, groupId: string, memberId: string, asOf?: string): Promise<MemberSavings> {
  const member = await requireMember(db, groupId, memberId)
  const balances = { pokok: 0n, wajib: 0n, sukarela: 0n, total: 0n }
  const rows = (await journal.memberLines(db, groupId, memberId, SAVINGS_ACCOUNTS, asOf)).map(l => {
    const kind = KIND_OF[l.account] ?? 'sukarela'
    balances[kind] += l.credit - l.debit
    balances.total += l.credit - l.debit
    return { entryId: l.entryId, seq: l.seq, date: l.date, description: l.description, kind, deposit: l.credit, withdrawal: l.debit, balance: balances.total }
  })
  return { memberId: member.id, name: member.name, balances, rows }
}

/** Every member's savings per kind, for recaps and SHU. */
export async function savingsByMember (db: Db, groupId: string, asOf?: string): Promise<Map<string, Record<SavingsKind, Rupiah>>> {
  const out = new Map<string, Record<SavingsKind, Rupiah>>()
  for (const r of await journal.memberBalances(db, groupId, SAVINGS_ACCOUNTS, asOf)) {
    const b = out.get(r.memberId) ?? { pokok: 0n, wajib: 0n, sukarela: 0n }
    const kind = KIND_OF[r.account]
    if (kind !== undefined) b[kind] += r.balance
    out.set(r.memberId, b)
  }
  return out
}
