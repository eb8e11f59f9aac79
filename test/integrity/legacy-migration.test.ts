import { Migrator, sql } from 'kysely'
import t from 'tap'
import { migrations } from '../../db/migrations/index.js'
import { connect, type Db, type Tx } from '../../src/data/connect.js'
import { migrate } from '../../src/data/migrate.js'
import { DEFAULT_CHART } from '../../src/domain/ledger/accounts.js'
import { canonicalJson, entryHash, GENESIS_HASH, type ChainedEntry } from '../../src/domain/ledger/hash-chain.js'
import { creditLine, debitLine, type Line } from '../../src/domain/ledger/journal-entry.js'
import { buildApp } from '../../src/http/app.js'
import { hashToken } from '../../src/services/auth-service.js'
import { ADMIN_TOKEN, sqliteOnly, TEST_SIGNER } from '../helpers.js'
import { lit } from '../tamper.js'

/*
 * Books written before migration 0010 (entries of hash version 1, references used as markers, no record chain) are
 * migrated, classified and recorded, and still verify; what the migration could not see in their hashes (kind and
 * source) is then guarded by the record chain.
 */

const G = 'grp_lama'
const ACTOR = { id: 'key_admin', name: 'admin' }
const AT = '2006-01-05T02:00:00.000Z'

/** Writes the legacy books as the service of migration 0009 wrote them: lines, entry, daily totals, entry.posted event. */
async function legacyBooks (db: Db | Tx): Promise<void> {
  const run = async (q: string): Promise<void> => { await sql.raw(q).execute(db) }
  await run(`INSERT INTO groups VALUES (${lit(G)}, 'Kelompok Lama', 'pkk', 'Desa Lama', ${lit(AT)}, 'key_admin', 'admin')`)
  for (const a of DEFAULT_CHART) await run(`INSERT INTO accounts VALUES (${lit(G)}, ${lit(a.code)}, ${lit(a.name)}, ${lit(a.type)}, ${lit(a.normalBalance)}, ${lit(AT)}, 'key_admin', 'admin')`)
  await run(`INSERT INTO members VALUES ('mbr_lama', ${lit(G)}, 'Ni Luh Lama', 'KK-9', NULL, ${lit(AT)}, 'key_admin', 'admin')`)
  await run(`INSERT INTO funds VALUES ('fnd_lama', ${lit(G)}, 'grant', 'Dana stimulan', 'Dinas', ${lit(AT)}, 'key_admin', 'admin')`)
  let prev = GENESIS_HASH
  let turnover = 0n
  let eventSeq = 0
  const event = async (type: string, entity: string, data: unknown): Promise<void> => {
    await run(`INSERT INTO events VALUES ('evt_${++eventSeq}', ${lit(G)}, ${eventSeq}, ${lit(type)}, ${lit(entity)}, ${lit(JSON.stringify(data))}, ${lit(AT)}, 'key_admin', 'admin')`)
  }
  const post = async (seq: number, date: string, description: string, reference: string | null, lines: Line[], reverses: string | null = null): Promise<string> => {
    const e: ChainedEntry = { id: `ent_${seq}`, groupId: G, seq, date, description, reference, reverses, actor: ACTOR, createdAt: AT, lines, prevHash: prev, kind: 'manual', source: null, hashVersion: 1 }
    const hash = entryHash(e)
    const total = lines.reduce((s, l) => s + l.debit, 0n)
    turnover += total
    for (const [i, l] of lines.entries()) {
      await run(`INSERT INTO journal_lines VALUES (${lit(e.id)}, ${i + 1}, ${lit(G)}, ${seq}, ${lit(date)}, ${lit(l.account)}, ${l.debit}, ${l.credit}, ${l.fund === null ? 'NULL' : lit(l.fund)}, ${l.member === null ? 'NULL' : lit(l.member)})`)
      await run(`INSERT INTO account_daily_totals VALUES (${lit(G)}, ${lit(l.account)}, ${lit(date)}, ${l.debit}, ${l.credit})
        ON CONFLICT (group_id, account_code, date) DO UPDATE SET debit = account_daily_totals.debit + excluded.debit, credit = account_daily_totals.credit + excluded.credit`)
    }
    await run(`INSERT INTO journal_entries (id, group_id, seq, date, description, reference, reverses_id, total, line_count, actor_id, actor_name, created_at, prev_hash, hash, turnover)
      VALUES (${lit(e.id)}, ${lit(G)}, ${seq}, ${lit(date)}, ${lit(description)}, ${reference === null ? 'NULL' : lit(reference)}, ${reverses === null ? 'NULL' : lit(reverses)}, ${total}, ${lines.length}, 'key_admin', 'admin', ${lit(AT)}, ${lit(prev)}, ${lit(hash)}, ${turnover})`)
    await event('entry.posted', e.id, { seq, date, description, reference, total: total.toString(), hash })
    prev = hash
    return hash
  }
  await post(1, '2005-03-01', 'Dana stimulan', null, [debitLine('1101', 2_500_000n, { fund: 'fnd_lama' }), creditLine('3201', 2_500_000n, { fund: 'fnd_lama' })])
  await event('grant.received', 'fnd_lama', { entryId: 'ent_1', amount: '2500000', source: 'Dinas' })
  await post(2, '2005-03-15', 'Simpanan pokok', null, [debitLine('1101', 10_000n, { member: 'mbr_lama' }), creditLine('3101', 10_000n, { member: 'mbr_lama' })])
  await event('savings.deposited', 'ent_2', { memberId: 'mbr_lama', kind: 'pokok', amount: '10000' })
  await post(3, '2005-04-01', 'Konsumsi rapat', null, [debitLine('5101', 60_000n), creditLine('1101', 60_000n)])
  await event('expense.recorded', 'ent_3', { account: '5101', amount: '60000', fund: null })
  // A hand-made entry whose voucher number looked like the old closing marker.
  await post(4, '2005-05-01', 'Sewa tenda', 'close:2005-12-31', [debitLine('1101', 50_000n), creditLine('4103', 50_000n)])
  const head = await post(5, '2005-12-31', 'Tutup buku per 2005-12-31', 'close:2005-12-31', [debitLine('4103', 50_000n), debitLine('3401', 10_000n), creditLine('5101', 60_000n)])
  await run(`INSERT INTO periods (id, group_id, through, closing_entry_id, seq, head_hash, totals, created_at, actor_id, actor_name)
    VALUES ('per_lama', ${lit(G)}, '2005-12-31', 'ent_5', 5, ${lit(head)}, ${lit(canonicalJson({ credit: '2510000', debit: '2510000', expenses: '60000', income: '50000', shu: '-10000' }))}, ${lit(AT)}, 'key_admin', 'admin')`)
  await post(6, '2006-01-02', 'Pembalikan entri #2: salah anggota', null, [creditLine('1101', 10_000n, { member: 'mbr_lama' }), debitLine('3101', 10_000n, { member: 'mbr_lama' })], 'ent_2')
}

