import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { ShoalError } from '../errors.ts';
import { decodeTimeIdCursor, encodeValuesCursor } from '../records/cursor.ts';
import type { Storage, Tx } from '../storage/storage.ts';
import { isUuid, tenantLiteral } from '../storage/storage.ts';
import { envelopeParser } from '../validation/ajv.ts';
import { isPrivateAddress } from './webhook-addresses.ts';
import { pingEvent, webhookEvents } from './webhook-events.ts';
import { deliveryColumns, holdDeliveries, insertDeliveries, toDeliveryView, type DeliveryRow, type QueuedDelivery, type WebhookDelivery } from './webhook-outbox.ts';

export { pingEvent, webhookEvents };
export type { WebhookDelivery };

export interface Webhook {
  id: string;
  url: string;
  events: string[];
  object: string | null;
  active: boolean;
  createdAt: string;
}

export interface WebhookInput {
  url: string;
  events: string[];
  object?: string;
  active?: boolean;
}

/** A change of a subscription (`PATCH /webhooks/{id}`): `object: null` makes it listen to every object. */
export interface WebhookChange {
  url?: string;
  events?: string[];
  object?: string | null;
  active?: boolean;
}

const webhookProperties = {
  url: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2048 },
  events: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...webhookEvents, '*'] } },
  object: { type: 'string', minLength: 1, maxLength: 40 },
  active: { type: 'boolean' },
};

export const parseWebhook = envelopeParser<WebhookInput>({
  type: 'object', required: ['url', 'events'], additionalProperties: false, properties: webhookProperties,
});

export const parseWebhookChange = envelopeParser<WebhookChange>({
  type: 'object', minProperties: 1, additionalProperties: false,
  properties: { ...webhookProperties, object: { type: ['string', 'null'], minLength: 1, maxLength: 40 } },
});

/**
 * Webhook subscriptions, cached per tenant (every record write asks "who wants this?").
 * Changes notify `shoal_webhooks` so every process reloads.
 */
export class WebhookRegistry {
  readonly #cache = new Map<string, Array<Webhook & { secret: string }>>();

  constructor(private readonly storage: Storage, readonly options: { allowPrivateUrls: boolean }) {}

