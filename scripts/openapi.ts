import { writeFileSync } from 'node:fs'
import { openapiDocument } from '../src/openapi-document.js'

/** npm run openapi: writes openapi/openapi.json from the route schemas. */
const target = new URL('../openapi/openapi.json', import.meta.url)
writeFileSync(target, await openapiDocument())
process.stdout.write(`wrote ${target.pathname}\n`)
