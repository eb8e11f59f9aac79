import type { Actor } from '../domain/actor.js'
import type { Account, Fund, Group, GroupKind, Member } from '../domain/books/types.js'
import type { AccountDef, AccountType, NormalBalance } from '../domain/ledger/accounts.js'
import { sql, type Selectable } from 'kysely'
import type { Db, Tx } from './connect.js'
import type { AccountsTable, GroupsTable } from './database.js'
import { insertProtected } from './record-repository.js'
import { rowsOf } from './statements.js'

type Q = Db | Tx

export type { Account, Fund, Group, GroupKind, Member }

const actorOf = (r: { actor_id: string, actor_name: string }): Actor => ({ id: r.actor_id, name: r.actor_name })

export async function insertGroup (db: Tx, g: Group): Promise<void> {
  await insertProtected(db, g.id, 'groups', [{
    row: { id: g.id, name: g.name, kind: g.kind, village: g.village, created_at: g.createdAt, actor_id: g.actor.id, actor_name: g.actor.name }
  }])
}

function toGroup (r: { id: string, name: string, kind: string, village: string | null, created_at: string, actor_id: string, actor_name: string }): Group {
  return { id: r.id, name: r.name, kind: r.kind as GroupKind, village: r.village, createdAt: r.created_at, actor: actorOf(r) }
}

export async function findGroup (db: Q, id: string): Promise<Group | null> {
  const [r] = await rowsOf(db, sql<Selectable<GroupsTable>>`select * from groups where id = ${id}`)
  return r === undefined ? null : toGroup(r)
}

export async function listGroups (db: Q, ids: readonly string[] | null): Promise<Group[]> {
  let q = db.selectFrom('groups').selectAll().orderBy('created_at').orderBy('id')
  if (ids !== null) {
    if (ids.length === 0) return []
    q = q.where('id', 'in', ids)
  }
  return (await q.execute()).map(toGroup)
}

export async function insertMember (db: Tx, m: Member): Promise<void> {
  await insertProtected(db, m.groupId, 'members', [{
    row: {
      id: m.id, group_id: m.groupId, name: m.name, household_no: m.householdNo, joined_on: m.joinedOn,
      created_at: m.createdAt, actor_id: m.actor.id, actor_name: m.actor.name
    }
  }])
}

function toMember (
  r: { id: string, group_id: string, name: string, household_no: string | null, joined_on: string | null, created_at: string, actor_id: string, actor_name: string }
): Member {
  return { id: r.id, groupId: r.group_id, name: r.name, householdNo: r.household_no, joinedOn: r.joined_on, createdAt: r.created_at, actor: actorOf(r) }
}

export async function findMember (db: Q, groupId: string, id: string): Promise<Member | null> {
  const r = await db.selectFrom('members').selectAll().where('group_id', '=', groupId).where('id', '=', id).executeTakeFirst()
  return r === undefined ? null : toMember(r)
}

export async function listMembers (db: Q, groupId: string): Promise<Member[]> {
  const rows = await db.selectFrom('members').selectAll().where('group_id', '=', groupId).orderBy('created_at').orderBy('id').execute()
  return rows.map(toMember)
}

export async function insertAccounts (db: Tx, groupId: string, accounts: readonly AccountDef[], actor: Actor, createdAt: string): Promise<void> {
  await insertProtected(db, groupId, 'accounts', accounts.map(a => ({
    row: {
      group_id: groupId, code: a.code, name: a.name, type: a.type, normal_balance: a.normalBalance,
      created_at: createdAt, actor_id: actor.id, actor_name: actor.name
    }
  })))
}

function toAccount (r: { group_id: string, code: string, name: string, type: string, normal_balance: string }): Account {
  return { groupId: r.group_id, code: r.code, name: r.name, type: r.type as AccountType, normalBalance: r.normal_balance as NormalBalance }
}

export async function listAccounts (db: Q, groupId: string): Promise<Account[]> {
  const rows = await db.selectFrom('accounts').selectAll().where('group_id', '=', groupId).orderBy('code').execute()
  return rows.map(toAccount)
}

export async function findAccounts (db: Q, groupId: string, codes: readonly string[]): Promise<Map<string, Account>> {
  if (codes.length === 0) return new Map()
  const rows = await rowsOf(db, sql<Selectable<AccountsTable>>`select * from accounts where group_id = ${groupId} and code in (${sql.join([...new Set(codes)])})`)
  return new Map(rows.map(r => [r.code, toAccount(r)]))
}

export async function insertFund (db: Tx, f: Fund): Promise<void> {
  await insertProtected(db, f.groupId, 'funds', [{
    row: { id: f.id, group_id: f.groupId, kind: f.kind, name: f.name, source: f.source, created_at: f.createdAt, actor_id: f.actor.id, actor_name: f.actor.name }
  }])
}

export async function listFunds (db: Q, groupId: string): Promise<Fund[]> {
  const rows = await db.selectFrom('funds').selectAll().where('group_id', '=', groupId).orderBy('created_at').orderBy('id').execute()
  return rows.map(r => ({ id: r.id, groupId: r.group_id, kind: r.kind, name: r.name, source: r.source, createdAt: r.created_at, actor: actorOf(r) }))
}

export async function findFundIds (db: Q, groupId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await db.selectFrom('funds').select('id').where('group_id', '=', groupId).where('id', 'in', [...new Set(ids)]).execute()
  return new Set(rows.map(r => r.id))
}

export async function findMemberIds (db: Q, groupId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await db.selectFrom('members').select('id').where('group_id', '=', groupId).where('id', 'in', [...new Set(ids)]).execute()
  return new Set(rows.map(r => r.id))
}
