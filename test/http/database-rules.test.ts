import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import t from 'tap'
import { groupWithGrant, testApi, sqliteOnly } from '../helpers.js'

t.test('the database itself refuses to change or delete the journal, or to post an unbalanced entry', { skip: sqliteOnly }, async t => {
  const dir = mkdtempSync(join(tmpdir(), 'lumbung-'))
  t.teardown(() => { rmSync(dir, { recursive: true, force: true }) })
  const file = join(dir, 'ledger.sqlite')
  const api = await testApi({ database: file })
  const gid = await groupWithGrant(api)
  await api.post(`/v1/groups/${gid}/members`, { name: 'Ni Wayan Sari' })
  await api.close()

  const db = new SQLite(file)
  t.teardown(() => { db.close() })
  db.pragma('foreign_keys = ON')
  t.throws(() => db.prepare('UPDATE journal_lines SET debit = 1 WHERE debit > 0').run(), /append-only/)
  t.throws(() => db.prepare('UPDATE journal_entries SET description = \'x\'').run(), /append-only/)
  t.throws(() => db.prepare('DELETE FROM journal_lines').run(), /append-only/)
  t.throws(() => db.prepare('DELETE FROM journal_entries').run(), /append-only/)

  const head = db.prepare('SELECT seq, hash, turnover FROM journal_entries WHERE group_id = ? ORDER BY seq DESC LIMIT 1').get(gid) as { seq: number, hash: string, turnover: number }
  const insertLine = db.prepare('INSERT INTO journal_lines (entry_id, line_no, group_id, seq, date, account_code, debit, credit) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
  const insertEntry = db.prepare(`INSERT INTO journal_entries (id, group_id, seq, date, description, total, line_count, actor_id, actor_name, created_at, prev_hash, hash, turnover, kind, source_id, hash_version)
    VALUES (?, ?, ?, '2025-01-20', 'x', ?, 2, 'a', 'a', 'now', ?, ?, ?, ?, ?, ?)`)
  // Each attempt breaks one rule; its turnover is what the turnover rule expects, unless that is the rule broken.
  const attempt = (id: string, debit: number, credit: number, seq: number, prev: string, turnover = (seq === head.seq + 1 ? head.turnover : 0) + debit,
    kind: { kind: string, source: string | null, version: number } = { kind: 'manual', source: null, version: 2 }, account = '5101', member: string | null = null): void => {
    db.transaction(() => {
      db.prepare('INSERT INTO journal_lines (entry_id, line_no, group_id, seq, date, account_code, debit, credit, member_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(id, 1, gid, seq, '2025-01-20', account, debit, 0, member)
      insertLine.run(id, 2, gid, seq, '2025-01-20', '1101', 0, credit)
      insertEntry.run(id, gid, seq, debit, prev, id.padEnd(64, '0'), turnover, kind.kind, kind.source, kind.version)
    })()
  }
  t.throws(() => { attempt('bad1', 100, 90, head.seq + 1, head.hash) }, /does not balance/)
  t.throws(() => { attempt('bad2', 100, 100, head.seq + 2, head.hash) }, /seq must follow/)
  t.throws(() => { attempt('bad3', 100, 100, head.seq + 1, '1'.repeat(64)) }, /prev_hash/)
  t.throws(() => { attempt('bad6', 100, 100, head.seq + 1, head.hash, 100) }, /turnover/, 'the running total must carry on from the previous entry')
  t.throws(() => { attempt('bad7', 100, 100, head.seq + 1, head.hash, undefined, { kind: 'manual', source: null, version: 1 }) }, /hash version may not go back/, 'an entry in the older hashed form after a newer one')
  t.throws(() => { attempt('bad8', 100, 100, head.seq + 1, head.hash, undefined, { kind: 'repayment', source: null, version: 2 }) }, /kind, source and reversal must fit/, 'a repayment entry names its repayment')
  t.throws(() => { attempt('bad9', 100, 100, head.seq + 1, head.hash, undefined, { kind: 'manual', source: 'lon_x', version: 2 }) }, /kind, source and reversal must fit/, 'a hand-made entry belongs to no record')
  t.throws(() => { attempt('bad10', 100, 100, head.seq + 1, head.hash, undefined, undefined, '2101') }, /names its member/, 'an untagged line on 2101 Simpanan Sukarela')
  for (const table of ['groups', 'accounts', 'members', 'funds', 'records']) {
    const column = table === 'groups' ? 'id' : 'group_id'
    t.throws(() => db.prepare(`UPDATE ${table} SET ${column} = ${column}`).run(), /append-only/, `${table} cannot be changed`)
    t.throws(() => db.prepare(`DELETE FROM ${table}`).run(), /append-only/, `${table} cannot be deleted from`)
  }
  t.throws(() => db.prepare('INSERT INTO journal_lines (entry_id, line_no, group_id, seq, date, account_code, debit, credit) SELECT id, 9, group_id, seq, date, \'1101\', 1, 0 FROM journal_entries LIMIT 1').run(), /posted entry/)
  t.throws(() => {
    db.transaction(() => { insertLine.run('bad4', 1, gid, head.seq + 1, '2025-01-20', '9999', 100, 0) })()
  }, /FOREIGN KEY/, 'a line on an account outside the chart')
  t.throws(() => {
    db.transaction(() => { insertLine.run('bad5', 1, gid, head.seq + 1, '2025-01-20', '5101', 100, 0) })()
  }, /FOREIGN KEY/, 'lines without their entry fail the commit')
  t.equal((db.prepare('SELECT count(*) AS n FROM journal_lines').get() as { n: number }).n, 2, 'nothing was added')
})

t.test('verify finds tampering that bypasses the triggers and names the first bad seq', { skip: sqliteOnly }, async t => {
  const dir = mkdtempSync(join(tmpdir(), 'lumbung-'))
  t.teardown(() => { rmSync(dir, { recursive: true, force: true }) })
  const file = join(dir, 'ledger.sqlite')
  const api = await testApi({ database: file })
  const gid = await groupWithGrant(api)
  for (const d of ['11', '12', '13']) await api.post(`/v1/groups/${gid}/expenses`, { date: `2025-01-${d}`, amount: '1000', account: '5101', description: d })
  t.equal((await api.get(`/v1/groups/${gid}/verify`)).json.valid, true)

  const db = new SQLite(file)
  db.exec('DROP TRIGGER journal_lines_no_update')
  db.prepare('UPDATE journal_lines SET debit = 2000 WHERE seq = 3 AND debit = 1000').run()
  db.close()
  const v = await api.get(`/v1/groups/${gid}/verify`)
  t.match(v.json, { valid: false, firstBadSeq: 3, entries: 2 })
  t.match(v.json.problem, /hash/)
  await api.close()
})
