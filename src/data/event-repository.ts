import type { Actor } from '../domain/actor.js'
import { sql } from 'kysely'
import type { Db, Tx } from './connect.js'
import type { EventsTable } from './database.js'
import { insertRows, rowsOf } from './statements.js'

type Q = Db | Tx

export interface EventRecord {
  id: string
  groupId: string
  seq: number
  type: string
  entityId: string
  data: unknown
  createdAt: string
  actor: Actor
}

/**
 * Appends an event with the group's next seq, found and written in one statement; called inside the transaction of the
 * change it describes (which holds the group's writes to itself, so no other writer takes the same seq).
 */
export async function appendEvent (db: Tx, e: Omit<EventRecord, 'seq'>): Promise<EventRecord> {
  const [r] = await rowsOf(db, sql<{ seq: string | bigint | number }>`insert into events (id, group_id, seq, type, entity_id, data, created_at, actor_id, actor_name)
    select ${e.id}, ${e.groupId}, coalesce(max(seq), 0) + 1, ${e.type}, ${e.entityId}, ${JSON.stringify(e.data)}, ${e.createdAt}, ${e.actor.id}, ${e.actor.name}
    from events where group_id = ${e.groupId}
    returning seq`)
  return { ...e, seq: Number(r?.seq) }
}

const eventOf = (r: EventsTable): EventRecord => ({
  id: r.id, groupId: r.group_id, seq: Number(r.seq), type: r.type, entityId: r.entity_id, data: JSON.parse(r.data) as unknown,
  createdAt: r.created_at, actor: { id: r.actor_id, name: r.actor_name }
})

export async function listEvents (db: Q, groupId: string, afterSeq: number, limit: number): Promise<EventRecord[]> {
  const rows = await db.selectFrom('events').selectAll().where('group_id', '=', groupId).where('seq', '>', afterSeq)
    .orderBy('seq').limit(limit).execute()
  return rows.map(eventOf)
}

export interface AuditRecord {
  id: string
  groupId: string | null
  actor: Actor
  action: string
  outcome: 'ok' | 'refused'
  status: number
  code: string | null
  detail: string | null
  requestId: string
  createdAt: string
}

export async function appendAudit (db: Tx, a: AuditRecord): Promise<void> {
  await insertRows(db, 'audit_log', [{
    id: a.id, group_id: a.groupId, actor_id: a.actor.id, actor_name: a.actor.name, action: a.action, outcome: a.outcome,
    status: a.status, code: a.code, detail: a.detail, request_id: a.requestId, created_at: a.createdAt
  }])
}

export async function listAudit (db: Q, groupId: string, range: { from?: string, to?: string }, limit: number, before?: string): Promise<AuditRecord[]> {
  let q = db.selectFrom('audit_log').selectAll().where('group_id', '=', groupId)
  if (range.from !== undefined) q = q.where('created_at', '>=', range.from)
  if (range.to !== undefined) q = q.where('created_at', '<=', `${range.to}T23:59:59.999Z`)
  if (before !== undefined) q = q.where('id', '<', before)
  const rows = await q.orderBy('id', 'desc').limit(limit).execute()
  return rows.map(r => ({
    id: r.id, groupId: r.group_id, actor: { id: r.actor_id, name: r.actor_name }, action: r.action, outcome: r.outcome,
    status: Number(r.status), code: r.code, detail: r.detail, requestId: r.request_id, createdAt: r.created_at
  }))
}

/** The group's latest event seq (0 before any). */
export async function lastSeq (db: Q, groupId: string): Promise<number> {
  const r = await db.selectFrom('events').select(eb => eb.fn.max('seq').as('seq')).where('group_id', '=', groupId).executeTakeFirst()
  return r?.seq === null || r?.seq === undefined ? 0 : Number(r.seq)
}

/** One event by its id, or null. */
export async function findEvent (db: Q, id: string): Promise<EventRecord | null> {
  const r = await db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst()
  return r === undefined ? null : eventOf(r)
}
