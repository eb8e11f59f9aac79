import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'

export const systemRoutes: FastifyPluginAsyncTypebox = async app => {
  app.get('/health', {
    schema: {
      tags: ['system'],
      summary: 'Liveness, and whether this server takes writes',
      security: [],
      response: {
        200: Type.Object({
          status: Type.Literal('ok'),
          mode: Type.Union([Type.Literal('read-write'), Type.Literal('read-only')], { description: 'read-only: a replica or copy (READ_ONLY=true); writes answer 405.' })
        }, { examples: [{ status: 'ok', mode: 'read-write' }] })
      }
    }
  }, async () => ({ status: 'ok' as const, mode: app.lumbung.readOnly ? 'read-only' as const : 'read-write' as const }))

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}
