import { sql } from 'kysely'
import pg from 'pg'
import t, { type Test } from 'tap'
import { groupWithGrant, onPostgres, testApi } from '../helpers.js'
import { testDatabaseUrl, withSettings } from '../postgres.js'

const postgresOnly = onPostgres ? false : 'needs the PostgreSQL pass (TEST_DATABASE_URL)'

/** A connection to the test app's schema, as the app's role or as the owner who migrated it. */
async function client (t: Test, schema: string, role: 'lumbung_app' | null): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: withSettings(testDatabaseUrl(), { search_path: schema, ...(role === null ? {} : { role }) }) })
  await c.connect()
  t.teardown(async () => { await c.end() })
  return c
}

async function refused (t: Test, c: pg.Client, statement: string, pattern: RegExp, message = statement): Promise<void> {
  await c.query('BEGIN')
  await t.rejects(c.query(statement), pattern, message)
  await c.query('ROLLBACK')
}

t.test('PostgreSQL refuses to change or delete the journal, to the app\'s role by privilege and to anyone by trigger', { skip: postgresOnly }, async t => {
  const api = await testApi()
  t.teardown(api.close)
  const gid = await groupWithGrant(api)
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(api.store.db)).rows[0]?.s ?? ''
  t.equal((await sql<{ u: string }>`select current_user as u`.execute(api.store.db)).rows[0]?.u, 'lumbung_app', 'the app runs as lumbung_app')

  const app = await client(t, schema, 'lumbung_app')
  for (const table of ['journal_entries', 'journal_lines', 'loans', 'loan_repayments', 'events', 'audit_log', 'periods', 'idempotency_keys']) {
    await refused(t, app, `UPDATE ${table} SET ${table === 'journal_lines' ? 'date = date' : 'created_at = created_at'}`, /permission denied/)
    await refused(t, app, `DELETE FROM ${table}`, /permission denied/)
  }
  await refused(t, app, 'UPDATE journal_lines SET debit = 1 WHERE debit > 0', /permission denied/)
  await refused(t, app, 'TRUNCATE journal_entries CASCADE', /permission denied/)

  const owner = await client(t, schema, null)
  await refused(t, owner, 'UPDATE journal_lines SET debit = 1 WHERE debit > 0', /append-only/)
  await refused(t, owner, 'UPDATE journal_entries SET description = \'x\'', /append-only/)
  await refused(t, owner, 'DELETE FROM journal_lines', /append-only/)
  await refused(t, owner, 'DELETE FROM journal_entries', /append-only/)
  await refused(t, owner, 'TRUNCATE journal_lines', /append-only/)
  for (const table of ['events', 'audit_log', 'groups', 'accounts', 'funds', 'records']) await refused(t, owner, `DELETE FROM ${table}`, /append-only/)
  for (const table of ['accounts', 'records']) await refused(t, owner, `UPDATE ${table} SET group_id = group_id`, /append-only/)

  const head = (await app.query('SELECT seq, hash FROM journal_entries WHERE group_id = $1 ORDER BY seq DESC LIMIT 1', [gid])).rows[0] as { seq: number, hash: string }
  const attempt = async (id: string, debit: number, credit: number, seq: number, prev: string,
    kind: { kind: string, source: string | null, version: number } = { kind: 'manual', source: null, version: 2 }, account = '5101'): Promise<void> => {
    await app.query('BEGIN')
    try {
      const line = 'INSERT INTO journal_lines (entry_id, line_no, group_id, seq, date, account_code, debit, credit) VALUES ($1, $2, $3, $4, \'2025-01-20\', $5, $6, $7)'
      await app.query(line, [id, 1, gid, seq, account, debit, 0])
      await app.query(line, [id, 2, gid, seq, '1101', 0, credit])
      await app.query(`INSERT INTO journal_entries (id, group_id, seq, date, description, total, line_count, actor_id, actor_name, created_at, prev_hash, hash, kind, source_id, hash_version)
        VALUES ($1, $2, $3, '2025-01-20', 'x', $4, 2, 'a', 'a', 'now', $5, $6, $7, $8, $9)`, [id, gid, seq, debit, prev, id.padEnd(64, '0'), kind.kind, kind.source, kind.version])
      await app.query('COMMIT')
    } catch (e) {
      await app.query('ROLLBACK')
      throw e
    }
  }
  await t.rejects(attempt('bad1', 100, 90, head.seq + 1, head.hash), /does not balance/)
  await t.rejects(attempt('bad2', 100, 100, head.seq + 2, head.hash), /seq must follow/)
  await t.rejects(attempt('bad3', 100, 100, head.seq + 1, '1'.repeat(64)), /prev_hash/)
  await t.rejects(attempt('bad7', 100, 100, head.seq + 1, head.hash, { kind: 'manual', source: null, version: 1 }), /hash version may not go back/)
  await t.rejects(attempt('bad8', 100, 100, head.seq + 1, head.hash, { kind: 'repayment', source: null, version: 2 }), /kind, source and reversal must fit/)
  await t.rejects(attempt('bad10', 100, 100, head.seq + 1, head.hash, undefined, '2101'), /names its member/, 'an untagged line on 2101 Simpanan Sukarela')
  await t.rejects(app.query('INSERT INTO journal_lines (entry_id, line_no, group_id, seq, date, account_code, debit, credit) SELECT id, 9, group_id, seq, date, \'1101\', 1, 0 FROM journal_entries LIMIT 1'), /posted entry/)
  await t.rejects(app.query('INSERT INTO journal_lines (entry_id, line_no, group_id, seq, date, account_code, debit, credit) VALUES (\'bad4\', 1, $1, $2, \'2025-01-20\', \'9999\', 100, 0)', [gid, head.seq + 1]),
    /foreign key/, 'a line on an account outside the chart')
  await t.rejects(app.query('INSERT INTO journal_lines (entry_id, line_no, group_id, seq, date, account_code, debit, credit) VALUES (\'bad5\', 1, $1, $2, \'2025-01-20\', \'5101\', 100, 0)', [gid, head.seq + 1]),
    /foreign key/, 'lines without their entry fail the commit')
  t.equal((await app.query('SELECT count(*)::int AS n FROM journal_lines')).rows[0].n, 2, 'nothing was added')
  t.equal((await api.get(`/v1/groups/${gid}/verify`)).json.valid, true)
})