t.test('books written before migration 0010 migrate: classified by what points at them, recorded, and they still verify', { skip: sqliteOnly }, async t => {
  const store = connect(':memory:')
  t.teardown(store.close)
  const migrator = new Migrator({ db: store.db, provider: { getMigrations: async () => migrations } })
  const to0009 = await migrator.migrateTo('0009_web_sessions')
  t.equal(to0009.error, undefined)
  await store.db.transaction().execute(async tx => { await legacyBooks(tx) })
  t.same(await migrate(store.db), ['0010_integrity', '0011_people', '0012_webhooks', '0013_member_contacts', '0014_messages', '0015_regions', '0016_member_access', '0017_member_profiles', '0018_arisan'])

  const kinds = (await sql<{ seq: number | bigint, kind: string, source_id: string | null, hash_version: number | bigint }>`SELECT seq, kind, source_id, hash_version FROM journal_entries ORDER BY seq`.execute(store.db)).rows
    .map(r => [Number(r.seq), r.kind, r.source_id, Number(r.hash_version)])
  t.same(kinds, [
    [1, 'funding', 'fnd_lama', 1], [2, 'savings-deposit', 'mbr_lama', 1], [3, 'expense', null, 1],
    [4, 'manual', null, 1], [5, 'closing', 'per_lama', 1], [6, 'reversal', null, 1]
  ], 'the close: voucher of a hand-made entry does not make it a closing entry')

  const app = await buildApp({ store, env: { now: () => new Date('2006-01-10T02:00:00.000Z'), newId: p => `${p}_${Math.random().toString(36).slice(2)}`, timeZone: 'Asia/Makassar', signer: TEST_SIGNER }, adminHash: hashToken(ADMIN_TOKEN) })
  t.teardown(() => app.close())
  const get = async (url: string): Promise<any> => (await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json() // eslint-disable-line @typescript-eslint/no-explicit-any
  const v = await get(`/v1/groups/${G}/verify`)
  t.equal(v.valid, true, JSON.stringify(v.findings))
  t.equal(v.entries, 6)
  t.equal(v.records.count, 1 + DEFAULT_CHART.length + 1 + 1 + 1 + 1, 'the group, its accounts, member, fund and period, and the legacy kinds')
  t.same(v.checkpoints, { checked: 0, unsigned: 1 }, 'the period closed before checkpoints were signed')
  const income = await get(`/v1/groups/${G}/statements/income-statement?from=2005-01-01&to=2005-12-31`)
  t.equal(income.summary.at(-1).value, '-10000', 'the closing entry is left out of the year, the hand-made one is not')

  const next = await app.inject({ method: 'POST', url: `/v1/groups/${G}/expenses`, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, payload: JSON.stringify({ date: '2006-01-08', amount: '1000', account: '5102', description: 'ATK' }) })
  t.equal(next.statusCode, 201)
  t.match(next.json(), { seq: 7, kind: 'expense', hashVersion: 2 })
  t.equal((await get(`/v1/groups/${G}/verify`)).valid, true, 'a version 2 entry follows version 1 ones')

  // The kind of an old entry is not in its hash; the record chain holds it.
  await sql.raw('DROP TRIGGER journal_entries_no_update').execute(store.db)
  await sql.raw("UPDATE journal_entries SET kind = 'closing', source_id = 'per_lama' WHERE id = 'ent_4'").execute(store.db)
  const found = (await get(`/v1/groups/${G}/verify`)).findings as Array<{ table: string, id: string, detail: string }>
  t.ok(found.some(f => f.table === 'journal_entries' && f.id === 'seq 4' && /kind closing of per_lama, the record chain says manual of nothing/.test(f.detail)), JSON.stringify(found))
})
