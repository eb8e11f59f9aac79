import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { CheckpointRef } from '../schemas/integrity.js'
import * as periods from '../../services/period-service.js'
import { principalOf, write } from '../context.js'
import { Actor, errors, GroupParams, IdempotencyHeaders, IsoDate, Ref, Timestamp, Total } from '../schemas/common.js'

const PeriodBody = Type.Object({ through: IsoDate }, { additionalProperties: false, examples: [{ through: '2005-12-31' }] })
const SignedTotal = Type.String({ pattern: '^-?(0|[1-9][0-9]*)$' })
export const Period = Type.Object({
  id: Type.String(),
  through: IsoDate,
  closingEntryId: Type.Union([Type.String(), Type.Null()], { description: 'The entry that moved income and expenses into 3401 SHU Tahun Berjalan (null when there was nothing to move).' }),
  checkpoint: Type.Object({ seq: Type.Integer(), hash: Type.String() }, { additionalProperties: false, description: 'The chain head right after the close.' }),
  totals: Type.Object({ debit: Ref(Total), credit: Ref(Total), income: SignedTotal, expenses: SignedTotal, shu: SignedTotal }, { additionalProperties: false }),
  signedCheckpoint: Type.Union([CheckpointRef, Type.Null()], { description: 'The signed checkpoint of the books as closed (null for periods closed before checkpoints were signed): keep it.' }),
  createdAt: Timestamp,
  actor: Ref(Actor)
}, { additionalProperties: false })

const periodJson = (p: periods.Period) => ({
  id: p.id, through: p.through, closingEntryId: p.closingEntryId, checkpoint: { seq: p.seq, hash: p.headHash }, totals: p.totals,
  signedCheckpoint: p.checkpoint, createdAt: p.createdAt, actor: p.actor
})

export const periodRoutes: FastifyPluginAsyncTypebox = async app => {
  const { env, store } = app.lumbung

  app.post('/groups/:groupId/periods', {
    schema: {
      tags: ['statements'],
      operationId: 'closePeriod',
      summary: 'Close the books through a date (tutup buku): income and expenses into 3401 SHU Tahun Berjalan; later entries dated on or before it are refused',
      headers: IdempotencyHeaders,
      params: GroupParams,
      body: PeriodBody,
      response: { 201: Period, ...errors(400, 404, 409, 422) }
    }
  }, async (req, reply) => {
    const actor = principalOf(req).actor
    return await write(req, reply, tx => periods.closePeriod(tx, env, actor, req.params.groupId, req.body.through), periodJson)
  })

  app.get('/groups/:groupId/periods', {
    schema: { tags: ['statements'], operationId: 'listPeriods', summary: 'Closed periods with their checkpoints', params: GroupParams, response: { 200: Type.Object({ items: Type.Array(Period) }), ...errors(404) } }
  }, async req => ({ items: (await periods.listPeriods(store.reader, req.params.groupId)).map(periodJson) }))
}
