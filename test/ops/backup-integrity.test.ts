import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import t from 'tap'
import { backupSqlite, restoreSqlite } from '../../src/data/backup.js'
import { connect } from '../../src/data/connect.js'
import { verify } from '../../src/services/integrity-service.js'
import * as reads from '../../src/services/ledger-reads.js'
import { checkAtStart } from '../../src/services/integrity-service.js'
import { groupWithGrant, testApi, sqliteOnly } from '../helpers.js'

const scratch = (t: { teardown: (fn: () => void) => void }): string => {
  const dir = mkdtempSync(join(tmpdir(), 'lumbung-ops-'))
  t.teardown(() => { rmSync(dir, { recursive: true, force: true }) })
  return dir
}

t.test('an online backup taken under load restores to a ledger that verifies', { skip: sqliteOnly }, async t => {
  const dir = scratch(t)
  const live = join(dir, 'live.sqlite')
  const api = await testApi({ database: live })
  const gid = await groupWithGrant(api, '100000000')
  const writes = Promise.all(Array.from({ length: 200 }, async (_, i) =>
    await api.post(`/v1/groups/${gid}/expenses`, { date: '2025-01-20', amount: String(1000 + i), account: '5101', description: `beban ${i}` })))
  const backup = join(dir, 'backup.sqlite')
  const taken = await backupSqlite(live, backup)
  t.ok(taken.pages > 0)
  const answers = await writes
  t.ok(answers.every(a => a.status === 201))
  await t.rejects(backupSqlite(live, backup), /exists/, 'a backup never overwrites a file')
  t.throws(() => restoreSqlite(backup, live, new Date()), /in use/, 'the restore refuses while the server holds the ledger')
  await api.close()

  const restored = join(dir, 'restored.sqlite')
  t.same(restoreSqlite(backup, restored, new Date()), { replaced: null })
  const store = connect(restored)
  t.teardown(async () => { await store.close() })
  const v = await verify(store.db, gid, { key: null })
  t.ok(v.valid, v.problem ?? 'valid')
  t.ok(v.entries >= 1 && v.entries <= 201, `the backup holds one committed state (${v.entries} entries)`)
  const tb = await reads.trialBalance(store.db, gid, '2025-12-31')
  t.equal(tb.totals.debit, tb.totals.credit)

  const replacedLive = restoreSqlite(backup, live, new Date('2025-02-01T00:00:00Z'))
  t.match(replacedLive.replaced, /live\.sqlite\.before-restore-2025-02-01T00-00-00-000Z$/)
})

t.test('the server refuses to serve a ledger whose chain was tampered with, and says why', { skip: sqliteOnly }, async t => {
  const dir = scratch(t)
  const file = join(dir, 'ledger.sqlite')
  const api = await testApi({ database: file })
  const gid = await groupWithGrant(api)
  for (const d of ['11', '12', '13']) await api.post(`/v1/groups/${gid}/expenses`, { date: `2025-01-${d}`, amount: '1000', account: '5101', description: d })
  await api.close()
  const store = connect(file)
  t.same(await checkAtStart(store.db, { key: null }), { ok: true, groups: 1, problem: null, findings: [] })
  await store.close()

  const db = new SQLite(file)
  db.exec('DROP TRIGGER journal_entries_no_update')
  db.prepare('UPDATE journal_entries SET description = ? WHERE seq = 3').run('diubah')
  db.close()
  const again = connect(file)
  t.match(await checkAtStart(again.db, { key: null }), { ok: false, problem: { groupId: gid, seq: 3 } })
  t.match(await checkAtStart(again.db, { key: null, mode: 'tail' }), { ok: false, problem: { groupId: gid, seq: 3 } }, 'the quick check at start finds it too')
  await again.close()

  const server = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, DATABASE_URL: file, PORT: '0', ADMIN_TOKEN: 'integrity-test-token-123', LOG_LEVEL: 'info' },
    encoding: 'utf8',
    timeout: 60_000
  })
  t.equal(server.status, 1, 'the server exits instead of serving')
  t.match(server.stdout, /the books do not verify/)
  t.match(server.stdout, /"seq":3/)
})
