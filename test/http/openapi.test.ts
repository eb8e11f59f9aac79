import { readFileSync } from 'node:fs'
import t from 'tap'
import { openapiDocument } from '../../src/openapi-document.js'
import { COMPONENTS } from '../../src/http/schemas/components.js'
import { documentValidator } from '../document-validator.js'

// Built once for the file: each build starts an app on a fresh database.
const generated = openapiDocument()

t.test('openapi/openapi.json is what the route schemas say (run npm run openapi after changing a route)', async t => {
  const committed = readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')
  t.equal(committed, await generated)
})

t.test('every operation has a summary, an example-bearing success schema and its error responses', async t => {
  const doc = JSON.parse(await generated) as { paths: Record<string, Record<string, { summary?: string, responses: Record<string, unknown>, parameters?: Array<{ name: string }> }>> }
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
  const doc = JSON.parse(await generated) as { paths: unknown, webhooks?: unknown, components: { schemas: Record<string, unknown> } }
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
  walk(doc.webhooks, '#/webhooks', null)
  for (const [name, s] of Object.entries(schemas)) walk(s, `${PREFIX}${name}`, name)
  t.same([...used].sort(), Object.keys(schemas).sort(), 'every component is referred to')
})

interface Operation { operationId?: string, tags?: string[] }
interface Document {
  servers?: Array<{ url: string, description?: string }>
  tags: Array<{ name: string, description?: string }>
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, unknown> }
}
const operations = (doc: Document): Array<[string, Operation]> =>
  Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]): [string, Operation] => [`${method} ${path}`, op]))

t.test('every operation has an operationId a client generator can name a function by: camelCase and unique', async t => {
  const doc = JSON.parse(await generated) as Document
  const seen = new Map<string, string>()
  for (const [name, op] of operations(doc)) {
    const id = op.operationId
    if (id === undefined) { t.fail(`${name} has no operationId`); continue }
    t.match(id, /^[a-z][A-Za-z0-9]+$/, `${name}: operationId ${id} is camelCase`)
    if (seen.has(id)) t.fail(`${name} and ${seen.get(id)} share the operationId ${id}`)
    seen.set(id, name)
  }
  t.ok(seen.size > 50, 'the operations were found')
})

t.test('the document names its server, and every operation\'s tags are declared once with a description', async t => {
  const doc = JSON.parse(await generated) as Document
  t.ok(doc.servers?.length === 1 && doc.servers[0]?.description, 'one server, described')
  const declared = new Map(doc.tags.map(tag => [tag.name, tag.description]))
  t.equal(declared.size, doc.tags.length, 'no tag is declared twice')
  for (const [name, description] of declared) t.ok(description, `tag ${name} has a description`)
  const used = new Set<string>()
  for (const [name, op] of operations(doc)) {
    t.ok(op.tags?.length, `${name} has a tag`)
    for (const tag of op.tags ?? []) {
      t.ok(declared.has(tag), `${name}: tag ${tag} is declared`)
      used.add(tag)
    }
  }
  t.same([...declared.keys()].filter(tag => !used.has(tag)), [], 'every declared tag is used')
})

t.test('every example in the document validates against the schema it illustrates', async t => {
  const doc = JSON.parse(await generated) as Document
  const { ajv, rebased } = documentValidator(doc)

  // A schema's own `examples` (an array) and `example`; a media type's or parameter's `example` or `examples` (a map
  // of Example objects) illustrate the `schema` beside them.
  const cases: Array<{ at: string, schema: unknown, example: unknown }> = []
  const escape = (k: string): string => k.replaceAll('~', '~0').replaceAll('/', '~1')
  const walk = (node: unknown, at: string): void => {
    if (node === null || typeof node !== 'object') return
    const o = node as Record<string, unknown>
    if (!Array.isArray(node)) {
      const illustrated = 'schema' in o ? o.schema : o
      if (Array.isArray(o.examples)) o.examples.forEach((example, i) => cases.push({ at: `${at}/examples/${i}`, schema: o, example }))
      else if (o.examples !== null && typeof o.examples === 'object' && 'schema' in o) {
        for (const [k, e] of Object.entries(o.examples)) cases.push({ at: `${at}/examples/${escape(k)}`, schema: o.schema, example: (e as { value?: unknown }).value })
      }
      if ('example' in o) cases.push({ at: `${at}/example`, schema: illustrated, example: o.example })
    }
    for (const [k, v] of Object.entries(o)) walk(v, `${at}/${escape(k)}`)
  }
  walk(doc.paths, '#/paths')
  walk(doc.components, '#/components')
  t.ok(cases.length > 100, `${cases.length} examples found`)
  for (const { at, schema, example } of cases) {
    const validate = ajv.compile(rebased(schema))
    t.ok(validate(example), `${at}: ${JSON.stringify(example)} ${validate.errors === null || validate.errors === undefined ? '' : ajv.errorsText(validate.errors)}`)
  }
})
