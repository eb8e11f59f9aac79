import { readFileSync } from 'node:fs'
import t from 'tap'
import { openapiDocument } from '../../src/openapi-document.js'

t.test('openapi/openapi.json is what the route schemas say (run npm run openapi after changing a route)', async t => {
  const committed = readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')
  t.equal(committed, await openapiDocument())
})

t.test('every operation has a summary, an example-bearing success schema and its error responses', async t => {
  const doc = JSON.parse(await openapiDocument()) as { paths: Record<string, Record<string, { summary?: string, responses: Record<string, unknown>, parameters?: Array<{ name: string }> }>> }
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      t.ok(op.summary, `${method} ${path} has a summary`)
      const codes = Object.keys(op.responses)
      if (path.startsWith('/v1')) t.ok(codes.includes('401'), `${method} ${path} documents 401`)
      if (method === 'post') {
        t.ok(codes.includes('400'), `${method} ${path} documents 400`)
        t.ok(op.parameters?.some(p => p.name === 'idempotency-key'), `${method} ${path} documents Idempotency-Key`)
      }
    }
  }
  t.ok(JSON.stringify(doc).includes('"examples"'), 'schemas carry examples')
})
