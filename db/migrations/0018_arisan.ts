import { type Kysely, PostgresAdapter, sql } from 'kysely'

/*
 * Arisan: a rotating pot, each slot taking it once a cycle.
 * - `arisans`: one arisan as a meeting decided it (the contribution per slot per round, the host's fee taken from each
 *   pot, the schedule, the order: agreed or drawn), with `arisan_slots`: who holds each slot and what each holder pays
 *   per round (a member may hold two slots; two members may share one, each paying her part).
 * - `arisan_contributions`: one holder's payment for one round, pointing at its entry; `late` when the round was
 *   already taken (the money is passed on at once to the holders who took it). One stands per holder and round; one
 *   recorded in error is undone by a reversing entry (while its round collects) and may be paid again, so the rule is
 *   the service's and verify's, not a unique key.
 * - `arisan_rounds`: who took a round's pot, once per round and once per slot (two unique keys), with the draw's inputs
 *   and digest when the order is drawn, and the journal head the draw was fixed by.
 * - `loans.out_of_turn_reason`: why a loan was made out of the turn (giliran pinjaman) a meeting decided.
 * All four are append-only and recorded in the group's record chain. Journal entries get two kinds:
 * `arisan-contribution` and `arisan-round`. SQLite cannot alter a CHECK, so journal_entries is rebuilt as 0016 rebuilt
 * its tables (foreign keys off, around the migrations, by src/data/migrate.ts). Frozen in time: never imports src/.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>

const OLD_KINDS = ['manual', 'funding', 'expense', 'savings-deposit', 'savings-withdrawal', 'disbursement', 'repayment', 'write-off',
  'closing', 'shu-distribution', 'shu-payout', 'reversal']
const KINDS = [...OLD_KINDS, 'arisan-contribution', 'arisan-round']
const list = (xs: readonly string[]): string => xs.map(k => `'${k}'`).join(', ')

async function widenKindsSqlite (db: Db): Promise<void> {
  const table = 'journal_entries'
  const { rows } = await sql<{ type: string, sql: string }>`select type, sql from sqlite_master where tbl_name = ${table} and sql is not null order by rowid`.execute(db)
  const create = rows.find(r => r.type === 'table')?.sql ?? ''
  const from = `CHECK (kind IN (${list(OLD_KINDS)}))`
  if (!create.includes(from)) throw new Error(`${table}: the kind CHECK to widen is not as expected`)
  const wider = create.replace(/^CREATE TABLE "?[a-z_]+"?/i, `CREATE TABLE "${table}_wider"`).replace(from, `CHECK (kind IN (${list(KINDS)}))`)
  const columns = (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)).rows.map(r => `"${r.name}"`).join(', ')
  await sql.raw(wider).execute(db)
  await sql.raw(`INSERT INTO "${table}_wider" (rowid, ${columns}) SELECT rowid, ${columns} FROM "${table}" ORDER BY rowid`).execute(db)
  await sql.raw(`DROP TABLE "${table}"`).execute(db)
  await sql.raw(`ALTER TABLE "${table}_wider" RENAME TO "${table}"`).execute(db)
  for (const r of rows.filter(r => r.type !== 'table')) await sql.raw(r.sql).execute(db)
}

async function widenKindsPostgres (db: Db): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    select conname as name from pg_constraint
    where conrelid = 'journal_entries'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%kind = ANY%'`.execute(db)
  if (rows.length !== 1) throw new Error(`journal_entries: expected one CHECK on kind, found ${rows.length}`)
  await sql.raw(`ALTER TABLE journal_entries DROP CONSTRAINT "${rows[0]?.name ?? ''}", ADD CONSTRAINT journal_entries_kind_check CHECK (kind IN (${list(KINDS)}))`).execute(db)
}

async function createTables (db: Db, money: ReturnType<typeof sql>): Promise<void> {
  await db.schema.createTable('arisans')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('group_id', 'text', c => c.notNull().references('groups.id'))
    .addColumn('name', 'text', c => c.notNull().check(sql`length(name) between 1 and 100`))
    .addColumn('meeting_id', 'text', c => c.notNull().references('meetings.id'))
    .addColumn('contribution', money, c => c.notNull().check(sql`contribution > 0`))
    .addColumn('host_fee', money, c => c.notNull().check(sql`host_fee >= 0`))
    .addColumn('schedule', 'text', c => c.notNull().check(sql`schedule in ('meeting', 'monthly')`))
    .addColumn('order_mode', 'text', c => c.notNull().check(sql`order_mode in ('agreed', 'draw')`))
    .addColumn('slots', 'integer', c => c.notNull().check(sql`slots between 2 and 200`))
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('actor_id', 'text', c => c.notNull())
    .addColumn('actor_name', 'text', c => c.notNull())
    .addUniqueConstraint('arisans_group_id', ['group_id', 'id'])
    .execute()
  await db.schema.createTable('arisan_slots')
    .addColumn('arisan_id', 'text', c => c.notNull().references('arisans.id'))
    .addColumn('group_id', 'text', c => c.notNull())
    .addColumn('slot', 'integer', c => c.notNull().check(sql`slot >= 1`))
    .addColumn('member_id', 'text', c => c.notNull())
    .addColumn('due', money, c => c.notNull().check(sql`due > 0`))
    .addPrimaryKeyConstraint('arisan_slots_pk', ['arisan_id', 'slot', 'member_id'])
    .addForeignKeyConstraint('arisan_slots_arisan', ['group_id', 'arisan_id'], 'arisans', ['group_id', 'id'])
    .addForeignKeyConstraint('arisan_slots_member', ['group_id', 'member_id'], 'members', ['group_id', 'id'])
    .execute()
  await db.schema.createTable('arisan_contributions')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('group_id', 'text', c => c.notNull().references('groups.id'))
    .addColumn('arisan_id', 'text', c => c.notNull())
    .addColumn('round', 'integer', c => c.notNull().check(sql`round >= 1`))
    .addColumn('slot', 'integer', c => c.notNull())
    .addColumn('member_id', 'text', c => c.notNull())
    .addColumn('amount', money, c => c.notNull().check(sql`amount > 0`))
    .addColumn('late', 'integer', c => c.notNull().check(sql`late in (0, 1)`))
    .addColumn('date', 'text', c => c.notNull())
    .addColumn('entry_id', 'text', c => c.notNull().unique().references('journal_entries.id'))
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('actor_id', 'text', c => c.notNull())
    .addColumn('actor_name', 'text', c => c.notNull())
    .addForeignKeyConstraint('arisan_contributions_arisan', ['group_id', 'arisan_id'], 'arisans', ['group_id', 'id'])
    .addForeignKeyConstraint('arisan_contributions_holder', ['arisan_id', 'slot', 'member_id'], 'arisan_slots', ['arisan_id', 'slot', 'member_id'])
    .execute()
  await db.schema.createIndex('arisan_contributions_holder').on('arisan_contributions').columns(['arisan_id', 'round', 'slot', 'member_id']).execute()
  await db.schema.createTable('arisan_rounds')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('group_id', 'text', c => c.notNull().references('groups.id'))
    .addColumn('arisan_id', 'text', c => c.notNull())
    .addColumn('round', 'integer', c => c.notNull().check(sql`round >= 1`))
    .addColumn('slot', 'integer', c => c.notNull().check(sql`slot >= 1`))
    .addColumn('date', 'text', c => c.notNull())
    .addColumn('meeting_id', 'text', c => c.references('meetings.id'))
    .addColumn('draw_rule', 'text')
    .addColumn('called', 'text')
    .addColumn('digest', 'text', c => c.check(sql`digest is null or length(digest) = 64`))
    .addColumn('head_seq', 'integer', c => c.notNull().check(sql`head_seq >= 0`))
    .addColumn('head_hash', 'text', c => c.notNull().check(sql`length(head_hash) = 64`))
    .addColumn('pot', money, c => c.notNull().check(sql`pot > 0`))
    .addColumn('host_fee', money, c => c.notNull().check(sql`host_fee >= 0 and host_fee < pot`))
    .addColumn('entry_id', 'text', c => c.notNull().unique().references('journal_entries.id'))
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('actor_id', 'text', c => c.notNull())
    .addColumn('actor_name', 'text', c => c.notNull())
    .addUniqueConstraint('arisan_rounds_round', ['arisan_id', 'round'])
    .addUniqueConstraint('arisan_rounds_slot', ['arisan_id', 'slot'])
    .addForeignKeyConstraint('arisan_rounds_arisan', ['group_id', 'arisan_id'], 'arisans', ['group_id', 'id'])
    .addCheckConstraint('arisan_rounds_draw', sql`(draw_rule is null) = (called is null) and (draw_rule is null) = (digest is null)`)
    .execute()
}

const TABLES = ['arisans', 'arisan_slots', 'arisan_contributions', 'arisan_rounds']

export async function up (db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  if (!pg) {
    const fk = (await sql<{ foreign_keys: number | bigint }>`pragma foreign_keys`.execute(db)).rows[0]?.foreign_keys
    if (Number(fk) !== 0) throw new Error('0018_arisan rebuilds journal_entries: run it through src/data/migrate.ts, which turns foreign keys off around the migrations')
    await sql`pragma legacy_alter_table = on`.execute(db)
    await widenKindsSqlite(db)
    await sql`pragma legacy_alter_table = off`.execute(db)
  } else {
    await widenKindsPostgres(db)
  }
  await createTables(db, pg ? sql`bigint` : sql`integer`)
  // Giliran pinjaman: a loan made out of the turn a meeting decided carries its reason (null: in turn, or no queue).
  await sql.raw('ALTER TABLE loans ADD COLUMN out_of_turn_reason text CHECK (out_of_turn_reason IS NULL OR length(out_of_turn_reason) BETWEEN 1 AND 500)').execute(db)
  for (const table of TABLES) {
    if (pg) {
      await sql.raw(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION lumbung_append_only()`).execute(db)
      await sql.raw(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION lumbung_append_only()`).execute(db)
    } else {
      await sql.raw(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`).execute(db)
      await sql.raw(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`).execute(db)
    }
  }
  if (!pg) {
    const broken = (await sql`pragma foreign_key_check`.execute(db)).rows
    if (broken.length > 0) throw new Error(`0018_arisan: ${broken.length} rows break a foreign key`)
  }
}

export async function down (): Promise<void> {
  throw new Error('the ledger is never rolled back: restore a backup instead')
}
