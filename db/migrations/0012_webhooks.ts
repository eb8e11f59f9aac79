import { type Kysely, PostgresAdapter, sql } from 'kysely'

/*
 * Push webhooks on top of the event feed (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature).
 * - `webhook_subscriptions`: a URL, the events wanted, one group or (an admin's) every group; disabled, never deleted.
 * - `webhook_secrets`: each subscription's signing secrets; a rotation gives the old one an end (`retires_at`), and
 *   until then deliveries carry a signature of each, so a receiver can switch without losing one.
 * - `webhook_cursors`: per subscription and group, the seq of the last event handed off (delivered, or given up after
 *   the last retry). Nothing is written on the posting path: the dispatcher reads the feed after the cursor.
 * - `webhook_deliveries`: one per subscription and event once its first attempt starts, with its state and next try.
 * - `webhook_attempts`: every attempt (status, latency, error). Append-only.
 * None of these count money; a delivery's state and a cursor change, the attempts never do.
 * Frozen in time: this file never imports from src/.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up (db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  await db.schema.createTable('webhook_subscriptions')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('group_id', 'text', c => c.references('groups.id'))
    .addColumn('url', 'text', c => c.notNull().check(sql`length(url) between 8 and 2000`))
    .addColumn('event_types', 'text', c => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('actor_id', 'text', c => c.notNull())
    .addColumn('actor_name', 'text', c => c.notNull())
    .addColumn('disabled_at', 'text')
    .execute()
  await db.schema.createTable('webhook_secrets')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('subscription_id', 'text', c => c.notNull().references('webhook_subscriptions.id'))
    .addColumn('secret', 'text', c => c.notNull())
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('retires_at', 'text')
    .execute()
  await db.schema.createIndex('webhook_secrets_subscription').on('webhook_secrets').column('subscription_id').execute()
  await db.schema.createTable('webhook_cursors')
    .addColumn('subscription_id', 'text', c => c.notNull().references('webhook_subscriptions.id'))
    .addColumn('group_id', 'text', c => c.notNull().references('groups.id'))
    .addColumn('last_seq', 'integer', c => c.notNull().check(sql`last_seq >= 0`))
    .addPrimaryKeyConstraint('webhook_cursors_pk', ['subscription_id', 'group_id'])
    .execute()
  await db.schema.createTable('webhook_deliveries')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('subscription_id', 'text', c => c.notNull().references('webhook_subscriptions.id'))
    .addColumn('group_id', 'text', c => c.notNull().references('groups.id'))
    .addColumn('event_id', 'text', c => c.notNull().references('events.id'))
    .addColumn('event_seq', 'integer', c => c.notNull())
    .addColumn('status', 'text', c => c.notNull().check(sql`status in ('pending','delivered','failed')`))
    .addColumn('attempts', 'integer', c => c.notNull().check(sql`attempts >= 0`))
    .addColumn('next_attempt_at', 'text')
    .addColumn('redelivery', 'integer', c => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .addUniqueConstraint('webhook_deliveries_event', ['subscription_id', 'event_id'])
    .execute()
  await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute()
  await db.schema.createTable('webhook_attempts')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('delivery_id', 'text', c => c.notNull().references('webhook_deliveries.id'))
    .addColumn('n', 'integer', c => c.notNull().check(sql`n >= 1`))
    .addColumn('at', 'text', c => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('latency_ms', 'integer', c => c.notNull())
    .addColumn('error', 'text')
    .execute()
  await db.schema.createIndex('webhook_attempts_delivery').on('webhook_attempts').columns(['delivery_id', 'n']).execute()

  if (pg) {
    await sql.raw('CREATE TRIGGER webhook_attempts_append_only BEFORE UPDATE OR DELETE ON webhook_attempts FOR EACH ROW EXECUTE FUNCTION lumbung_append_only()').execute(db)
    // lumbung_app gets SELECT and INSERT on new tables (migration 0007); these columns change.
    await sql.raw('GRANT UPDATE (disabled_at) ON webhook_subscriptions TO lumbung_app').execute(db)
    await sql.raw('GRANT UPDATE (retires_at) ON webhook_secrets TO lumbung_app').execute(db)
    await sql.raw('GRANT UPDATE (last_seq) ON webhook_cursors TO lumbung_app').execute(db)
    await sql.raw('GRANT UPDATE (status, attempts, next_attempt_at, redelivery, updated_at) ON webhook_deliveries TO lumbung_app').execute(db)
  } else {
    await sql.raw("CREATE TRIGGER webhook_attempts_no_update BEFORE UPDATE ON webhook_attempts BEGIN SELECT RAISE(ABORT, 'webhook_attempts is append-only'); END").execute(db)
    await sql.raw("CREATE TRIGGER webhook_attempts_no_delete BEFORE DELETE ON webhook_attempts BEGIN SELECT RAISE(ABORT, 'webhook_attempts is append-only'); END").execute(db)
  }
}

export async function down (): Promise<void> {
  throw new Error('the ledger is never rolled back: restore a backup instead')
}
