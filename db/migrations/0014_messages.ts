import { type Kysely, PostgresAdapter, sql } from 'kysely'

/*
 * Messages to members' phones (receipts, instalment reminders) and to the pengurus (balance alerts), sent through a
 * group's message gateway. None of these count money: a message is produced from the books, never the other way round.
 * - `message_gateways`: how a group's messages leave: a generic HTTP gateway (URL, an auth header, a body template with
 *   {phone} and {message}, form or JSON) or a webhook subscription (the integrator sends them); at most `per_minute`
 *   sends a minute; reminders at `reminder_hour` local time (null: none). Disabled, never deleted; one in force.
 * - `message_cursors`: per group, the seq of the last event read for receipts (nothing is written on the posting path).
 * - `messages`: the outbox. `dedupe_key` is unique: a receipt per entry and member, a reminder per instalment, kind
 *   and day, an alert per crossing, so a restart or a second turn never makes one twice. The number is read when it is
 *   sent (never stored here); `skipped` is a message that had no one to go to (opted out, no number). `event_seq`: a
 *   receipt's event in the feed (0 for the others), so the messages made in one turn leave in the order of the postings.
 * - `message_attempts`: every send (status, latency, error). Append-only.
 * - `balance_monitors` and `monitor_states`: "Kas below Rp X", "a member's arrears above Rp Y"; the state says whether
 *   each one (per member for arrears) is past its threshold, so it fires once per crossing.
 * Frozen in time: this file never imports from src/.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up (db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  await db.schema.createTable('message_gateways')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('group_id', 'text', c => c.notNull().references('groups.id'))
    .addColumn('kind', 'text', c => c.notNull().check(sql`kind in ('http', 'webhook')`))
    .addColumn('url', 'text', c => c.check(sql`url is null or length(url) between 8 and 2000`))
    .addColumn('auth_header', 'text')
    .addColumn('auth_value', 'text')
    .addColumn('body_format', 'text', c => c.notNull().check(sql`body_format in ('json', 'form')`))
    .addColumn('body_template', 'text')
    .addColumn('subscription_id', 'text', c => c.references('webhook_subscriptions.id'))
    .addColumn('per_minute', 'integer', c => c.notNull().check(sql`per_minute between 1 and 600`))
    .addColumn('reminder_hour', 'integer', c => c.check(sql`reminder_hour is null or reminder_hour between 0 and 23`))
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('actor_id', 'text', c => c.notNull())
    .addColumn('actor_name', 'text', c => c.notNull())
    .addColumn('disabled_at', 'text')
    .execute()
  await sql.raw('CREATE UNIQUE INDEX message_gateways_in_force ON message_gateways (group_id) WHERE disabled_at IS NULL').execute(db)
  await db.schema.createTable('message_cursors')
    .addColumn('group_id', 'text', c => c.primaryKey().references('groups.id'))
    .addColumn('last_seq', 'integer', c => c.notNull().check(sql`last_seq >= 0`))
    .execute()
  await db.schema.createTable('messages')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('group_id', 'text', c => c.notNull().references('groups.id'))
    // The gateway it was made for, then the one it last left through.
    .addColumn('gateway_id', 'text', c => c.notNull().references('message_gateways.id'))
    .addColumn('kind', 'text', c => c.notNull().check(sql`kind in ('receipt', 'reminder', 'alert')`))
    .addColumn('dedupe_key', 'text', c => c.notNull().unique())
    .addColumn('member_id', 'text', c => c.references('members.id'))
    .addColumn('monitor_id', 'text')
    .addColumn('entry_id', 'text')
    .addColumn('event_seq', 'integer', c => c.notNull().check(sql`event_seq >= 0`))
    .addColumn('text', 'text', c => c.notNull().check(sql`length(text) between 1 and 1000`))
    .addColumn('status', 'text', c => c.notNull().check(sql`status in ('pending', 'sent', 'failed', 'skipped')`))
    .addColumn('attempts', 'integer', c => c.notNull().check(sql`attempts >= 0`))
    .addColumn('next_attempt_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .execute()
  await db.schema.createIndex('messages_due').on('messages').columns(['group_id', 'status', 'next_attempt_at']).execute()
  await db.schema.createIndex('messages_group').on('messages').columns(['group_id', 'created_at']).execute()
  await db.schema.createTable('message_attempts')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('message_id', 'text', c => c.notNull().references('messages.id'))
    .addColumn('gateway_id', 'text', c => c.notNull().references('message_gateways.id'))
    .addColumn('n', 'integer', c => c.notNull().check(sql`n >= 1`))
    .addColumn('at', 'text', c => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('latency_ms', 'integer', c => c.notNull())
    .addColumn('error', 'text')
    .execute()
  await db.schema.createIndex('message_attempts_gateway').on('message_attempts').columns(['gateway_id', 'at']).execute()
  await db.schema.createIndex('message_attempts_message').on('message_attempts').columns(['message_id', 'n']).execute()
  await db.schema.createTable('balance_monitors')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('group_id', 'text', c => c.notNull().references('groups.id'))
    .addColumn('kind', 'text', c => c.notNull().check(sql`kind in ('kas_below', 'arrears_above')`))
    .addColumn('threshold', 'text', c => c.notNull().check(sql`length(threshold) between 1 and 16`))
    .addColumn('phone', 'text', c => c.notNull().check(sql`length(phone) between 10 and 15`))
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('actor_id', 'text', c => c.notNull())
    .addColumn('actor_name', 'text', c => c.notNull())
    .addColumn('disabled_at', 'text')
    .execute()
  await db.schema.createTable('monitor_states')
    .addColumn('monitor_id', 'text', c => c.notNull().references('balance_monitors.id'))
    .addColumn('subject', 'text', c => c.notNull())
    .addColumn('past', 'integer', c => c.notNull().check(sql`past in (0, 1)`))
    .addColumn('crossings', 'integer', c => c.notNull().check(sql`crossings >= 0`))
    .addColumn('updated_at', 'text', c => c.notNull())
    .addPrimaryKeyConstraint('monitor_states_pk', ['monitor_id', 'subject'])
    .execute()

  if (pg) {
    await sql.raw('CREATE TRIGGER message_attempts_append_only BEFORE UPDATE OR DELETE ON message_attempts FOR EACH ROW EXECUTE FUNCTION lumbung_append_only()').execute(db)
    await sql.raw('GRANT UPDATE (disabled_at) ON message_gateways TO lumbung_app').execute(db)
    await sql.raw('GRANT UPDATE (disabled_at) ON balance_monitors TO lumbung_app').execute(db)
    await sql.raw('GRANT UPDATE (last_seq) ON message_cursors TO lumbung_app').execute(db)
    await sql.raw('GRANT UPDATE (gateway_id, status, attempts, next_attempt_at, last_error, updated_at) ON messages TO lumbung_app').execute(db)
    await sql.raw('GRANT UPDATE (past, crossings, updated_at) ON monitor_states TO lumbung_app').execute(db)
  } else {
    await sql.raw("CREATE TRIGGER message_attempts_no_update BEFORE UPDATE ON message_attempts BEGIN SELECT RAISE(ABORT, 'message_attempts is append-only'); END").execute(db)
    await sql.raw("CREATE TRIGGER message_attempts_no_delete BEFORE DELETE ON message_attempts BEGIN SELECT RAISE(ABORT, 'message_attempts is append-only'); END").execute(db)
  }
}

export async function down (): Promise<void> {
  throw new Error('the ledger is never rolled back: restore a backup instead')
}
