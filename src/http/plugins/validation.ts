import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { isIsoDate } from '../../domain/dates.js'
import { COMPONENTS } from '../schemas/components.js'

function makeAjv (coerce: boolean): Ajv {
  const ajv = new Ajv({
    // Every field at fault is reported at once, so a form can mark them all; arrays and strings are bounded by the schemas.
    allErrors: true,
    coerceTypes: coerce ? 'array' : false,
    useDefaults: true,
    removeAdditional: false,
    discriminator: true,
    strict: false
  })
  addFormats.default(ajv)
  ajv.addFormat('date', { type: 'string', validate: isIsoDate })
  // The named schemas ($ref): this Ajv, not Fastify's, validates the requests, so it must know them too.
  for (const schema of COMPONENTS) ajv.addSchema(schema)
  return ajv
}

/**
 * Request validation: bodies strictly (a number where a string of digits belongs is refused, not coerced); query
 * strings and path parameters are text by nature, so they may be coerced. The named schemas serve the response
 * serialiser and the OpenAPI document too.
 */
export const validation = fp(async (app: FastifyInstance) => {
  const strict = makeAjv(false)
  const lenient = makeAjv(true)
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : lenient).compile(schema))
  for (const schema of COMPONENTS) app.addSchema(schema)
}, { name: 'lumbung-validation' })
