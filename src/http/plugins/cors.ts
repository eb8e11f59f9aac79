import cors from '@fastify/cors'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/** Browsers on the listed origins may call the API (none when the list is absent). */
export const corsPolicy = fp(async (app: FastifyInstance, opts: { origins: string[] | undefined }) => {
  await app.register(cors, {
    origin: opts.origins ?? false,
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key'],
    exposedHeaders: ['idempotent-replayed', 'x-request-id', 'retry-after']
  })
}, { name: 'lumbung-cors' })
