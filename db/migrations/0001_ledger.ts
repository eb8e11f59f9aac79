import { type Kysely, PostgresAdapter, sql } from 'kysely'

/*
 * The ledger core. Frozen in time: this file never imports from src/.
 *
 * Rules the database enforces on its own, so that even a hand-typed `sqlite3 … "update …"` is refused:
 * - journal_entries and journal_lines are append-only (no UPDATE, no DELETE);
 * - an entry's lines are inserted before the entry; when the entry row arrives its lines must number at least two,
 *   each carry a positive amount on exactly one side, and balance to the entry's declared total; no line may be added
 *   to an entry once it is posted, and a line without its entry fails the commit (deferred foreign key);
 * - seq is gapless per group, and each entry's prev_hash is the hash of the entry before it;
 * - an entry is reversed at most once (unique reverses_id).
 */

const ZERO_HASH = '0'.repeat(64)

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up (db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const money = pg ? sql`bigint` : sql`integer`

  await db.schema.createTable('api_keys')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('name', 'text', c => c.notNull())
    .addColumn('role', 'text', c => c.notNull().check(sql`role in ('admin','treasurer','auditor','integrator')`))
    .addColumn('key_hash', 'text', c => c.notNull().unique())
    .addColumn('group_ids', 'text')
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute()

  await db.schema.createTable('groups')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('name', 'text', c => c.notNull())
    .addColumn('kind', 'text', c => c.notNull().check(sql`kind in ('p2wkss','pkk','kube','karang_taruna','bumdes','other')`))
    .addColumn('village', 'text')
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('actor_id', 'text', c => c.notNull())
    .addColumn('actor_name', 'text', c => c.notNull())
    .execute()

  await db.schema.createTable('members')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('group_id', 'text', c => c.notNull().references('groups.id'))
    .addColumn('name', 'text', c => c.notNull())
    .addColumn('household_no', 'text')
    .addColumn('joined_on', 'text')
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('actor_id', 'text', c => c.notNull())
    .addColumn('actor_name', 'text', c => c.notNull())
    .addUniqueConstraint('members_group_id_id', ['group_id', 'id'])
    .execute()
  await db.schema.createIndex('members_group').on('members').columns(['group_id', 'name']).execute()

  await db.schema.createTable('accounts')
    .addColumn('group_id', 'text', c => c.notNull().references('groups.id'))
    .addColumn('code', 'text', c => c.notNull())
    .addColumn('name', 'text', c => c.notNull())
    .addColumn('type', 'text', c => c.notNull().check(sql`type in ('asset','liability','equity','income','expense')`))
    .addColumn('normal_balance', 'text', c => c.notNull().check(sql`normal_balance in ('debit','credit')`))
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('actor_id', 'text', c => c.notNull())
    .addColumn('actor_name', 'text', c => c.notNull())
    .addPrimaryKeyConstraint('accounts_pk', ['group_id', 'code'])
    .execute()

  await db.schema.createTable('funds')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('group_id', 'text', c => c.notNull().references('groups.id'))
    .addColumn('kind', 'text', c => c.notNull().check(sql`kind in ('grant','donation')`))
    .addColumn('name', 'text', c => c.notNull())
    .addColumn('source', 'text', c => c.notNull())
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('actor_id', 'text', c => c.notNull())
    .addColumn('actor_name', 'text', c => c.notNull())
    .addUniqueConstraint('funds_group_id_id', ['group_id', 'id'])
    .execute()

  await db.schema.createTable('journal_entries')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('group_id', 'text', c => c.notNull().references('groups.id'))
    .addColumn('seq', 'integer', c => c.notNull().check(sql`seq >= 1`))
    .addColumn('date', 'text', c => c.notNull())
    .addColumn('description', 'text', c => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('reverses_id', 'text', c => c.unique().references('journal_entries.id'))
    .addColumn('total', money, c => c.notNull().check(sql`total > 0`))
    .addColumn('line_count', 'integer', c => c.notNull().check(sql`line_count >= 2`))
    .addColumn('actor_id', 'text', c => c.notNull())
    .addColumn('actor_name', 'text', c => c.notNull())
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('prev_hash', 'text', c => c.notNull().check(sql`length(prev_hash) = 64`))
    .addColumn('hash', 'text', c => c.notNull().unique().check(sql`length(hash) = 64`))
    .addUniqueConstraint('journal_entries_group_seq', ['group_id', 'seq'])
    .execute()
  await db.schema.createIndex('journal_entries_group_date').on('journal_entries').columns(['group_id', 'date', 'seq']).execute()

  await db.schema.createTable('journal_lines')
    .addColumn('entry_id', 'text', c => c.notNull())
    .addColumn('line_no', 'integer', c => c.notNull())
    .addColumn('group_id', 'text', c => c.notNull())
    .addColumn('seq', 'integer', c => c.notNull())
    .addColumn('date', 'text', c => c.notNull())
    .addColumn('account_code', 'text', c => c.notNull())
    .addColumn('debit', money, c => c.notNull().check(sql`debit >= 0 and debit <= 1000000000000000`))
    .addColumn('credit', money, c => c.notNull().check(sql`credit >= 0 and credit <= 1000000000000000`))
    .addColumn('fund_id', 'text')
    .addColumn('member_id', 'text')
    .addPrimaryKeyConstraint('journal_lines_pk', ['entry_id', 'line_no'])
    .addForeignKeyConstraint('journal_lines_entry', ['entry_id'], 'journal_entries', ['id'], fk => fk.deferrable().initiallyDeferred())
    .addForeignKeyConstraint('journal_lines_account', ['group_id', 'account_code'], 'accounts', ['group_id', 'code'])
    .addForeignKeyConstraint('journal_lines_fund', ['group_id', 'fund_id'], 'funds', ['group_id', 'id'])
    .addForeignKeyConstraint('journal_lines_member', ['group_id', 'member_id'], 'members', ['group_id', 'id'])
    .addCheckConstraint('journal_lines_one_side', sql`(debit > 0 and credit = 0) or (credit > 0 and debit = 0)`)
    .execute()
  await db.schema.createIndex('journal_lines_account').on('journal_lines').columns(['group_id', 'account_code', 'date', 'seq']).execute()
  await db.schema.createIndex('journal_lines_fund').on('journal_lines').columns(['group_id', 'fund_id']).execute()

  // A cache of daily movements per account, rebuilt and compared by verify; never the source of truth.
  await db.schema.createTable('account_daily_totals')
    .addColumn('group_id', 'text', c => c.notNull())
    .addColumn('account_code', 'text', c => c.notNull())
    .addColumn('date', 'text', c => c.notNull())
    .addColumn('debit', money, c => c.notNull())
    .addColumn('credit', money, c => c.notNull())
    .addPrimaryKeyConstraint('account_daily_totals_pk', ['group_id', 'account_code', 'date'])
    .execute()

  await db.schema.createTable('idempotency_keys')
    .addColumn('actor_id', 'text', c => c.notNull())
    .addColumn('key', 'text', c => c.notNull())
    .addColumn('request_hash', 'text', c => c.notNull())
    .addColumn('status', 'integer', c => c.notNull())
    .addColumn('body', 'text', c => c.notNull())
    .addColumn('created_at', 'text', c => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['actor_id', 'key'])
    .execute()

  if (pg) await postgresRules(db)
  else await sqliteRules(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function sqliteRules (db: Kysely<any>): Promise<void> {
  for (const table of ['journal_entries', 'journal_lines']) {
    await sql.raw(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
      BEGIN SELECT RAISE(ABORT, '${table} is append-only: post a reversing entry instead'); END`).execute(db)
    await sql.raw(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
      BEGIN SELECT RAISE(ABORT, '${table} is append-only: post a reversing entry instead'); END`).execute(db)
  }
  await sql.raw(`CREATE TRIGGER journal_lines_before_entry BEFORE INSERT ON journal_lines
    WHEN EXISTS (SELECT 1 FROM journal_entries WHERE id = NEW.entry_id)
    BEGIN SELECT RAISE(ABORT, 'lines cannot be added to a posted entry'); END`).execute(db)
  await sql.raw(`CREATE TRIGGER journal_entries_rules BEFORE INSERT ON journal_entries
    BEGIN
      SELECT RAISE(ABORT, 'entry does not balance')
      WHERE (SELECT count(*) FROM journal_lines WHERE entry_id = NEW.id) <> NEW.line_count
         OR (SELECT coalesce(sum(debit), 0) FROM journal_lines WHERE entry_id = NEW.id) <> NEW.total
         OR (SELECT coalesce(sum(credit), 0) FROM journal_lines WHERE entry_id = NEW.id) <> NEW.total
         OR EXISTS (SELECT 1 FROM journal_lines WHERE entry_id = NEW.id
                    AND (group_id <> NEW.group_id OR seq <> NEW.seq OR date <> NEW.date));
      SELECT RAISE(ABORT, 'seq must follow the group''s last entry')
      WHERE NEW.seq <> coalesce((SELECT max(seq) FROM journal_entries WHERE group_id = NEW.group_id), 0) + 1;
      SELECT RAISE(ABORT, 'prev_hash must be the hash of the previous entry')
      WHERE NEW.prev_hash <> coalesce((SELECT hash FROM journal_entries WHERE group_id = NEW.group_id AND seq = NEW.seq - 1), '${ZERO_HASH}');
    END`).execute(db)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function postgresRules (db: Kysely<any>): Promise<void> {
  await sql.raw(`CREATE FUNCTION lumbung_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '% is append-only: post a reversing entry instead', TG_TABLE_NAME; END $$`).execute(db)
  for (const table of ['journal_entries', 'journal_lines']) {
    await sql.raw(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION lumbung_append_only()`).execute(db)
    await sql.raw(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION lumbung_append_only()`).execute(db)
  }
  await sql.raw(`CREATE FUNCTION lumbung_line_before_entry() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM journal_entries WHERE id = NEW.entry_id) THEN
        RAISE EXCEPTION 'lines cannot be added to a posted entry';
      END IF;
      RETURN NEW;
    END $$`).execute(db)
  await sql.raw(`CREATE TRIGGER journal_lines_before_entry BEFORE INSERT ON journal_lines
    FOR EACH ROW EXECUTE FUNCTION lumbung_line_before_entry()`).execute(db)
  // The group's last entry is read once, newest first by (group_id, seq): a max(seq) could be planned over another
  // index of the group and read every entry of it for each insert.
  await sql.raw(`CREATE FUNCTION lumbung_entry_rules() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      last_seq integer;
      last_hash text;
    BEGIN
      IF (SELECT count(*) FROM journal_lines WHERE entry_id = NEW.id) <> NEW.line_count
         OR (SELECT coalesce(sum(debit), 0) FROM journal_lines WHERE entry_id = NEW.id) <> NEW.total
         OR (SELECT coalesce(sum(credit), 0) FROM journal_lines WHERE entry_id = NEW.id) <> NEW.total
         OR EXISTS (SELECT 1 FROM journal_lines WHERE entry_id = NEW.id
                    AND (group_id <> NEW.group_id OR seq <> NEW.seq OR date <> NEW.date)) THEN
        RAISE EXCEPTION 'entry does not balance';
      END IF;
      SELECT seq, hash INTO last_seq, last_hash FROM journal_entries WHERE group_id = NEW.group_id ORDER BY seq DESC LIMIT 1;
      IF NEW.seq <> coalesce(last_seq, 0) + 1 THEN
        RAISE EXCEPTION 'seq must follow the group''s last entry';
      END IF;
      IF NEW.prev_hash <> coalesce(last_hash, '${ZERO_HASH}') THEN
        RAISE EXCEPTION 'prev_hash must be the hash of the previous entry';
      END IF;
      RETURN NEW;
    END $$`).execute(db)
  await sql.raw(`CREATE TRIGGER journal_entries_rules BEFORE INSERT ON journal_entries
    FOR EACH ROW EXECUTE FUNCTION lumbung_entry_rules()`).execute(db)
}

export async function down (): Promise<void> {
  throw new Error('the ledger is never rolled back: restore a backup instead')
}
