import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { DomainError } from '../../domain/errors.js'
import { hashToken } from '../../services/auth-service.js'
import { bearerTokenOf } from '../context.js'

/**
 * Who is calling, from the bearer token. It is recorded in onRequest and refused only in preParsing, after the rate
 * limit has counted the request (by its credential, or by its address when it has none), and still before the body
 * is read.
 */
export const authentication = fp(async (api: FastifyInstance) => {
  api.addHook('onRequest', async req => {
    const token = bearerTokenOf(req.headers.authorization)
    req.principal = token === null ? null : await api.lumbung.auth.authenticate(token)
    req.credential = token === null || req.principal === null ? null : hashToken(token)
  })
  api.addHook('preParsing', async req => {
    if (req.principal === null) throw new DomainError('UNAUTHORIZED', 'send Authorization: Bearer <token> with a valid key')
  })
}, { name: 'lumbung-authentication', dependencies: ['lumbung-core'] })
