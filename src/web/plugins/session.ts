import cookie from '@fastify/cookie'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { webRoleOf } from '../../domain/access.js'
import * as peopleService from '../../services/people-service.js'
import type { WebSession } from '../../services/session-service.js'
import { formOf, refuse } from '../request.js'
import { signInPage } from '../screens/sign-in.js'
import { firstRunRoutes } from '../screens/first-run.js'
import { receiptSignInRoutes } from '../screens/receipt-sign-in.js'
import { tryRefusal } from '../pin.js'
import { csrfOf } from './csrf.js'
import { openPersonSession, SESSION_COOKIE, setSessionCookie as setCookie } from '../session-cookie.js'

export { SESSION_COOKIE }

/** The session of a request's cookie, or null. */
async function sessionOf (app: FastifyInstance, req: FastifyRequest): Promise<WebSession | null> {
  const id = req.cookies[SESSION_COOKIE]
  return typeof id === 'string' && id !== '' ? await app.lumbung.sessions.find(id) : null
}

const KEY_REFUSAL = { empty: 'Isi kunci API Anda.', unknown: 'Kunci tidak dikenal atau sudah dicabut. Periksa lagi, atau minta kunci baru kepada pengelola.', role: 'Kunci ini bukan kunci bendahara atau pengawas.' }

/** Sign-in with a login and PIN (30 days on this device) or an API key (12 hours), and sign-out, at /masuk and /keluar. */
export const signIn = fp(async (app: FastifyInstance) => {
  await app.register(cookie)
  app.decorateRequest('webSession', null)
  const { sessions, store, env, writer } = app.lumbung
  const run: peopleService.Run = async work => await writer.run({ groupId: null, work })

  app.get('/', async (req, reply) => await reply.redirect(await sessionOf(app, req) === null ? '/masuk' : '/kelompok', 303))

  app.get('/masuk', async (req, reply) => {
    const q = req.query as { keluar?: string }
    return await reply.type('text/html; charset=utf-8').send(signInPage({ values: {}, errors: {} }, q.keluar === '1' ? 'Anda sudah keluar.' : null).value)
  })

  app.post('/masuk', async (req, reply) => {
    const body = formOf(req)
    const send = async (status: number, errors: Record<string, string>, values: Record<string, string> = {}): Promise<FastifyReply> =>
      // Neither the PIN nor the key is ever written back into the page.
      await reply.code(status).type('text/html; charset=utf-8').send(signInPage({ values, errors }, null, 'kunci' in errors).value)
    if ('login' in body || 'pin' in body) {
      const login = (body.login ?? '').trim()
      const pin = body.pin ?? ''
      if (login === '' || pin === '') return await send(400, { ...(login === '' ? { login: 'Isi nomor HP atau nama pengguna Anda.' } : {}), ...(pin === '' ? { pin: 'Isi PIN Anda.' } : {}) }, { login })
      // A read-only copy cannot count tries (the lockout): there, people sign in with a key.
      if (app.lumbung.readOnly) return await send(405, { pin: 'Server ini hanya salinan baca: masuk dengan kunci API di bawah.' }, { login })
      const outcome = await peopleService.signInWithPin(store.reader, run, env, login, pin)
      if (!outcome.ok) return await send(outcome.reason === 'locked' ? 429 : 401, { pin: tryRefusal(outcome, env.timeZone) }, { login })
      return await openPersonSession(app, req, reply, outcome.person)
    }
    const key = (body.kunci ?? '').trim()
    const found = key === '' ? null : await app.lumbung.auth.keyOf(key)
    const role = found === null ? null : webRoleOf(found.role)
    if (found === null || role === null) return await send(found === null ? 401 : 403, { kunci: key === '' ? KEY_REFUSAL.empty : found === null ? KEY_REFUSAL.unknown : KEY_REFUSAL.role })
    const { id, session } = await sessions.open(found.keyId, found.actor, found.role, found.groupIds)
    setCookie(req, reply, id, session.expiresAt - env.now().getTime())
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

  await app.register(firstRunRoutes)
  await app.register(receiptSignInRoutes)
}, { name: 'web-sign-in', dependencies: ['lumbung-core'] })

/** Every page it covers needs a live session (else back to /masuk), and every POST the session's form token. */
export const requireSession = fp(async (pages: FastifyInstance) => {
  pages.addHook('preHandler', async (req, reply) => {
    const s = await sessionOf(pages, req)
    if (s === null) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return await reply.redirect('/masuk', 303)
    }
    // A member has her own page and nothing else: every other page of the app reads the group's books.
    const mine = req.url === '/saya' || req.url.startsWith('/saya/') || req.url.startsWith('/saya?')
    if (s.role === 'member' && !mine) return await reply.redirect('/saya', 303)
    if (s.role !== 'member' && mine) return await reply.redirect('/kelompok', 303)
    if (req.method === 'POST' && !pages.lumbung.sessions.csrfMatches(s, csrfOf(req))) {
      return await refuse(reply, 'Ditolak: token formulir tidak cocok. Muat ulang halaman lalu coba lagi.')
    }
    req.webSession = s
  })
}, { name: 'web-require-session', dependencies: ['web-sign-in'] })
