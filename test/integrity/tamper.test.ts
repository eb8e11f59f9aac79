import t from 'tap'
import { sql } from 'kysely'
import type { Api } from '../helpers.js'
import { TEST_SIGNER } from '../helpers.js'
import { fullYears, twoYearApi, type FullBooks } from '../scenario.js'
import { lit, tamper } from '../tamper.js'
import { checkAtStart } from '../../src/services/integrity-service.js'

/*
 * The tamper campaign: an attacker with the database file (or the owner's login) drops or bypasses every trigger and
 * edits rows directly. For every protected table an edited row and a deleted row must be named, by table and row, by
 * GET …/verify and by the start-up check; a deleted tail of the journal (the newest entry, its lines, its event and its
 * daily totals, all made consistent) must be caught against a signed checkpoint kept before it.
 */

interface Books { api: Api, gid: string, members: string[], loans: string[], ids: FullBooks['ids'] }

async function books (): Promise<Books> {
  const api = await twoYearApi()
  return { api, ...await fullYears(api) }
}

async function findings (b: Books, checkpoint?: unknown): Promise<Array<{ table: string, id: string | null, detail: string }>> {
  const q = checkpoint === undefined ? '' : `?checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}`
  const v = await b.api.get(`/v1/groups/${b.gid}/verify${q}`)
  if (v.status !== 200) throw new Error(`verify: ${v.status} ${JSON.stringify(v.json)}`)
  return v.json.findings
}

t.test('an honest year verifies, with every record checked and the period\'s signed checkpoint', async t => {
  const b = await books()
  t.teardown(b.api.close)
  const v = (await b.api.get(`/v1/groups/${b.gid}/verify`)).json
  t.equal(v.valid, true, JSON.stringify(v.findings))
  t.ok(v.records.count > 30, 'every protected row is in the record chain')
  t.same(v.checkpoints, { checked: 2, unsigned: 0 })
  t.same((await checkAtStart(b.api.store.db, { key: TEST_SIGNER.publicKey })).problem, null)
})

t.test('direct database edits change money and pass every check: an edit of a row of every protected table is named by table and row, by verify and at start', async t => {
  const b = await books()
  t.teardown(b.api.close)
  const { gid, members, loans, ids } = b
  const [sari = '', made = ''] = members
  const [loanA = '', loanB = ''] = loans
  const edits: Array<[table: string, id: string, statement: string]> = [
    ['groups', gid, `UPDATE groups SET name = 'Kelompok Lain' WHERE id = ${lit(gid)}`],
    ['accounts', '5101', `UPDATE accounts SET type = 'asset' WHERE group_id = ${lit(gid)} AND code = '5101'`],
    ['members', made, `UPDATE members SET name = 'Orang Lain' WHERE id = ${lit(made)}`],
    ['funds', ids.fund, `UPDATE funds SET source = 'Entah' WHERE id = ${lit(ids.fund)}`],
    ['meetings', ids.rat, `UPDATE decisions SET body = replace(body, '"50"', '"60"') WHERE meeting_id = ${lit(ids.rat)}`],
    ['loans', loanA, `UPDATE loan_installments SET interest = interest + 1000 WHERE loan_id = ${lit(loanA)} AND n = 10`],
    ['loan_repayments', ids.rep, `UPDATE loan_repayments SET penalty = penalty + 1, interest = interest - 1 WHERE id = ${lit(ids.rep)}`],
    ['loan_write_offs', loanB, `UPDATE loan_write_offs SET amount = amount - 1000 WHERE loan_id = ${lit(loanB)}`],
    ['periods', ids.period, `UPDATE periods SET totals = replace(totals, '"shu":"', '"shu":"1') WHERE id = ${lit(ids.period)}`],
    ['shu_distributions', ids.dist, `UPDATE shu_distributions SET meeting_id = meeting_id || '' , date = '2006-01-09' WHERE id = ${lit(ids.dist)}`],
    ['shu_payouts', ids.payout, `UPDATE shu_payouts SET paid_to = 'sukarela' WHERE id = ${lit(ids.payout)}`]
  ]
  void sari
  await tamper(b.api, edits.map(e => e[2]))
  const found = await findings(b)
  for (const [table, id] of edits) {
    t.ok(found.some(f => f.table === table && f.id === id), `verify names ${table} ${id}`)
  }
  t.match(found.find(f => f.table === 'accounts')?.detail, /column type is "asset", the record chain says "expense"/)
  const start = await checkAtStart(b.api.store.db, { key: TEST_SIGNER.publicKey })
  t.equal(start.ok, false, 'the server refuses to start')
  for (const [table, id] of edits) t.ok(start.findings.some(f => f.table === table && f.id === id), `the start-up check names ${table} ${id}`)
})

