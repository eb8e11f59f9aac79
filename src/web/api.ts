import type { FastifyInstance } from 'fastify'
import { createHash, randomBytes } from 'node:crypto'
import type { ErrorCode } from '../domain/errors.js'
import type { WebSession } from '../services/session-service.js'
import { fieldSentence, SENTENCE } from './messages.js'
import type { FormState } from './layout.js'

/**
 * The web pages speak to /v1 in-process (app.inject) with the session's internal bearer token, so every read and
 * write goes through the same routes, validation, role checks, idempotency, audit log and actor as any API client.
 */
export interface Problem { code: ErrorCode, detail: string, status: number, errors: Array<{ path: string, message: string }> }
export interface Answer<T> { status: number, json: T, problem: Problem | null, replayed: boolean }

export class ApiFailure extends Error {
  constructor (readonly problem: Problem) { super(problem.detail) }
}

export class Api {
  constructor (private readonly app: FastifyInstance, private readonly session: WebSession) {}

  /** A GET that must succeed; a refusal becomes an ApiFailure (the error page, or sign-in for a 401). */
  async get<T> (url: string): Promise<T> {
    const a = await this.send<T>('GET', url)
    if (a.problem !== null) throw new ApiFailure(a.problem)
    return a.json
  }

  /**
   * A POST with its idempotency key; a refusal comes back as `problem`, for the form to show. A preview of something
   * that depends on the books as they are now goes without a key, so that no answer of an earlier moment is replayed.
   */
  async post<T> (url: string, body: unknown, idempotencyKey?: string): Promise<Answer<T>> {
    return await this.send<T>('POST', url, body, idempotencyKey)
  }

  /** A file (statement, audit bundle) as the API sends it. */
  async file (url: string): Promise<{ status: number, body: Buffer, type: string, disposition: string | null, problem: Problem | null }> {
    const r = await this.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${this.session.internalToken}` } })
    const type = String(r.headers['content-type'] ?? 'application/octet-stream')
    const disposition = r.headers['content-disposition']
    return {
      status: r.statusCode, body: r.rawPayload, type, disposition: typeof disposition === 'string' ? disposition : null,
      problem: r.statusCode >= 400 ? r.json() as Problem : null
    }
  }

  private async send<T> (method: 'GET' | 'POST', url: string, body?: unknown, idempotencyKey?: string): Promise<Answer<T>> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.session.internalToken}` }
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey
    const r = await this.app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) })
    const json = r.body === '' ? null : JSON.parse(r.body) as unknown
    return {
      status: r.statusCode,
      json: json as T,
      problem: r.statusCode >= 400 ? json as Problem : null,
      replayed: r.headers['idempotent-replayed'] === 'true'
    }
  }
}

/** A fresh key for a form, written into it when it is rendered. */
export function newFormKey (): string {
  return `web-${randomBytes(16).toString('base64url')}`
}

/**
 * The idempotency key of one write of a form: the form's key, the part, and a digest of what is sent. The same form
 * sent twice (a double tap, a resend after a dropped connection) sends the same keys and is replayed; a form corrected
 * after a refusal sends a new body, hence a new key, instead of replaying the refusal.
 */
export function partKey (formKey: string, part: string, body: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 22)
  return `${formKey.slice(0, 60)}:${part.slice(0, 60)}:${digest}`
}

/**
 * Puts a refusal into a form: each field error next to its field (`fields` maps an API path such as /body/amount to
 * the form's field name), the code's sentence next to `codeField[code]` or at the top of the form.
 */
export function refusalInto (f: FormState, p: Problem, fields: Record<string, string>, codeField: Partial<Record<ErrorCode, string>> = {}): void {
  const sentence = SENTENCE[p.code] ?? SENTENCE.INTERNAL
  let placed = false
  for (const e of p.errors) {
    const name = fields[e.path]
    if (name !== undefined) { f.errors[name] = fieldSentence(e.message); placed = true }
  }
  const at = codeField[p.code]
  if (at !== undefined) { f.errors[at] = sentence; placed = true }
  if (!placed) f.banner = sentence
  else f.banner ??= 'Ada isian yang belum benar. Periksa kolom yang ditandai.'
}
