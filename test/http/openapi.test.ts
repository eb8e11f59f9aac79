import { readFileSync } from 'node:fs'
import t from 'tap'
import { openapiDocument } from '../../src/openapi-document.js'
import { COMPONENTS } from '../../src/http/schemas/components.js'

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

t.test('the named schemas are components, each used by reference and never copied inline; every $ref resolves', async t => {
  const doc = JSON.parse(await openapiDocument()) as { paths: unknown, components: { schemas: Record<string, unknown> } }
  const schemas = doc.components.schemas
  t.same(Object.keys(schemas), COMPONENTS.map(s => (s as { $id?: string }).$id), 'components.schemas holds the named schemas by their $id')
  const PREFIX = '#/components/schemas/'
  // A copy may differ in its description only (as a response's did).
  const shape = (s: object): string => JSON.stringify({ ...s, description: undefined })
  const copies = new Map(Object.entries(schemas).map(([name, s]) => [shape(s as object), name]))
  const used = new Set<string>()
  const walk = (node: unknown, at: string, inComponent: string | null): void => {
    if (node === null || typeof node !== 'object') return
    const copy = copies.get(shape(node))
    if (copy !== undefined && copy !== inComponent) t.fail(`${at} is a copy of components.schemas.${copy}: refer to it with Ref()`)
    const ref = (node as { $ref?: unknown }).$ref
    if (ref !== undefined) {
      const name = typeof ref === 'string' && ref.startsWith(PREFIX) ? ref.slice(PREFIX.length) : ''
      if (!Object.hasOwn(schemas, name)) t.fail(`${at}: $ref ${String(ref)} does not resolve to a component`)
      used.add(name)
    }
    for (const [k, v] of Object.entries(node)) walk(v, `${at}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`, inComponent)
  }
  walk(doc.paths, '#/paths', null)
  for (const [name, s] of Object.entries(schemas)) walk(s, `${PREFIX}${name}`, name)
  t.same([...used].sort(), Object.keys(schemas).sort(), 'every component is referred to')
})
