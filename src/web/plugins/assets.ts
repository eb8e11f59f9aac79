import type { FastifyInstance } from 'fastify'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

/** The two files sent to the browser, read once at start, with their gzip and an ETag. */
const ASSETS = Object.fromEntries((['app.css', 'app.js'] as const).map(name => {
  const body = readFileSync(new URL(`../assets/${name}`, import.meta.url))
  return [name, { body, gz: gzipSync(body, { level: 9 }), etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`, type: name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8' }]
}))

/** Gzipped bytes of the JavaScript sent to a phone (measured by a test and quoted in docs/WEB.md). */
export function scriptGzipBytes (): number {
  return ASSETS['app.js']?.gz.length ?? 0
}

/** /aset/app.css and /aset/app.js, revalidated by ETag, gzipped when the browser takes it. */
export async function assets (app: FastifyInstance): Promise<void> {
  app.get('/aset/:name', async (req, reply) => {
    const a = ASSETS[(req.params as { name: string }).name]
    if (a === undefined) return await reply.code(404).type('text/plain').send('Tidak ada')
    reply.header('etag', a.etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding').type(a.type)
    if (req.headers['if-none-match'] === a.etag) return await reply.code(304).send()
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return await reply.header('content-encoding', 'gzip').send(a.gz)
    return await reply.send(a.body)
  })
}
