import { appendAudit as insert } from '../data/event-repository.js'
import type { Actor, Env } from './context.js'
import type { Writer } from './writer.js'

/** Records a refused write in the audit log, in a transaction of its own (the write itself was rolled back). */
export async function appendAudit (writer: Writer, env: Env, r: { groupId: string | null, actor: Actor, action: string, status: number, code: string | null, detail: string | null, requestId: string }): Promise<void> {
  await writer.run(null, async tx => {
    await insert(tx, { id: env.newId('aud'), ...r, outcome: 'refused', createdAt: env.now().toISOString() })
    return { status: 200, body: null }
  })
}
