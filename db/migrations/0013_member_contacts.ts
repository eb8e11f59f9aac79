import { type Kysely, PostgresAdapter, sql } from 'kysely'

/*
 * How to reach a member: her phone number (for receipts and reminders) and whether she wants messages at all. Kept
 * apart from `members` (a money record in the hash chain, never changed): a number changes, a member opts out or back in.
 * Not money; read and written by the treasurer's side only (the access policy's write level). Frozen in time.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up (db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  await db.schema.createTable('member_contacts')
    .addColumn('group_id', 'text', c => c.notNull().references('groups.id'))
    .addColumn('member_id', 'text', c => c.notNull().references('members.id'))
    .addColumn('phone', 'text', c => c.check(sql`phone is null or (length(phone) between 10 and 15)`))
    .addColumn('opted_out', 'integer', c => c.notNull().defaultTo(0).check(sql`opted_out in (0, 1)`))
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('actor_id', 'text', c => c.notNull())
    .addColumn('actor_name', 'text', c => c.notNull())
    .addPrimaryKeyConstraint('member_contacts_pk', ['group_id', 'member_id'])
    .execute()
  if (pg) await sql.raw('GRANT UPDATE (phone, opted_out, updated_at, actor_id, actor_name) ON member_contacts TO lumbung_app').execute(db)
}

export async function down (): Promise<void> {
  throw new Error('the ledger is never rolled back: restore a backup instead')
}
