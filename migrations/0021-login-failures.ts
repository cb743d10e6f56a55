import { sql, type Kysely } from 'kysely';

/**
 * Failed sign-ins and wrong current passwords, kept where every process sees them, so the login
 * limits (`LoginRateLimiter`) hold however many processes serve a tenant and across restarts. A
 * row is one attempt counted against one key (an account from an address, an account, an
 * address); rows older than the window (15 minutes) are pruned as attempts come. Platform-level:
 * no tenant (a key names its tenant), no row-level security, never read as `shoal_app`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE login_failures (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      key text NOT NULL,
      failed_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX login_failures_key ON login_failures (key, failed_at)`.execute(db);
  await sql`CREATE INDEX login_failures_age ON login_failures (failed_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE login_failures`.execute(db);
}
