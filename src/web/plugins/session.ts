import cookie from '@fastify/cookie'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { webRoleOf } from '../../domain/access.js'
import type { WebSession } from '../../services/session-service.js'
import { refuse } from '../request.js'
import { signInPage } from '../screens/sign-in.js'
import { csrfOf } from './csrf.js'

export const SESSION_COOKIE = 'lumbung_sesi'

/** The session of a request's cookie, or null. */
async function sessionOf (app: FastifyInstance, req: FastifyRequest): Promise<WebSession | null> {
  const id = req.cookies[SESSION_COOKIE]
  return typeof id === 'string' && id !== '' ? await app.lumbung.sessions.find(id) : null
}

/** Sign-in with an API key (a session cookie for 12 hours) and sign-out, at /masuk and /keluar. */
export const signIn = fp(async (app: FastifyInstance) => {
  await app.register(cookie)
  app.decorateRequest('webSession', null)
  const sessions = app.lumbung.sessions

  app.get('/', async (req, reply) => await reply.redirect(await sessionOf(app, req) === null ? '/masuk' : '/kelompok', 303))

  app.get('/masuk', async (req, reply) => {
    const q = req.query as { keluar?: string }
    return await reply.type('text/html; charset=utf-8').send(signInPage({ values: {}, errors: {} }, q.keluar === '1' ? 'Anda sudah keluar.' : null).value)
  })

  app.post('/masuk', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>
    const key = typeof body.kunci === 'string' ? body.kunci.trim() : ''
    const found = key === '' ? null : await app.lumbung.auth.keyOf(key)
    const role = found === null ? null : webRoleOf(found.role)
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
    const s = await sessionOf(app, req)
    if (s !== null && typeof id === 'string') {
      if (!sessions.csrfMatches(s, csrfOf(req))) return await refuse(reply, 'Ditolak: token formulir tidak cocok. Muat ulang halaman.')
      await sessions.close(id)
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return await reply.redirect('/masuk?keluar=1', 303)
  })
}, { name: 'web-sign-in', dependencies: ['lumbung-core'] })

/** Every page it covers needs a live session (else back to /masuk), and every POST the session's form token. */
export const requireSession = fp(async (pages: FastifyInstance) => {
  pages.addHook('preHandler', async (req, reply) => {
    const s = await sessionOf(pages, req)
    if (s === null) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return await reply.redirect('/masuk', 303)
    }
    if (req.method === 'POST' && !pages.lumbung.sessions.csrfMatches(s, csrfOf(req))) {
      return await refuse(reply, 'Ditolak: token formulir tidak cocok. Muat ulang halaman lalu coba lagi.')
    }
    req.webSession = s
  })
}, { name: 'web-require-session', dependencies: ['web-sign-in'] })
