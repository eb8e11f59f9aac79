import cookie from '@fastify/cookie'
import formbody from '@fastify/formbody'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import type { WebSession } from '../services/session-service.js'
import { Api, ApiFailure } from './api.js'
import { html } from './html.js'
import { page, type Viewer } from './layout.js'
import { SENTENCE } from './messages.js'
import { signInPage, groupsPage } from './screens/sign-in.js'
import { homeRoutes } from './screens/home.js'
import { memberRoutes } from './screens/members.js'
import { loanRoutes } from './screens/loans.js'
import { cashRoutes } from './screens/cash.js'
import { reportRoutes } from './screens/reports.js'
import { meetingRoutes } from './screens/meeting.js'
import { shuRoutes } from './screens/shu.js'

export const SESSION_COOKIE = 'lumbung_sesi'

declare module 'fastify' {
  interface FastifyRequest {
    webSession: WebSession | null
  }
}

/** What every screen handler gets: the session, its API, and the viewer for the layout. */
export interface Ctx {
  session: WebSession
  api: Api
  viewer: Viewer
  groupId: string
}

interface GroupJson { id: string, name: string, village: string | null }

/** The two files sent to the browser, read once at start, with their gzip and an ETag. */
const ASSETS = Object.fromEntries((['app.css', 'app.js'] as const).map(name => {
  const body = readFileSync(new URL(`./assets/${name}`, import.meta.url))
  return [name, { body, gz: gzipSync(body, { level: 9 }), etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`, type: name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8' }]
}))

/** Gzipped bytes of the JavaScript sent to a phone (measured by a test and quoted in docs/WEB.md). */
export function scriptGzipBytes (): number {
  return ASSETS['app.js']?.gz.length ?? 0
}

/** How the pages treat a session: a treasurer writes, except on a read-only server, where everyone only looks. */
function viewerRole (app: FastifyInstance, s: WebSession): 'treasurer' | 'auditor' {
  return s.role === 'auditor' || app.lumbung.readOnly ? 'auditor' : 'treasurer'
}

/** Only treasurers and auditors sign in on the web: integrators are programs, the admin uses the API. */
function webRole (role: string): 'treasurer' | 'auditor' | null {
  return role === 'treasurer' || role === 'auditor' ? role : null
}

/** Pages for people, at / beside the API: server-rendered HTML, a session cookie, a CSRF token per session. */
export async function webRoutes (app: FastifyInstance): Promise<void> {
  // The form parser stays inside this plugin: /v1 keeps accepting JSON only.
  await app.register(formbody, { bodyLimit: 256 * 1024 })
  await app.register(cookie)
  app.decorateRequest('webSession', null)

  // Pages stay out of the OpenAPI document.
  app.addHook('onRoute', r => { r.schema = { ...(r.schema ?? {}), hide: true } })

  // Stricter than the API's policy: this app's own script and style only, nothing inline, forms post only here.
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('content-security-policy', "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload
    reply.header('cache-control', 'no-store').header('vary', 'accept-encoding')
    // Pages are gzipped for slow village connections (a 50-member meeting form shrinks about tenfold).
    if (typeof payload !== 'string' || payload.length < 1024 || !/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return payload
    reply.header('content-encoding', 'gzip').removeHeader('content-length')
    return gzipSync(payload)
  })

  app.get('/aset/:name', async (req, reply) => {
    const a = ASSETS[(req.params as { name: string }).name]
    if (a === undefined) return await reply.code(404).type('text/plain').send('Tidak ada')
    reply.header('etag', a.etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding').type(a.type)
    if (req.headers['if-none-match'] === a.etag) return await reply.code(304).send()
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return await reply.header('content-encoding', 'gzip').send(a.gz)
    return await reply.send(a.body)
  })

  const sessions = app.lumbung.sessions

  /** The session of a request, or null. */
  async function sessionOf (req: FastifyRequest): Promise<WebSession | null> {
    const id = req.cookies[SESSION_COOKIE]
    return typeof id === 'string' && id !== '' ? await sessions.find(id) : null
  }

  /** A POST from another site is refused before anything else: SameSite=Strict already keeps the cookie away. */
  function crossSite (req: FastifyRequest): boolean {
    const site = req.headers['sec-fetch-site']
    if (site === 'cross-site') return true
    const origin = req.headers.origin
    if (typeof origin !== 'string' || origin === 'null') return false
    return !URL.canParse(origin) || new URL(origin).host !== req.headers.host
  }

  app.addHook('preHandler', async (req, reply) => {
    if (req.method !== 'POST') return
    if (crossSite(req)) return await reply.code(403).type('text/plain; charset=utf-8').send('Ditolak: formulir dari situs lain.')
  })

  app.get('/', async (req, reply) => {
    const s = await sessionOf(req)
    return await reply.redirect(s === null ? '/masuk' : '/kelompok', 303)
  })

  app.get('/masuk', async (req, reply) => {
    const q = req.query as { keluar?: string }
    return await reply.type('text/html; charset=utf-8').send(signInPage({ values: {}, errors: {} }, q.keluar === '1' ? 'Anda sudah keluar.' : null).value)
  })

  app.post('/masuk', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>
    const key = typeof body.kunci === 'string' ? body.kunci.trim() : ''
    const found = key === '' ? null : await app.lumbung.auth.keyOf(key)
    const role = found === null ? null : webRole(found.role)
    if (found === null || role === null) {
      const message = key === '' ? 'Isi kunci API Anda.' : found === null ? 'Kunci tidak dikenal atau sudah dicabut. Periksa lagi, atau minta kunci baru kepada pengelola.' : 'Kunci ini bukan kunci bendahara atau pengawas.'
      // The key is never written back into the page.
      return await reply.code(found === null ? 401 : 403).type('text/html; charset=utf-8').send(signInPage({ values: {}, errors: { kunci: message } }, null).value)
    }
    const { id } = await sessions.open(found.keyId, found.actor, found.role, found.groupIds)
    reply.setCookie(SESSION_COOKIE, id, { path: '/', httpOnly: true, sameSite: 'strict', secure: req.protocol === 'https', maxAge: 12 * 3600 })
    return await reply.redirect('/kelompok', 303)
  })

  app.post('/keluar', async (req, reply) => {
    const id = req.cookies[SESSION_COOKIE]
    const s = await sessionOf(req)
    if (s !== null && typeof id === 'string') {
      if (!sessions.csrfMatches(s, (req.body as Record<string, unknown> | undefined)?._csrf)) return await reply.code(403).type('text/plain; charset=utf-8').send('Ditolak: token formulir tidak cocok. Muat ulang halaman.')
      await sessions.close(id)
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return await reply.redirect('/masuk?keluar=1', 303)
  })

  // Everything below needs a live session; every POST needs the session's CSRF token.
  await app.register(async pages => {
    pages.addHook('preHandler', async (req, reply) => {
      const s = await sessionOf(req)
      if (s === null) {
        reply.clearCookie(SESSION_COOKIE, { path: '/' })
        return await reply.redirect('/masuk', 303)
      }
      if (req.method === 'POST' && !sessions.csrfMatches(s, (req.body as Record<string, unknown> | undefined)?._csrf)) {
        return await reply.code(403).type('text/plain; charset=utf-8').send('Ditolak: token formulir tidak cocok. Muat ulang halaman lalu coba lagi.')
      }
      req.webSession = s
    })

    pages.setErrorHandler(async (err, req, reply) => {
      if (err instanceof ApiFailure && err.problem.status === 401) return await reply.redirect('/masuk', 303)
      const status = err instanceof ApiFailure ? err.problem.status : 500
      if (!(err instanceof ApiFailure)) req.log.error({ err }, 'web page failed')
      const sentence = err instanceof ApiFailure ? (SENTENCE[err.problem.code] ?? SENTENCE.INTERNAL) : SENTENCE.INTERNAL
      const s = req.webSession
      const viewer: Viewer | null = s === null ? null : { name: s.actor.name, role: viewerRole(app, s), csrf: s.csrf, group: null }
      return await reply.code(status).type('text/html; charset=utf-8')
        .send(page('Ada masalah', viewer, 'kelompok', html`<div class="alert" role="alert">${sentence}</div><p><a class="button" href="/kelompok">Kembali ke awal</a></p>`).value)
    })

    pages.get('/kelompok', async (req, reply) => {
      const s = req.webSession as WebSession
      const api = new Api(app, s)
      const groups = await api.get<{ items: GroupJson[] }>('/v1/groups')
      if (groups.items.length === 1 && groups.items[0] !== undefined) return await reply.redirect(`/g/${groups.items[0].id}/beranda`, 303)
      const viewer: Viewer = { name: s.actor.name, role: viewerRole(app, s), csrf: s.csrf, group: null }
      return await reply.type('text/html; charset=utf-8').send(groupsPage(viewer, groups.items).value)
    })

    await pages.register(async group => {
      // The group of the path, read through the API (so a group outside the key's scope is "not found").
      group.decorateRequest('ctx', null)
      group.addHook('preHandler', async req => {
        const s = req.webSession as WebSession
        const groupId = (req.params as { groupId: string }).groupId
        const api = new Api(app, s)
        const g = await api.get<GroupJson>(`/v1/groups/${encodeURIComponent(groupId)}`)
        req.ctx = { session: s, api, groupId: g.id, viewer: { name: s.actor.name, role: viewerRole(app, s), csrf: s.csrf, group: g } }
      })
      group.get('/g/:groupId', async (req, reply) => await reply.redirect(`/g/${(req.ctx as Ctx).groupId}/beranda`, 303))
      await group.register(homeRoutes)
      await group.register(meetingRoutes)
      await group.register(memberRoutes)
      await group.register(loanRoutes)
      await group.register(cashRoutes)
      await group.register(reportRoutes)
      await group.register(shuRoutes)
    })
  })
}

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx | null
  }
}

/** Sends a page. */
export async function sendPage (reply: FastifyReply, body: { value: string }, status = 200): Promise<FastifyReply> {
  return await reply.code(status).type('text/html; charset=utf-8').send(body.value)
}

/** The context of a group page (set by the group hook). */
export function ctxOf (req: FastifyRequest): Ctx {
  if (req.ctx === null) throw new Error('no group context')
  return req.ctx
}

/** A form body as strings; a repeated field (the ticked checkboxes of a list) becomes its values, one per line. */
export function formOf (req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries((req.body ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v
    else if (Array.isArray(v)) out[k] = v.map(String).join('\n')
  }
  return out
}
