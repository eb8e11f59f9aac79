import { createHash } from 'node:crypto'
import { type Kysely, PostgresAdapter, sql } from 'kysely'

/*
 * Tamper evidence over everything that counts money. Frozen in time: this file never imports from src/, so it carries
 * its own copies of the canonical JSON, the protected tables and the record hash as they were when it was written.
 *
 * - The record chain (`records`): per group, every row of the protected tables (groups, accounts, members, funds,
 *   meetings with their attendees and decisions, loans with their instalments, repayments, write-offs, periods, SHU
 *   distributions and payouts) as inserted, each record hashed with the one before it. Verify compares every row with
 *   its record. Rows already in the database are recorded here, oldest first, as they stand now.
 * - Journal entries get a kind and a source (the record they belong to) and a hash version: version 2 entries carry
 *   both inside their hash. Entries already posted keep their version 1 hash; they are classified here from the
 *   registers that point at them (periods, loans, repayments, write-offs, SHU) and from the event feed, and their kinds
 *   and sources are kept in one record of the chain (`journal_entries/legacy-kinds`).
 * - groups, accounts, members and funds become append-only like the rest; a line on a member account (2101, 2103,
 *   3101, 3102) must name its member; a period keeps the signed checkpoint of its close.
 */

const ZERO_HASH = '0'.repeat(64)
const KINDS = ['manual', 'funding', 'expense', 'savings-deposit', 'savings-withdrawal', 'disbursement', 'repayment', 'write-off',
  'closing', 'shu-distribution', 'shu-payout', 'reversal']
const UNSOURCED = ['manual', 'expense', 'reversal']
const MEMBER_ACCOUNTS = ['2101', '2103', '3101', '3102']
const NEWLY_APPEND_ONLY = ['groups', 'accounts', 'members', 'funds']

interface Child { table: string, parent: string, key: string[] }
interface Protected { table: string, key: string[], group: string, children: Child[] }
const PROTECTED: Protected[] = [
  { table: 'groups', key: ['id'], group: 'id', children: [] },
  { table: 'accounts', key: ['code'], group: 'group_id', children: [] },
  { table: 'members', key: ['id'], group: 'group_id', children: [] },
  { table: 'funds', key: ['id'], group: 'group_id', children: [] },
  { table: 'meetings', key: ['id'], group: 'group_id', children: [{ table: 'meeting_attendees', parent: 'meeting_id', key: ['member_id'] }, { table: 'decisions', parent: 'meeting_id', key: ['position'] }] },
  { table: 'loans', key: ['id'], group: 'group_id', children: [{ table: 'loan_installments', parent: 'loan_id', key: ['n'] }] },
  { table: 'loan_repayments', key: ['id'], group: 'group_id', children: [] },
  { table: 'loan_write_offs', key: ['loan_id'], group: 'group_id', children: [] },
  { table: 'periods', key: ['id'], group: 'group_id', children: [] },
  { table: 'shu_distributions', key: ['id'], group: 'group_id', children: [] },
  { table: 'shu_payouts', key: ['id'], group: 'group_id', children: [] }
]

type Json = null | string | number | Json[] | { [k: string]: Json }
type Row = Record<string, string | null>

function canonical (v: Json): string {
  if (v === null || typeof v === 'string' || typeof v === 'number') return JSON.stringify(v)
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  return `{${Object.keys(v).sort().map(k => `${JSON.stringify(k)}:${canonical(v[k] as Json)}`).join(',')}}`
}

function normal (raw: Record<string, unknown>): Row {
  const row: Row = {}
  for (const [k, v] of Object.entries(raw)) row[k] = v === null || v === undefined ? null : typeof v === 'string' ? v : String(v)
  return row
}

