import Fastify from 'fastify'
import t from 'tap'
import { accessPolicy } from '../../src/http/plugins/access-policy.js'
import { authentication } from '../../src/http/plugins/authentication.js'
import { refusalLog } from '../../src/http/plugins/refusal-log.js'
import { groupContext } from '../../src/web/plugins/group-context.js'
import { requireSession } from '../../src/web/plugins/session.js'

// buildApp is a table of contents of named plugins; each declares what it needs, so a plugin registered before what
// it depends on stops the app from starting instead of running its hooks in the wrong order.
for (const [name, plugin, missing] of [
  ['authentication', authentication, 'lumbung-core'],
  ['access policy', accessPolicy, 'lumbung-authentication'],
  ['refusal log', refusalLog, 'lumbung-authentication'],
  ['web session', requireSession, 'web-sign-in'],
  ['web group context', groupContext, 'web-require-session']
] as const) {
  t.test(`the ${name} plugin refuses to start without ${missing}`, async t => {
    const app = Fastify()
    await t.rejects(async () => { await app.register(plugin); await app.ready() }, { message: new RegExp(missing) })
    await app.close()
  })
}
