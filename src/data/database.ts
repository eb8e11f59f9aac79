import type { Generated } from 'kysely'
import type { Role } from '../domain/access.js'
import type {
  WebhookSubscriptionsTable, WebhookSecretsTable, WebhookCursorsTable, WebhookDeliveriesTable, WebhookAttemptsTable, MemberContactsTable,
  MessageGatewaysTable, MessageCursorsTable, MessagesTable, MessageAttemptsTable, BalanceMonitorsTable, MonitorStatesTable, GroupPlacesTable, KeyRegionsTable, KeyMembersTable,
  MemberProfilesTable, ReceiptSignInsTable
} from './database-outbox.js'

export type {
  WebhookSubscriptionsTable, WebhookSecretsTable, WebhookCursorsTable, WebhookDeliveriesTable, WebhookAttemptsTable, MemberContactsTable,
  MessageGatewaysTable, MessageCursorsTable, MessagesTable, MessageAttemptsTable, BalanceMonitorsTable, MonitorStatesTable, GroupPlacesTable, KeyRegionsTable, KeyMembersTable,
  MemberProfilesTable, ReceiptSignInsTable
}

/**
 * The tables as Kysely sees them. Money columns come back as bigint (SQLite with safe integers), string (PostgreSQL
 * bigint/numeric) or number; repositories turn them into bigint with toRupiah() before they leave this layer.
 */
export type DbInt = bigint | number | string

export interface ApiKeysTable {
  id: string
  name: string
  role: Role
  key_hash: string
  group_ids: string | null
  created_at: string
  revoked_at: string | null
}

export interface GroupsTable {
  id: string
  name: string
  kind: string
  village: string | null
  created_at: string
  actor_id: string
  actor_name: string
}

export interface MembersTable {
  id: string
  group_id: string
  name: string
  household_no: string | null
  joined_on: string | null
  created_at: string
  actor_id: string
  actor_name: string
}

export interface AccountsTable {
  group_id: string
  code: string
  name: string
  type: string
  normal_balance: string
  created_at: string
  actor_id: string
  actor_name: string
}

export interface FundsTable {
  id: string
  group_id: string
  kind: 'grant' | 'donation'
  name: string
  source: string
  created_at: string
  actor_id: string
  actor_name: string
}

export interface JournalEntriesTable {
  id: string
  group_id: string
  seq: DbInt
  date: string
  description: string
  reference: string | null
  reverses_id: string | null
  total: DbInt
  line_count: DbInt
  actor_id: string
  actor_name: string
  created_at: string
  prev_hash: string
  hash: string
  turnover: DbInt
  kind: string
  source_id: string | null
  hash_version: DbInt
}

export interface JournalLinesTable {
  entry_id: string
  line_no: DbInt
  group_id: string
  seq: DbInt
  date: string
  account_code: string
  debit: DbInt
  credit: DbInt
  fund_id: string | null
  member_id: string | null
}

export interface AccountDailyTotalsTable {
  group_id: string
  account_code: string
  date: string
  debit: DbInt
  credit: DbInt
}

export interface IdempotencyKeysTable {
  actor_id: string
  key: string
  request_hash: string
  status: DbInt
  body: string
  created_at: string
}

interface ActorColumns {
  created_at: string
  actor_id: string
  actor_name: string
}

export interface MeetingsTable extends ActorColumns {
  id: string
  group_id: string
  date: string
  notes: string | null
}

export interface MeetingAttendeesTable {
  meeting_id: string
  group_id: string
  member_id: string
}

export interface DecisionsTable {
  id: string
  meeting_id: string
  group_id: string
  position: DbInt
  type: string
  effective_from: string
  body: string
  created_at: string
}

export interface LoansTable extends ActorColumns {
  id: string
  group_id: string
  member_id: string
  principal: DbInt
  term_count: DbInt
  frequency: 'monthly' | 'weekly'
  disbursed_on: string
  purpose: string | null
  terms: string
  meeting_id: string
  decision_id: string
  fund_id: string | null
  disbursement_entry_id: string
  out_of_turn_reason: string | null
}

export interface LoanInstallmentsTable {
  loan_id: string
  n: DbInt
  due_date: string
  principal: DbInt
  interest: DbInt
}

export interface LoanRepaymentsTable extends ActorColumns {
  id: string
  loan_id: string
  group_id: string
  date: string
  amount: DbInt
  penalty: DbInt
  interest: DbInt
  principal: DbInt
  parts: string
  entry_id: string
}

export interface LoanWriteOffsTable extends ActorColumns {
  loan_id: string
  group_id: string
  date: string
  reason: string
  amount: DbInt
  entry_id: string
}

export interface PeriodsTable extends ActorColumns {
  id: string
  group_id: string
  through: string
  closing_entry_id: string | null
  seq: DbInt
  head_hash: string
  totals: string
  checkpoint: string | null
}

export interface ShuDistributionsTable extends ActorColumns {
  id: string
  group_id: string
  through: string
  period_from: string | null
  date: string
  meeting_id: string
  decision_id: string
  shu: DbInt
  plan: string
  entry_id: string
}

