import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'

export const systemRoutes: FastifyPluginAsyncTypebox = async app => {
  app.get('/health', {
    schema: {
      tags: ['system'],
      summary: 'Liveness',
      security: [],
      response: { 200: Type.Object({ status: Type.Literal('ok') }, { examples: [{ status: 'ok' }] }) }
    }
  }, async () => ({ status: 'ok' as const }))

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}
