import type { DbInt } from './database.js'

/** The tables of what leaves the service (webhooks, messages to phones) and of members' contacts: none counts money. */

export interface WebhookSubscriptionsTable {
  id: string
  group_id: string | null
  url: string
  event_types: string
  description: string | null
  created_at: string
  actor_id: string
  actor_name: string
  disabled_at: string | null
}

export interface WebhookSecretsTable {
  id: string
  subscription_id: string
  secret: string
  created_at: string
  retires_at: string | null
}

export interface WebhookCursorsTable {
  subscription_id: string
  group_id: string
  last_seq: DbInt
}

export interface WebhookDeliveriesTable {
  id: string
  subscription_id: string
  group_id: string
  event_id: string
  event_seq: DbInt
  status: 'pending' | 'delivered' | 'failed'
  attempts: DbInt
  next_attempt_at: string | null
  redelivery: DbInt
  created_at: string
  updated_at: string
}

export interface WebhookAttemptsTable {
  id: string
  delivery_id: string
  n: DbInt
  at: string
  status_code: DbInt | null
  latency_ms: DbInt
  error: string | null
}

export interface MemberContactsTable {
  group_id: string
  member_id: string
  phone: string | null
  opted_out: DbInt
  updated_at: string
  actor_id: string
  actor_name: string
}

export interface MessageGatewaysTable {
  id: string
  group_id: string
  kind: 'http' | 'webhook'
  url: string | null
  auth_header: string | null
  auth_value: string | null
  body_format: 'json' | 'form'
  body_template: string | null
  subscription_id: string | null
  per_minute: DbInt
  reminder_hour: DbInt | null
  created_at: string
  actor_id: string
  actor_name: string
  disabled_at: string | null
}

export interface MessageCursorsTable {
  group_id: string
  last_seq: DbInt
}

export interface MessagesTable {
  id: string
  group_id: string
  gateway_id: string
  kind: 'receipt' | 'reminder' | 'alert'
  dedupe_key: string
  member_id: string | null
  monitor_id: string | null
  entry_id: string | null
  event_seq: DbInt
  text: string
  status: 'pending' | 'sent' | 'failed' | 'skipped'
  attempts: DbInt
  next_attempt_at: string | null
  last_error: string | null
  created_at: string
  updated_at: string
}

export interface MessageAttemptsTable {
  id: string
  message_id: string
  gateway_id: string
  n: DbInt
  at: string
  status_code: DbInt | null
  latency_ms: DbInt
  error: string | null
}

export interface BalanceMonitorsTable {
  id: string
  group_id: string
  kind: 'kas_below' | 'arrears_above'
  threshold: string
  phone: string
  created_at: string
  actor_id: string
  actor_name: string
  disabled_at: string | null
}

export interface MonitorStatesTable {
  monitor_id: string
  subject: string
  past: DbInt
  crossings: DbInt
  updated_at: string
}

export interface GroupPlacesTable {
  group_id: string
  region_code: string | null
  province: string | null
  regency: string | null
  district: string | null
  village: string | null
  updated_at: string
  actor_id: string
  actor_name: string
}

export interface KeyRegionsTable {
  key_id: string
  region_code: string
  programme: string | null
}

export interface MemberProfilesTable {
  group_id: string
  member_id: string
  sex: 'female' | 'male' | null
  updated_at: string
  actor_id: string
  actor_name: string
}

export interface ReceiptSignInsTable {
  message_id: string
  person_id: string
  used_at: string
}

export interface KeyMembersTable {
  key_id: string
  group_id: string
  member_id: string
  created_at: string
}
