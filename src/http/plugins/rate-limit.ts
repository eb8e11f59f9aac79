import rateLimit, { normalizeIP } from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/**
 * Requests per minute per credential, or per client address without a valid one; no limit when `perMinute` is absent.
 * The limiter is a route hook, so it counts after the /v1 authentication hook has run: a request that authenticated
 * counts against its credential (the token as the hook read it, hashed: `Bearer  x`, `bearer x` and `Bearer x ` are
 * one), any other (no token, a wrong or revoked one, a page outside /v1) against its client address, so guessing
 * tokens is limited too. The web pages' calls to /v1 carry their session's token: never the address.
 */
export const rateLimitPerCredential = fp(async (app: FastifyInstance, opts: { perMinute: number | undefined }) => {
  if (opts.perMinute === undefined) return
  await app.register(rateLimit, {
    max: opts.perMinute,
    timeWindow: '1 minute',
    keyGenerator: req => req.credential === null ? `address ${normalizeIP(req.ip)}` : `credential ${req.credential}`,
    errorResponseBuilder: (_req, ctx) => Object.assign(new Error(`rate limit of ${ctx.max} requests per minute reached; retry in ${Math.ceil(ctx.ttl / 1000)} s`), { statusCode: 429 })
  })
}, { name: 'lumbung-rate-limit', dependencies: ['lumbung-core'] })
