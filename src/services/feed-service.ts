import type { Db } from '../data/connect.js'
import * as feed from '../data/event-repository.js'
import type { AuditRecord, EventRecord } from '../data/event-repository.js'
import { requireGroup } from './group-service.js'

export type { AuditRecord, EventRecord }

/** The group's events after a seq, in order. */
export async function listEvents (db: Db, groupId: string, afterSeq: number, limit: number): Promise<EventRecord[]> {
  await requireGroup(db, groupId)
  return await feed.listEvents(db, groupId, afterSeq, limit)
}

/** The group's audit log, newest first. */
export async function listAudit (db: Db, groupId: string, range: { from?: string, to?: string }, limit: number, before?: string): Promise<AuditRecord[]> {
  await requireGroup(db, groupId)
  return await feed.listAudit(db, groupId, range, limit, before)
}
