import formbody from '@fastify/formbody'
import type { FastifyInstance } from 'fastify'
import { assets } from './plugins/assets.js'
import { crossSiteGuard } from './plugins/csrf.js'
import { errorPage } from './plugins/error-page.js'
import { groupContext } from './plugins/group-context.js'
import { pageHeaders } from './plugins/page-headers.js'
import { requireSession, signIn } from './plugins/session.js'
import { myBooksRoutes } from './screens/my-books.js'
import { rollupRoutes } from './screens/rollup.js'
import { ctxOf } from './request.js'
import { groupRoutes } from './screens/groups.js'
import { homeRoutes } from './screens/home.js'
import { memberRoutes } from './screens/members.js'
import { loanRoutes } from './screens/loans.js'
import { cashRoutes } from './screens/cash.js'
import { reportRoutes } from './screens/reports.js'
import { meetingRoutes } from './screens/meeting.js'
import { shuRoutes } from './screens/shu.js'
import { correctionRoutes } from './screens/corrections.js'
import { peopleRoutes } from './screens/people.js'
import { accountRoutes } from './screens/accounts.js'
import { webhookRoutes } from './screens/webhooks.js'
import { placeRoutes } from './screens/group-place.js'
import { messageRoutes } from './screens/messages.js'
import { receiptRoutes } from './screens/receipt.js'
import { publicPageRoutes } from './screens/public-page.js'

/**
 * Pages for people, at / beside the API: server-rendered HTML, a session cookie, a form token per session. A table of
 * contents: each plugin is named and declares what it needs.
 */
export async function webRoutes (app: FastifyInstance): Promise<void> {
  // The form parser stays inside this plugin: /v1 keeps accepting JSON only.
  await app.register(formbody, { bodyLimit: 256 * 1024 })
  await app.register(pageHeaders)
  await app.register(assets)
  await app.register(crossSiteGuard)
  await app.register(signIn)
  // Receipts: the link is the credential (an HMAC of the entry), no session.
  await app.register(receiptRoutes)
  // A group's public page: for anyone, once its meeting opened it.
  await app.register(publicPageRoutes)

  // Everything below needs a live session; every POST needs the session's form token.
  await app.register(async pages => {
    await pages.register(requireSession)
    await pages.register(errorPage)

    await pages.register(groupRoutes)
    await pages.register(myBooksRoutes)
    await pages.register(rollupRoutes)

    await pages.register(async group => {
      await group.register(groupContext)
      group.get('/g/:groupId', async (req, reply) => await reply.redirect(`/g/${ctxOf(req).groupId}/beranda`, 303))
      const screens = [
        homeRoutes, meetingRoutes, memberRoutes, loanRoutes, cashRoutes, correctionRoutes, reportRoutes, shuRoutes, peopleRoutes, accountRoutes, webhookRoutes,
        messageRoutes, placeRoutes
      ]
      for (const routes of screens) await group.register(routes)
    })
  })
}
