import { sql } from 'kysely';
import type { Tx } from '../storage/storage.ts';
import { tenantLiteral } from '../storage/storage.ts';
import { pingEvent } from './webhook-events.ts';

/** A delivery to queue: its id is also the payload's `id` and the `X-Shoal-Delivery` header. */
export interface QueuedDelivery {
  id: string;
  webhook_id: string;
  event: string;
  payload: Record<string, unknown>;
}

/**
 * One entry of a webhook's delivery log. `held`: waiting for its paused webhook to be resumed
 * (then `pending` again, sent when due); `pending`: to be sent, or retried, at `nextAttemptAt`.
 */
export interface WebhookDelivery {
  id: string;
  event: string;
  state: 'pending' | 'held' | 'delivered' | 'failed';
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
  payload: unknown;
}

/** The columns `toDeliveryView` reads. */
export const deliveryColumns = sql`id, event, state, attempts, last_status, last_error, created_at, delivered_at, next_attempt_at, payload`;

export interface DeliveryRow {
  id: string;
  event: string;
  state: WebhookDelivery['state'];
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
  next_attempt_at: Date | null;
  payload: unknown;
}

export function toDeliveryView(d: DeliveryRow): WebhookDelivery {
  return {
    id: d.id, event: d.event, state: d.state, attempts: d.attempts, lastStatus: d.last_status, lastError: d.last_error,
    createdAt: d.created_at.toISOString(), deliveredAt: d.delivered_at?.toISOString() ?? null, nextAttemptAt: d.next_attempt_at?.toISOString() ?? null, payload: d.payload,
  };
}

/**
 * Adds deliveries to the outbox, due at once, inside the caller's transaction: the sender
 * (`deliverDue`) posts them signed and retries them like any other. Every way a delivery starts
 * — a record change, a redelivery, a test ping — comes through here. One for a paused webhook
 * (a redelivery) is `held` until the webhook is resumed; a test ping never is.
 */
export async function insertDeliveries(tx: Tx, tenantId: string, rows: QueuedDelivery[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  // The webhooks are held (FOR SHARE) until this transaction ends, so a pause or resume at the same
  // moment waits for it, or it for them: a delivery is held or pending as its webhook is, and a
  // resume's release of held deliveries sees it (unlocked, a redelivery racing a resume stayed
  // held on an active webhook).
  const webhookIds = [...new Set(rows.map((r) => r.webhook_id))];
  const active = new Map((await sql<{ id: string; active: boolean }>`
    SELECT id, active FROM webhooks WHERE tenant_id = ${tenantLiteral(tenantId)} AND id = ANY(${webhookIds}::uuid[]) FOR SHARE`.execute(tx)).rows.map((w) => [w.id, w.active]));
  // Ids as PostgreSQL writes them (lower case); a path may have named the webhook in capitals.
  const queued = rows.filter((r) => active.has(r.webhook_id.toLowerCase()))
    .map((r) => ({ ...r, state: active.get(r.webhook_id.toLowerCase()) || r.event === pingEvent ? 'pending' : 'held' }));
  if (queued.length === 0) return;
  await sql`
    INSERT INTO webhook_deliveries (tenant_id, id, webhook_id, event, payload, state, attempts, created_at, next_attempt_at)
    SELECT ${tenantLiteral(tenantId)}, x.id, x.webhook_id, x.event, x.payload, x.state, 0, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
      FROM jsonb_to_recordset(${JSON.stringify(queued)}::jsonb) AS x(id uuid, webhook_id uuid, event text, payload jsonb, state text)`.execute(tx);
}

/**
 * Holds the queued deliveries of a webhook being paused (test pings excepted), or lets them go
 * again when it is resumed, in the transaction that pauses or resumes it. Held ones are not
 * among the sender's due deliveries, so a large backlog waiting for a paused webhook costs the
 * sender nothing; a resumed one keeps each delivery's time (a retry still waits its backoff).
 */
export async function holdDeliveries(tx: Tx, tenantId: string, webhookId: string, hold: boolean): Promise<void> {
  const [from, to] = hold ? ['pending', 'held'] : ['held', 'pending'];
  await sql`
    UPDATE webhook_deliveries SET state = ${to}
     WHERE tenant_id = ${tenantLiteral(tenantId)} AND webhook_id = ${webhookId}::uuid AND state = ${from} AND event <> ${pingEvent}`.execute(tx);
}
