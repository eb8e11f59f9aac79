import { sql } from 'kysely'
import type { Db, Tx } from './connect.js'

type Q = Db | Tx

export interface Place {
  regionCode: string | null
  province: string | null
  regency: string | null
  district: string | null
  village: string | null
  updatedAt: string | null
}

export const NO_PLACE: Place = { regionCode: null, province: null, regency: null, district: null, village: null, updatedAt: null }

type PlaceRow = { region_code: string | null, province: string | null, regency: string | null, district: string | null, village: string | null, updated_at: string }
const placeOf = (r: PlaceRow): Place => ({ regionCode: r.region_code, province: r.province, regency: r.regency, district: r.district, village: r.village, updatedAt: r.updated_at })

export async function findPlace (db: Q, groupId: string): Promise<Place> {
  const r = await db.selectFrom('group_places').selectAll().where('group_id', '=', groupId).executeTakeFirst()
  return r === undefined ? NO_PLACE : placeOf(r)
}

export async function putPlace (tx: Tx, groupId: string, p: Place & { updatedAt: string }, actor: { id: string, name: string }): Promise<void> {
  const row = {
    region_code: p.regionCode, province: p.province, regency: p.regency, district: p.district, village: p.village,
    updated_at: p.updatedAt, actor_id: actor.id, actor_name: actor.name
  }
  await tx.insertInto('group_places').values({ group_id: groupId, ...row }).onConflict(oc => oc.column('group_id').doUpdateSet(row)).execute()
}

/** The groups inside a region (its code or below it), of one programme (kind) when given; in id order. */
export async function groupsInRegion (db: Q, region: string, programme: string | null): Promise<string[]> {
  let q = db.selectFrom('group_places').innerJoin('groups', 'groups.id', 'group_places.group_id').select('groups.id')
    .where(eb => eb.or([eb('group_places.region_code', '=', region), eb('group_places.region_code', 'like', sql<string>`${`${region}.%`}`)]))
  if (programme !== null) q = q.where('groups.kind', '=', programme)
  return (await q.orderBy('groups.id').execute()).map(r => r.id)
}

export interface KeyRegion { regionCode: string, programme: string | null }

export async function insertKeyRegion (tx: Tx, keyId: string, r: KeyRegion): Promise<void> {
  await tx.insertInto('key_regions').values({ key_id: keyId, region_code: r.regionCode, programme: r.programme }).execute()
}

export async function keyRegion (db: Q, keyId: string): Promise<KeyRegion | null> {
  const r = await db.selectFrom('key_regions').selectAll().where('key_id', '=', keyId).executeTakeFirst()
  return r === undefined ? null : { regionCode: r.region_code, programme: r.programme }
}

export async function keyRegions (db: Q): Promise<Map<string, KeyRegion>> {
  const rows = await db.selectFrom('key_regions').selectAll().execute()
  return new Map(rows.map(r => [r.key_id, { regionCode: r.region_code, programme: r.programme }]))
}

/** The places of these groups, by group id (a group with no place is absent). */
export async function placesOf (db: Q, groupIds: readonly string[]): Promise<Map<string, Place>> {
  if (groupIds.length === 0) return new Map()
  const rows = await db.selectFrom('group_places').selectAll().where('group_id', 'in', groupIds).execute()
  return new Map(rows.map(r => [r.group_id, placeOf(r)]))
}
