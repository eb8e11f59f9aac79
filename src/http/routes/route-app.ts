import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

/**
 * The app a route plugin registers on, with the TypeBox type provider: a plugin too long to read at once registers its
 * routes through a few functions taking this, called in the order the routes should appear in the OpenAPI document.
 */
export type RouteApp = Parameters<FastifyPluginAsyncTypebox>[0]
