import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { invalid } from '../../domain/errors.js'

/**
 * The JSON pointer of the first string in `value` that is not text both databases store as sent, or null: a lone
 * surrogate (not well-formed UTF-16; SQLite would store U+FFFD) or a NUL character (PostgreSQL's text cannot hold it).
 */
export function illFormed (value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') || /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value) ? path : null
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) { const p = illFormed(v, `${path}/${i}`); if (p !== null) return p }
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) { const p = illFormed(v, `${path}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`); if (p !== null) return p }
  }
  return null
}

/**
 * Text must be stored exactly as sent, or the entry would no longer match its hash: a lone surrogate would become
 * U+FFFD in SQLite, and PostgreSQL refuses NUL. Refused as malformed input on both, naming the field.
 */
export const textGuard = fp(async (api: FastifyInstance) => {
  api.addHook('preHandler', async req => {
    const bad = illFormed(req.body, '/body')
    if (bad !== null) throw invalid(bad, 'must be well-formed Unicode text (no lone surrogate, no NUL character)')
  })
}, { name: 'lumbung-text-guard' })
