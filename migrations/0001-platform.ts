import { sql, type Kysely } from 'kysely';

/**
 * The platform schema.
 *
 * Conventions, and why:
 * - Every tenant-owned table leads its primary key and every index with `tenant_id`, so the
 *   schema can be distributed by tenant (Citus) without rewriting a key, and so every index
 *   lookup is a narrow range inside one tenant.
 * - Every tenant-owned table has row-level security forced: application queries run as the
 *   non-superuser role `shoal_app` with `app.tenant` set per transaction, so a query that
 *   forgot its tenant predicate still sees one tenant only.
 * - Records of every object live in one table; custom fields are `data jsonb`. Adding or
 *   removing a field is a metadata change, never DDL. The columns the engine itself filters
 *   and sorts on constantly (owner, stage, pool state, pool timestamps) are real columns.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'shoal_app') THEN
        CREATE ROLE shoal_app NOLOGIN;
      END IF;
    END $$`.execute(db);
  // The connecting user must be able to SET ROLE shoal_app (superusers always can).
  await sql`
    DO $$ BEGIN
      IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
         AND NOT pg_has_role(current_user, 'shoal_app', 'MEMBER') THEN
        EXECUTE format('GRANT shoal_app TO %I', current_user);
      END IF;
    END $$`.execute(db);

  // Platform tables: not tenant-owned, no RLS. The app role may only read tenants.
  await sql`
    CREATE TABLE tenants (
      id uuid PRIMARY KEY,
      slug text NOT NULL UNIQUE,             -- every API path starts with the slug
      name text NOT NULL,
      live_version integer,                  -- published metadata version; null before the first publish
      time_zone text NOT NULL DEFAULT 'UTC',
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE platform_secrets (
      name text PRIMARY KEY,
      value_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE users (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      email text NOT NULL,
      name text NOT NULL,
      password_hash text,
      roles text[] NOT NULL DEFAULT '{}',
      attributes jsonb NOT NULL DEFAULT '{}',   -- free-form; ABAC conditions read $user.attributes.*
      manager_id uuid,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id)
    )`.execute(db);
  // Login looks a user up by e-mail, case-insensitively, and e-mails are unique per tenant.
  await sql`CREATE UNIQUE INDEX users_email ON users (tenant_id, lower(email))`.execute(db);

  await sql`
    CREATE TABLE sessions (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      token_hash text NOT NULL,              -- sha-256 of a 256-bit random token; the token itself is never stored
      user_id uuid NOT NULL,
      csrf_token text NOT NULL,              -- synchroniser token for cookie sessions
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      PRIMARY KEY (tenant_id, token_hash)    -- every authenticated request looks its token up here
    )`.execute(db);
  await sql`CREATE INDEX sessions_user ON sessions (tenant_id, user_id)`.execute(db);

  await sql`
    CREATE TABLE api_keys (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      user_id uuid NOT NULL,
      name text NOT NULL,
      key_hash text NOT NULL,
      key_prefix text NOT NULL,              -- first characters, to recognise a key in lists
      roles text[],                          -- null: all of the user's roles
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      last_used_at timestamptz,
      PRIMARY KEY (tenant_id, id)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX api_keys_hash ON api_keys (tenant_id, key_hash)`.execute(db);

  // Metadata: every published version is kept whole (rollback publishes a copy of one).
  await sql`
    CREATE TABLE meta_versions (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      version integer NOT NULL,
      document json NOT NULL,                  -- json, not jsonb: the order of objects and fields is meaningful
      changes jsonb NOT NULL DEFAULT '[]',
      kind text NOT NULL DEFAULT 'publish',   -- publish | rollback | template
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid,
      PRIMARY KEY (tenant_id, version)
    )`.execute(db);
  await sql`
    CREATE TABLE meta_drafts (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      base_version integer NOT NULL,
      document json NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid,
      PRIMARY KEY (tenant_id)
    )`.execute(db);

  await sql`
    CREATE TABLE records (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      object text NOT NULL,
      id uuid NOT NULL,
      version integer NOT NULL DEFAULT 1,     -- optimistic concurrency (ETag / If-Match)
      owner uuid,
      stage text,                              -- the object's pipeline stage, if it has one
      pool text,                               -- key of the pool the record belongs to
      pool_state text,                         -- public | private
      claimed_at timestamptz,
      hold_expires_at timestamptz,
      last_visit_at timestamptz,
      released_at timestamptz,
      release_reason text,
      released_by uuid,
      extended_times integer NOT NULL DEFAULT 0,
      extended_days integer NOT NULL DEFAULT 0,
      stage_entered_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid,
      updated_by uuid,
      deleted_at timestamptz,                  -- soft delete
      data jsonb NOT NULL DEFAULT '{}',
      PRIMARY KEY (tenant_id, object, id)      -- get by id
    )`.execute(db);
  // The default list order (-createdAt, id tie-break) as a keyset scan.
  await sql`CREATE INDEX records_created ON records (tenant_id, object, created_at, id) WHERE deleted_at IS NULL`.execute(db);
  // "Mine" lists, ownership permission conditions and per-owner pool limits.
  await sql`CREATE INDEX records_owner ON records (tenant_id, object, owner, created_at) WHERE deleted_at IS NULL`.execute(db);
  // Pipeline lists and kanban columns.
  await sql`CREATE INDEX records_stage ON records (tenant_id, object, stage, created_at) WHERE deleted_at IS NULL AND stage IS NOT NULL`.execute(db);
  // The public pool list.
  await sql`CREATE INDEX records_pool_public ON records (tenant_id, pool, created_at, id) WHERE deleted_at IS NULL AND pool_state = 'public'`.execute(db);
  // The sweep: private holds by the three release clocks.
  await sql`CREATE INDEX records_pool_hold ON records (tenant_id, pool, hold_expires_at) WHERE deleted_at IS NULL AND pool_state = 'private'`.execute(db);
  await sql`CREATE INDEX records_pool_claimed ON records (tenant_id, pool, claimed_at) WHERE deleted_at IS NULL AND pool_state = 'private'`.execute(db);
  await sql`CREATE INDEX records_pool_visit ON records (tenant_id, pool, (coalesce(last_visit_at, claimed_at))) WHERE deleted_at IS NULL AND pool_state = 'private'`.execute(db);

  await sql`
    CREATE TABLE record_history (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      object text NOT NULL,
      record_id uuid NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      at timestamptz NOT NULL DEFAULT now(),
      actor uuid,                              -- null: the system (sweeps, schedules)
      action text NOT NULL,                    -- create | update | delete | restore | transition | claim | release | assign | extend
      changes jsonb NOT NULL DEFAULT '{}',     -- { field: [old, new] }
      note text,
      PRIMARY KEY (tenant_id, object, record_id, id)   -- one record's history, newest first
    )`.execute(db);

  // One row per stage transition: the funnel reads this, never the whole history.
  await sql`
    CREATE TABLE stage_events (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      pipeline text NOT NULL,
      record_id uuid NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      from_stage text,
      to_stage text NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      actor uuid,
      PRIMARY KEY (tenant_id, pipeline, record_id, id)
    )`.execute(db);
  await sql`CREATE INDEX stage_events_at ON stage_events (tenant_id, pipeline, at)`.execute(db);

  await sql`
    CREATE TABLE idempotency_keys (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      user_id uuid NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,              -- a retry with a different body is a conflict
      status integer NOT NULL,
      body jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, user_id, key)
    )`.execute(db);
  await sql`CREATE INDEX idempotency_keys_age ON idempotency_keys (tenant_id, created_at)`.execute(db);

  // Counters: autonumbers and other per-tenant sequences, incremented in the writing transaction.
  await sql`
    CREATE TABLE sequences (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      name text NOT NULL,
      value bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (tenant_id, name)
    )`.execute(db);

  await sql`
    CREATE TABLE work_orders (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      object text NOT NULL,
      record_id uuid NOT NULL,
      assignee uuid NOT NULL,
      rule text,
      priority integer NOT NULL DEFAULT 0,     -- lower is more urgent
      state text NOT NULL DEFAULT 'open',      -- open | done | skipped
      outcome text,
      title text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz,
      PRIMARY KEY (tenant_id, id)
    )`.execute(db);
  // A BD's queue: open work orders by priority, then age.
  await sql`CREATE INDEX work_orders_queue ON work_orders (tenant_id, assignee, state, priority, created_at)`.execute(db);
  await sql`CREATE INDEX work_orders_record ON work_orders (tenant_id, object, record_id)`.execute(db);

  await sql`
    CREATE TABLE notifications (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      user_id uuid NOT NULL,
      kind text NOT NULL,
      title text NOT NULL,
      body jsonb NOT NULL DEFAULT '{}',
      object text,
      record_id uuid,
      dedupe_key text,                         -- a warning is sent once per hold, not once per sweep
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      PRIMARY KEY (tenant_id, id)
    )`.execute(db);
  await sql`CREATE INDEX notifications_user ON notifications (tenant_id, user_id, created_at)`.execute(db);
  await sql`CREATE UNIQUE INDEX notifications_dedupe ON notifications (tenant_id, dedupe_key) WHERE dedupe_key IS NOT NULL`.execute(db);

  const tenantTables = [
    'users', 'sessions', 'api_keys', 'meta_versions', 'meta_drafts', 'records', 'record_history',
    'stage_events', 'idempotency_keys', 'sequences', 'work_orders', 'notifications',
  ];
  for (const table of tenantTables) await enableTenantIsolation(db, table);
  // The app role reads every tenant (slug resolution) but may only move its own tenant's live
  // version (publish runs inside the tenant's transaction).
  await sql`ALTER TABLE tenants ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`CREATE POLICY tenants_read ON tenants FOR SELECT USING (true)`.execute(db);
  await sql`
    CREATE POLICY tenants_update_own ON tenants FOR UPDATE
      USING (id = nullif(current_setting('app.tenant', true), '')::uuid)
      WITH CHECK (id = nullif(current_setting('app.tenant', true), '')::uuid)`.execute(db);
  await sql`GRANT SELECT ON tenants TO shoal_app`.execute(db);
  await sql`GRANT UPDATE (live_version, name, time_zone) ON tenants TO shoal_app`.execute(db);
}

/**
 * Forces row-level security on a tenant-owned table: rows are visible and writable only when
 * `tenant_id` equals the transaction's `app.tenant`. Also used by later migrations.
 */
export async function enableTenantIsolation(db: Kysely<unknown>, table: string): Promise<void> {
  const t = sql.table(table);
  await sql`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`.execute(db);
  await sql`
    CREATE POLICY tenant_isolation ON ${t}
      USING (tenant_id = nullif(current_setting('app.tenant', true), '')::uuid)
      WITH CHECK (tenant_id = nullif(current_setting('app.tenant', true), '')::uuid)`.execute(db);
  await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ${t} TO shoal_app`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The platform schema is not reversible; restore a backup instead.');
}
