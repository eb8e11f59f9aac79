import type { Db, Tx } from '../data/connect.js'
import * as groups from '../data/group-repository.js'
import * as keys from '../data/key-repository.js'
import { insertKeyRegion, keyRegions, type KeyRegion } from '../data/place-repository.js'
import type { ApiKey, Role } from '../data/key-repository.js'
import { isGlobal } from '../domain/access.js'
import { DomainError, invalid } from '../domain/errors.js'
import { regionCode } from '../domain/regions.js'
import { hashToken, newToken } from './auth-service.js'
import type { Env } from './context.js'

export type { ApiKey, Role }

/**
 * API keys: admin (everything), treasurer and integrator (read and write in their groups), auditor (read, statements
 * and audit bundles in its groups). The key is shown once; only its SHA-256 is kept.
 */
export async function createKey (
  tx: Tx, env: Env, input: { id?: string, name: string, role: Role, groupIds: string[] | null, region?: KeyRegion | null }
): Promise<{ key: ApiKey, token: string }> {
  if (input.region !== undefined && input.region !== null) return await createRegionKey(tx, env, { ...input, region: input.region })
  let groupIds: string[] | null = null
  // Scoping an admin key would be silently ignored: the caller meant a key for those groups and got one for all.
  if (isGlobal(input.role) && input.groupIds !== null) throw invalid('groupIds', 'an admin key is global and takes no groupIds: to limit a key to groups, make it a treasurer, integrator or auditor key')
  if (!isGlobal(input.role)) {
    if (input.groupIds === null || input.groupIds.length === 0) throw invalid('groupIds', `a ${input.role} key needs the groups it may use`)
    groupIds = [...new Set(input.groupIds)].sort()
    const found = await groups.listGroups(tx, groupIds)
    const missing = groupIds.filter(id => !found.some(g => g.id === id))
    if (missing.length > 0) throw new DomainError('UNKNOWN_GROUP', `no group ${missing.join(', ')}`)
  }
  const token = newToken(`lmb_${input.role}`)
  const key: ApiKey = { id: input.id ?? env.newId('key'), name: input.name, role: input.role, keyHash: hashToken(token), groupIds, createdAt: env.now().toISOString(), revokedAt: null }
  await keys.insertKey(tx, key)
  return { key, token }
}

/**
 * A supervisor's key (the pendamping, the kecamatan, the dinas): an auditor key that reads every group inside a region,
 * of one programme when named, those placed there later too (its scope is worked out at each request).
 */
async function createRegionKey (
  tx: Tx, env: Env, input: { id?: string, name: string, role: Role, groupIds: string[] | null, region: KeyRegion }
): Promise<{ key: ApiKey & { region: KeyRegion }, token: string }> {
  if (input.role !== 'auditor') throw invalid('region', 'a region scope is a supervisor\'s: it reads, never writes; make the key an auditor key')
  if (input.groupIds !== null) throw invalid('groupIds', 'a key follows either a list of groups or a region, not both')
  const region = { regionCode: regionCode(input.region.regionCode, 'region/code'), programme: input.region.programme }
  const token = newToken('lmb_auditor')
  const key: ApiKey = {
    id: input.id ?? env.newId('key'), name: input.name, role: 'auditor', keyHash: hashToken(token), groupIds: [], createdAt: env.now().toISOString(), revokedAt: null
  }
  await keys.insertKey(tx, key)
  await insertKeyRegion(tx, key.id, region)
  return { key: { ...key, region }, token }
}

/** Every key, with the region a supervisor's key follows. */
export async function listKeys (db: Db): Promise<Array<ApiKey & { region: KeyRegion | null }>> {
  const regions = await keyRegions(db)
  return (await keys.listKeys(db)).map(k => ({ ...k, region: regions.get(k.id) ?? null }))
}

/** Revokes a key at once: the next request with it is refused. The bootstrap admin credential is not a key to revoke. */
export async function revokeKey (tx: Tx, env: Env, id: string): Promise<ApiKey> {
  const key = await keys.findKey(tx, id)
  if (key === null || key.id === 'key_admin') throw new DomainError('KEY_NOT_FOUND', `no API key ${id}`)
  const at = env.now().toISOString()
  await keys.revokeKey(tx, id, at)
  return { ...key, revokedAt: key.revokedAt ?? at }
}
