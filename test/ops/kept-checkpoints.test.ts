import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import SQLite from 'better-sqlite3'
import t from 'tap'
import { startNode } from '../../scripts/lib/children.js'
import { SERVER_SCRIPT } from '../../scripts/lib/server-command.js'
import { sqliteOnly } from '../helpers.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const TOKEN = 'kept-checkpoints-token-123'

/*
 * The server keeps a signed checkpoint of every group outside the database and checks the books against them at the
 * next start. A tail of entries deleted from the database file together with everything that pointed at them leaves
 * nothing inside the database to contradict it; the kept checkpoint does.
 */
t.test('the newest entry deleted from the file, with its lines, event and daily totals, stops the next start', { skip: sqliteOnly }, async t => {
  const dir = mkdtempSync(join(tmpdir(), 'lumbung-kept-'))
  t.teardown(() => { rmSync(dir, { recursive: true, force: true }) })
  const file = join(dir, 'ledger.sqlite')
  const env = { DATABASE_URL: file, SIGNING_KEY_FILE: join(dir, 'signing.key'), ADMIN_TOKEN: TOKEN, LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '0' }
  const server = await startNode({ cwd: ROOT, script: SERVER_SCRIPT, env, healthPath: '/health', startMs: 60_000 })
  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number, json: { id?: string } }> => {
    const r = await fetch(`${server.base}${path}`, { method, headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
    return { status: r.status, json: await r.json() as { id?: string } }
  }
  const g = await call('POST', '/v1/groups', { name: 'Kelompok Melati', kind: 'pkk', village: 'Sukamaju' })
  const gid = g.json.id ?? ''
  t.equal((await call('POST', `/v1/groups/${gid}/grants`, { date: '2025-01-10', amount: '2500000', source: 'Dinas' })).status, 201)
  const last = await call('POST', `/v1/groups/${gid}/expenses`, { date: '2025-01-20', amount: '60000', account: '5101', description: 'Konsumsi rapat' })
  t.equal(last.status, 201)
  t.same(await server.stop(), { code: 0, signal: null }, 'a clean shutdown')
  const keptFile = `${file}.checkpoints.json`
  t.ok(existsSync(keptFile), 'the checkpoints are kept beside the database file')
  const kept = JSON.parse(readFileSync(keptFile, 'utf8')) as { groups: Record<string, { checkpoint: { seq: number } }> }
  t.equal(kept.groups[gid]?.checkpoint.seq, 2, 'as of the last entry, written at shutdown')

  // Restarted as it is, the books pass through their kept checkpoints.
  const again = await startNode({ cwd: ROOT, script: SERVER_SCRIPT, env, healthPath: '/health', startMs: 60_000 })
  await again.stop()

  const db = new SQLite(file)
  for (const r of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as Array<{ name: string }>) db.exec(`DROP TRIGGER "${r.name}"`)
  const id = last.json.id ?? ''
  db.prepare(`UPDATE account_daily_totals SET debit = debit - coalesce((SELECT sum(debit) FROM journal_lines l WHERE l.entry_id = ? AND l.account_code = account_daily_totals.account_code), 0),
    credit = credit - coalesce((SELECT sum(credit) FROM journal_lines l WHERE l.entry_id = ? AND l.account_code = account_daily_totals.account_code), 0) WHERE date = '2025-01-20'`).run(id, id)
  db.exec("DELETE FROM account_daily_totals WHERE debit = 0 AND credit = 0")
  db.prepare('DELETE FROM journal_lines WHERE entry_id = ?').run(id)
  db.prepare('DELETE FROM journal_entries WHERE id = ?').run(id)
  db.prepare('DELETE FROM events WHERE entity_id = ?').run(id)
  db.close()

  const refused = spawnSync(process.execPath, ['--import', 'tsx', SERVER_SCRIPT], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env, PORT: '0' }, encoding: 'utf8', timeout: 60_000 })
  t.equal(refused.status, 1, 'the server refuses to serve the shortened books')
  t.match(refused.stdout, /the books do not verify/)
  t.match(refused.stdout, /checkpoints/)
  t.match(refused.stdout, /entries were deleted/)
  const tail = spawnSync(process.execPath, ['--import', 'tsx', SERVER_SCRIPT], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env, PORT: '0', STARTUP_CHECK: 'tail' }, encoding: 'utf8', timeout: 60_000 })
  t.equal(tail.status, 1, 'the quick start-up check catches it too')
  t.match(tail.stdout, /no longer pass through the checkpoint the service kept/)
})
