import type { FastifyReply, FastifyRequest } from 'fastify'
import type { WebSession } from '../services/session-service.js'
import type { Api } from './api.js'
import type { Viewer } from './layout.js'

/** What every screen handler gets: the session, its API, and the viewer for the layout. */
export interface Ctx {
  session: WebSession
  api: Api
  viewer: Viewer
  groupId: string
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in session (set by the session plugin on every page behind it). */
    webSession: WebSession | null
    /** The group page's context (set by the group-context plugin). */
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

/** Sends a plain-text refusal (a form from another site, a stale form token). */
export async function refuse (reply: FastifyReply, sentence: string): Promise<FastifyReply> {
  return await reply.code(403).type('text/plain; charset=utf-8').send(sentence)
}
