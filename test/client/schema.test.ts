import { readFileSync } from 'node:fs'
import t from 'tap'
import { generateClientTypes, SCHEMA_FILE } from '../../src/client/generate.js'
import { openapiDocument } from '../../src/openapi-document.js'

// With test/http/openapi.test.ts (the committed document is the one the route schemas make): npm run openapi, run
// now, would write exactly the committed files.
t.test('src/client/generated/schema.d.ts is the client generated, in memory, from the route schemas\' document (run npm run openapi)', async t => {
  t.equal(readFileSync(SCHEMA_FILE, 'utf8'), await generateClientTypes(await openapiDocument()))
})
