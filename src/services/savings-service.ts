import type { Db, Tx } from '../data/connect.js'
import * as groups from '../data/group-repository.js'
import * as journal from '../data/journal-repository.js'
import { DomainError } from '../domain/errors.js'
import { ACCOUNT } from '../domain/ledger/accounts.js'
import { memberSavings as passbook, SAVINGS_ACCOUNT, type MemberSavings, type PassbookRow, type SavingsKind } from '../domain/reports/savings.js'
import { creditLine, debitLine } from '../domain/ledger/journal-entry.js'
import type { Rupiah } from '../domain/money.js'
import type { Actor, Env } from './context.js'
import { emit } from './events.js'
import { requireGroup } from './group-service.js'
import { post, type PostedEntry } from './ledger-service.js'

export type { MemberSavings, PassbookRow, SavingsKind }
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

export async function deposit (
  tx: Tx, env: Env, actor: Actor, groupId: string, input: { memberId: string, kind: SavingsKind, date: string, amount: Rupiah }
): Promise<PostedEntry> {
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

/** Buku simpanan anggota: the member's balance per kind and every deposit and withdrawal with a running total. */
export async function memberSavings (db: Db | Tx, groupId: string, memberId: string, asOf?: string): Promise<MemberSavings> {
  const member = await requireMember(db, groupId, memberId)
  return passbook(await journal.memberEntries(db, groupId, member.id), member, asOf)
}
