// npm run build:verifier (also run by `npm ci` and `npm install`, through "prepare"): bundles the auditor's verifier
// (scripts/lumbung-verify.ts and the pure code it runs: src/verifier, src/domain, the CSV renderer) into one file,
// dist/lumbung-verify.mjs, that runs with plain `node dist/lumbung-verify.mjs bundle.zip` on a machine with Node and
// nothing else: no checkout, no node_modules, no tsx. Plain JavaScript, so that it runs before anything is compiled.
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const outfile = process.argv[2] ?? `${root}dist/lumbung-verify.mjs`
await build({
  entryPoints: [`${root}scripts/lumbung-verify.ts`],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'eof',
  banner: { js: '#!/usr/bin/env node\n// lumbung-verify: the offline check of a Lumbung audit bundle (built by scripts/build-verifier.mjs; see docs/AUDIT.md).' },
  logLevel: 'warning'
})
process.stdout.write(`built ${outfile}\n`)
