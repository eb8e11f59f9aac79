import type { Decision, Meeting } from '../domain/books/types.js'
import type { Db, Tx } from './connect.js'
import { insertProtected } from './record-repository.js'

type Q = Db | Tx

export type { Decision, Meeting }

export async function insertMeeting (db: Tx, m: Meeting): Promise<void> {
  await insertProtected(db, m.groupId, 'meetings', [{
    row: { id: m.id, group_id: m.groupId, date: m.date, notes: m.notes, created_at: m.createdAt, actor_id: m.actor.id, actor_name: m.actor.name },
    children: {
      meeting_attendees: m.attendees.map(a => ({ meeting_id: m.id, group_id: m.groupId, member_id: a })),
      decisions: m.decisions.map(d => ({
        id: d.id, meeting_id: m.id, group_id: m.groupId, position: d.position, type: d.type, effective_from: d.effectiveFrom,
        body: JSON.stringify(d.body), created_at: m.createdAt
      }))
    }
  }])
}

async function hydrate (
  db: Q, rows: Array<{ id: string, group_id: string, date: string, notes: string | null, created_at: string, actor_id: string, actor_name: string }>
): Promise<Meeting[]> {
  if (rows.length === 0) return []
  const ids = rows.map(r => r.id)
  const [attendees, decisions] = await Promise.all([
    db.selectFrom('meeting_attendees').select(['meeting_id', 'member_id']).where('meeting_id', 'in', ids).orderBy('member_id').execute(),
    db.selectFrom('decisions').selectAll().where('meeting_id', 'in', ids).orderBy('position').execute()
  ])
  return rows.map(r => ({
    id: r.id,
    groupId: r.group_id,
    date: r.date,
    notes: r.notes,
    attendees: attendees.filter(a => a.meeting_id === r.id).map(a => a.member_id),
    decisions: decisions.filter(d => d.meeting_id === r.id).map(d => ({
      id: d.id, position: Number(d.position), type: d.type, effectiveFrom: d.effective_from, body: JSON.parse(d.body) as unknown
    })),
    createdAt: r.created_at,
    actor: { id: r.actor_id, name: r.actor_name }
  }))
}

export async function findMeeting (db: Q, groupId: string, id: string): Promise<Meeting | null> {
  const rows = await db.selectFrom('meetings').selectAll().where('group_id', '=', groupId).where('id', '=', id).execute()
  return (await hydrate(db, rows))[0] ?? null
}

export async function listMeetings (db: Q, groupId: string, range: { from?: string, to?: string } = {}): Promise<Meeting[]> {
  let q = db.selectFrom('meetings').selectAll().where('group_id', '=', groupId)
  if (range.from !== undefined) q = q.where('date', '>=', range.from)
  if (range.to !== undefined) q = q.where('date', '<=', range.to)
  return await hydrate(db, await q.orderBy('date').orderBy('created_at').execute())
}

/** The latest decision of a type in force on a date: the latest meeting on or before it, the last such decision in it. */
export async function decisionInForce (db: Q, groupId: string, type: string, asOf: string): Promise<(Decision & { meetingId: string }) | null> {
  const r = await db.selectFrom('decisions').selectAll()
    .where('group_id', '=', groupId).where('type', '=', type).where('effective_from', '<=', asOf)
    .orderBy('effective_from', 'desc').orderBy('created_at', 'desc').orderBy('position', 'desc')
    .limit(1).executeTakeFirst()
  if (r === undefined) return null
  return { id: r.id, meetingId: r.meeting_id, position: Number(r.position), type: r.type, effectiveFrom: r.effective_from, body: JSON.parse(r.body) as unknown }
}
