import type { FastifyInstance } from 'fastify'
import { connect, type Store } from '../src/data/connect.js'
import { migrate } from '../src/data/migrate.js'
import { buildApp, type AppOptions } from '../src/http/app.js'
import { hashToken } from '../src/services/auth-service.js'
import { uuidv7, type Env } from '../src/services/context.js'
import { signerFromSeed } from '../src/services/signing-key.js'
import { cleanPostgres, onPostgres } from './postgres.js'
import { expectStatus, urlOf, type Method, type PathsWith, type Request, type TypedAnswer } from './typed-call.js'

export { onPostgres, sqliteOnly } from './postgres.js'
export { expectStatus } from './typed-call.js'

export const ADMIN_TOKEN = 'test-admin-token-0123456789'

/** The tests' signing key: a fixed seed, so signed checkpoints (and files that carry them) are the same every run. */
export const TEST_SIGNER = signerFromSeed(Uint8Array.from({ length: 32 }, (_, i) => i + 1))

/**
 * An untyped answer: for requests the document does not describe on purpose (hostile input, malformed URLs, the
 * bad-input campaign) and for the older tests; a documented route is better called with `api.call`, typed.
 */
export interface Answer {
  status: number
  headers: Record<string, unknown>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any
}

export interface Api {
  app: FastifyInstance
  store: Store
  get: (url: string, token?: string | null) => Promise<Answer>
  post: (url: string, body: unknown, headers?: Record<string, string>) => Promise<Answer>
  /** A documented route, typed by the OpenAPI document: `api.call('post', '/v1/groups/{groupId}/loans', { params: { groupId }, body })`. */
  call: <M extends Method, P extends PathsWith<M>>(method: M, path: P, request: Request<P, M>) => Promise<TypedAnswer<P, M>>
  close: () => Promise<void>
}

/**
 * A fresh app on a fresh, migrated database: in memory unless a SQLite path is given, or on the PostgreSQL pass a
 * migrated schema of its own, emptied for it (the schema is migrated once per test process; see cleanPostgres).
 */
export async function testApi (opts: { database?: string, env?: Partial<Env>, app?: Partial<AppOptions> } = {}): Promise<Api> {
  const { store, release } = opts.database === undefined && onPostgres ? await cleanPostgres() : await freshSqlite(opts.database ?? ':memory:')
  const env: Env = { now: () => new Date(), newId: prefix => `${prefix}_${uuidv7()}`, timeZone: 'Asia/Makassar', signer: TEST_SIGNER, ...opts.env }
  const app = await buildApp({ store, env, adminHash: hashToken(ADMIN_TOKEN), ...opts.app })
  return apiOver(app, store, async () => { await app.close(); await store.close(); await release() })
}

/** The test client over an app already built (as the read-only test builds its own): `close` is what closing it does. */
export function apiOver (app: FastifyInstance, store: Store, close: () => Promise<void>): Api {
  const auth = (token: string | null | undefined): Record<string, string> =>
    token === null ? {} : { authorization: `Bearer ${token ?? ADMIN_TOKEN}` }
  const parse = (r: { statusCode: number, headers: Record<string, unknown>, body: string }): Answer =>
    ({ status: r.statusCode, headers: r.headers, json: r.body === '' ? null : JSON.parse(r.body) })
  return {
    app,
    store,
    get: async (url, token) => parse(await app.inject({ method: 'GET', url, headers: auth(token) })),
    post: async (url, body, headers = {}) => parse(await app.inject({
      method: 'POST', url, headers: { ...auth(undefined), 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body)
    })),
    call: async (method, path, request) => {
      const r = request as { params?: Record<string, unknown>, query?: Record<string, unknown>, body?: unknown, token?: string | null, headers?: Record<string, string> }
      const body = r.body === undefined ? {} : { payload: JSON.stringify(r.body) }
      const answer = await app.inject({
        method: method === 'get' ? 'GET' : method === 'post' ? 'POST' : 'DELETE',
        url: urlOf(path, r.params, r.query),
        headers: { ...auth(r.token), ...(r.body === undefined ? {} : { 'content-type': 'application/json' }), ...r.headers },
        ...body
      })
      return parse(answer) as never
    },
    close
  }
}

async function freshSqlite (database: string): Promise<{ store: Store, release: () => Promise<void> }> {
  const store = connect(database)
  await migrate(store.db)
  return { store, release: async () => {} }
}

/** A P2WKSS group with its Rp 2.500.000 grant posted; returns the group id. */
export async function groupWithGrant (api: Api, amount = '2500000'): Promise<string> {
  const group = expectStatus(await api.call('post', '/v1/groups', { body: { name: 'P2WKSS Abiansemal', kind: 'p2wkss', village: 'Abiansemal' } }), 201)
  expectStatus(await api.call('post', '/v1/groups/{groupId}/grants', { params: { groupId: group.id }, body: { date: '2025-01-10', amount, source: 'Pemkab Badung' } }), 201)
  return group.id
}
