import type { Db, Tx } from '../data/connect.js'
import * as groups from '../data/group-repository.js'
import type { Account, Fund, Group, GroupKind, Member } from '../data/group-repository.js'
import * as journal from '../data/journal-repository.js'
import { DomainError } from '../domain/errors.js'
import { DEFAULT_CHART, defaultNormalBalance, naturalBalance, type AccountType, type NormalBalance } from '../domain/ledger/accounts.js'
import type { Actor, Env } from './context.js'
import { emit } from './events.js'

export type { Account, Fund, Group, GroupKind, Member }

/** The groups a caller may see: null for all of them. */
export type Scope = readonly string[] | null

export async function createGroup (tx: Tx, env: Env, actor: Actor, input: { name: string, kind: GroupKind, village: string | null }): Promise<Group> {
  const group: Group = { id: env.newId('grp'), ...input, createdAt: env.now().toISOString(), actor }
  await groups.insertGroup(tx, group)
  await groups.insertAccounts(tx, group.id, DEFAULT_CHART, actor, group.createdAt)
  await emit(tx, env, actor, group.id, 'group.created', group.id, { name: group.name, kind: group.kind, village: group.village })
  return group
}

/** The group, or GROUP_NOT_FOUND when it does not exist or lies outside the caller's scope (its existence does not leak). */
export async function requireGroup (db: Db | Tx, groupId: string, scope: Scope = null): Promise<Group> {
  const g = scope === null || scope.includes(groupId) ? await groups.findGroup(db, groupId) : null
  if (g === null) throw new DomainError('GROUP_NOT_FOUND', `no group ${groupId}`)
  return g
}

export async function listGroups (db: Db, scope: Scope): Promise<Group[]> {
  return await groups.listGroups(db, scope)
}

export async function createMember (
  tx: Tx, env: Env, actor: Actor, groupId: string, input: { name: string, householdNo: string | null, joinedOn: string | null }
): Promise<Member> {
  await requireGroup(tx, groupId)
  const member: Member = { id: env.newId('mbr'), groupId, ...input, createdAt: env.now().toISOString(), actor }
  await groups.insertMember(tx, member)
  await emit(tx, env, actor, groupId, 'member.created', member.id, { name: member.name, householdNo: member.householdNo })
  return member
}

export async function getMember (db: Db, groupId: string, memberId: string): Promise<Member> {
  await requireGroup(db, groupId)
  return await requireMember(db, groupId, memberId)
}

/** The group's member, or MEMBER_NOT_FOUND. */
export async function requireMember (db: Db | Tx, groupId: string, memberId: string): Promise<Member> {
  const m = await groups.findMember(db, groupId, memberId)
  if (m === null) throw new DomainError('MEMBER_NOT_FOUND', `no member ${memberId} in group ${groupId}`)
  return m
}

export async function listMembers (db: Db, groupId: string): Promise<Member[]> {
  await requireGroup(db, groupId)
  return await groups.listMembers(db, groupId)
}

export interface AccountBalance extends Account {
  /** Signed so that a positive figure stands on the account's normal side. */
  balance: bigint
}

export async function listAccounts (db: Db, groupId: string, asOf?: string): Promise<AccountBalance[]> {
  await requireGroup(db, groupId)
  const [accounts, totals] = await Promise.all([
    groups.listAccounts(db, groupId),
    journal.sumByAccount(db, groupId, asOf === undefined ? {} : { to: asOf })
  ])
  const byCode = new Map(totals.map(t => [t.account, t]))
  return accounts.map(a => {
    const t = byCode.get(a.code)
    return { ...a, balance: t === undefined ? 0n : naturalBalance(a.normalBalance, t.debit, t.credit) }
  })
}

export async function requireAccount (db: Db | Tx, groupId: string, code: string): Promise<Account> {
  await requireGroup(db, groupId)
  const a = (await groups.findAccounts(db, groupId, [code])).get(code)
  if (a === undefined) throw new DomainError('ACCOUNT_NOT_FOUND', `no account ${code} in group ${groupId}`)
  return a
}

export async function addAccount (
  tx: Tx, env: Env, actor: Actor, groupId: string, input: { code: string, name: string, type: AccountType, normalBalance?: NormalBalance }
): Promise<AccountBalance> {
  await requireGroup(tx, groupId)
  if ((await groups.findAccounts(tx, groupId, [input.code])).size > 0) {
    throw new DomainError('ACCOUNT_CODE_TAKEN', `account code ${input.code} is already in use in this group`)
  }
  const account = { code: input.code, name: input.name, type: input.type, normalBalance: input.normalBalance ?? defaultNormalBalance(input.type) }
  await groups.insertAccounts(tx, groupId, [account], actor, env.now().toISOString())
  await emit(tx, env, actor, groupId, 'account.created', account.code, { code: account.code, name: account.name, type: account.type })
  return { ...account, groupId, balance: 0n }
}

export async function listFunds (db: Db, groupId: string): Promise<Fund[]> {
  await requireGroup(db, groupId)
  return await groups.listFunds(db, groupId)
}