t.test('verify finds tampering by the owner with the triggers switched off, and names the first bad seq', { skip: postgresOnly }, async t => {
  const api = await testApi()
  t.teardown(api.close)
  const gid = await groupWithGrant(api)
  for (const d of ['11', '12', '13']) await api.post(`/v1/groups/${gid}/expenses`, { date: `2025-01-${d}`, amount: '1000', account: '5101', description: d })
  t.equal((await api.get(`/v1/groups/${gid}/verify`)).json.valid, true)
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(api.store.db)).rows[0]?.s ?? ''
  const owner = await client(t, schema, null)
  await owner.query('ALTER TABLE journal_lines DISABLE TRIGGER journal_lines_append_only')
  await owner.query('UPDATE journal_lines SET debit = 2000 WHERE seq = 3 AND debit = 1000')
  const v = await api.get(`/v1/groups/${gid}/verify`)
  t.match(v.json, { valid: false, firstBadSeq: 3, entries: 2 })
  t.match(v.json.problem, /hash/)
})

const schemaOf = async (api: Awaited<ReturnType<typeof testApi>>): Promise<string> =>
  (await sql<{ s: string }>`select current_schema() as s`.execute(api.store.db)).rows[0]?.s ?? ''

t.test('the next test app reuses the schema, emptied: none of the rows before, every trigger still refusing', { skip: postgresOnly }, async t => {
  const first = await testApi()
  const gid = await groupWithGrant(first)
  const schema = await schemaOf(first)
  await first.close()
  const next = await testApi()
  t.teardown(next.close)
  t.equal(await schemaOf(next), schema, 'the same schema, not migrated again')
  t.equal((await next.get(`/v1/groups/${gid}`)).status, 404, 'the group before is gone')
  const owner = await client(t, schema, null)
  for (const table of ['groups', 'journal_entries', 'journal_lines', 'events', 'audit_log', 'records']) {
    t.equal((await owner.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n, 0, `${table} is empty`)
  }
  t.equal((await owner.query('SELECT count(*)::int AS n FROM kysely_migration')).rows[0].n > 0, true, 'the migrations stay recorded')
  await groupWithGrant(next)
  await refused(t, owner, 'DELETE FROM journal_lines', /append-only/)
  await refused(t, owner, 'TRUNCATE journal_lines', /append-only/)
})

t.test('a schema whose layout a test changed (a trigger switched off) is not handed to the next test app', { skip: postgresOnly }, async t => {
  const first = await testApi()
  const schema = await schemaOf(first)
  const owner = await client(t, schema, null)
  await owner.query('ALTER TABLE journal_lines DISABLE TRIGGER journal_lines_append_only')
  await first.close()
  const next = await testApi()
  t.teardown(next.close)
  t.not(await schemaOf(next), schema, 'another schema')
  await groupWithGrant(next)
  await refused(t, await client(t, await schemaOf(next), null), 'DELETE FROM journal_lines', /append-only/)
})
