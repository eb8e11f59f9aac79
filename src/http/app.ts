import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import cors from '@fastify/cors'
import rateLimit, { normalizeIP } from '@fastify/rate-limit'
import helmet from 'helmet'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify'
import { isIsoDate } from '../domain/dates.js'
import { DomainError, invalid } from '../domain/errors.js'
import { Authenticator, hashToken } from '../services/auth-service.js'
import { Sessions } from '../services/session-service.js'
import { webRoutes } from '../web/plugin.js'
import type { Env, Store } from '../services/context.js'
import { PostgresWriter } from '../services/postgres-writer.js'
import { Writer } from '../services/writer.js'
import { errorHandler, notFoundHandler } from './errors.js'
import { errors, withDiscriminatorMappings } from './schemas/common.js'
import { COMPONENTS } from './schemas/components.js'
import { actionOf, bearerTokenOf, groupIdOf } from './context.js'
import { appendAudit } from '../services/audit-log.js'
import type { Role } from '../services/key-service.js'
import { accessRoutes } from './routes/access.js'
import { groupRoutes } from './routes/groups.js'
import { ledgerRoutes } from './routes/ledger.js'
import { loanRoutes } from './routes/loans.js'
import { meetingRoutes } from './routes/meetings.js'
import { periodRoutes } from './routes/periods.js'
import { savingsRoutes } from './routes/savings.js'
import { shuRoutes } from './routes/shu.js'
import { statementRoutes } from './routes/statements.js'
import { systemRoutes } from './routes/system.js'

export interface Lumbung {
  store: Store
  env: Env
  writer: Writer
  auth: Authenticator
  /** Web sign-in sessions (the treasurer's pages at /). */
  sessions: Sessions
  /** A read replica or copy: reads only; every write is refused with READ_ONLY before it reaches the writer. */
  readOnly: boolean
}

declare module 'fastify' {
  interface FastifyInstance {
    lumbung: Lumbung
  }
  interface FastifyContextConfig {
    /** What a route does: read, write, or administer keys and groups. Default: GET reads, anything else writes. */
    access?: Access
  }
}

export type Access = 'read' | 'write' | 'admin'

/** Who may do what: admins everything; treasurers and integrators read and write; auditors only read. */
const MAY: Record<Role, Record<Access, boolean>> = {
  admin: { read: true, write: true, admin: true },
  treasurer: { read: true, write: true, admin: false },
  integrator: { read: true, write: true, admin: false },
  auditor: { read: true, write: false, admin: false }
}

/**
 * The JSON pointer of the first string in `value` that is not text both databases store as sent, or null: a lone
 * surrogate (not well-formed UTF-16; SQLite would store U+FFFD) or a NUL character (PostgreSQL's text cannot hold it).
 */
function illFormed (value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') || /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value) ? path : null
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) { const p = illFormed(v, `${path}/${i}`); if (p !== null) return p }
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) { const p = illFormed(v, `${path}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`); if (p !== null) return p }
  }
  return null
}

export function accessOf (req: FastifyRequest): Access {
  return req.routeOptions.config.access ?? (req.method === 'GET' || req.method === 'HEAD' ? 'read' : 'write')
}

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
}

export const API_VERSION = '0.1.0'

function makeAjv (coerce: boolean): Ajv {
  const ajv = new Ajv({
    // Every field at fault is reported at once, so a form can mark them all; arrays and strings are bounded by the schemas.
    allErrors: true,
    coerceTypes: coerce ? 'array' : false,
    useDefaults: true,
    removeAdditional: false,
    discriminator: true,
    strict: false
  })
  addFormats.default(ajv)
  ajv.addFormat('date', { type: 'string', validate: isIsoDate })
  // The named schemas ($ref): this Ajv, not Fastify's, validates the requests, so it must know them too.
  for (const schema of COMPONENTS) ajv.addSchema(schema)
  return ajv
}

