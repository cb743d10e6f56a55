import { sql, type Kysely } from 'kysely';

/**
 * One index over private holds instead of three. The three (by hold expiry, claim time and
 * last visit) served no query well: the sweep's due time is the least of three clocks whose
 * lengths are pool parameters, which no index expression can match, so it reads the pool's
 * private holds by `(tenant_id, pool)` whichever it uses; and the per-owner limit a claim
 * checks had no index with the owner under the pool, so on stale statistics it walked every
 * hold of the pool (3.6 ms a claim at 100,000 holds). Every claim, assignment and release also
 * wrote all three. The new index leads with the pool and then the owner: the sweep and the
 * reminders read a prefix of it, a claim's limit check and "my pool" an exact range.
 *
 * Migrations run in a transaction, so the index is not built CONCURRENTLY: the upgrade holds
 * writes to `records` for one scan of the table (seconds at a few million rows).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS records_pool_private ON records (tenant_id, pool, owner) WHERE deleted_at IS NULL AND pool_state = 'private'`.execute(db);
  await sql`DROP INDEX IF EXISTS records_pool_hold`.execute(db);
  await sql`DROP INDEX IF EXISTS records_pool_claimed`.execute(db);
  await sql`DROP INDEX IF EXISTS records_pool_visit`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS records_pool_hold ON records (tenant_id, pool, hold_expires_at) WHERE deleted_at IS NULL AND pool_state = 'private'`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS records_pool_claimed ON records (tenant_id, pool, claimed_at) WHERE deleted_at IS NULL AND pool_state = 'private'`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS records_pool_visit ON records (tenant_id, pool, (coalesce(last_visit_at, claimed_at))) WHERE deleted_at IS NULL AND pool_state = 'private'`.execute(db);
  await sql`DROP INDEX IF EXISTS records_pool_private`.execute(db);
}
