import { sql, type Kysely } from 'kysely';
import { enableTenantIsolation } from './0001-platform.ts';

/**
 * Pools, jobs, webhooks and assignment: the state behind the lead lifecycle and the work that
 * runs in the background. Same conventions as 0001: keys lead with tenant_id, RLS forced.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per (pool, user): the row a claim locks (so one user's claims run one at a time
  // while different users never wait for each other) and the daily claim counter.
  await sql`
    CREATE TABLE pool_users (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      pool text NOT NULL,
      user_id uuid NOT NULL,
      claim_day date,                          -- the local day of the counter, in the pool's time zone
      claims_on_day integer NOT NULL DEFAULT 0,
      PRIMARY KEY (tenant_id, pool, user_id)
    )`.execute(db);

  // Who let go of which record when: the re-claim cooldown and the release history.
  await sql`
    CREATE TABLE pool_releases (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      object text NOT NULL,
      record_id uuid NOT NULL,
      user_id uuid NOT NULL,
      released_at timestamptz NOT NULL,
      reason text NOT NULL,
      released_by uuid,                        -- null: the system (sweep)
      PRIMARY KEY (tenant_id, object, record_id, user_id, released_at)
    )`.execute(db);
  await sql`CREATE INDEX pool_releases_at ON pool_releases (tenant_id, released_at)`.execute(db);

  // Pool events for statistics (claims, releases by reason, assignments, extensions).
  await sql`
    CREATE TABLE pool_events (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      pool text NOT NULL,
      id bigint GENERATED ALWAYS AS IDENTITY,
      at timestamptz NOT NULL,
      kind text NOT NULL,                      -- claim | release | assign | extend
      record_id uuid NOT NULL,
      user_id uuid,                            -- the holder concerned
      actor uuid,                              -- who did it; null for the system
      reason text,
      PRIMARY KEY (tenant_id, pool, id)
    )`.execute(db);
  await sql`CREATE INDEX pool_events_at ON pool_events (tenant_id, pool, at)`.execute(db);

  // Background jobs a client can watch (imports): progress and per-row errors.
  await sql`
    CREATE TABLE jobs (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      kind text NOT NULL,
      state text NOT NULL DEFAULT 'queued',   -- queued | running | done | failed
      object text,
      processed integer NOT NULL DEFAULT 0,
      total integer,
      created integer NOT NULL DEFAULT 0,
      updated integer NOT NULL DEFAULT 0,
      errors jsonb NOT NULL DEFAULT '[]',
      options jsonb NOT NULL DEFAULT '{}',
      created_by uuid,
      created_at timestamptz NOT NULL,
      started_at timestamptz,
      finished_at timestamptz,
      PRIMARY KEY (tenant_id, id)
    )`.execute(db);
  // Uploaded files of jobs, in chunks, so any process can run the job.
  await sql`
    CREATE TABLE job_blobs (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      job_id uuid NOT NULL,
      chunk integer NOT NULL,
      data bytea NOT NULL,
      PRIMARY KEY (tenant_id, job_id, chunk)
    )`.execute(db);

  // Scheduled slots that have run: a slot runs once even with several processes or after a
  // restart (the row is written in the same transaction as the slot's work).
  await sql`
    CREATE TABLE job_slots (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      kind text NOT NULL,
      key text NOT NULL,
      slot timestamptz NOT NULL,
      ran_at timestamptz NOT NULL,
      result jsonb,
      PRIMARY KEY (tenant_id, kind, key, slot)
    )`.execute(db);

  await sql`
    CREATE TABLE webhooks (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      url text NOT NULL,
      events text[] NOT NULL,
      object text,
      secret text NOT NULL,                    -- HMAC key; shown once at creation
      active boolean NOT NULL DEFAULT true,
      created_by uuid,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, id)
    )`.execute(db);
  await sql`
    CREATE TABLE webhook_deliveries (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      webhook_id uuid NOT NULL,
      event text NOT NULL,
      payload jsonb NOT NULL,
      state text NOT NULL DEFAULT 'pending',  -- pending | delivered | failed
      attempts integer NOT NULL DEFAULT 0,
      last_status integer,
      last_error text,
      created_at timestamptz NOT NULL,
      delivered_at timestamptz,
      PRIMARY KEY (tenant_id, id)
    )`.execute(db);
  await sql`CREATE INDEX webhook_deliveries_log ON webhook_deliveries (tenant_id, webhook_id, created_at)`.execute(db);

  await sql`
    CREATE TABLE assignment_runs (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      id uuid NOT NULL,
      rule text NOT NULL,
      as_of timestamptz NOT NULL,
      dry_run boolean NOT NULL,
      actor uuid,
      allocations integer NOT NULL,
      stats jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, id)
    )`.execute(db);
  await sql`CREATE INDEX assignment_runs_rule ON assignment_runs (tenant_id, rule, created_at)`.execute(db);
  // Allocations per user per local day across all rules (maxPerDay), and round-robin positions.
  await sql`
    CREATE TABLE assignment_counters (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      user_id uuid NOT NULL,
      day date NOT NULL,
      allocated integer NOT NULL DEFAULT 0,
      PRIMARY KEY (tenant_id, user_id, day)
    )`.execute(db);
  await sql`
    CREATE TABLE assignment_state (
      tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
      rule text NOT NULL,
      state jsonb NOT NULL DEFAULT '{}',
      PRIMARY KEY (tenant_id, rule)
    )`.execute(db);

  for (const table of ['pool_users', 'pool_releases', 'pool_events', 'jobs', 'job_blobs', 'job_slots', 'webhooks', 'webhook_deliveries', 'assignment_runs', 'assignment_counters', 'assignment_state']) {
    await enableTenantIsolation(db, table);
  }
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