export interface ShuPayoutsTable extends ActorColumns {
  id: string
  group_id: string
  distribution_id: string
  member_id: string
  amount: DbInt
  paid_to: 'cash' | 'sukarela'
  date: string
  entry_id: string
}

export interface ArisansTable extends ActorColumns {
  id: string
  group_id: string
  name: string
  meeting_id: string
  contribution: DbInt
  host_fee: DbInt
  schedule: 'meeting' | 'monthly'
  order_mode: 'agreed' | 'draw'
  slots: DbInt
}

export interface ArisanSlotsTable {
  arisan_id: string
  group_id: string
  slot: DbInt
  member_id: string
  due: DbInt
}

export interface ArisanContributionsTable extends ActorColumns {
  id: string
  group_id: string
  arisan_id: string
  round: DbInt
  slot: DbInt
  member_id: string
  amount: DbInt
  late: DbInt
  date: string
  entry_id: string
}

export interface ArisanRoundsTable extends ActorColumns {
  id: string
  group_id: string
  arisan_id: string
  round: DbInt
  slot: DbInt
  date: string
  meeting_id: string | null
  draw_rule: string | null
  called: string | null
  digest: string | null
  head_seq: DbInt
  head_hash: string
  pot: DbInt
  host_fee: DbInt
  entry_id: string
}

export interface EventsTable extends ActorColumns {
  id: string
  group_id: string
  seq: DbInt
  type: string
  entity_id: string
  data: string
}

export interface AuditLogTable {
  id: string
  group_id: string | null
  actor_id: string
  actor_name: string
  action: string
  outcome: 'ok' | 'refused'
  status: DbInt
  code: string | null
  detail: string | null
  request_id: string
  created_at: string
}

export interface RecordsTable {
  group_id: string
  seq: DbInt
  table_name: string
  record_id: string
  body: string
  created_at: string
  prev_hash: string
  hash: string
}

export interface WebSessionsTable {
  id_hash: string
  key_id: string
  expires_at: string
  created_at: string
}

export interface PeopleTable {
  id: string
  key_id: string
  login: string
  name: string
  role: 'pengelola' | 'ketua' | 'bendahara' | 'pengawas' | 'anggota'
  created_by: string
  created_at: string
}

export interface PersonPinsTable {
  person_id: string
  pin_hash: string
  failures: Generated<number>
  locked_until: string | null
  updated_at: string
}

export interface SignInLinksTable {
  token_hash: string
  kind: 'setup' | 'invitation'
  person_id: string | null
  expires_at: string
  used_at: string | null
  created_by: string
  created_at: string
}

export interface SignInAttemptsTable {
  id: string
  person_id: string | null
  outcome: 'signed_in' | 'wrong_pin' | 'locked' | 'unknown_login' | 'pin_confirmed' | 'pin_refused'
  at: string
}

export interface Database {
  group_places: GroupPlacesTable
  key_regions: KeyRegionsTable
  key_members: KeyMembersTable
  member_profiles: MemberProfilesTable
  receipt_sign_ins: ReceiptSignInsTable
  message_gateways: MessageGatewaysTable
  message_cursors: MessageCursorsTable
  messages: MessagesTable
  message_attempts: MessageAttemptsTable
  balance_monitors: BalanceMonitorsTable
  monitor_states: MonitorStatesTable
  member_contacts: MemberContactsTable
  webhook_subscriptions: WebhookSubscriptionsTable
  webhook_secrets: WebhookSecretsTable
  webhook_cursors: WebhookCursorsTable
  webhook_deliveries: WebhookDeliveriesTable
  webhook_attempts: WebhookAttemptsTable
  people: PeopleTable
  person_pins: PersonPinsTable
  sign_in_links: SignInLinksTable
  sign_in_attempts: SignInAttemptsTable
  records: RecordsTable
  web_sessions: WebSessionsTable
  events: EventsTable
  audit_log: AuditLogTable
  periods: PeriodsTable
  shu_distributions: ShuDistributionsTable
  shu_payouts: ShuPayoutsTable
  arisans: ArisansTable
  arisan_slots: ArisanSlotsTable
  arisan_contributions: ArisanContributionsTable
  arisan_rounds: ArisanRoundsTable
  meetings: MeetingsTable
  meeting_attendees: MeetingAttendeesTable
  decisions: DecisionsTable
  loans: LoansTable
  loan_installments: LoanInstallmentsTable
  loan_repayments: LoanRepaymentsTable
  loan_write_offs: LoanWriteOffsTable
  api_keys: ApiKeysTable
  groups: GroupsTable
  members: MembersTable
  accounts: AccountsTable
  funds: FundsTable
  journal_entries: JournalEntriesTable
  journal_lines: JournalLinesTable
  account_daily_totals: AccountDailyTotalsTable
  idempotency_keys: IdempotencyKeysTable
  kysely_migration: { name: string, timestamp: Generated<string> }
}
