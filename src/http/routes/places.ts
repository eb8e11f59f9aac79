import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import * as places from '../../services/place-service.js'
import { principalOf, write } from '../context.js'
import { errors, GroupParams, IdempotencyHeaders } from '../schemas/common.js'
import { PlaceBody, PlaceJson } from '../schemas/places.js'

/** Where a group is (provinsi … desa and the region code): what puts it inside a supervisor's region. */
export const placeRoutes: FastifyPluginAsyncTypebox = async app => {
  const { env, store } = app.lumbung
  app.get('/groups/:groupId/place', {
    schema: { tags: ['groups'], operationId: 'getGroupPlace', summary: 'Where the group is: provinsi, kabupaten/kota, kecamatan, desa and the region code', params: GroupParams, response: { 200: PlaceJson, ...errors(404) } }
  }, async req => await places.getPlace(store.reader, req.params.groupId))

  app.post('/groups/:groupId/place', {
    config: { access: 'manage' },
    schema: {
      tags: ['groups'], operationId: 'setGroupPlace', summary: 'Set where the group is (the ketua or the admin): supervisors of the region read it from then on',
      headers: IdempotencyHeaders, params: GroupParams, body: PlaceBody, response: { 200: PlaceJson, ...errors(400, 403, 404) }
    }
  }, async (req, reply) => await write(req, reply, tx => places.setPlace(tx, env, principalOf(req).actor, req.params.groupId, req.body), p => p, 200))
}
