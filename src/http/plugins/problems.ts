import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { errorHandler, notFoundHandler } from '../errors.js'

/**
 * Every refusal is an RFC 9457 problem document (the error map in ../errors.ts), every answer names its request id,
 * and the API speaks JSON only: a text/plain body is refused with 415 instead of reaching validation as a string.
 */
export const problems = fp(async (app: FastifyInstance) => {
  app.decorateRequest('refusal', null)
  app.removeContentTypeParser('text/plain')
  app.setErrorHandler(errorHandler)
  app.setNotFoundHandler(notFoundHandler)
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-request-id', req.id)
    return payload
  })
}, { name: 'lumbung-problems' })
