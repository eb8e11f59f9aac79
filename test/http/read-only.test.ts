import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import t, { type Test } from 'tap'
import { connect, type Store } from '../../src/data/connect.js'
import { migrate, pendingMigrations } from '../../src/data/migrate.js'
import { buildApp } from '../../src/http/app.js'
import { hashToken } from '../../src/services/auth-service.js'
import { uuidv7, type Env } from '../../src/services/context.js'
import { ADMIN_TOKEN, apiOver, groupWithGrant, onPostgres, TEST_SIGNER, testApi } from '../helpers.js'
import { freshPostgres, testDatabaseUrl, withSettings } from '../postgres.js'
import { cookieOf } from '../web/pages.js'

const env: Env = { now: () => new Date(), newId: prefix => `${prefix}_${uuidv7()}`, timeZone: 'Asia/Makassar', signer: TEST_SIGNER }

/**
 * The books written by an ordinary server, then opened a second time read-only, as a streaming replica or a copy handed
 * to an auditor would be: `primary` writes, `replica` is the read-only store on the same database.
 */
async function primaryAndReplica (t: Test): Promise<{ primary: Store, replica: Store, url: string }> {
  if (onPostgres) {
    const { schema, store, drop } = await freshPostgres()
    const url = withSettings(testDatabaseUrl(), { search_path: schema, role: 'lumbung_app' })
    const replica = connect(url, { readOnly: true })
    t.teardown(async () => { await replica.close(); await store.close(); await drop() })
    return { primary: store, replica, url }
  }
  const dir = mkdtempSync(join(tmpdir(), 'lumbung-ro-'))
  const url = join(dir, 'lumbung.sqlite')
  const primary = connect(url)
  await migrate(primary.db)
  const replica = connect(url, { readOnly: true })
  t.teardown(async () => { await replica.close(); await primary.close(); rmSync(dir, { recursive: true, force: true }) })
  return { primary, replica, url }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function inject (app: Awaited<ReturnType<typeof buildApp>>, method: 'GET' | 'POST', url: string, body?: unknown, token = ADMIN_TOKEN): Promise<{ status: number, headers: Record<string, unknown>, json: any }> {
  const r = await app.inject({
    method, url, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) })
  })
  return { status: r.statusCode, headers: r.headers, json: r.body === '' ? null : JSON.parse(r.body) }
}

t.test('a read-only server answers every read as the primary does and refuses every write with 405, writing nothing', async t => {
  const { primary, replica } = await primaryAndReplica(t)
  const writer = await buildApp({ store: primary, env, adminHash: hashToken(ADMIN_TOKEN) })
  t.teardown(async () => { await writer.close() })
  const api = apiOver(writer, primary, async () => {})
  const groupId = await groupWithGrant(api)
  const member = (await api.post(`/v1/groups/${groupId}/members`, { name: 'Ni Made Sari' })).json.id as string
  t.equal((await api.post(`/v1/groups/${groupId}/expenses`, { date: '2025-01-15', amount: '60000', account: '5101', description: 'Konsumsi rapat' })).status, 201)
  const auditor = (await api.post('/v1/api-keys', { name: 'Pak Nyoman (pengawas)', role: 'auditor', groupIds: [groupId] })).json.key as string

  const app = await buildApp({ store: replica, env, adminHash: hashToken(ADMIN_TOKEN), readOnly: true })
  t.teardown(async () => { await app.close() })
  t.same((await inject(app, 'GET', '/health')).json, { status: 'ok', mode: 'read-only' })
  t.same((await inject(writer, 'GET', '/health')).json, { status: 'ok', mode: 'read-write' })

  const reads = [`/v1/groups/${groupId}/trial-balance`, `/v1/groups/${groupId}/verify`, `/v1/groups/${groupId}/journal-entries`,
    `/v1/groups/${groupId}/members/${member}/savings`, `/v1/groups/${groupId}/statements/balance-sheet?asOf=2025-01-31`]
  for (const url of reads) {
    const [a, b] = [await inject(writer, 'GET', url), await inject(app, 'GET', url)]
    t.equal(b.status, 200, url)
    t.same(b.json, a.json, `${url}: the same answer as the primary`)
  }
  t.equal((await inject(app, 'GET', `/v1/groups/${groupId}/verify`, undefined, auditor)).json.valid, true, 'a key the primary made reads the replica')
  const headBefore = (await inject(app, 'GET', `/v1/groups/${groupId}/verify`)).json.head
  const auditBefore = (await inject(app, 'GET', `/v1/groups/${groupId}/audit-log`)).json.items.length

  const writes: Array<[string, unknown]> = [
    [`/v1/groups/${groupId}/journal-entries`, { date: '2025-01-20', description: 'Konsumsi', lines: [{ account: '5101', debit: '1000' }, { account: '1101', credit: '1000' }] }],
    [`/v1/groups/${groupId}/members`, { name: 'Ni Luh Putu' }],
    [`/v1/groups/${groupId}/savings`, { memberId: member, kind: 'wajib', date: '2025-01-20', amount: '5000' }],
    ['/v1/groups', { name: 'Kelompok baru', kind: 'pkk' }],
    ['/v1/api-keys', { name: 'x', role: 'treasurer', groupIds: [groupId] }]
  ]
  for (const [url, body] of writes) {
    const r = await inject(app, 'POST', url, body)
    t.equal(r.status, 405, `${url}: 405`)
    t.equal(r.json.code, 'READ_ONLY')
    t.match(String(r.headers['content-type']), /^application\/problem\+json/)
    t.equal(r.headers.allow, 'GET, HEAD')
  }
  t.equal((await inject(app, 'POST', `/v1/groups/${groupId}/journal-entries`, {}, auditor)).json.code, 'FORBIDDEN', 'an auditor key is refused for its role first')
  t.same((await inject(app, 'GET', `/v1/groups/${groupId}/verify`)).json.head, headBefore, 'the chain head did not move')
  t.equal((await inject(app, 'GET', `/v1/groups/${groupId}/audit-log`)).json.items.length, auditBefore, 'nothing written, not even an audit line')

  // A read that is a POST (a loan schedule before it is granted) still works.
  const schedule = await inject(app, 'POST', `/v1/groups/${groupId}/loans/schedule-preview`, { principal: '1000000', termCount: 10, frequency: 'monthly', method: 'flat', ratePercent: '1.5', ratePer: 'month', disbursedOn: '2025-01-20' })
  t.equal(schedule.status, 200, 'a POST that only reads is answered')
  t.equal(schedule.json.totals.interest, '150000')

  // And the database itself refuses, should a write ever get past the HTTP layer.
  await t.rejects(sql`insert into groups (id, name, kind, village, created_at, actor_id, actor_name) values ('grp_x', 'x', 'pkk', null, '2025-01-01', 'a', 'a')`.execute(replica.db), 'the read-only connection refuses an insert')
})

