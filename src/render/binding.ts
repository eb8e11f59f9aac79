import { createHash } from 'node:crypto'
import type { Lang, Printable } from '../domain/statements/model.js'
import { renderCsv } from './csv.js'

/*
 * What binds a printed statement to the books: its PDF carries, in its document information, the signed checkpoint of
 * the books it was computed from and the SHA-256 of the same statement's CSV in the same language. The offline
 * verifier recomputes the statement from the journal and the record chain, renders its CSV, and checks both, then
 * reads the PDF's text and finds every figure of it there, in order.
 */
export const PDF_CHECKPOINT_KEY = 'LumbungCheckpoint'
export const PDF_DIGEST_KEY = 'LumbungStatement'

export function statementDigest (s: Printable, lang: Lang): string {
  return createHash('sha256').update(renderCsv(s, lang)).digest('hex')
}