/** Builds the HTTP app on a migrated store; listening is the caller's business. */
export async function buildApp (opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.logger === undefined ? { logger: false } : { loggerInstance: opts.logger }),
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    genReqId: () => opts.env.newId('req'),
    requestIdHeader: false,
    ajv: { customOptions: { strict: false } },
    // Errors the router raises before routing (an over-long id, a path that does not decode) get a problem document too.
    frameworkErrors: (err, req, reply) => errorHandler(err, req, reply)
  }).withTypeProvider<TypeBoxTypeProvider>()

  // Bodies are validated strictly (a number where a string of digits belongs is refused, not coerced);
  // query strings and path parameters are text by nature, so they may be coerced.
  const strict = makeAjv(false)
  const lenient = makeAjv(true)
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : lenient).compile(schema))
  // The named schemas ($ref), for the response serialiser and the OpenAPI document.
  for (const schema of COMPONENTS) app.addSchema(schema)

  const writer = new (opts.store.dialect === 'postgres' ? PostgresWriter : Writer)(opts.store.db)
  // Web sessions are kept through the writer, so they survive a restart; a read-only server keeps them in memory.
  const sessions = new Sessions(opts.store.reader, opts.env, opts.readOnly === true ? null : async work => {
    await writer.run({ groupId: null, work })
  })
  app.decorate('lumbung', {
    store: opts.store,
    env: opts.env,
    writer,
    auth: new Authenticator(opts.store.reader, opts.adminHash, sessions),
    sessions,
    readOnly: opts.readOnly ?? false
  })
  app.decorateRequest('principal', null)
  app.decorateRequest('credential', null)
  app.decorateRequest('refusal', null)

  // The API speaks JSON only: a text/plain body is refused with 415 instead of reaching validation as a string.
  app.removeContentTypeParser('text/plain')
  app.setErrorHandler(errorHandler)
  app.setNotFoundHandler(notFoundHandler)
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-request-id', req.id)
    return payload
  })

  // Helmet's security headers, its middleware built once: @fastify/helmet builds it anew for every request.
  const securityHeaders = helmet({
    // The API answers JSON; the policy also lets the Swagger UI at /docs run its own scripts and styles.
    contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'", "'unsafe-inline'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] } }
  })
  app.addHook('onRequest', (req, reply, done) => { securityHeaders(req.raw, reply.raw, () => { done() }) })
  await app.register(cors, { origin: opts.corsOrigins ?? false, allowedHeaders: ['authorization', 'content-type', 'idempotency-key'], exposedHeaders: ['idempotent-replayed', 'x-request-id', 'retry-after'] })
  if (opts.rateLimitPerMinute !== undefined) {
    await app.register(rateLimit, {
      max: opts.rateLimitPerMinute,
      timeWindow: '1 minute',
      // The limiter is a route hook, so it counts after the /v1 auth hook has run: a request that authenticated counts
      // against its credential (the token as the auth hook read it, hashed: `Bearer  x`, `bearer x` and `Bearer x `
      // are one), any other (no token, a wrong or revoked one, a page outside /v1) against its client address, so
      // guessing tokens is limited too. The web pages' calls to /v1 carry their session's token: never the address.
      keyGenerator: req => req.credential === null ? `address ${normalizeIP(req.ip)}` : `credential ${req.credential}`,
      errorResponseBuilder: (_req, ctx) => Object.assign(new Error(`rate limit of ${ctx.max} requests per minute reached; retry in ${Math.ceil(ctx.ttl / 1000)} s`), { statusCode: 429 })
    })
  }
  await app.register(swagger, {
    // A named schema appears once, as components.schemas[its $id], and every use as a $ref to it.
    refResolver: { buildLocalReference: json => String(json.$id) },
    transformObject: doc => withDiscriminatorMappings('openapiObject' in doc ? doc.openapiObject : doc.swaggerObject),
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lumbung',
        version: API_VERSION,
        description: 'A double-entry ledger for Indonesian community savings-and-loan groups (simpan pinjam): grants, savings, loans, repayments, expenses and auditable statements per group. Amounts are whole rupiah as strings of digits; dates are YYYY-MM-DD; every error is an RFC 9457 problem document with a stable code.',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' }
      },
      // Relative: the paths are on whichever server answers GET /openapi.json (npm start: http://127.0.0.1:3000).
      servers: [{ url: '/', description: 'The server this document came from; npm start listens on http://127.0.0.1:3000 (HOST, PORT)' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key, or the admin token.' } } },
      security: [{ bearer: [] }],
      tags: [
        { name: 'system', description: 'Health and documentation' },
        { name: 'groups', description: 'Groups, members and the chart of accounts' },
        { name: 'ledger', description: 'The journal: entries, reversals, grants, expenses, balances and verification' },
        { name: 'savings', description: 'Simpanan pokok, wajib and sukarela; member passbooks' },
        { name: 'loans', description: 'Meetings and the loan terms they agree; schedules, loans, repayments, penalties and write-offs' },
        { name: 'reports', description: 'Fund growth and the loan portfolio' },
        { name: 'shu', description: 'Profit sharing (SHU): preview, distribution and payouts of a closed period\'s SHU as the members\' meeting decided' },
        { name: 'access', description: 'API keys, the event feed and the audit log' },
        { name: 'statements', description: 'Statements in JSON, CSV, XLSX and PDF; period close; the plain-text journal; the audit bundle' }
      ]
    }
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })

  await app.register(systemRoutes)
  // The treasurer's web app: HTML pages at / (outside /v1 and the OpenAPI document) that call /v1 in-process.
  await app.register(webRoutes)
  await app.register(async v1 => {
    // Who is calling is recorded here and refused only in preParsing, after the rate limit has counted the request
    // (by its credential, or by its address when it has none), and still before the body is read.
    v1.addHook('onRequest', async req => {
      const token = bearerTokenOf(req.headers.authorization)
      req.principal = token === null ? null : await app.lumbung.auth.authenticate(token)
      req.credential = token === null || req.principal === null ? null : hashToken(token)
    })
    v1.addHook('preParsing', async req => {
      if (req.principal === null) throw new DomainError('UNAUTHORIZED', 'send Authorization: Bearer <token> with a valid key')
    })
    // Text must be stored exactly as sent, or the entry would no longer match its hash: a lone surrogate would become
    // U+FFFD in SQLite, and PostgreSQL refuses NUL. Refused as malformed input on both, naming the field.
    v1.addHook('preHandler', async req => {
      const bad = illFormed(req.body, '/body')
      if (bad !== null) throw invalid(bad, 'must be well-formed Unicode text (no lone surrogate, no NUL character)')
    })
    // A group outside the key's scope answers as if it did not exist; then the role decides.
    v1.addHook('preValidation', async req => {
      const groupId = groupIdOf(req)
      const scope = req.principal?.groupIds ?? null
      if (groupId !== null && scope !== null && !scope.includes(groupId)) throw new DomainError('GROUP_NOT_FOUND', `no group ${groupId}`)
      const role = req.principal?.role ?? 'auditor'
      const access = accessOf(req)
      if (!MAY[role][access]) throw new DomainError('FORBIDDEN', `a ${role} key may not ${access === 'admin' ? 'administer keys or create groups' : 'write'}`)
      if (access !== 'read' && app.lumbung.readOnly) throw new DomainError('READ_ONLY', 'this server serves a read-only copy of the books: send writes to the primary')
    })
    // A read-only server refuses every write with 405: the OpenAPI document says so on each write route.
    v1.addHook('onRoute', route => {
      if (route.method === 'GET' || route.method === 'HEAD' || route.config?.access === 'read' || route.schema?.response === undefined) return
      Object.assign(route.schema.response as Record<number, unknown>, { 405: errors(405)[405] })
    })
    // Refused writes go into the audit log too, before the refusal is sent (successful ones are logged in their own
    // transaction): in the named group's log only if the key may see it and it exists, else in the global log.
    v1.addHook('onSend', async (req, reply, payload) => {
      if (req.principal === null || accessOf(req) === 'read' || reply.statusCode < 400 || app.lumbung.readOnly) return payload
      await appendAudit(app.lumbung.writer, app.lumbung.env, {
        groupId: groupIdOf(req), scope: req.principal.groupIds, actor: req.principal.actor, action: actionOf(req), status: reply.statusCode,
        code: req.refusal?.code ?? null, detail: req.refusal?.detail ?? null, requestId: req.id
      }).catch((err: unknown) => { req.log.error({ err }, 'could not write the audit log') })
      return payload
    })
    await v1.register(groupRoutes)
    await v1.register(ledgerRoutes)
    await v1.register(meetingRoutes)
    await v1.register(savingsRoutes)
    await v1.register(loanRoutes)
    await v1.register(periodRoutes)
    await v1.register(shuRoutes)
    await v1.register(statementRoutes)
    await v1.register(accessRoutes)
  }, { prefix: '/v1' })

  return app
}