t.test('a deleted row of every protected table is named, and so is a row slipped in', async t => {
  const b = await books()
  t.teardown(b.api.close)
  const { gid, members, loans, ids } = b
  const [, made = '', nyoman = ''] = members
  const [loanA = '', loanB = ''] = loans
  const deletes: Array<[table: string, id: string, statement: string]> = [
    ['accounts', '2104', `DELETE FROM accounts WHERE group_id = ${lit(gid)} AND code = '2104'`],
    ['members', nyoman, `DELETE FROM members WHERE id = ${lit(nyoman)}`],
    ['funds', ids.fund, `DELETE FROM funds WHERE id = ${lit(ids.fund)}`],
    ['meetings', ids.rat, `DELETE FROM meeting_attendees WHERE meeting_id = ${lit(ids.rat)} AND member_id = ${lit(made)}`],
    ['loans', loanA, `DELETE FROM loan_installments WHERE loan_id = ${lit(loanA)} AND n = 10`],
    ['loan_repayments', ids.rep, `DELETE FROM loan_repayments WHERE id = ${lit(ids.rep)}`],
    ['loan_write_offs', loanB, `DELETE FROM loan_write_offs WHERE loan_id = ${lit(loanB)}`],
    ['periods', ids.period, `DELETE FROM periods WHERE id = ${lit(ids.period)}`],
    ['shu_payouts', ids.payout, `DELETE FROM shu_payouts WHERE id = ${lit(ids.payout)}`]
  ]
  const slipped = `INSERT INTO members (id, group_id, name, household_no, joined_on, created_at, actor_id, actor_name)
    VALUES ('mbr_ghost', ${lit(gid)}, 'Anggota Siluman', NULL, NULL, '2006-01-14T00:00:00.000Z', 'key_admin', 'admin')`
  await tamper(b.api, [...deletes.map(d => d[2]), slipped])
  const found = await findings(b)
  for (const [table, id] of deletes) t.ok(found.some(f => f.table === table && f.id === id), `verify names the deleted ${table} ${id}`)
  t.ok(found.some(f => f.table === 'members' && f.id === 'mbr_ghost' && /not in the record chain/.test(f.detail)), 'a row inserted behind the service\'s back')
  const start = await checkAtStart(b.api.store.db, { key: TEST_SIGNER.publicKey })
  for (const [table, id] of deletes) t.ok(start.findings.some(f => f.table === table && f.id === id), `the start-up check names ${table} ${id}`)
})

t.test('an edit deep in the journal, of a line or an entry, breaks the chain at that entry', async t => {
  for (const [what, statement] of [
    ['a line\'s amount', (gid: string) => `UPDATE journal_lines SET debit = debit + 1 WHERE group_id = ${lit(gid)} AND seq = 2 AND debit > 0`],
    ['an entry\'s text', (gid: string) => `UPDATE journal_entries SET description = 'diubah' WHERE group_id = ${lit(gid)} AND seq = 2`],
    ['an entry\'s kind', (gid: string) => `UPDATE journal_entries SET kind = 'manual', source_id = NULL WHERE group_id = ${lit(gid)} AND seq = 2`]
  ] as const) {
    const b = await books()
    await tamper(b.api, [statement(b.gid)])
    const v = (await b.api.get(`/v1/groups/${b.gid}/verify`)).json
    t.equal(v.firstBadSeq, 2, what)
    t.match(v.findings[0], { table: 'journal_entries', id: 'seq 2' }, what)
    const start = await checkAtStart(b.api.store.db, { key: TEST_SIGNER.publicKey })
    t.equal(start.ok, false, `${what}: refused at start`)
    await b.api.close()
  }
})

t.test('an edited record, or daily totals edited to match an edited line, are caught', async t => {
  const b = await books()
  t.teardown(b.api.close)
  await tamper(b.api, [`UPDATE records SET body = replace(body, 'Ni Made Rasmiati', 'Orang Lain') WHERE group_id = ${lit(b.gid)}`])
  const found = await findings(b)
  t.match(found[0], { table: 'records' }, 'the record chain no longer holds')
  const c = await books()
  t.teardown(c.api.close)
  await tamper(c.api, [`UPDATE account_daily_totals SET debit = debit + 5 WHERE group_id = ${lit(c.gid)} AND account_code = '1101'`])
  t.ok((await findings(c)).some(f => f.table === 'account_daily_totals'))
})

t.test('the newest entry deleted with everything that pointed at it is caught against a checkpoint kept before', async t => {
  const b = await books()
  t.teardown(b.api.close)
  const kept = (await b.api.get(`/v1/groups/${b.gid}/checkpoint`)).json
  t.equal(kept.checkpoint.groupId, b.gid)
  const last = (await sql<{ id: string, seq: number | bigint, date: string }>`SELECT id, seq, date FROM journal_entries WHERE group_id = ${b.gid} ORDER BY seq DESC LIMIT 1`.execute(b.api.store.db)).rows[0]
  if (last === undefined) throw new Error('no entries')
  const id = lit(last.id)
  await tamper(b.api, [
    `UPDATE account_daily_totals SET debit = debit - (SELECT coalesce(sum(debit), 0) FROM journal_lines l WHERE l.entry_id = ${id} AND l.account_code = account_daily_totals.account_code),
       credit = credit - (SELECT coalesce(sum(credit), 0) FROM journal_lines l WHERE l.entry_id = ${id} AND l.account_code = account_daily_totals.account_code)
     WHERE group_id = ${lit(b.gid)} AND date = ${lit(last.date)}`,
    `DELETE FROM account_daily_totals WHERE group_id = ${lit(b.gid)} AND debit = 0 AND credit = 0`,
    `DELETE FROM journal_lines WHERE entry_id = ${id}`,
    `DELETE FROM journal_entries WHERE id = ${id}`,
    `DELETE FROM events WHERE group_id = ${lit(b.gid)} AND entity_id = ${id}`
  ])
  const without = (await b.api.get(`/v1/groups/${b.gid}/verify`)).json
  t.equal(without.valid, true, 'a consistent deletion of the tail leaves nothing inside the database to contradict it')
  const found = await findings(b, kept)
  t.match(found, [{ table: 'checkpoints', detail: /journal ends at seq .*: entries were deleted/ }], 'the kept checkpoint no longer fits')
  const forged = { ...kept, checkpoint: { ...kept.checkpoint, seq: Number(last.seq) - 1 } }
  t.match(await findings(b, forged), [{ table: 'checkpoints', detail: /signature does not hold/ }], 'and a checkpoint edited to fit is not signed')
})
