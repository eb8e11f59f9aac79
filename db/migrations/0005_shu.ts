import { type Kysely, PostgresAdapter, sql } from 'kysely'

/*
 * SHU distributions and payouts. A closed period's SHU is distributed at most once (a unique key on the group and the
 * period's end) and each member's share of a distribution is paid out at most once (a unique key on the distribution
 * and the member). Both point at the journal entry that posted them. Append-only. Frozen in time.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up (db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const money = pg ? sql`bigint` : sql`integer`

  await db.schema.createTable('shu_distributions')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('group_id', 'text', c => c.notNull().references('groups.id'))
    .addColumn('through', 'text', c => c.notNull())
    .addColumn('period_from', 'text')
    .addColumn('date', 'text', c => c.notNull())
    .addColumn('meeting_id', 'text', c => c.notNull().references('meetings.id'))
    .addColumn('decision_id', 'text', c => c.notNull().references('decisions.id'))
    .addColumn('shu', money, c => c.notNull().check(sql`shu > 0`))
    .addColumn('plan', 'text', c => c.notNull())
    .addColumn('entry_id', 'text', c => c.notNull().unique().references('journal_entries.id'))
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('actor_id', 'text', c => c.notNull())
    .addColumn('actor_name', 'text', c => c.notNull())
    .addUniqueConstraint('shu_distributions_group_through', ['group_id', 'through'])
    .execute()

  await db.schema.createTable('shu_payouts')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('group_id', 'text', c => c.notNull().references('groups.id'))
    .addColumn('distribution_id', 'text', c => c.notNull().references('shu_distributions.id'))
    .addColumn('member_id', 'text', c => c.notNull())
    .addColumn('amount', money, c => c.notNull().check(sql`amount > 0`))
    .addColumn('paid_to', 'text', c => c.notNull().check(sql`paid_to in ('cash','sukarela')`))
    .addColumn('date', 'text', c => c.notNull())
    .addColumn('entry_id', 'text', c => c.notNull().unique().references('journal_entries.id'))
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('actor_id', 'text', c => c.notNull())
    .addColumn('actor_name', 'text', c => c.notNull())
    .addUniqueConstraint('shu_payouts_distribution_member', ['distribution_id', 'member_id'])
    .addForeignKeyConstraint('shu_payouts_member', ['group_id', 'member_id'], 'members', ['group_id', 'id'])
    .execute()

  for (const table of ['shu_distributions', 'shu_payouts']) {
    if (pg) {
      await sql.raw(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION lumbung_append_only()`).execute(db)
    } else {
      await sql.raw(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`).execute(db)
      await sql.raw(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`).execute(db)
    }
  }
}

export async function down (): Promise<void> {
  throw new Error('the ledger is never rolled back: restore a backup instead')
}
