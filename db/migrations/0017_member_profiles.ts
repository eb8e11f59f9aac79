import { type Kysely, PostgresAdapter, sql } from 'kysely'

/*
 * Two small tables around a member, neither of them money:
 * - `member_profiles`: what a group records about a member beyond her name, for the supervisors' roll-ups (how many
 *   women a group reaches). Today one column, `sex` (`female` or `male`; no row: not recorded). Kept apart from
 *   `members` (a money record in the hash chain, never changed) because a profile is corrected when it was typed wrong;
 *   who changed it last is kept.
 * - `receipt_sign_ins`: the one-time sign-in links carried by receipt messages, each used at most once. The link is an
 *   HMAC of its message id (nothing secret is stored); using it writes this row, and the primary key refuses a second
 *   use. Written once, never changed.
 * Frozen in time: this file never imports from src/.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up (db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  await db.schema.createTable('member_profiles')
    .addColumn('group_id', 'text', c => c.notNull().references('groups.id'))
    .addColumn('member_id', 'text', c => c.notNull().references('members.id'))
    .addColumn('sex', 'text', c => c.check(sql`sex is null or sex in ('female', 'male')`))
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('actor_id', 'text', c => c.notNull())
    .addColumn('actor_name', 'text', c => c.notNull())
    .addPrimaryKeyConstraint('member_profiles_pk', ['group_id', 'member_id'])
    .execute()
  await db.schema.createTable('receipt_sign_ins')
    .addColumn('message_id', 'text', c => c.primaryKey().references('messages.id'))
    .addColumn('person_id', 'text', c => c.notNull().references('people.id'))
    .addColumn('used_at', 'text', c => c.notNull())
    .execute()
  if (pg) {
    await sql.raw('GRANT UPDATE (sex, updated_at, actor_id, actor_name) ON member_profiles TO lumbung_app').execute(db)
  } else {
    await sql.raw("CREATE TRIGGER receipt_sign_ins_no_update BEFORE UPDATE ON receipt_sign_ins BEGIN SELECT RAISE(ABORT, 'receipt_sign_ins is written once'); END").execute(db)
    await sql.raw("CREATE TRIGGER receipt_sign_ins_no_delete BEFORE DELETE ON receipt_sign_ins BEGIN SELECT RAISE(ABORT, 'receipt_sign_ins is written once'); END").execute(db)
  }
}

export async function down (): Promise<void> {
  throw new Error('the ledger is never rolled back: restore a backup instead')
}
