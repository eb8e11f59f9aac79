import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { connect } from '../../src/data/connect.js'
import { copyToPostgres } from '../../src/data/copy-to-postgres.js'
import { buildApp } from '../../src/http/app.js'
import { hashToken } from '../../src/services/auth-service.js'
import { verify } from '../../src/services/integrity-service.js'
import { ADMIN_TOKEN, onPostgres, TEST_SIGNER } from '../helpers.js'
import { freshPostgres, testDatabaseUrl, whileNoSchemaIsDropped, withSettings } from '../postgres.js'
import { p2wkssYear, scenarioApi } from '../scenario.js'

const postgresOnly = onPostgres ? false : 'needs the PostgreSQL pass (TEST_DATABASE_URL)'

/** A SQLite deployment with the P2WKSS year and a second group, closed. */
async function sqliteDeployment (t: Test): Promise<{ file: string, gids: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'lumbung-move-'))
  t.teardown(() => { rmSync(dir, { recursive: true, force: true }) })
  const file = join(dir, 'lumbung.sqlite')
  const api = await scenarioApi(file)
  const { gid } = await p2wkssYear(api)
  const other = (await api.post('/v1/groups', { name: 'KUBE Sari Boga', kind: 'kube' })).json.id as string
  await api.post(`/v1/groups/${other}/grants`, { date: '2005-01-20', amount: '750000', source: 'Dinas Sosial' })
  await api.post(`/v1/groups/${other}/expenses`, { date: '2005-02-01', amount: '1000', account: '5101', description: 'Materai' })
  await api.close()
  return { file, gids: [gid, other] }
}

t.test('npm run migrate-to-postgres moves a SQLite deployment in one command, and the chain heads match', { skip: postgresOnly }, async t => {
  const { file, gids } = await sqliteDeployment(t)
  const target = await freshPostgres()
  t.teardown(target.drop)
  await target.store.close()
  const url = withSettings(testDatabaseUrl(), { search_path: target.schema })
  // The command migrates the target, which reads the whole catalog: other test processes must not drop a schema then.
  const command = async (): Promise<SpawnSyncReturns<string>> => await whileNoSchemaIsDropped(() =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/migrate-to-postgres.ts', '--from', file, '--to', url], { encoding: 'utf8' }))
  const run = await command()
  t.equal(run.status, 0, run.stderr)
  t.match(run.stdout, /moved 2 group\(s\); every chain head matches/)

  const [from, to] = [connect(file), connect(url)]
  t.teardown(async () => { await from.close(); await to.close() })
  for (const gid of gids) {
    const [a, b] = [await verify(from.db, gid, { key: null }), await verify(to.db, gid, { key: null })]
    t.equal(b.valid, true)
    t.same(b.head, a.head, `${gid}: the same chain head`)
    t.match(run.stdout, new RegExp(`OK +${gid}: SQLite head ${a.head.seq} ${a.head.hash}, PostgreSQL head ${a.head.seq} ${a.head.hash}`))
  }
  // The moved deployment serves the same statements, byte for byte.
  const app = async (store: typeof from): Promise<Awaited<ReturnType<typeof buildApp>>> =>
    await buildApp({ store, env: { now: () => new Date('2006-01-15T02:00:00.000Z'), newId: p => `${p}_x`, timeZone: 'Asia/Makassar', signer: TEST_SIGNER }, adminHash: hashToken(ADMIN_TOKEN) })
  const [sa, pa] = [await app(from), await app(to)]
  t.teardown(async () => { await sa.close(); await pa.close() })
  for (const kind of ['general-ledger', 'balance-sheet', 'loan-portfolio', 'member-savings']) {
    const url = `/v1/groups/${gids[0] ?? ''}/statements/${kind}?from=2005-01-01&to=2005-12-31&format=csv`
    const [x, y] = await Promise.all([sa, pa].map(async a => await a.inject({ method: 'GET', url, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })))
    t.equal(y?.statusCode, 200)
    t.ok(y?.rawPayload.equals(x?.rawPayload ?? Buffer.alloc(0)), `${kind}.csv is the same on both`)
  }

  const again = await command()
  t.equal(again.status, 1, 'a second copy into the same database is refused')
  t.match(again.stderr, /nothing was copied: the target already holds groups/)
})

t.test('one group moves on its own, and a group already there is refused', { skip: postgresOnly }, async t => {
  const { file, gids } = await sqliteDeployment(t)
  const target = await freshPostgres()
  t.teardown(async () => { await target.store.close(); await target.drop() })
  const [first = '', second = ''] = gids
  const report = await copyToPostgres(file, target.store, second)
  t.same(report.groupIds, [second])
  t.equal(report.tables.find(r => r.table === 'journal_entries')?.rows, 2)
  t.equal(report.tables.find(r => r.table === 'idempotency_keys'), undefined, 'idempotency keys belong to no group')
  const from = connect(file)
  t.teardown(async () => { await from.close() })
  t.same((await verify(target.store.db, second, { key: null })).head, (await verify(from.db, second, { key: null })).head)
  t.equal((await target.store.db.selectFrom('groups').select('id').execute()).length, 1, 'only that group')
  await t.rejects(copyToPostgres(file, target.store, second), /already holds group/)
  await copyToPostgres(file, target.store, first)
  t.same((await verify(target.store.db, first, { key: null })).head, (await verify(from.db, first, { key: null })).head)
})
