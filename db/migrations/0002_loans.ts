import { type Kysely, PostgresAdapter, sql } from 'kysely'

/*
 * Meetings and their decisions, loans with their fixed schedules, repayments and write-offs. Frozen in time: this file
 * never imports from src/. Like the journal, these records are append-only: a loan's status is derived from its
 * repayments and write-off, never updated in place.
 */

const APPEND_ONLY = ['meetings', 'meeting_attendees', 'decisions', 'loans', 'loan_installments', 'loan_repayments', 'loan_write_offs']

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up (db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const money = pg ? sql`bigint` : sql`integer`

  await db.schema.createTable('meetings')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('group_id', 'text', c => c.notNull().references('groups.id'))
    .addColumn('date', 'text', c => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('actor_id', 'text', c => c.notNull())
    .addColumn('actor_name', 'text', c => c.notNull())
    .addUniqueConstraint('meetings_group_id_id', ['group_id', 'id'])
    .execute()
  await db.schema.createIndex('meetings_group_date').on('meetings').columns(['group_id', 'date']).execute()

  await db.schema.createTable('meeting_attendees')
    .addColumn('meeting_id', 'text', c => c.notNull().references('meetings.id'))
    .addColumn('group_id', 'text', c => c.notNull())
    .addColumn('member_id', 'text', c => c.notNull())
    .addPrimaryKeyConstraint('meeting_attendees_pk', ['meeting_id', 'member_id'])
    .addForeignKeyConstraint('meeting_attendees_member', ['group_id', 'member_id'], 'members', ['group_id', 'id'])
    .execute()

  await db.schema.createTable('decisions')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('meeting_id', 'text', c => c.notNull().references('meetings.id'))
    .addColumn('group_id', 'text', c => c.notNull().references('groups.id'))
    .addColumn('position', 'integer', c => c.notNull())
    .addColumn('type', 'text', c => c.notNull())
    .addColumn('effective_from', 'text', c => c.notNull())
    .addColumn('body', 'text', c => c.notNull())
    .addColumn('created_at', 'text', c => c.notNull())
    .execute()
  await db.schema.createIndex('decisions_group_type').on('decisions').columns(['group_id', 'type', 'effective_from']).execute()

  await db.schema.createTable('loans')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('group_id', 'text', c => c.notNull().references('groups.id'))
    .addColumn('member_id', 'text', c => c.notNull())
    .addColumn('principal', money, c => c.notNull().check(sql`principal > 0`))
    .addColumn('term_count', 'integer', c => c.notNull().check(sql`term_count >= 1`))
    .addColumn('frequency', 'text', c => c.notNull().check(sql`frequency in ('monthly','weekly')`))
    .addColumn('disbursed_on', 'text', c => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('terms', 'text', c => c.notNull())
    .addColumn('meeting_id', 'text', c => c.notNull().references('meetings.id'))
    .addColumn('decision_id', 'text', c => c.notNull().references('decisions.id'))
    .addColumn('fund_id', 'text')
    .addColumn('disbursement_entry_id', 'text', c => c.notNull().unique().references('journal_entries.id'))
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('actor_id', 'text', c => c.notNull())
    .addColumn('actor_name', 'text', c => c.notNull())
    .addForeignKeyConstraint('loans_member', ['group_id', 'member_id'], 'members', ['group_id', 'id'])
    .execute()
  await db.schema.createIndex('loans_group_member').on('loans').columns(['group_id', 'member_id']).execute()

  await db.schema.createTable('loan_installments')
    .addColumn('loan_id', 'text', c => c.notNull().references('loans.id'))
    .addColumn('n', 'integer', c => c.notNull().check(sql`n >= 1`))
    .addColumn('due_date', 'text', c => c.notNull())
    .addColumn('principal', money, c => c.notNull().check(sql`principal >= 0`))
    .addColumn('interest', money, c => c.notNull().check(sql`interest >= 0`))
    .addPrimaryKeyConstraint('loan_installments_pk', ['loan_id', 'n'])
    .execute()

  await db.schema.createTable('loan_repayments')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('loan_id', 'text', c => c.notNull().references('loans.id'))
    .addColumn('group_id', 'text', c => c.notNull().references('groups.id'))
    .addColumn('date', 'text', c => c.notNull())
    .addColumn('amount', money, c => c.notNull().check(sql`amount > 0`))
    .addColumn('penalty', money, c => c.notNull().check(sql`penalty >= 0`))
    .addColumn('interest', money, c => c.notNull().check(sql`interest >= 0`))
    .addColumn('principal', money, c => c.notNull().check(sql`principal >= 0`))
    .addColumn('parts', 'text', c => c.notNull())
    .addColumn('entry_id', 'text', c => c.notNull().unique().references('journal_entries.id'))
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('actor_id', 'text', c => c.notNull())
    .addColumn('actor_name', 'text', c => c.notNull())
    .addCheckConstraint('loan_repayments_split', sql`amount = penalty + interest + principal`)
    .execute()
  await db.schema.createIndex('loan_repayments_loan').on('loan_repayments').columns(['loan_id', 'date']).execute()

  await db.schema.createTable('loan_write_offs')
    .addColumn('loan_id', 'text', c => c.primaryKey().references('loans.id'))
    .addColumn('group_id', 'text', c => c.notNull().references('groups.id'))
    .addColumn('date', 'text', c => c.notNull())
    .addColumn('reason', 'text', c => c.notNull())
    .addColumn('amount', money, c => c.notNull().check(sql`amount > 0`))
    .addColumn('entry_id', 'text', c => c.notNull().unique().references('journal_entries.id'))
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('actor_id', 'text', c => c.notNull())
    .addColumn('actor_name', 'text', c => c.notNull())
    .execute()

  // Member passbooks read journal lines by member.
  await db.schema.createIndex('journal_lines_member').on('journal_lines').columns(['group_id', 'member_id', 'account_code']).execute()

  for (const table of APPEND_ONLY) {
    if (pg) {
      await sql.raw(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION lumbung_append_only()`).execute(db)
    } else {
      await sql.raw(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
        BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`).execute(db)
      await sql.raw(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
        BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`).execute(db)
    }
  }
}

export async function down (): Promise<void> {
  throw new Error('the ledger is never rolled back: restore a backup instead')
}
