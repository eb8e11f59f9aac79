import { buildApp } from './http/app.js'
import { connect } from './data/connect.js'
import { migrate } from './data/migrate.js'
import { realEnv } from './services/context.js'
import { signerFromSeed } from './services/signing-key.js'

/** The OpenAPI document as committed in openapi/openapi.json: generated from the route schemas, nothing else. */
export async function openapiDocument (): Promise<string> {
  const store = connect(':memory:')
  await migrate(store.db)
  const app = await buildApp({ store, env: realEnv('Asia/Makassar', signerFromSeed(new Uint8Array(32))), adminHash: '0'.repeat(64) })
  await app.ready()
  const doc = JSON.stringify(app.swagger(), null, 2) + '\n'
  await app.close()
  await store.close()
  return doc
}
