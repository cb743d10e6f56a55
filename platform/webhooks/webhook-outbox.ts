import { sql } from 'kysely';
import type { Tx } from '../storage/storage.ts';
import { tenantLiteral } from '../storage/storage.ts';

/** A delivery to queue: its id is also the payload's `id` and the `X-Shoal-Delivery` header. */
export interface QueuedDelivery {
  id: string;
  webhook_id: string;
  event: string;
  payload: Record<string, unknown>;
}

/** One entry of a webhook's delivery log. */
export interface WebhookDelivery {
  id: string;
  event: string;
  state: 'pending' | 'delivered' | 'failed';
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
 * — a record change, a redelivery, a test ping — comes through here.
 */
export async function insertDeliveries(tx: Tx, tenantId: string, rows: QueuedDelivery[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO webhook_deliveries (tenant_id, id, webhook_id, event, payload, state, attempts, created_at, next_attempt_at)
    SELECT ${tenantLiteral(tenantId)}, x.id, x.webhook_id, x.event, x.payload, 'pending', 0, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(id uuid, webhook_id uuid, event text, payload jsonb)`.execute(tx);
}

/** How the log shows a delivery `insertDeliveries` has just queued. */
export function queuedView(row: QueuedDelivery, now: Date): WebhookDelivery {
  return {
    id: row.id, event: row.event, state: 'pending', attempts: 0, lastStatus: null, lastError: null,
    createdAt: now.toISOString(), deliveredAt: null, nextAttemptAt: now.toISOString(), payload: row.payload,
  };
}
