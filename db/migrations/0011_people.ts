import { type Kysely, PostgresAdapter, sql } from 'kysely'

/*
 * People who sign in on the web with a login (a phone number or a short username) and a PIN, instead of an API key.
 * A person stands on an API key of her own (`key_id`): the key carries her role and groups, so the access policy, the
 * actor written on every record and the audit log are exactly those of a key. The key's secret is never shown to
 * anyone: she signs in with her PIN.
 *
 * - `people`: who she is and what she is in the group (pengelola, ketua, bendahara, pengawas). Append-only.
 * - `person_pins`: her PIN's scrypt hash and the count of failed tries (the lockout). It changes: a PIN is set when an
 *   invitation is accepted, tries are counted and reset.
 * - `sign_in_links`: one-time links (the first-run setup link, invitations), kept only as the SHA-256 of their token;
 *   a link is used once.
 * - `sign_in_attempts`: every sign-in and PIN check with its outcome, never the PIN or what was typed. Append-only.
 * Frozen in time: this file never imports from src/.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up (db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  await db.schema.createTable('people')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('key_id', 'text', c => c.notNull().unique().references('api_keys.id'))
    .addColumn('login', 'text', c => c.notNull().unique().check(sql`length(login) between 3 and 40`))
    .addColumn('name', 'text', c => c.notNull())
    .addColumn('role', 'text', c => c.notNull().check(sql`role in ('pengelola','ketua','bendahara','pengawas')`))
    .addColumn('created_by', 'text', c => c.notNull())
    .addColumn('created_at', 'text', c => c.notNull())
    .execute()
  await db.schema.createTable('person_pins')
    .addColumn('person_id', 'text', c => c.primaryKey().references('people.id'))
    .addColumn('pin_hash', 'text', c => c.notNull())
    .addColumn('failures', 'integer', c => c.notNull().defaultTo(0).check(sql`failures >= 0`))
    .addColumn('locked_until', 'text')
    .addColumn('updated_at', 'text', c => c.notNull())
    .execute()
  await db.schema.createTable('sign_in_links')
    .addColumn('token_hash', 'text', c => c.primaryKey().check(sql`length(token_hash) = 64`))
    .addColumn('kind', 'text', c => c.notNull().check(sql`kind in ('setup','invitation')`))
    .addColumn('person_id', 'text', c => c.references('people.id'))
    .addColumn('expires_at', 'text', c => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_by', 'text', c => c.notNull())
    .addColumn('created_at', 'text', c => c.notNull())
    .addCheckConstraint('sign_in_links_person', sql`(kind = 'setup') = (person_id is null)`)
    .execute()
  await db.schema.createIndex('sign_in_links_person').on('sign_in_links').column('person_id').execute()
  await db.schema.createTable('sign_in_attempts')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('person_id', 'text', c => c.references('people.id'))
    .addColumn('outcome', 'text', c => c.notNull().check(sql`outcome in ('signed_in','wrong_pin','locked','unknown_login','pin_confirmed','pin_refused')`))
    .addColumn('at', 'text', c => c.notNull())
    .execute()
  await db.schema.createIndex('sign_in_attempts_person').on('sign_in_attempts').columns(['person_id', 'at']).execute()

  for (const table of ['people', 'sign_in_attempts']) {
    if (pg) {
      await sql.raw(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION lumbung_append_only()`).execute(db)
    } else {
      await sql.raw(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`).execute(db)
      await sql.raw(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`).execute(db)
    }
  }
  // PostgreSQL: lumbung_app gets SELECT and INSERT on new tables (migration 0007); a PIN and its tries change, a link is used.
  if (pg) {
    await sql.raw('GRANT UPDATE (pin_hash, failures, locked_until, updated_at) ON person_pins TO lumbung_app').execute(db)
    await sql.raw('GRANT UPDATE (used_at) ON sign_in_links TO lumbung_app').execute(db)
  }
}

export async function down (): Promise<void> {
  throw new Error('the ledger is never rolled back: restore a backup instead')
}
