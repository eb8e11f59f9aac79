import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { gzipSync } from 'node:zlib'

/**
 * What every page carries: a content security policy stricter than the API's (this app's own script and style only,
 * nothing inline, forms post only here), no caching of HTML, and gzip for slow village connections (a 50-member
 * meeting form shrinks about tenfold). Pages stay out of the OpenAPI document.
 */
export const pageHeaders = fp(async (app: FastifyInstance) => {
  app.addHook('onRoute', r => { r.schema = { ...(r.schema ?? {}), hide: true } })
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('content-security-policy', "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload
    reply.header('cache-control', 'no-store').header('vary', 'accept-encoding')
    if (typeof payload !== 'string' || payload.length < 1024 || !/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return payload
    reply.header('content-encoding', 'gzip').removeHeader('content-length')
    return gzipSync(payload)
  })
}, { name: 'web-page-headers' })
