import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { generateClientTypes, SCHEMA_FILE } from '../src/client/generate.js'

/** npm run client:generate: writes src/client/generated/schema.d.ts (the typed client's paths) from openapi/openapi.json. */
await writeFile(SCHEMA_FILE, await generateClientTypes())
process.stdout.write(`wrote ${fileURLToPath(SCHEMA_FILE)}\n`)
