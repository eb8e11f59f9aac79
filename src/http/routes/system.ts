import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { createPublicKey } from 'node:crypto'
import { keyFingerprint } from '../../domain/ledger/checkpoint.js'
import { problems } from '../schemas/common.js'
import { SigningKey } from '../schemas/integrity.js'

export const systemRoutes: FastifyPluginAsyncTypebox = async app => {
  app.get('/health', {
    schema: {
      tags: ['system'],
      operationId: 'getHealth',
      summary: 'Liveness, and whether this server takes writes',
      security: [],
      response: {
        200: Type.Object({
          status: Type.Literal('ok'),
          mode: Type.Union([Type.Literal('read-write'), Type.Literal('read-only')], { description: 'read-only: a replica or copy (READ_ONLY=true); writes answer 405.' })
        }, { examples: [{ status: 'ok', mode: 'read-write' }] }),
        // The rate limit, when it is on, counts every route: these answer 429 like any other.
        ...problems(429)
      }
    }
  }, async () => ({ status: 'ok' as const, mode: app.lumbung.readOnly ? 'read-only' as const : 'read-write' as const }))

  // The key every checkpoint is signed with: an auditor compares its fingerprint with the one printed on the statements.
  const key = app.lumbung.env.signer.publicKey
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(key, 'base64')])
  const signingKey = {
    algorithm: 'Ed25519' as const,
    publicKey: key,
    fingerprint: keyFingerprint(key),
    pem: createPublicKey({ key: spki, format: 'der', type: 'spki' }).export({ format: 'pem', type: 'spki' }).toString()
  }
  app.get('/signing-key', {
    schema: {
      tags: ['system'],
      operationId: 'getSigningKey',
      summary: 'The Ed25519 public key that signs every checkpoint (period closes, audit bundles, statements); no key needed',
      security: [],
      response: { 200: SigningKey, ...problems(429) }
    }
  }, async () => signingKey)

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}
