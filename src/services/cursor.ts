import { DomainError } from '../domain/errors.js'

/**
 * The page cursor of a list: opaque to clients (base64url of `seq:<n>`), so the way a list is paged may change without
 * breaking them. A cursor the API did not give out is refused rather than read as the start.
 */
export function encodeCursor (seq: number): string {
  return Buffer.from(`seq:${seq}`, 'utf8').toString('base64url')
}

/** The seq a cursor resumes after: 0 without one. */
export function decodeCursor (cursor: string | undefined): number {
  if (cursor === undefined) return 0
  const m = /^seq:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  if (m === null) throw new DomainError('VALIDATION_FAILED', 'cursor is not one this API gave out', [{ path: 'cursor', message: 'unknown cursor' }])
  return Number(m[1])
}
