import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { withDiscriminatorMappings } from '../schemas/common.js'

export const API_VERSION = '0.1.0'

/** The OpenAPI document, made from the routes' own schemas, at /docs/json with the Swagger UI at /docs. */
export const openapi = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    // A named schema appears once, as components.schemas[its $id], and every use as a $ref to it.
    refResolver: { buildLocalReference: json => String(json.$id) },
    transformObject: doc => withDiscriminatorMappings('openapiObject' in doc ? doc.openapiObject : doc.swaggerObject),
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lumbung',
        version: API_VERSION,
        description: 'A double-entry ledger for Indonesian community savings-and-loan groups (simpan pinjam): grants, savings, loans, repayments, expenses and auditable statements per group. Amounts are whole rupiah as strings of digits; dates are YYYY-MM-DD; every error is an RFC 9457 problem document with a stable code.',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' }
      },
      // Relative: the paths are on whichever server answers GET /openapi.json (npm start: http://127.0.0.1:3000).
      servers: [{ url: '/', description: 'The server this document came from; npm start listens on http://127.0.0.1:3000 (HOST, PORT)' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key, or the admin token.' } } },
      security: [{ bearer: [] }],
      tags: [
        { name: 'system', description: 'Health and documentation' },
        { name: 'groups', description: 'Groups, members and the chart of accounts' },
        { name: 'ledger', description: 'The journal: entries, reversals, grants, expenses, balances and verification' },
        { name: 'savings', description: 'Simpanan pokok, wajib and sukarela; member passbooks' },
        { name: 'loans', description: 'Meetings and the loan terms they agree; schedules, loans, repayments, penalties and write-offs' },
        { name: 'reports', description: 'Fund growth and the loan portfolio' },
        { name: 'shu', description: 'Profit sharing (SHU): preview, distribution and payouts of a closed period\'s SHU as the members\' meeting decided' },
        { name: 'access', description: 'API keys, people who sign in on the web with a PIN, the event feed and the audit log' },
        { name: 'statements', description: 'Statements in JSON, CSV, XLSX and PDF; period close; the plain-text journal; the audit bundle' }
      ]
    }
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
}, { name: 'lumbung-openapi', dependencies: ['lumbung-validation'] })
