import t from 'tap'
import { sql } from 'kysely'
import { registerFindings } from '../../src/domain/integrity/registers.js'
import { loadBooks } from '../../src/services/books-service.js'
import { checkAtStart } from '../../src/services/integrity-service.js'
import { playRounds, setup, type Setup } from '../arisan-scenario.js'
import { TEST_SIGNER } from '../helpers.js'
import { lit, tamper } from '../tamper.js'

/*
 * The arisan against an attacker with the database file: the database refuses to change or delete its rows; an edit
 * or a deletion made behind its back is named by verify and at start; and a draw whose winner was changed is caught by
 * recomputing it, even when the record chain was rewritten to match (as an attacker who rebuilds every hash would).
 */

async function played (): Promise<Setup & { rounds: any[] }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const s = await setup()
  return { ...s, rounds: await playRounds(s, 3) }
}

const findings = async (s: Setup): Promise<Array<{ table: string, id: string | null, detail: string }>> => (await s.api.get(`${s.g}/verify`)).json.findings

t.test('the database refuses to change or delete an arisan\'s rows', async t => {
  const s = await played()
  t.teardown(s.api.close)
  t.same(await findings(s), [], 'an honest cycle verifies')
  const db = s.api.store.db
  const refused = /append-only|permission denied/
  await t.rejects(db.updateTable('arisans').set({ contribution: 1 }).execute(), refused)
  await t.rejects(db.updateTable('arisan_slots').set({ due: 1 }).execute(), refused)
  await t.rejects(db.updateTable('arisan_rounds').set({ slot: 1 }).execute(), refused)
  await t.rejects(db.deleteFrom('arisan_contributions').execute(), refused)
  await t.rejects(db.deleteFrom('arisan_rounds').execute(), refused)
  const r = s.rounds[0]
  await t.rejects(sql`INSERT INTO arisan_rounds (id, group_id, arisan_id, round, slot, date, meeting_id, draw_rule, called, digest, head_seq, head_hash, pot, host_fee, entry_id, created_at, actor_id, actor_name)
    VALUES ('arr_x', ${s.gid}, ${s.arisan.id}, 9, ${r.slot}, '2025-09-05', NULL, NULL, NULL, NULL, 0, ${'0'.repeat(64)}, 1, 0, ${r.entryId}, 'x', 'a', 'a')`.execute(db), 'a slot cannot take a second round')
})

t.test('edited and deleted arisan rows are named by verify and at start', async t => {
  const s = await played()
  t.teardown(s.api.close)
  const [r1, r2] = s.rounds
  const c = (await s.api.get(`${s.g}/arisan/${s.arisan.id}/contributions`)).json.items[0]
  const edits: Array<[string, string, string]> = [
    ['arisans', s.arisan.id, `UPDATE arisan_slots SET due = due + 1 WHERE arisan_id = ${lit(s.arisan.id)} AND slot = 5`],
    ['arisan_contributions', c.id, `UPDATE arisan_contributions SET amount = amount + 1 WHERE id = ${lit(c.id)}`],
    ['arisan_rounds', r1.id, `UPDATE arisan_rounds SET called = '99' WHERE id = ${lit(r1.id)}`],
    ['arisan_rounds', r2.id, `DELETE FROM arisan_rounds WHERE id = ${lit(r2.id)}`]
  ]
  await tamper(s.api, edits.map(e => e[2]))
  const found = await findings(s)
  for (const [table, id] of edits) t.ok(found.some(f => f.table === table && f.id === id), `verify names ${table} ${id}`)
  const start = await checkAtStart(s.api.store.db, { key: TEST_SIGNER.publicKey })
  t.equal(start.ok, false, 'the server refuses to start')
})

t.test('a winner changed with the records rebuilt to match is caught by recomputing the draw', async t => {
  const s = await played()
  t.teardown(s.api.close)
  const books = await loadBooks(s.api.store.db, s.gid, { entries: true })
  const byId = new Map((books.entries ?? []).map(e => [e.id, e]))
  t.same(registerFindings(books, id => byId.get(id)), [], 'the honest books')
  const first = books.arisanRounds[0]
  if (first === undefined) throw new Error('no round')
  const other = books.arisanRounds.find(r => r.round === 3)?.slot ?? 0
  const forged = { ...books, arisanRounds: books.arisanRounds.map(r => r.id === first.id ? { ...r, slot: other } : r.round === 3 ? { ...r, slot: first.slot } : r) }
  const found = registerFindings(forged, id => byId.get(id))
  t.ok(found.some(f => f.table === 'arisan_rounds' && f.id === first.id && /does not recompute/.test(f.detail)), 'round 1\'s swapped winner')
  const called = { ...books, arisanRounds: books.arisanRounds.map(r => r.id === first.id && r.draw !== null ? { ...r, draw: { ...r.draw, called: 'lain' } } : r) }
  t.ok(registerFindings(called, id => byId.get(id)).some(f => f.id === first.id), 'another called number gives another digest')
  const head = { ...books, arisanRounds: books.arisanRounds.map(r => r.id === first.id ? { ...r, headSeq: r.headSeq - 1 } : r) }
  t.ok(registerFindings(head, id => byId.get(id)).some(f => f.id === first.id && /journal head/.test(f.detail)), 'a draw fixed by another journal head')
})
