import { sql, type Kysely } from 'kysely';

/** Webhook deliveries are an outbox: the sender picks pending rows whose next attempt is due. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE webhook_deliveries ADD COLUMN next_attempt_at timestamptz`.execute(db);
  await sql`CREATE INDEX webhook_deliveries_due ON webhook_deliveries (tenant_id, state, next_attempt_at)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
