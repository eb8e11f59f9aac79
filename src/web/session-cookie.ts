import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Person } from '../services/people-service.js'

export const SESSION_COOKIE = 'lumbung_sesi'

/** The session cookie: httpOnly, same-site only, secure over https, for as long as the session lasts. */
export function setSessionCookie (req: FastifyRequest, reply: FastifyReply, id: string, ms: number): void {
  reply.setCookie(SESSION_COOKIE, id, { path: '/', httpOnly: true, sameSite: 'strict', secure: req.protocol === 'https', maxAge: Math.round(ms / 1000) })
}

/** Opens a session for a person who proved her PIN (the device stays signed in for 30 days) and goes to her groups (a member: to her own page). */
export async function openPersonSession (app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, person: Person): Promise<FastifyReply> {
  const key = await app.lumbung.auth.keyOfId(person.keyId)
  if (key === null) return await reply.redirect('/masuk', 303)
  const { id, session } = await app.lumbung.sessions.open(key.keyId, key.actor, key.role, key.groupIds, { id: person.id, name: person.name, role: person.role })
  setSessionCookie(req, reply, id, session.expiresAt - app.lumbung.env.now().getTime())
  return await reply.redirect(key.role === 'member' ? '/saya' : '/kelompok', 303)
}
