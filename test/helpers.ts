import type { FastifyInstance } from 'fastify'
import { connect, type Store } from '../src/data/connect.js'
import { migrate } from '../src/data/migrate.js'
import { buildApp, type AppOptions } from '../src/http/app.js'
import { hashToken } from '../src/services/auth-service.js'
import { uuidv7, type Env } from '../src/services/context.js'
import { signerFromSeed } from '../src/services/signing-key.js'
import { cleanPostgres, onPostgres } from './postgres.js'

export { onPostgres, sqliteOnly } from './postgres.js'

export const ADMIN_TOKEN = 'test-admin-token-0123456789'

/** The tests' signing key: a fixed seed, so signed checkpoints (and files that carry them) are the same every run. */
export const TEST_SIGNER = signerFromSeed(Uint8Array.from({ length: 32 }, (_, i) => i + 1))

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
    close: async () => { await app.close(); await store.close(); await release() }
  }
}

async function freshSqlite (database: string): Promise<{ store: Store, release: () => Promise<void> }> {
  const store = connect(database)
  await migrate(store.db)
  return { store, release: async () => {} }
}

/** A P2WKSS group with its Rp 2.500.000 grant posted; returns the group id. */
export async function groupWithGrant (api: Api, amount = '2500000'): Promise<string> {
  const g = await api.post('/v1/groups', { name: 'P2WKSS Abiansemal', kind: 'p2wkss', village: 'Abiansemal' })
  if (g.status !== 201) throw new Error(`group: ${g.status}`)
  const grant = await api.post(`/v1/groups/${g.json.id as string}/grants`, { date: '2025-01-10', amount, source: 'Pemkab Badung' })
  if (grant.status !== 201) throw new Error(`grant: ${grant.status} ${JSON.stringify(grant.json)}`)
  return g.json.id as string
}
