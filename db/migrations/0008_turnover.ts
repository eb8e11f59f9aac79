import { type Kysely, PostgresAdapter, sql } from 'kysely'

/*
 * A group's turnover: the running total of everything its entries have moved (the sum of their totals, in seq order),
 * kept on each entry. It bounds every sum the books can ever need: no balance, no trial-balance column and no daily
 * total of a group can exceed its turnover, so capping the turnover at 10^18 keeps every sum inside a signed 64-bit
 * integer (SQLite's INTEGER and PostgreSQL's bigint end at 9.2 × 10^18; past that SQLite silently turns a sum into an
 * inexact REAL). The insert rule checks that each entry carries its predecessor's turnover plus its own total.
 *
 * Entries already posted get their running totals here; the append-only rule is lifted for that one statement only.
 */

export const TURNOVER_LIMIT = '1000000000000000000'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up (db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const type = pg ? 'bigint' : 'integer'
  await sql.raw(`ALTER TABLE journal_entries ADD COLUMN turnover ${type} NOT NULL DEFAULT 0
    CHECK (turnover >= 0 AND turnover <= ${TURNOVER_LIMIT})`).execute(db)
  const backfill = `UPDATE journal_entries SET turnover = w.running
    FROM (SELECT id, sum(total) OVER (PARTITION BY group_id ORDER BY seq) AS running FROM journal_entries) AS w
    WHERE w.id = journal_entries.id`
  if (pg) {
    await sql.raw('ALTER TABLE journal_entries DISABLE TRIGGER journal_entries_append_only').execute(db)
    await sql.raw(backfill).execute(db)
    await sql.raw('ALTER TABLE journal_entries ENABLE TRIGGER journal_entries_append_only').execute(db)
    await sql.raw(`CREATE FUNCTION lumbung_entry_turnover() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.turnover <> coalesce((SELECT turnover FROM journal_entries WHERE group_id = NEW.group_id AND seq = NEW.seq - 1), 0) + NEW.total THEN
          RAISE EXCEPTION 'turnover must be the previous entry''s turnover plus this entry''s total';
        END IF;
        RETURN NEW;
      END $$`).execute(db)
    await sql.raw(`CREATE TRIGGER journal_entries_turnover BEFORE INSERT ON journal_entries
      FOR EACH ROW EXECUTE FUNCTION lumbung_entry_turnover()`).execute(db)
  } else {
    await sql.raw('DROP TRIGGER journal_entries_no_update').execute(db)
    await sql.raw(backfill).execute(db)
    await sql.raw(`CREATE TRIGGER journal_entries_no_update BEFORE UPDATE ON journal_entries
      BEGIN SELECT RAISE(ABORT, 'journal_entries is append-only: post a reversing entry instead'); END`).execute(db)
    await sql.raw(`CREATE TRIGGER journal_entries_turnover BEFORE INSERT ON journal_entries
      BEGIN
        SELECT RAISE(ABORT, 'turnover must be the previous entry''s turnover plus this entry''s total')
        WHERE NEW.turnover <> coalesce((SELECT turnover FROM journal_entries WHERE group_id = NEW.group_id AND seq = NEW.seq - 1), 0) + NEW.total;
      END`).execute(db)
  }
}
