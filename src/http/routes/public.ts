import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { statementDoc } from '../../render/json.js'
import { publicPage, type PublicPage as Page } from '../../services/public-page-service.js'
import { fundGrowthJson } from '../presenters.js'
import { GroupParams, problems, Ref } from '../schemas/common.js'
import { PublicPage } from '../schemas/public.js'

export const publicPageJson = (p: Page) => ({
  group: p.group,
  place: { regionCode: p.place.regionCode, province: p.place.province, regency: p.place.regency, district: p.place.district, village: p.place.village },
  opened: p.opened,
  asOf: p.asOf,
  fundGrowth: fundGrowthJson(p.fundGrowth),
  balanceSheet: statementDoc(p.balanceSheet, 'id'),
  incomeStatement: statementDoc(p.incomeStatement, 'id'),
  checkpoint: p.checkpoint
})

/**
 * A group's public page as JSON, for anyone (no key): the village's website or a grantor's portal. 404 alike for no
 * such group and for a group whose meeting has not opened its page, so neither leaks.
 */
export const publicRoutes: FastifyPluginAsyncTypebox = async app => {
  const { env, store } = app.lumbung
  app.get('/public/groups/:groupId', {
    schema: {
      tags: ['system'],
      operationId: 'getPublicPage',
      summary: 'A group\'s public transparency page, once its meeting opened it: name, place, fund growth, balance sheet, income statement and signed checkpoint; no key needed',
      security: [],
      params: GroupParams,
      response: { 200: Ref(PublicPage), ...problems(400, 404, 429) }
    }
  }, async (req, reply) => {
    const page = publicPageJson(await publicPage(store.reader, env, req.params.groupId))
    return await reply.header('cache-control', 'public, max-age=60').send(page)
  })
}
