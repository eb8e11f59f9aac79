import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import helmet from 'helmet'

/** Helmet's security headers, its middleware built once: @fastify/helmet builds it anew for every request. */
export const securityHeaders = fp(async (app: FastifyInstance) => {
  const headers = helmet({
    // The API answers JSON; the policy also lets the Swagger UI at /docs run its own scripts and styles.
    contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'", "'unsafe-inline'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] } }
  })
  app.addHook('onRequest', (req, reply, done) => { headers(req.raw, reply.raw, () => { done() }) })
}, { name: 'lumbung-security-headers' })
