import { sql, type Kysely } from 'kysely';

/**
 * Deliveries queued for a paused webhook are `held` until it is resumed, so the sender's scan of
 * due deliveries no longer reads (and skips) every one of them on each run. Those already
 * waiting for a paused webhook are held now; test pings are never held.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE webhook_deliveries AS d SET state = 'held'
      FROM webhooks AS w
     WHERE w.tenant_id = d.tenant_id AND w.id = d.webhook_id AND NOT w.active
       AND d.state = 'pending' AND d.event <> 'webhook.ping'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE webhook_deliveries SET state = 'pending' WHERE state = 'held'`.execute(db);
}
