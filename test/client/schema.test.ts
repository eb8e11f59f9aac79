import { readFileSync } from 'node:fs'
import t from 'tap'
import { generateClientTypes, SCHEMA_FILE } from '../../src/client/generate.js'

t.test('src/client/schema.ts is what openapi/openapi.json says (run npm run client:generate after npm run openapi)', async t => {
  t.equal(readFileSync(SCHEMA_FILE, 'utf8'), await generateClientTypes())
})