const keyOf = (key: string[], r: Row): string => key.map(k => r[k] ?? '').join('/')
function sortByKey (key: string[], rows: Row[]): Row[] {
  return rows.sort((a, b) => {
    const x = keyOf(key, a)
    const y = keyOf(key, b)
    if (/^\d+$/.test(x) && /^\d+$/.test(y) && x.length !== y.length) return x.length - y.length
    return x < y ? -1 : x > y ? 1 : 0
  })
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up (db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const run = async (text: string): Promise<void> => { await sql.raw(text).execute(db) }

  await db.schema.createTable('records')
    .addColumn('group_id', 'text', c => c.notNull().references('groups.id'))
    .addColumn('seq', 'integer', c => c.notNull().check(sql`seq >= 1`))
    .addColumn('table_name', 'text', c => c.notNull())
    .addColumn('record_id', 'text', c => c.notNull())
    .addColumn('body', 'text', c => c.notNull())
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('prev_hash', 'text', c => c.notNull().check(sql`length(prev_hash) = 64`))
    .addColumn('hash', 'text', c => c.notNull().unique().check(sql`length(hash) = 64`))
    .addPrimaryKeyConstraint('records_pk', ['group_id', 'seq'])
    .addUniqueConstraint('records_group_table_record', ['group_id', 'table_name', 'record_id'])
    .execute()

  await run(`ALTER TABLE journal_entries ADD COLUMN kind text NOT NULL DEFAULT 'manual' CHECK (kind IN (${KINDS.map(k => `'${k}'`).join(', ')}))`)
  await run('ALTER TABLE journal_entries ADD COLUMN source_id text')
  await run('ALTER TABLE journal_entries ADD COLUMN hash_version integer NOT NULL DEFAULT 1 CHECK (hash_version IN (1, 2))')
  await run('ALTER TABLE periods ADD COLUMN checkpoint text')
  // The reversals of a group, without reading its journal: a loan's repayments stand until the date they were undone.
  await run('CREATE INDEX journal_entries_reversals ON journal_entries (group_id, reverses_id) WHERE reverses_id IS NOT NULL')

  const kinds = await classify(db)
  await withoutEntryUpdateRule(db, pg, async () => {
    for (const [id, k] of kinds) {
      if (k.kind === 'manual') continue
      await sql`UPDATE journal_entries SET kind = ${k.kind}, source_id = ${k.source} WHERE id = ${id}`.execute(db)
    }
  })
  await backfillRecords(db, kinds)

  if (pg) await postgresRules(db)
  else await sqliteRules(db)
}

/** Kind and source of every entry already posted, from what points at it. */
async function classify (db: Kysely<any>): Promise<Map<string, { group: string, kind: string, source: string | null }>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const out = new Map<string, { group: string, kind: string, source: string | null }>()
  const entries = await sql<{ id: string, group_id: string, reverses_id: string | null }>`SELECT id, group_id, reverses_id FROM journal_entries ORDER BY group_id, seq`.execute(db)
  for (const e of entries.rows) out.set(e.id, { group: e.group_id, kind: e.reverses_id === null ? 'manual' : 'reversal', source: null })
  const mark = (id: string | null, kind: string, source: string | null): void => {
    const e = id === null ? undefined : out.get(id)
    if (e !== undefined && e.kind === 'manual') { e.kind = kind; e.source = source }
  }
  const links: Array<[string, string, string, string]> = [
    ['periods', 'closing_entry_id', 'id', 'closing'],
    ['loans', 'disbursement_entry_id', 'id', 'disbursement'],
    ['loan_repayments', 'entry_id', 'id', 'repayment'],
    ['loan_write_offs', 'entry_id', 'loan_id', 'write-off'],
    ['shu_distributions', 'entry_id', 'id', 'shu-distribution'],
    ['shu_payouts', 'entry_id', 'id', 'shu-payout']
  ]
  for (const [table, entryColumn, sourceColumn, kind] of links) {
    const rows = await sql<{ entry: string | null, source: string }>`SELECT ${sql.ref(entryColumn)} AS entry, ${sql.ref(sourceColumn)} AS source FROM ${sql.table(table)}`.execute(db)
    for (const r of rows.rows) mark(r.entry, kind, r.source)
  }
  const events = await sql<{ type: string, entity_id: string, data: string }>`SELECT type, entity_id, data FROM events
    WHERE type IN ('grant.received', 'donation.received', 'expense.recorded', 'savings.deposited', 'savings.withdrawn') ORDER BY group_id, seq`.execute(db)
  for (const ev of events.rows) {
    const data = JSON.parse(ev.data) as { entryId?: string, memberId?: string }
    if (ev.type === 'grant.received' || ev.type === 'donation.received') mark(data.entryId ?? null, 'funding', ev.entity_id)
    else if (ev.type === 'expense.recorded') mark(ev.entity_id, 'expense', null)
    else if (data.memberId !== undefined) mark(ev.entity_id, ev.type === 'savings.deposited' ? 'savings-deposit' : 'savings-withdrawal', data.memberId)
  }
  return out
}

