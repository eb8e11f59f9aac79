import type { Db, Tx } from './connect.js'

type Q = Db | Tx

export interface Contact { memberId: string, phone: string | null, optedOut: boolean, updatedAt: string | null }

export async function findContact (db: Q, groupId: string, memberId: string): Promise<Contact> {
  const r = await db.selectFrom('member_contacts').selectAll().where('group_id', '=', groupId).where('member_id', '=', memberId).executeTakeFirst()
  return r === undefined ? { memberId, phone: null, optedOut: false, updatedAt: null } : { memberId, phone: r.phone, optedOut: Number(r.opted_out) === 1, updatedAt: r.updated_at }
}

export async function putContact (tx: Tx, groupId: string,
  c: { memberId: string, phone: string | null, optedOut: boolean, updatedAt: string, actor: { id: string, name: string } }): Promise<void> {
  const row = { phone: c.phone, opted_out: c.optedOut ? 1 : 0, updated_at: c.updatedAt, actor_id: c.actor.id, actor_name: c.actor.name }
  await tx.insertInto('member_contacts').values({ group_id: groupId, member_id: c.memberId, ...row })
    .onConflict(oc => oc.columns(['group_id', 'member_id']).doUpdateSet(row)).execute()
}
