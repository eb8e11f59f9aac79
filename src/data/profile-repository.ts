import type { Db, Tx } from './connect.js'

type Q = Db | Tx

export type Sex = 'female' | 'male'

/** What a group records about a member beyond her name (db/migrations/0017_member_profiles.ts). */
export interface Profile { memberId: string, sex: Sex | null, updatedAt: string | null }

export async function findProfile (db: Q, groupId: string, memberId: string): Promise<Profile> {
  const r = await db.selectFrom('member_profiles').selectAll().where('group_id', '=', groupId).where('member_id', '=', memberId).executeTakeFirst()
  return r === undefined ? { memberId, sex: null, updatedAt: null } : { memberId, sex: r.sex, updatedAt: r.updated_at }
}

export async function putProfile (tx: Tx, groupId: string, p: { memberId: string, sex: Sex | null, updatedAt: string, actor: { id: string, name: string } }): Promise<void> {
  const row = { sex: p.sex, updated_at: p.updatedAt, actor_id: p.actor.id, actor_name: p.actor.name }
  await tx.insertInto('member_profiles').values({ group_id: groupId, member_id: p.memberId, ...row })
    .onConflict(oc => oc.columns(['group_id', 'member_id']).doUpdateSet(row)).execute()
}

/** The recorded sex of a group's members, by member id (a member with none recorded is absent). */
export async function sexesOf (db: Q, groupId: string): Promise<Map<string, Sex>> {
  const rows = await db.selectFrom('member_profiles').select(['member_id', 'sex']).where('group_id', '=', groupId).where('sex', 'is not', null).execute()
  return new Map(rows.map(r => [r.member_id, r.sex as Sex]))
}
