import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { generateFixture } from '../../scripts/bench/fixture.js'
import { sqliteOnly, testApi } from '../helpers.js'

// The bench's fixture writes rows with raw SQL through Lumbung's schema; the server must take them as its own.
t.test('the bench fixture is a ledger the server verifies and carries on', { skip: sqliteOnly }, async t => {
  const dir = mkdtempSync(join(tmpdir(), 'lumbung-fixture-'))
  t.teardown(() => { rmSync(dir, { recursive: true, force: true }) })
  const file = join(dir, 'fixture.sqlite')
  const f = await generateFixture(file, { entries: 600, perTransaction: 250 })
  t.equal(f.head.seq, 600)

  const api = await testApi({ database: file })
  t.teardown(api.close)
  const g = `/v1/groups/${f.groupId}`
  const v = (await api.get(`${g}/verify`)).json
  t.same({ valid: v.valid, entries: v.entries, head: v.head }, { valid: true, entries: 600, head: f.head })
  const tb = (await api.get(`${g}/trial-balance?asOf=2025-12-31`)).json
  t.equal(tb.totals.debit, tb.totals.credit)
  const next = await api.post(`${g}/expenses`, { date: '2025-12-31', amount: '1000', account: '5101', description: 'Konsumsi rapat' })
  t.equal(next.status, 201, 'the next entry follows on from the fixture (seq, hash and turnover)')
  t.equal(next.json.seq, 601)
})