/** Lifts the journal's no-update rule for the classification only, as migration 0008 did for the turnover. */
async function withoutEntryUpdateRule (db: Kysely<any>, pg: boolean, work: () => Promise<void>): Promise<void> { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (pg) {
    await sql.raw('ALTER TABLE journal_entries DISABLE TRIGGER journal_entries_append_only').execute(db)
    await work()
    await sql.raw('ALTER TABLE journal_entries ENABLE TRIGGER journal_entries_append_only').execute(db)
    return
  }
  await sql.raw('DROP TRIGGER journal_entries_no_update').execute(db)
  await work()
  await sql.raw(`CREATE TRIGGER journal_entries_no_update BEFORE UPDATE ON journal_entries
    BEGIN SELECT RAISE(ABORT, 'journal_entries is append-only: post a reversing entry instead'); END`).execute(db)
}

/** Every protected row already stored, per group, into its record chain: the group first, then by time of insert. */
async function backfillRecords (db: Kysely<any>, kinds: Map<string, { group: string, kind: string, source: string | null }>): Promise<void> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const groups = await sql<{ id: string }>`SELECT id FROM groups ORDER BY created_at, id`.execute(db)
  for (const { id: groupId } of groups.rows) {
    const pending: Array<{ order: number, table: string, id: string, createdAt: string, body: Json }> = []
    for (const [order, t] of PROTECTED.entries()) {
      const rows = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(t.table)} WHERE ${sql.ref(t.group)} = ${groupId}`.execute(db)).rows.map(normal)
      for (const row of rows) {
        const children: Record<string, Json> = {}
        for (const c of t.children) {
          const got = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(c.table)} WHERE ${sql.ref(c.parent)} = ${row[t.key[0] as string] ?? null}`.execute(db)).rows.map(normal)
          children[c.table] = sortByKey(c.key, got)
        }
        const body: Json = t.children.length === 0 ? { row } : { children, row }
        pending.push({ order, table: t.table, id: keyOf(t.key, row), createdAt: row.created_at ?? '', body })
      }
    }
    pending.sort((a, b) => a.order === 0 ? -1 : b.order === 0 ? 1 : a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.order - b.order || (a.id < b.id ? -1 : 1))
    const legacy = [...kinds].filter(([, k]) => k.group === groupId).map(([id, k]) => ({ id, kind: k.kind, source_id: k.source }))
    if (legacy.length > 0) {
      const last = pending.reduce((m, p) => p.createdAt > m ? p.createdAt : m, '')
      pending.push({ order: 99, table: 'journal_entries', id: 'legacy-kinds', createdAt: last, body: { children: { journal_entries: sortByKey(['id'], legacy) }, row: { entries: String(legacy.length) } } })
    }
    let prev = ZERO_HASH
    for (const [i, p] of pending.entries()) {
      const seq = i + 1
      const hash = createHash('sha256').update(canonical({ body: p.body, createdAt: p.createdAt, groupId, id: p.id, prevHash: prev, seq, table: p.table }), 'utf8').digest('hex')
      await sql`INSERT INTO records (group_id, seq, table_name, record_id, body, created_at, prev_hash, hash)
        VALUES (${groupId}, ${seq}, ${p.table}, ${p.id}, ${canonical(p.body)}, ${p.createdAt}, ${prev}, ${hash})`.execute(db)
      prev = hash
    }
  }
}

