import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Db } from '../data/connect.js'
import * as groups from '../data/group-repository.js'
import { parseSignedCheckpoint, type SignedCheckpoint } from '../domain/ledger/checkpoint.js'
import { checkpointOf } from './checkpoint-service.js'
import type { Env } from './context.js'

/**
 * The service keeps a signed checkpoint of every group in a file outside the database (CHECKPOINT_FILE), written at
 * start, every minute while the books change, and at shutdown. At the next start every group must still pass through
 * its kept checkpoint: a tail of entries deleted from the database file with everything that pointed at them (a
 * deletion the database itself cannot contradict) stops the server. It is the service's own copy of what an auditor
 * keeps; whoever can edit both files can defeat it, which is why the checkpoints people keep matter more.
 */
export interface KeptCheckpoints {
  written: string
  groups: Record<string, SignedCheckpoint>
}

/** The kept checkpoints, or null when there is no file yet; throws when the file is not one this service wrote. */
export function readKept (path: string): KeptCheckpoints | null {
  if (!existsSync(path)) return null
  let v: unknown
  try { v = JSON.parse(readFileSync(path, 'utf8')) } catch (err) { throw new Error(`${path}: not JSON (${(err as Error).message})`) }
  const o = v as { written?: unknown, groups?: unknown }
  if (typeof o !== 'object' || o === null || typeof o.written !== 'string' || typeof o.groups !== 'object' || o.groups === null) throw new Error(`${path}: not a file of kept checkpoints`)
  const out: Record<string, SignedCheckpoint> = {}
  for (const [id, c] of Object.entries(o.groups)) {
    const s = parseSignedCheckpoint(c)
    if (s.checkpoint.groupId !== id) throw new Error(`${path}: the checkpoint kept for ${id} is of group ${s.checkpoint.groupId}`)
    out[id] = s
  }
  return { written: o.written, groups: out }
}

/** Writes the signed checkpoint of every group, atomically (a new file renamed over the old one). */
export async function keepCheckpoints (db: Db, env: Env, path: string): Promise<KeptCheckpoints> {
  const kept: KeptCheckpoints = { written: env.now().toISOString(), groups: {} }
  for (const g of await groups.listGroups(db, null)) kept.groups[g.id] = await checkpointOf(db, env, g.id)
  mkdirSync(dirname(path), { recursive: true })
  const tmp = `${path}.${process.pid}.tmp`
  writeFileSync(tmp, JSON.stringify(kept, null, 2) + '\n', { mode: 0o600 })
  renameSync(tmp, path)
  return kept
}
