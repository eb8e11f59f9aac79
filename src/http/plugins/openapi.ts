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
      // What Lumbung POSTs to a subscription's URL (OpenAPI 3.1 webhooks): one event of the feed, signed.
      webhooks: {
        feedEvent: {
          post: {
            operationId: 'receiveFeedEvent',
            tags: ['webhooks'],
            summary: 'One event of a group\'s feed, delivered to a subscription (Standard Webhooks)',
            description: 'Verify before trusting it: the HMAC-SHA256, with the secret\'s key (the base64 after `whsec_`), of `webhook-id` + "." + `webhook-timestamp` + "." + the raw body, base64, must equal one of the `v1,` signatures in `webhook-signature` (two during a secret\'s rotation), and the timestamp must be recent (within 5 minutes). Answer 2xx within 10 s to acknowledge; anything else is tried again later, in order. A repeat has the same `webhook-id`.',
            security: [],
            parameters: [
              { name: 'webhook-id', in: 'header', required: true, schema: { type: 'string' }, description: 'msg_ and the event\'s id: the same on every retry.' },
              { name: 'webhook-timestamp', in: 'header', required: true, schema: { type: 'string' }, description: 'Seconds since 1970 when this attempt was sent.' },
              { name: 'webhook-signature', in: 'header', required: true, schema: { type: 'string' }, description: 'v1,<base64> for each secret in force, separated by spaces.' }
            ],
            requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/WebhookEvent' } } } },
            responses: { 200: { description: 'Acknowledged (any 2xx)' } }
          }
        }
      },
      tags: [
        { name: 'system', description: 'Health and documentation' },
        { name: 'groups', description: 'Groups, members and the chart of accounts' },
        { name: 'ledger', description: 'The journal: entries, reversals, grants, expenses, balances and verification' },
        { name: 'savings', description: 'Simpanan pokok, wajib and sukarela; member passbooks' },
        { name: 'loans', description: 'Meetings and the loan terms they agree; schedules, loans, repayments, penalties and write-offs' },
        { name: 'reports', description: 'Fund growth and the loan portfolio' },
        { name: 'shu', description: 'Profit sharing (SHU): preview, distribution and payouts of a closed period\'s SHU as the members\' meeting decided' },
        { name: 'arisan', description: 'Arisan: a rotating pot each slot takes once a cycle, in an agreed order or by a draw anyone can recompute; its money passes through 2150 Titipan Arisan' },
        { name: 'access', description: 'API keys, people who sign in on the web with a PIN, the event feed and the audit log' },
        { name: 'webhooks', description: 'Push webhooks (Standard Webhooks): subscriptions, signing secrets, the delivery log and redelivery' },
        { name: 'me', description: 'A member\'s own view with her own sign-in: her passbook, loans, SHU and receipts, and her group\'s summary; nothing of another member' },
        { name: 'messages', description: 'Receipts, instalment reminders and balance alerts to phones: the group\'s message gateway, its outbox and its monitors' },
        { name: 'statements', description: 'Statements in JSON, CSV, XLSX and PDF; period close; the plain-text journal; the audit bundle' }
      ]
    }
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
}, { name: 'lumbung-openapi', dependencies: ['lumbung-validation'] })
