import type { Db, Tx } from '../data/connect.js'
import * as profiles from '../data/profile-repository.js'
import type { Profile, Sex } from '../data/profile-repository.js'
import type { Actor, Env } from './context.js'
import { requireMember } from './group-service.js'

export type { Profile, Sex }

export async function getProfile (db: Db, groupId: string, memberId: string): Promise<Profile> {
  await requireMember(db, groupId, memberId)
  return await profiles.findProfile(db, groupId, memberId)
}

/** Sets (or clears, with null) what the group records of a member: her sex, which the roll-ups count women by. */
export async function setProfile (tx: Tx, env: Env, actor: Actor, groupId: string, memberId: string, input: { sex: Sex | null }): Promise<Profile> {
  await requireMember(tx, groupId, memberId)
  const updatedAt = env.now().toISOString()
  await profiles.putProfile(tx, groupId, { memberId, sex: input.sex, updatedAt, actor })
  return { memberId, sex: input.sex, updatedAt }
}
