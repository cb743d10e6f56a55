import { sql, type Kysely } from 'kysely';

/**
 * What a finished background job produced, beyond its row counts: an assignment run started in
 * the background keeps its run's id and counts here (`GET /jobs/{job}` answers them). Imports
 * leave it null.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE jobs ADD COLUMN IF NOT EXISTS result jsonb`.execute(db);
  // The runs list shows a rule's runs still under way: its queued and running jobs.
  await sql`CREATE INDEX IF NOT EXISTS jobs_pending ON jobs (tenant_id, kind, created_at) WHERE state IN ('queued', 'running')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS jobs_pending`.execute(db);
  await sql`ALTER TABLE jobs DROP COLUMN IF EXISTS result`.execute(db);
}
