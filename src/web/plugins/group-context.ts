import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { viewerRoleOf } from '../../domain/access.js'
import type { WebSession } from '../../services/session-service.js'
import { Api } from '../api.js'
import type { Viewer } from '../layout.js'
import { shownMoment } from '../tanggal.js'

export interface GroupJson { id: string, name: string, village: string | null }

/** The viewer of a signed-in session, on no group's page yet. */
export function viewerOf (app: FastifyInstance, s: WebSession, group: GroupJson | null = null): Viewer {
  const { env } = app.lumbung
  return { name: s.actor.name, role: viewerRoleOf(s.role, app.lumbung.readOnly), csrf: s.csrf, group, shownAt: shownMoment(env.now().toISOString(), env.timeZone) }
}

/** The group of the path, read through the API (so a group outside the key's scope is "not found"), as req.ctx. */
export const groupContext = fp(async (group: FastifyInstance) => {
  group.decorateRequest('ctx', null)
  group.addHook('preHandler', async req => {
    const s = req.webSession as WebSession
    const api = new Api(group, s)
    const g = await api.get<GroupJson>(`/v1/groups/${encodeURIComponent((req.params as { groupId: string }).groupId)}`)
    req.ctx = { session: s, api, groupId: g.id, viewer: viewerOf(group, s, g) }
  })
}, { name: 'web-group-context', dependencies: ['web-require-session'] })
