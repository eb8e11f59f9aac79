import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { iconPng } from '../icons.js'

interface Asset { body: Buffer, gz: Buffer | null, etag: string, type: string }

/** An asset's bytes with its ETag, and its gzip when that is worth sending (text, not PNG). */
function asset (body: Buffer, type: string, gzip: boolean): Asset {
  return { body, gz: gzip ? gzipSync(body, { level: 9 }) : null, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`, type }
}

const file = (name: string): Buffer => readFileSync(new URL(`../assets/${name}`, import.meta.url))

/** The web app manifest: what Android needs to add Lumbung to the home screen. Colours are those of app.css. */
export const MANIFEST = {
  name: 'Lumbung',
  short_name: 'Lumbung',
  description: 'Buku kas kelompok simpan pinjam',
  lang: 'id',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  background_color: '#f4f1ea',
  theme_color: '#1f6f4a',
  icons: [
    { src: '/aset/icon.svg', sizes: 'any', type: 'image/svg+xml' },
    { src: '/aset/icon-192.png', sizes: '192x192', type: 'image/png' },
    { src: '/aset/icon-512.png', sizes: '512x512', type: 'image/png' },
    { src: '/aset/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
  ]
}

/** Everything under /aset/, read or drawn once at start: the stylesheet, the script, and the icons. */
const ASSETS: Record<string, Asset> = {
  'app.css': asset(file('app.css'), 'text/css; charset=utf-8', true),
  'app.js': asset(file('app.js'), 'text/javascript; charset=utf-8', true),
  'icon.svg': asset(file('icon.svg'), 'image/svg+xml', true),
  'icon-192.png': asset(iconPng(192), 'image/png', false),
  'icon-512.png': asset(iconPng(512), 'image/png', false),
  'icon-maskable-512.png': asset(iconPng(512, true), 'image/png', false)
}
const FAVICON = asset(iconPng(32), 'image/png', false)
/** The service worker, served at the root so that its scope is the whole app (src/web/assets/sw.js). */
const SERVICE_WORKER = asset(file('sw.js'), 'text/javascript; charset=utf-8', true)
const WEB_MANIFEST = asset(Buffer.from(JSON.stringify(MANIFEST)), 'application/manifest+json', true)

/** Gzipped bytes of the JavaScript sent to a phone, the page's script and the service worker (measured by a test, quoted in docs/WEB.md). */
export function scriptGzipBytes (): number {
  return (ASSETS['app.js']?.gz?.length ?? 0) + (SERVICE_WORKER.gz?.length ?? 0)
}

/** An asset revalidated by ETag (`no-cache`), gzipped when the browser takes it. */
async function send (req: FastifyRequest, reply: FastifyReply, a: Asset): Promise<FastifyReply> {
  reply.header('etag', a.etag).header('cache-control', 'no-cache').type(a.type)
  if (a.gz !== null) reply.header('vary', 'accept-encoding')
  if (req.headers['if-none-match'] === a.etag) return await reply.code(304).send()
  if (a.gz !== null && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return await reply.header('content-encoding', 'gzip').send(a.gz)
  return await reply.send(a.body)
}

/** /aset/* (stylesheet, script, icons), /favicon.ico (the 32 px PNG), /manifest.webmanifest and /sw.js; none needs a session. */
export async function assets (app: FastifyInstance): Promise<void> {
  app.get('/aset/:name', async (req, reply) => {
    const a = ASSETS[(req.params as { name: string }).name]
    if (a === undefined) return await reply.code(404).type('text/plain').send('Tidak ada')
    return await send(req, reply, a)
  })
  app.get('/favicon.ico', async (req, reply) => await send(req, reply, FAVICON))
  app.get('/manifest.webmanifest', async (req, reply) => await send(req, reply, WEB_MANIFEST))
  app.get('/sw.js', async (req, reply) => await send(req, reply, SERVICE_WORKER))
}
