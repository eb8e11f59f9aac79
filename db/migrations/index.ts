import type { Migration } from 'kysely'
import * as m0001 from './0001_ledger.js'
import * as m0002 from './0002_loans.js'
import * as m0003 from './0003_periods.js'
import * as m0004 from './0004_events_audit.js'
import * as m0005 from './0005_shu.js'
import * as m0007 from './0007_postgres_app_role.js'
import * as m0008 from './0008_turnover.js'
import * as m0009 from './0009_web_sessions.js'
import * as m0010 from './0010_integrity.js'
import * as m0011 from './0011_people.js'
import * as m0012 from './0012_webhooks.js'
import * as m0013 from './0013_member_contacts.js'
import * as m0014 from './0014_messages.js'
import * as m0015 from './0015_regions.js'
import * as m0016 from './0016_member_access.js'
import * as m0017 from './0017_member_profiles.js'
import * as m0018 from './0018_arisan.js'

/** Every migration, in order. Names are frozen once released. */
export const migrations: Record<string, Migration> = {
  '0001_ledger': m0001,
  '0002_loans': m0002,
  '0003_periods': m0003,
  '0004_events_audit': m0004,
  '0005_shu': m0005,
  '0007_postgres_app_role': m0007,
  '0008_turnover': m0008,
  '0009_web_sessions': m0009,
  '0010_integrity': m0010,
  '0011_people': m0011,
  '0012_webhooks': m0012,
  '0013_member_contacts': m0013,
  '0014_messages': m0014,
  '0015_regions': m0015,
  '0016_member_access': m0016,
  '0017_member_profiles': m0017,
  '0018_arisan': m0018
}
