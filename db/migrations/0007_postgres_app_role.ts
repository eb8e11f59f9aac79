import { type Kysely, PostgresAdapter, sql } from 'kysely'

/*
 * PostgreSQL only: the role the service runs as. `lumbung_app` (NOLOGIN; a deployment's login role is made a member of
 * it) may read every table and insert into every table, but it may change only the two columns the service ever
 * changes (an API key's revocation time and the daily-totals cache), and delete nothing. So, beside the triggers, the
 * app's own role cannot UPDATE or DELETE the journal, the loans, the events or the audit log. Tables added by later
 * migrations get SELECT and INSERT through the default privileges. Frozen in time: this file never imports from src/.
 */

const ROLE = 'lumbung_app'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up (db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return
  // Roles belong to the cluster, not the database: an administrator, another database or a concurrent migration may
  // have made it already, and then the owner needs no right to create roles.
  await sql.raw(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ROLE}') THEN
        CREATE ROLE ${ROLE} NOLOGIN;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`).execute(db)
  await sql.raw(`DO $$ BEGIN
      EXECUTE format('GRANT USAGE ON SCHEMA %I TO ${ROLE}', current_schema());
      EXECUTE format('GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA %I TO ${ROLE}', current_schema());
      EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT ON TABLES TO ${ROLE}', current_schema());
    END $$`).execute(db)
  await sql.raw(`GRANT UPDATE (revoked_at) ON api_keys TO ${ROLE}`).execute(db)
  await sql.raw(`GRANT UPDATE (debit, credit) ON account_daily_totals TO ${ROLE}`).execute(db)
}

export async function down (): Promise<void> {
  throw new Error('the ledger is never rolled back: restore a backup instead')
}