  async start(): Promise<void> {
    await this.storage.listen('shoal_webhooks', (tenantId) => (tenantId === '*' ? this.#cache.clear() : this.#cache.delete(tenantId)));
  }

  /** Active subscriptions of a tenant, read inside the caller's transaction on a cache miss. */
  async subscriptions(tx: Tx, tenantId: string): Promise<Array<Webhook & { secret: string }>> {
    const cached = this.#cache.get(tenantId);
    if (cached) return cached;
    const rows = (await sql<WebhookRow & { secret: string }>`
      SELECT ${webhookColumns}, secret FROM webhooks WHERE tenant_id = ${tenantLiteral(tenantId)} AND active`.execute(tx)).rows;
    const list = rows.map((r) => ({ ...toWebhook(r), secret: r.secret }));
    this.#cache.set(tenantId, list);
    return list;
  }

  async create(tenantId: string, actorId: string, input: WebhookInput, objects: Set<string>, now: Date): Promise<Webhook & { secret: string }> {
    this.#check(input, objects);
    const id = randomUUID();
    const secret = newSecret();
    await this.storage.inTenant(tenantId, (tx) => sql`
      INSERT INTO webhooks (tenant_id, id, url, events, object, secret, active, created_by, created_at)
      VALUES (${tenantLiteral(tenantId)}, ${id}::uuid, ${input.url}, ${input.events}::text[], ${input.object ?? null}, ${secret}, ${input.active ?? true}, ${actorId}::uuid, ${now.toISOString()}::timestamptz)`.execute(tx));
    await this.#changed(tenantId);
    return { id, url: input.url, events: input.events, object: input.object ?? null, active: input.active ?? true, createdAt: now.toISOString(), secret };
  }

  async list(tenantId: string): Promise<Webhook[]> {
    return this.storage.inTenant(tenantId, async (tx) => (await sql<WebhookRow>`
      SELECT ${webhookColumns} FROM webhooks WHERE tenant_id = ${tenantLiteral(tenantId)} ORDER BY created_at`.execute(tx)).rows.map(toWebhook), { readOnly: true });
  }

  /** One subscription (without its secret), or a 404. */
  async get(tenantId: string, id: string): Promise<Webhook> {
    if (!isUuid(id)) throw webhookNotFound();
    const row = await this.storage.inTenant(tenantId, async (tx) => (await sql<WebhookRow>`
      SELECT ${webhookColumns} FROM webhooks WHERE tenant_id = ${tenantLiteral(tenantId)} AND id = ${id}::uuid`.execute(tx)).rows[0], { readOnly: true });
    if (!row) throw webhookNotFound();
    return toWebhook(row);
  }

  /**
   * Changes a subscription's URL, events, object or whether it is active, with the checks of
   * `create`. Pausing stops new events from being queued and holds those already queued (retries,
   * redeliveries) until it is resumed; test pings still go out (see `deliverDue`).
   */
  async update(tenantId: string, id: string, change: WebhookChange, objects: Set<string>): Promise<Webhook> {
    if (!isUuid(id)) throw webhookNotFound();
    this.#check(change, objects);
    const row = await this.storage.inTenant(tenantId, async (tx) => {
      const updated = (await sql<WebhookRow>`
        UPDATE webhooks SET
               url = COALESCE(${change.url ?? null}, url),
               events = COALESCE(${change.events ?? null}::text[], events),
               object = CASE WHEN ${change.object !== undefined}::boolean THEN ${change.object ?? null} ELSE object END,
               active = COALESCE(${change.active ?? null}::boolean, active)
         WHERE tenant_id = ${tenantLiteral(tenantId)} AND id = ${id}::uuid
        RETURNING ${webhookColumns}`.execute(tx)).rows[0];
      if (updated && change.active !== undefined) await holdDeliveries(tx, tenantId, id, !change.active);
      return updated;
    });
    if (!row) throw webhookNotFound();
    await this.#changed(tenantId);
    return toWebhook(row);
  }

  /**
   * Gives a subscription a new signing secret, returned this once: for a secret that leaked, or
   * one nobody has (a tenant imported without `--with-secrets` gets fresh, unseen secrets).
   * Every delivery sent from now on, retries of earlier events included, is signed with it.
   */
  async rotateSecret(tenantId: string, id: string): Promise<Webhook & { secret: string }> {
    if (!isUuid(id)) throw webhookNotFound();
    const secret = newSecret();
    const row = await this.storage.inTenant(tenantId, async (tx) => (await sql<WebhookRow>`
      UPDATE webhooks SET secret = ${secret} WHERE tenant_id = ${tenantLiteral(tenantId)} AND id = ${id}::uuid
      RETURNING ${webhookColumns}`.execute(tx)).rows[0]);
    if (!row) throw webhookNotFound();
    await this.#changed(tenantId);
    return { ...toWebhook(row), secret };
  }

  async remove(tenantId: string, id: string): Promise<void> {
    if (!isUuid(id)) throw webhookNotFound();
    const result = await this.storage.inTenant(tenantId, (tx) => sql`DELETE FROM webhooks WHERE tenant_id = ${tenantLiteral(tenantId)} AND id = ${id}::uuid`.execute(tx));
    if (Number(result.numAffectedRows ?? 0) === 0) throw webhookNotFound();
    await this.#changed(tenantId);
  }

  /** A page of the delivery log of a webhook, newest first; `cursor` is the `nextCursor` of the page before. */
  async deliveries(tenantId: string, id: string, options: { limit: number; cursor?: string }): Promise<{ data: WebhookDelivery[]; nextCursor: string | null }> {
    if (!isUuid(id)) throw webhookNotFound();
    const after = options.cursor ? decodeTimeIdCursor(options.cursor) : undefined;
    const rows = await this.storage.inTenant(tenantId, async (tx) => {
      await assertWebhook(tx, tenantId, id);
      return (await sql<DeliveryRow>`
        SELECT ${deliveryColumns} FROM webhook_deliveries
         WHERE tenant_id = ${tenantLiteral(tenantId)} AND webhook_id = ${id}::uuid
           ${after ? sql`AND (created_at, id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
         ORDER BY created_at DESC, id DESC LIMIT ${options.limit + 1}`.execute(tx)).rows;
    }, { readOnly: true });
    const page = rows.slice(0, options.limit);
    const last = page[page.length - 1];
    return {
      data: page.map(toDeliveryView),
      nextCursor: rows.length > options.limit && last ? encodeValuesCursor([last.created_at.toISOString(), last.id]) : null,
    };
  }

  /**
   * Queues a fresh delivery of a logged one: the same event and payload, under a new delivery id
   * (the payload's `id` and `X-Shoal-Delivery`), with `redeliveryOf` naming the first delivery of
   * the event so a receiver can tell it is the same event again. Sent, signed and retried as any.
   * Refused (409) while that event is still on its way, as the delivery itself or an earlier
   * redelivery still pending or held: the receiver would get it twice.
   */
  async redeliver(tenantId: string, id: string, deliveryId: string, now: Date): Promise<WebhookDelivery> {
    if (!isUuid(id) || !isUuid(deliveryId)) throw deliveryNotFound();
    return this.storage.inTenant(tenantId, async (tx) => {
      await assertWebhook(tx, tenantId, id);
      const original = (await sql<{ id: string; event: string; payload: Record<string, unknown> }>`
        SELECT id, event, payload FROM webhook_deliveries
         WHERE tenant_id = ${tenantLiteral(tenantId)} AND webhook_id = ${id}::uuid AND id = ${deliveryId}::uuid`.execute(tx)).rows[0];
      if (!original) throw deliveryNotFound();
      const redeliveryOf = typeof original.payload.redeliveryOf === 'string' ? original.payload.redeliveryOf : original.id;
      // Two redeliveries of the event asked at once queue one: the second waits for this lock on
      // the event's first delivery, and its next statement then sees the first one's.
      await sql`SELECT 1 FROM webhook_deliveries WHERE tenant_id = ${tenantLiteral(tenantId)} AND id = ${redeliveryOf}::uuid FOR UPDATE`.execute(tx);
      const underway = (await sql<{ id: string; state: string }>`
        SELECT id, state FROM webhook_deliveries
         WHERE tenant_id = ${tenantLiteral(tenantId)} AND webhook_id = ${id}::uuid AND event = ${original.event}
           AND state IN ('pending', 'held') AND (id = ${redeliveryOf}::uuid OR payload->>'redeliveryOf' = ${redeliveryOf})
         LIMIT 1`.execute(tx)).rows[0];
      if (underway) {
        throw new ShoalError('conflict', underway.state === 'held'
          ? 'This event is already queued for this webhook, held while it is paused; it goes out once the webhook is resumed'
          : 'This event is already being delivered; redeliver it once that delivery has succeeded or failed', { extra: { deliveryId: underway.id, state: underway.state } });
      }
      const newId = randomUUID();
      return this.#queue(tx, tenantId, { id: newId, webhook_id: id, event: original.event, payload: { ...original.payload, id: newId, redeliveryOf } }, now);
    });
  }

  /** Queues a test delivery (`webhook.ping`) to a subscription, whatever events it listens to and also while paused. */
  async ping(tenantId: string, id: string, actorId: string, now: Date): Promise<WebhookDelivery> {
    if (!isUuid(id)) throw webhookNotFound();
    return this.storage.inTenant(tenantId, async (tx) => {
      await assertWebhook(tx, tenantId, id);
      const deliveryId = randomUUID();
      return this.#queue(tx, tenantId, {
        id: deliveryId, webhook_id: id, event: pingEvent,
        // As the subscription's id is written everywhere else (lower case), whatever the path said.
        payload: { id: deliveryId, event: pingEvent, webhookId: id.toLowerCase(), occurredAt: now.toISOString(), actor: actorId },
      }, now);
    });
  }

  async #queue(tx: Tx, tenantId: string, delivery: QueuedDelivery, now: Date): Promise<WebhookDelivery> {
    await insertDeliveries(tx, tenantId, [delivery], now);
    const row = (await sql<DeliveryRow>`
      SELECT ${deliveryColumns} FROM webhook_deliveries WHERE tenant_id = ${tenantLiteral(tenantId)} AND id = ${delivery.id}::uuid`.execute(tx)).rows[0]!;
    return toDeliveryView(row);
  }

  /** The checks of a new or changed subscription: a public address (unless allowed) and an existing object. */
  #check(input: { url?: string; object?: string | null }, objects: Set<string>): void {
    // A user name or password in the URL: fetch refuses to send such a request, so every delivery
    // would fail (with the password in the log's error). Refused before it is stored.
    const url = input.url !== undefined && URL.canParse(input.url) ? new URL(input.url) : undefined;
    if (url && (url.username || url.password)) {
      throw new ShoalError('validation_failed', 'A webhook URL cannot carry a user name or password', { errors: [{ path: '/url', message: 'must not include a user name or password' }] });
    }
    if (input.url !== undefined && !this.options.allowPrivateUrls && isPrivateAddress(input.url)) {
      throw new ShoalError('validation_failed', 'Webhooks cannot call private or loopback addresses', { errors: [{ path: '/url', message: 'is a private address' }] });
    }
    if (input.object && !objects.has(input.object)) {
      throw new ShoalError('validation_failed', `There is no object called ${input.object}`, { errors: [{ path: '/object', message: 'is not an object' }] });
    }
  }

  async #changed(tenantId: string): Promise<void> {
    this.#cache.delete(tenantId);
    await this.storage.notify('shoal_webhooks', tenantId);
  }
}

interface WebhookRow {
  id: string;
  url: string;
  events: string[];
  object: string | null;
  active: boolean;
  created_at: Date;
}

const webhookColumns = sql`id, url, events, object, active, created_at`;

function toWebhook(r: WebhookRow): Webhook {
  return { id: r.id, url: r.url, events: r.events, object: r.object, active: r.active, createdAt: r.created_at.toISOString() };
}

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

const webhookNotFound = () => new ShoalError('not_found', 'Webhook was not found');
const deliveryNotFound = () => new ShoalError('not_found', 'Delivery was not found');

async function assertWebhook(tx: Tx, tenantId: string, id: string): Promise<void> {
  const exists = await sql`SELECT 1 FROM webhooks WHERE tenant_id = ${tenantLiteral(tenantId)} AND id = ${id}::uuid`.execute(tx);
  if (exists.rows.length === 0) throw webhookNotFound();
}