async function sqliteRules (db: Kysely<any>): Promise<void> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const run = async (text: string): Promise<void> => { await sql.raw(text).execute(db) }
  for (const table of ['records', ...NEWLY_APPEND_ONLY]) {
    await run(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`)
    await run(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`)
  }
  await run(`CREATE TRIGGER records_rules BEFORE INSERT ON records
    BEGIN
      SELECT RAISE(ABORT, 'seq must follow the group''s last record')
      WHERE NEW.seq <> coalesce((SELECT max(seq) FROM records WHERE group_id = NEW.group_id), 0) + 1;
      SELECT RAISE(ABORT, 'prev_hash must be the hash of the previous record')
      WHERE NEW.prev_hash <> coalesce((SELECT hash FROM records WHERE group_id = NEW.group_id AND seq = NEW.seq - 1), '${ZERO_HASH}');
    END`)
  await run(`CREATE TRIGGER journal_entries_kind BEFORE INSERT ON journal_entries
    BEGIN
      SELECT RAISE(ABORT, 'an entry''s hash version may not go back')
      WHERE NEW.hash_version < coalesce((SELECT hash_version FROM journal_entries WHERE group_id = NEW.group_id AND seq = NEW.seq - 1), 1);
      SELECT RAISE(ABORT, 'an entry''s kind, source and reversal must fit')
      WHERE NEW.hash_version >= 2 AND ((NEW.kind = 'reversal') <> (NEW.reverses_id IS NOT NULL)
        OR (NEW.kind IN (${UNSOURCED.map(k => `'${k}'`).join(', ')})) <> (NEW.source_id IS NULL));
    END`)
  await run(`CREATE TRIGGER journal_lines_member_accounts BEFORE INSERT ON journal_lines
    WHEN NEW.member_id IS NULL AND NEW.account_code IN (${MEMBER_ACCOUNTS.map(a => `'${a}'`).join(', ')})
    BEGIN SELECT RAISE(ABORT, 'a line on a member account (${MEMBER_ACCOUNTS.join(', ')}) names its member'); END`)
}

async function postgresRules (db: Kysely<any>): Promise<void> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const run = async (text: string): Promise<void> => { await sql.raw(text).execute(db) }
  for (const table of ['records', ...NEWLY_APPEND_ONLY]) {
    await run(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION lumbung_append_only()`)
    await run(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION lumbung_append_only()`)
  }
  await run(`CREATE FUNCTION lumbung_record_rules() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      last_seq integer;
      last_hash text;
    BEGIN
      SELECT seq, hash INTO last_seq, last_hash FROM records WHERE group_id = NEW.group_id ORDER BY seq DESC LIMIT 1;
      IF NEW.seq <> coalesce(last_seq, 0) + 1 THEN RAISE EXCEPTION 'seq must follow the group''s last record'; END IF;
      IF NEW.prev_hash <> coalesce(last_hash, '${ZERO_HASH}') THEN RAISE EXCEPTION 'prev_hash must be the hash of the previous record'; END IF;
      RETURN NEW;
    END $$`)
  await run('CREATE TRIGGER records_rules BEFORE INSERT ON records FOR EACH ROW EXECUTE FUNCTION lumbung_record_rules()')
  await run(`CREATE FUNCTION lumbung_entry_kind() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.hash_version < coalesce((SELECT hash_version FROM journal_entries WHERE group_id = NEW.group_id AND seq = NEW.seq - 1), 1) THEN
        RAISE EXCEPTION 'an entry''s hash version may not go back';
      END IF;
      IF NEW.hash_version >= 2 AND ((NEW.kind = 'reversal') <> (NEW.reverses_id IS NOT NULL)
         OR (NEW.kind IN (${UNSOURCED.map(k => `'${k}'`).join(', ')})) <> (NEW.source_id IS NULL)) THEN
        RAISE EXCEPTION 'an entry''s kind, source and reversal must fit';
      END IF;
      RETURN NEW;
    END $$`)
  await run('CREATE TRIGGER journal_entries_kind BEFORE INSERT ON journal_entries FOR EACH ROW EXECUTE FUNCTION lumbung_entry_kind()')
  await run(`CREATE FUNCTION lumbung_line_member() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.member_id IS NULL AND NEW.account_code IN (${MEMBER_ACCOUNTS.map(a => `'${a}'`).join(', ')}) THEN
        RAISE EXCEPTION 'a line on a member account (${MEMBER_ACCOUNTS.join(', ')}) names its member';
      END IF;
      RETURN NEW;
    END $$`)
  await run('CREATE TRIGGER journal_lines_member_accounts BEFORE INSERT ON journal_lines FOR EACH ROW EXECUTE FUNCTION lumbung_line_member()')
}

export async function down (): Promise<void> {
  throw new Error('the ledger is never rolled back: restore a backup instead')
}