t.test('the web pages on a read-only server show a treasurer no form', async t => {
  const { primary, replica } = await primaryAndReplica(t)
  const writer = await buildApp({ store: primary, env, adminHash: hashToken(ADMIN_TOKEN) })
  t.teardown(async () => { await writer.close() })
  const g = await inject(writer, 'POST', '/v1/groups', { name: 'Kelompok P2WKSS', kind: 'p2wkss' })
  const key = (await inject(writer, 'POST', '/v1/api-keys', { name: 'Bu Made (bendahara)', role: 'treasurer', groupIds: [g.json.id] })).json.key as string
  const app = await buildApp({ store: replica, env, adminHash: hashToken(ADMIN_TOKEN), readOnly: true })
  t.teardown(async () => { await app.close() })
  const signIn = await app.inject({ method: 'POST', url: '/masuk', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `kunci=${key}` })
  t.equal(signIn.statusCode, 303, 'sign-in works: sessions are kept in memory')
  const cookie = cookieOf(signIn)
  for (const screen of ['beranda', 'anggota', 'kas', 'rapat']) {
    const page = await app.inject({ method: 'GET', url: `/g/${g.json.id as string}/${screen}`, headers: { cookie } })
    t.ok(page.statusCode < 400, `${screen}: ${page.statusCode}`)
    t.notMatch(page.body, /<form[^>]*method="post"[^>]*action="\/g\//, `${screen}: no form that writes`)
  }
})

t.test('a read-only start checks the schema without migrating: an unmigrated database lists what it lacks', async t => {
  if (onPostgres) {
    const api = await testApi()
    t.teardown(api.close)
    t.same(await pendingMigrations(api.store.db), [], 'a migrated database lacks nothing')
    return
  }
  const dir = mkdtempSync(join(tmpdir(), 'lumbung-ro-'))
  t.teardown(() => { rmSync(dir, { recursive: true, force: true }) })
  const url = join(dir, 'empty.sqlite')
  const empty = connect(url)
  const names = await pendingMigrations(empty.db)
  t.ok(names.length >= 7 && names[0]?.startsWith('0001'), `an empty file lacks every migration (${names.join(', ')})`)
  await migrate(empty.db)
  t.same(await pendingMigrations(empty.db), [])
  await empty.close()
  const replica = connect(url, { readOnly: true })
  t.same(await pendingMigrations(replica.db), [], 'and reading that needs no write')
  await replica.close()
})
