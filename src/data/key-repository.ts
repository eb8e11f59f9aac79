import type { Db, Tx } from './connect.js'

import type { Role } from '../domain/access.js'

export type { Role }

export interface ApiKey {
  id: string
  name: string
  role: Role
  keyHash: string
  groupIds: string[] | null
  createdAt: string
  revokedAt: string | null
}

type Row = { id: string, name: string, role: Role, key_hash: string, group_ids: string | null, created_at: string, revoked_at: string | null }
const toKey = (r: Row): ApiKey => ({
  id: r.id, name: r.name, role: r.role, keyHash: r.key_hash, groupIds: r.group_ids === null ? null : JSON.parse(r.group_ids) as string[],
  createdAt: r.created_at, revokedAt: r.revoked_at
})

export async function findKeyByHash (db: Db | Tx, keyHash: string): Promise<ApiKey | null> {
  const r = await db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst()
  return r === undefined ? null : toKey(r)
}

export async function findKey (db: Db | Tx, id: string): Promise<ApiKey | null> {
  const r = await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst()
  return r === undefined ? null : toKey(r)
}

export async function insertKey (db: Db | Tx, k: ApiKey): Promise<void> {
  await db.insertInto('api_keys').values({
    id: k.id, name: k.name, role: k.role, key_hash: k.keyHash, group_ids: k.groupIds === null ? null : JSON.stringify(k.groupIds),
    created_at: k.createdAt, revoked_at: k.revokedAt
  }).execute()
}

export async function listKeys (db: Db | Tx): Promise<ApiKey[]> {
  const rows = await db.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute()
  return rows.map(toKey)
}

/** Revocation is the one change an API key ever gets. */
export async function revokeKey (db: Tx, id: string, at: string): Promise<void> {
  await db.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute()
}

/** The member a `member` key stands for (db/migrations/0016_member_access.ts). */
export interface KeyMember { keyId: string, groupId: string, memberId: string, createdAt: string }

export async function insertKeyMember (tx: Tx, m: KeyMember): Promise<void> {
  await tx.insertInto('key_members').values({ key_id: m.keyId, group_id: m.groupId, member_id: m.memberId, created_at: m.createdAt }).execute()
}

export async function memberOfKey (db: Db | Tx, keyId: string): Promise<KeyMember | null> {
  const r = await db.selectFrom('key_members').selectAll().where('key_id', '=', keyId).executeTakeFirst()
  return r === undefined ? null : { keyId: r.key_id, groupId: r.group_id, memberId: r.member_id, createdAt: r.created_at }
}

/** The live member keys of a member (her sign-ins not revoked). */
export async function liveKeysOfMember (db: Db | Tx, groupId: string, memberId: string): Promise<string[]> {
  const rows = await db.selectFrom('key_members').innerJoin('api_keys', 'api_keys.id', 'key_members.key_id')
    .select('key_members.key_id as id').where('key_members.group_id', '=', groupId).where('key_members.member_id', '=', memberId)
    .where('api_keys.revoked_at', 'is', null).execute()
  return rows.map(r => r.id)
}
