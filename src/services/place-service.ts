import type { Db, Tx } from '../data/connect.js'
import { findPlace, putPlace, type Place } from '../data/place-repository.js'
import { regionCode } from '../domain/regions.js'
import type { Actor, Env } from './context.js'
import { requireGroup } from './group-service.js'

export type { Place }

export async function getPlace (db: Db, groupId: string): Promise<Place> {
  await requireGroup(db, groupId)
  return await findPlace(db, groupId)
}

const name = (t: string | null): string | null => t === null || t.trim() === '' ? null : t.trim()

/** Where the group is: names as people write them, and the national region code that puts it in supervisors' scopes. */
export interface PlaceInput { regionCode: string | null, province: string | null, regency: string | null, district: string | null, village: string | null }

export async function setPlace (tx: Tx, env: Env, actor: Actor, groupId: string, input: PlaceInput): Promise<Place> {
  await requireGroup(tx, groupId)
  const place = {
    regionCode: input.regionCode === null ? null : regionCode(input.regionCode),
    province: name(input.province), regency: name(input.regency), district: name(input.district), village: name(input.village),
    updatedAt: env.now().toISOString()
  }
  await putPlace(tx, groupId, place, actor)
  return place
}
