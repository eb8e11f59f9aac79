import { sql } from 'kysely'
import t from 'tap'
import { PostgresWriter } from '../../src/services/postgres-writer.js'
import type { Tx } from '../../src/services/writer.js'
import { onPostgres } from '../helpers.js'
import { freshPostgres } from '../postgres.js'

const postgresOnly = onPostgres ? false : 'needs the PostgreSQL pass (TEST_DATABASE_URL)'

t.test('a write that PostgreSQL picks as a deadlock victim is run again, and both writes succeed', { skip: postgresOnly }, async t => {
  const pg = await freshPostgres()
  t.teardown(async () => { await pg.store.close(); await pg.drop() })
  const writer = new PostgresWriter(pg.store.db)
  const lock = async (tx: Tx, n: number): Promise<void> => { await sql`select pg_advisory_xact_lock(${n})`.execute(tx) }

  // Each write takes one lock, waits until the other holds its own, then asks for the other's: a deadlock, once.
  let held = 0
  let release: () => void = () => {}
  const bothHold = new Promise<void>(resolve => { release = resolve })
  const runs = { a: 0, b: 0 }
  const write = (name: 'a' | 'b', first: number, second: number) => async (tx: Tx) => {
    runs[name]++
    await lock(tx, first)
    if (runs.a + runs.b <= 2) {
      if (++held === 2) release()
      await bothHold
    }
    await lock(tx, second)
    return name
  }
  const [a, b] = await Promise.all([writer.run({ groupId: null, work: write('a', 1, 2) }), writer.run({ groupId: null, work: write('b', 2, 1) })])
  t.same([a, b], ['a', 'b'], 'both writes answered')
  t.equal(runs.a + runs.b, 3, 'one of them ran twice: the deadlock victim, retried')
})
