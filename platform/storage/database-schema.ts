import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Timestamps come back from both drivers as `Date`; we write ISO strings or `Date`. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp with a database default: optional on insert. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string | T, string | T>;

export interface TenantsTable {
  id: string;
  slug: string;
  name: string;
  live_version: number | null;
  time_zone: string;
  created_at: GeneratedTimestamp;
}

export interface PlatformSecretsTable {
  name: string;
  value_hash: string;
  created_at: GeneratedTimestamp;
}

export interface UsersTable {
  tenant_id: string;
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  roles: ColumnType<string[], string[], string[]>;
  attributes: Json<Record<string, unknown>>;
  manager_id: string | null;
  active: Generated<boolean>;
  /** The language its person chose for the screens; null until they choose. */
  locale: Generated<'zh' | 'en' | null>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface SessionsTable {
  tenant_id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface ApiKeysTable {
  tenant_id: string;
  id: string;
  user_id: string;
  name: string;
  key_hash: string;
  key_prefix: string;
  roles: ColumnType<string[] | null, string[] | null, string[] | null>;
  created_at: GeneratedTimestamp;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface MetaVersionsTable {
  tenant_id: string;
  version: number;
  document: JSONColumnType<Record<string, unknown>, string, string>;
  changes: Json<unknown[]>;
  kind: string;
  created_at: GeneratedTimestamp;
  created_by: string | null;
}

export interface MetaDraftsTable {
  tenant_id: string;
  base_version: number;
  document: JSONColumnType<Record<string, unknown>, string, string>;
  /** Changes at every save (random): with `base_version`, the draft's ETag. */
  revision: Generated<string>;
  updated_at: GeneratedTimestamp;
  updated_by: string | null;
}

export interface RecordsTable {
  tenant_id: string;
  object: string;
  id: string;
  version: Generated<number>;
  owner: string | null;
  stage: string | null;
  pool: string | null;
  pool_state: string | null;
  claimed_at: Timestamp | null;
  hold_expires_at: Timestamp | null;
  last_visit_at: Timestamp | null;
  released_at: Timestamp | null;
  release_reason: string | null;
  released_by: string | null;
  extended_times: Generated<number>;
  extended_days: Generated<number>;
  stage_entered_at: Timestamp | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  created_by: string | null;
  updated_by: string | null;
  deleted_at: Timestamp | null;
  data: Json<Record<string, unknown>>;
}

export interface RecordHistoryTable {
  tenant_id: string;
  object: string;
  record_id: string;
  id: Generated<string>;
  at: GeneratedTimestamp;
  actor: string | null;
  action: string;
  changes: Json<Record<string, [unknown, unknown]>>;
  note: string | null;
}

export interface StageEventsTable {
  tenant_id: string;
  pipeline: string;
  record_id: string;
  id: Generated<string>;
  from_stage: string | null;
  to_stage: string;
  at: GeneratedTimestamp;
  actor: string | null;
}

export interface IdempotencyKeysTable {
  tenant_id: string;
  user_id: string;
  key: string;
  request_hash: string;
  status: number;
  body: Json<unknown>;
  created_at: GeneratedTimestamp;
}

export interface SequencesTable {
  tenant_id: string;
  name: string;
  value: ColumnType<string, number | string, number | string>;
}

export interface WorkOrdersTable {
  tenant_id: string;
  id: string;
  object: string;
  record_id: string;
  assignee: string;
  rule: string | null;
  priority: number;
  rank: number | null;
  state: string;
  outcome: string | null;
  title: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  closed_at: Timestamp | null;
}

export interface NotificationsTable {
  tenant_id: string;
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: Json<Record<string, unknown>>;
  object: string | null;
  record_id: string | null;
  dedupe_key: string | null;
  created_at: GeneratedTimestamp;
  read_at: Timestamp | null;
}

export interface PersonalViewsTable {
  tenant_id: string;
  user_id: string;
  object: string;
  id: string;
  label: string;
  definition: Json<Record<string, unknown>>;
  position: number;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface Database {
  tenants: TenantsTable;
  platform_secrets: PlatformSecretsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  meta_versions: MetaVersionsTable;
  meta_drafts: MetaDraftsTable;
  records: RecordsTable;
  record_history: RecordHistoryTable;
  stage_events: StageEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  sequences: SequencesTable;
  work_orders: WorkOrdersTable;
  notifications: NotificationsTable;
  personal_views: PersonalViewsTable;
}

/**
 * Tenant-owned tables without a foreign key to `tenants` (migration 0007 dropped it: the key's
 * per-row lock on the tenant row cost more than the insert). Deleting a tenant deletes their
 * rows explicitly; every other tenant-owned table cascades.
 */
export const tablesWithoutTenantKey = [
  'record_history', 'stage_events', 'pool_events', 'pool_releases', 'notifications', 'work_orders', 'webhook_deliveries', 'idempotency_keys',
] as const;
