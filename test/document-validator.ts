import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { isIsoDate } from '../src/domain/dates.js'

const PREFIX = '#/components/schemas/'

/**
 * A validator for the OpenAPI document's schemas, as a client reading the document would check an answer: the document
 * is OpenAPI 3.1, so its schemas are JSON Schema 2020-12; dates are checked as the server checks them; each component
 * is a schema of its own (`/components/Name`), so that a $ref resolves without compiling the whole document.
 */
export function documentValidator (doc: { components: { schemas: Record<string, unknown> } }): { ajv: Ajv2020, rebased: (schema: unknown) => object } {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true })
  addFormats.default(ajv)
  ajv.addFormat('date', { type: 'string', validate: isIsoDate })
  // OpenAPI's own keywords, annotations here: the document's discriminators carry a mapping Ajv's would refuse, and
  // each oneOf is exact without one (every variant has its own tag).
  for (const keyword of ['example', 'discriminator']) ajv.addKeyword(keyword)
  const rebase = (node: unknown): unknown => Array.isArray(node)
    ? node.map(rebase)
    : node !== null && typeof node === 'object'
      ? Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith(PREFIX) ? `/components/${v.slice(PREFIX.length)}` : rebase(v)]))
      : node
  for (const [name, schema] of Object.entries(doc.components.schemas)) ajv.addSchema(rebase(schema) as object, `/components/${name}`)
  return { ajv, rebased: schema => rebase(schema) as object }
}
