import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { ApiFailure } from '../api.js'
import { html } from '../html.js'
import { page, type Viewer } from '../layout.js'
import { SENTENCE } from '../messages.js'
import { viewerOf } from './group-context.js'

/** A failed page says what went wrong in a sentence a treasurer reads (an expired key sends her back to /masuk). */
export const errorPage = fp(async (pages: FastifyInstance) => {
  pages.setErrorHandler(async (err, req, reply) => {
    if (err instanceof ApiFailure && err.problem.status === 401) return await reply.redirect('/masuk', 303)
    const status = err instanceof ApiFailure ? err.problem.status : 500
    if (!(err instanceof ApiFailure)) req.log.error({ err }, 'web page failed')
    const sentence = err instanceof ApiFailure ? (SENTENCE[err.problem.code] ?? SENTENCE.INTERNAL) : SENTENCE.INTERNAL
    const s = req.webSession
    const viewer: Viewer | null = s === null ? null : viewerOf(pages, s)
    return await reply.code(status).type('text/html; charset=utf-8')
      .send(page('Ada masalah', viewer, 'kelompok', html`<div class="alert" role="alert">${sentence}</div><p><a class="button" href="/kelompok">Kembali ke awal</a></p>`).value)
  })
}, { name: 'web-error-page' })
