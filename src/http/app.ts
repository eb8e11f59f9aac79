import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import type { Env, Store } from '../services/context.js'
import { webRoutes } from '../web/plugin.js'
import { accessPolicy } from './plugins/access-policy.js'
import { authentication } from './plugins/authentication.js'
import { core } from './plugins/core.js'
import { corsPolicy } from './plugins/cors.js'
import { openapi } from './plugins/openapi.js'
import { problems } from './plugins/problems.js'
import { rateLimitPerCredential } from './plugins/rate-limit.js'
import { refusalLog } from './plugins/refusal-log.js'
import { securityHeaders } from './plugins/security-headers.js'
import { textGuard } from './plugins/text-guard.js'
import { validation } from './plugins/validation.js'
import { errorHandler } from './errors.js'
import { accessRoutes } from './routes/access.js'
import { groupKeyRoutes, peopleRoutes } from './routes/people.js'
import { groupRoutes } from './routes/groups.js'
import { ledgerRoutes } from './routes/ledger.js'
import { loanRoutes } from './routes/loans.js'
import { meetingRoutes } from './routes/meetings.js'
import { periodRoutes } from './routes/periods.js'
import { savingsRoutes } from './routes/savings.js'
import { shuRoutes } from './routes/shu.js'
import { arisanRoundRoutes, arisanRoutes } from './routes/arisan.js'
import { loanQueueRoutes } from './routes/loan-queue.js'
import { statementRoutes } from './routes/statements.js'
import { systemRoutes } from './routes/system.js'
import { publicRoutes } from './routes/public.js'
import { webhookRoutes } from './routes/webhooks.js'
import { contactRoutes } from './routes/contacts.js'
import { messageRoutes } from './routes/messages.js'
import { placeRoutes } from './routes/places.js'
import { meRoutes } from './routes/me.js'
import { rollupRoutes } from './routes/rollup.js'

export type { Lumbung } from './plugins/core.js'
export type { Access } from './plugins/access-policy.js'
export { API_VERSION } from './plugins/openapi.js'

export interface AppOptions {
  store: Store
  env: Env
  adminHash: string
  /** A pino logger; none (silent) when absent. */
  logger?: FastifyBaseLogger
  bodyLimit?: number
  /** Requests per minute per credential (or per client address without a valid one); no limit when absent. */
  rateLimitPerMinute?: number
  /** Origins allowed to call the API from a browser; none when absent. */
  corsOrigins?: string[]
  /** Serve reads only (a replica, or a copy handed to an auditor). */
  readOnly?: boolean
  /** Webhooks: whether loopback and private addresses may be targets (default no), and a receiver's time to answer (default 10 s). */
  webhooks?: { allowPrivate?: boolean, timeoutMs?: number }
  /** Where members' phones reach this server: receipt links in messages point here (default http://localhost:3000). */
  publicUrl?: string
}

/**
 * Builds the HTTP app on a migrated store; listening is the caller's business. A table of contents: each plugin is
 * named and declares the plugins it needs (fastify refuses to start if one is registered before what it needs).
 */
export async function buildApp (opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.logger === undefined ? { logger: false } : { loggerInstance: opts.logger }),
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    genReqId: () => opts.env.newId('req'),
    requestIdHeader: false,
    ajv: { customOptions: { strict: false } },
    // Errors the router raises before routing (an over-long id, a path that does not decode) get a problem document too.
    frameworkErrors: (err, req, reply) => errorHandler(err, req, reply)
  })

  await app.register(core, {
    store: opts.store, env: opts.env, adminHash: opts.adminHash, readOnly: opts.readOnly ?? false,
    webhooks: { allowPrivate: opts.webhooks?.allowPrivate ?? false, timeoutMs: opts.webhooks?.timeoutMs ?? 10_000 },
    publicUrl: (opts.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, '')
  })
  app.addHook('onClose', async () => { await app.lumbung.webhooks.stop(); await app.lumbung.messages.stop() })
  await app.register(validation)
  await app.register(problems)
  await app.register(securityHeaders)
  await app.register(corsPolicy, { origins: opts.corsOrigins })
  await app.register(rateLimitPerCredential, { perMinute: opts.rateLimitPerMinute })
  await app.register(openapi)

  await app.register(systemRoutes)
  // A group's public page (no key): 404 until its meeting opens it.
  await app.register(publicRoutes)
  // The treasurer's web app: HTML pages at / (outside /v1 and the OpenAPI document) that call /v1 in-process.
  await app.register(webRoutes)
  await app.register(async v1 => {
    await v1.register(authentication)
    await v1.register(textGuard)
    await v1.register(accessPolicy)
    await v1.register(refusalLog)
    const all = [
      groupRoutes, ledgerRoutes, meetingRoutes, savingsRoutes, loanRoutes, loanQueueRoutes, periodRoutes, shuRoutes, arisanRoutes, arisanRoundRoutes, statementRoutes,
      accessRoutes, peopleRoutes, groupKeyRoutes, webhookRoutes, contactRoutes, messageRoutes, placeRoutes, meRoutes, rollupRoutes
    ]
    for (const routes of all) {
      await v1.register(routes)
    }
  }, { prefix: '/v1' })

  return app
}
