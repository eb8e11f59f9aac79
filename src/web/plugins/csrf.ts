import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { refuse } from '../request.js'

/** A POST from another site: the browser says so (Sec-Fetch-Site), or its Origin is not this host. */
function crossSite (req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site']
  if (site === 'cross-site') return true
  const origin = req.headers.origin
  if (typeof origin !== 'string' || origin === 'null') return false
  return !URL.canParse(origin) || new URL(origin).host !== req.headers.host
}

/**
 * A POST from another site is refused before anything else (SameSite=Strict already keeps the session cookie away);
 * the session plugin then checks each form's per-session token.
 */
export const crossSiteGuard = fp(async (app: FastifyInstance) => {
  app.addHook('preHandler', async (req, reply) => {
    if (req.method === 'POST' && crossSite(req)) return await refuse(reply, 'Ditolak: formulir dari situs lain.')
  })
}, { name: 'web-cross-site-guard' })

/** The form token of a POST body. */
export function csrfOf (req: FastifyRequest): unknown {
  return (req.body as Record<string, unknown> | undefined)?._csrf
}
