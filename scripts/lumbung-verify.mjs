#!/usr/bin/env node
// The lumbung-verify command: loads tsx so the TypeScript verifier runs as it is, with no build step.
import { register } from 'tsx/esm/api'

register()
await import('./lumbung-verify.ts')
