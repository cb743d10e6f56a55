import { createHmac, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { fetch, type Dispatcher } from 'undici';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { RecordEvent, RecordHooks } from '../records/record-hooks.ts';
import { tenantLiteral, type Storage } from '../storage/storage.ts';
import { pingEvent } from './webhook-events.ts';
import { insertDeliveries, type QueuedDelivery } from './webhook-outbox.ts';
import { isPrivateAddress, PrivateAddressError, vettedAgent } from './webhook-addresses.ts';
import type { WebhookRegistry } from './webhooks.ts';

const queueName = 'shoal-webhooks';
const maxAttempts = 8;
const eventNames: Record<RecordEvent['action'], string> = {
  create: 'record.created', update: 'record.updated', delete: 'record.deleted', restore: 'record.restored',
  transition: 'record.transitioned', claim: 'record.claimed', release: 'record.released', assign: 'record.assigned', extend: 'record.extended',
};

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, the header receivers verify. */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Webhooks as an outbox: a record write that a subscription wants adds a delivery row in the
 * same transaction (so nothing is sent for a change that rolled back, and nothing is lost for
 * one that committed); a sender posts due deliveries, signed, and retries failures with
 * exponential backoff (10 s … ~20 min, 8 attempts), logging every attempt's status.
 */
export function registerWebhooks(hooks: RecordHooks, registry: WebhookRegistry, queue: JobQueue, storage: Storage, clock: () => Date): void {
  hooks.onAfterWrite(async (tx, ctx, events) => {
    if (!ctx.compiled.has('webhooks')) return;
    const subscriptions = await registry.subscriptions(tx, ctx.tenantId);
    if (subscriptions.length === 0) return;
    const rows: QueuedDelivery[] = [];
    for (const event of events) {
      const name = eventNames[event.action];
      for (const hook of subscriptions) {
        if (hook.object && hook.object !== event.object.key) continue;
        if (!hook.events.includes(name) && !hook.events.includes('*')) continue;
        const id = randomUUID();
        rows.push({
          id, webhook_id: hook.id, event: name,
          payload: { id, event: name, object: event.object.key, recordId: event.id, occurredAt: ctx.now.toISOString(), actor: ctx.actorId, record: event.after ?? null, previous: event.before ?? null },
        });
      }
    }
    if (rows.length === 0) return;
    await insertDeliveries(tx, ctx.tenantId, rows, ctx.now);
    // Wakes the sender once the transaction has had a moment to commit; the periodic sweep catches
    // the rest. Not awaited: the queue writes through the database, and the embedded one has one
    // connection, which this transaction holds until it ends. Awaited, the write waited for the
    // transaction and the transaction for the write, and the whole process stopped answering.
    void wakeWebhookSender(queue, ctx.tenantId, { afterSeconds: 1 }).catch(() => undefined);
  }, async (tx, ctx, action, object) => {
    if (!ctx.compiled.has('webhooks')) return false;
    const name = eventNames[action];
    return (await registry.subscriptions(tx, ctx.tenantId)).some((hook) => (!hook.object || hook.object === object.key) && (hook.events.includes(name) || hook.events.includes('*')));
  });
  void queue.handle<{ tenantId: string }>(queueName, ({ tenantId }) => deliverDue(storage, tenantId, clock, registry.options).then(() => undefined), { retryLimit: 0 });
}

/** Wakes the sender of a tenant (every scheduler tick does, for retries and lost wake-ups), now or after a moment. */
export async function wakeWebhookSender(queue: JobQueue, tenantId: string, options: { afterSeconds?: number } = {}): Promise<void> {
  await queue.send(queueName, { tenantId }, { singletonKey: `webhooks:${tenantId}`, ...(options.afterSeconds ? { startAfterSeconds: options.afterSeconds } : {}) });
}

/** How long a claimed delivery is withheld from other runs: a batch of `batchSize` sends, each up to 10 s. */
const leaseMs = 60_000;
const batchSize = 5;
const maxPerRun = 100;

export interface DeliveryOptions {
  allowPrivateUrls: boolean;
  /** Where connections go: by default, unless `allowPrivateUrls`, only to addresses vetted public when connecting. */
  dispatcher?: Dispatcher;
}

let sharedVettedAgent: Dispatcher | undefined;

/** The dispatcher a delivery connects through: one that vets every address it connects to, unless private URLs are allowed. */
function dispatcherFor(options: DeliveryOptions): Dispatcher | undefined {
  if (options.dispatcher) return options.dispatcher;
  if (options.allowPrivateUrls) return undefined;
  sharedVettedAgent ??= vettedAgent();
  return sharedVettedAgent;
}

/**
 * Posts the due deliveries of a tenant (up to 100); returns how many were attempted. Unless
 * `allowPrivateUrls`, a URL whose address, or whose name's address when connecting, is private
 * or loopback is not called (a failed attempt, retried as any other). The connection goes to the
 * address that was checked, not to a second answer of the name (DNS rebinding).
 */
export async function deliverDue(storage: Storage, tenantId: string, clock: () => Date, options: DeliveryOptions): Promise<number> {
  let attempted = 0;
  while (attempted < maxPerRun) {
    const sent = await deliverBatch(storage, tenantId, clock, options);
    if (sent === 0) break;
    attempted += sent;
  }
  return attempted;
}

/**
 * Claims up to `batchSize` due deliveries with a lease and sends them. Two runs at once (two
 * commits, two processes) never send the same delivery twice; one that dies mid-send leaves it
 * due again when the lease ends; a run that outlived its lease does not overwrite the outcome
 * of the run that took over. Deliveries of a deleted webhook are not claimed; those of a paused
 * one are `held` (retries and redeliveries alike, see `holdDeliveries`) and go out once it is
 * resumed, except test pings. One paused while being sent keeps its outcome, and if it is to be
 * retried, stays held.
 */
async function deliverBatch(storage: Storage, tenantId: string, clock: () => Date, options: DeliveryOptions): Promise<number> {
  const now = clock();
  const lease = new Date(now.getTime() + leaseMs).toISOString();
  const due = await storage.inTenant(tenantId, async (tx) => (await sql<{ id: string; url: string; secret: string; event: string; payload: unknown; attempts: number; created_at: Date }>`
    WITH due AS (
      SELECT d.id, w.url, w.secret FROM webhook_deliveries AS d
        JOIN webhooks AS w ON w.tenant_id = d.tenant_id AND w.id = d.webhook_id
       WHERE d.tenant_id = ${tenantLiteral(tenantId)} AND d.state = 'pending' AND d.next_attempt_at <= ${now.toISOString()}::timestamptz
         AND (w.active OR d.event = ${pingEvent})
       ORDER BY d.created_at LIMIT ${batchSize} FOR UPDATE OF d SKIP LOCKED)
    UPDATE webhook_deliveries AS d SET next_attempt_at = ${lease}::timestamptz
      FROM due
     WHERE d.tenant_id = ${tenantLiteral(tenantId)} AND d.id = due.id
    RETURNING d.id, due.url, due.secret, d.event, d.payload, d.attempts, d.created_at`.execute(tx)).rows
    .sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime()));
  for (const delivery of due) {
    const body = JSON.stringify(delivery.payload);
    const timestamp = Math.floor(clock().getTime() / 1000);
    let status: number | null = null;
    let error: string | null = null;
    try {
      if (!options.allowPrivateUrls && isPrivateAddress(delivery.url)) throw new Error('The URL reaches a private or loopback address; it was not called');
      const dispatcher = dispatcherFor(options);
      const response = await fetch(delivery.url, {
        ...(dispatcher ? { dispatcher } : {}),
        method: 'POST',
        headers: {
          'content-type': 'application/json', 'user-agent': 'Shoal-Webhooks/1',
          'x-shoal-event': delivery.event, 'x-shoal-delivery': delivery.id, 'x-shoal-signature': signPayload(delivery.secret, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(10_000),
      });
      status = response.status;
      await response.body?.cancel().catch(() => undefined);
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (e) {
      // fetch says only "fetch failed"; a refused address is the reason worth keeping.
      const cause = (e as Error).cause;
      error = (cause instanceof PrivateAddressError ? cause : e as Error).message.slice(0, 500);
    }
    const attempts = delivery.attempts + 1;
    const delivered = error === null;
    const failed = !delivered && attempts >= maxAttempts;
    const next = delivered || failed ? null : new Date(clock().getTime() + 10_000 * 2 ** (attempts - 1));
    await storage.inTenant(tenantId, (tx) => sql`
      UPDATE webhook_deliveries SET attempts = ${attempts}, last_status = ${status}, last_error = ${error},
             state = COALESCE(${delivered ? 'delivered' : failed ? 'failed' : null}::text, state), next_attempt_at = ${next?.toISOString() ?? null}::timestamptz,
             delivered_at = ${delivered ? clock().toISOString() : null}::timestamptz
       WHERE tenant_id = ${tenantLiteral(tenantId)} AND id = ${delivery.id}::uuid
         AND state IN ('pending', 'held') AND next_attempt_at = ${lease}::timestamptz`.execute(tx));
  }
  return due.length;
}
