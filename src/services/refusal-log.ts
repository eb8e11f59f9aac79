import { appendAudit as insert } from '../data/event-repository.js'
import * as groups from '../data/group-repository.js'
import type { Actor, Env } from './context.js'
import type { Scope } from './group-service.js'
import type { Writer } from './writer.js'

/**
 * Records a refused write in the audit log, in a transaction of its own (the write itself was rolled back). The line
 * goes to the group the request named only if the caller may see that group and it exists; otherwise to the global
 * log (group null), where the admin still finds it. Else any key could append lines, with its name, to the
 * append-only log of a group outside its scope, or start the log of a group that does not exist.
 */
export async function logRefusal (
  writer: Writer, env: Env, r: { groupId: string | null, scope: Scope, actor: Actor, action: string, status: number, code: string | null, detail: string | null, requestId: string }
): Promise<void> {
  const { scope, ...line } = r
  await writer.run({
    groupId: null,
    work: async tx => {
      const visible = line.groupId !== null && (scope === null || scope.includes(line.groupId)) && await groups.findGroup(tx, line.groupId) !== null
      await insert(tx, { id: env.newId('aud'), ...line, groupId: visible ? line.groupId : null, outcome: 'refused', createdAt: env.now().toISOString() })
    }
  })
}
