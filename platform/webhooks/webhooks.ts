import { randomBytes, randomUUID } from 'node:crypto';
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { sql } from 'kysely';
import { ShoalError } from '../errors.ts';
import type { Storage, Tx } from '../storage/storage.ts';
import { isUuid, tenantLiteral } from '../storage/storage.ts';
import { envelopeParser } from '../validation/ajv.ts';

export const webhookEvents = [
  'record.created', 'record.updated', 'record.deleted', 'record.restored', 'record.transitioned',
  'record.claimed', 'record.released', 'record.assigned', 'record.extended',
] as const;

export interface Webhook {
  id: string;
  url: string;
  events: string[];
  object: string | null;
  active: boolean;
  createdAt: string;
}

export const parseWebhook = envelopeParser<{ url: string; events: string[]; object?: string; active?: boolean }>({
  type: 'object', required: ['url', 'events'], additionalProperties: false,
  properties: {
    url: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2048 },
    events: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...webhookEvents, '*'] } },
    object: { type: 'string', maxLength: 40 },
    active: { type: 'boolean' },
  },
});

/**
 * The networks a webhook may not call unless allowed: this host, private and shared (carrier-grade
 * NAT, where Alibaba Cloud's metadata service answers at 100.100.100.200) networks, link-local,
 * multicast and reserved. IPv4-mapped IPv6 addresses (`::ffff:127.0.0.1`) count as their IPv4
 * address, and `::` (which connects to this host) as loopback.
 */
const privateNetworks = new BlockList();
for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 3]] as const) {
  privateNetworks.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [['::', 127], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) privateNetworks.addSubnet(network, prefix, 'ipv6');

function isPrivateIp(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && privateNetworks.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** A URL's host as a name or an address (an IPv6 one without its brackets). */
function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^\[|\]$/g, '');
}

/** A webhook URL whose host is this machine or a private network by its text (an IP address, `localhost`). */
export function isPrivateAddress(url: string): boolean {
  // A fully qualified name may end in a dot (localhost.), which resolves as without it.
  const host = hostOf(url).replace(/\.$/, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || isPrivateIp(host);
}

/**
 * Whether a webhook URL reaches a private address, by its text or by what its name resolves to
 * now (a public name can point at 127.0.0.1). A name that does not resolve is left to the send
 * to fail.
 */
export async function reachesPrivateAddress(url: string, lookup: (host: string) => Promise<Array<{ address: string }>> = (host) => dnsLookup(host, { all: true })): Promise<boolean> {
  if (isPrivateAddress(url)) return true;
  const host = hostOf(url);
  if (isIP(host) !== 0) return false;
  const addresses = await lookup(host).catch(() => []);
  return addresses.some(({ address }) => isPrivateIp(address));
}

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
    const rows = (await sql<{ id: string; url: string; events: string[]; object: string | null; active: boolean; secret: string; created_at: Date }>`
      SELECT id, url, events, object, active, secret, created_at FROM webhooks WHERE tenant_id = ${tenantLiteral(tenantId)} AND active`.execute(tx)).rows;
    const list = rows.map((r) => ({ id: r.id, url: r.url, events: r.events, object: r.object, active: r.active, secret: r.secret, createdAt: r.created_at.toISOString() }));
    this.#cache.set(tenantId, list);
    return list;
  }

  async create(tenantId: string, actorId: string, input: { url: string; events: string[]; object?: string; active?: boolean }, objects: Set<string>, now: Date): Promise<Webhook & { secret: string }> {
    this.#checkUrl(input.url);
    if (input.object && !objects.has(input.object)) throw new ShoalError('validation_failed', `There is no object called ${input.object}`, { errors: [{ path: '/object', message: 'is not an object' }] });
    const id = randomUUID();
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    await this.storage.inTenant(tenantId, (tx) => sql`
      INSERT INTO webhooks (tenant_id, id, url, events, object, secret, active, created_by, created_at)
      VALUES (${tenantLiteral(tenantId)}, ${id}::uuid, ${input.url}, ${input.events}::text[], ${input.object ?? null}, ${secret}, ${input.active ?? true}, ${actorId}::uuid, ${now.toISOString()}::timestamptz)`.execute(tx));
    await this.#changed(tenantId);
    return { id, url: input.url, events: input.events, object: input.object ?? null, active: input.active ?? true, createdAt: now.toISOString(), secret };
  }

  async list(tenantId: string): Promise<Webhook[]> {
    return this.storage.inTenant(tenantId, async (tx) => (await sql<{ id: string; url: string; events: string[]; object: string | null; active: boolean; created_at: Date }>`
      SELECT id, url, events, object, active, created_at FROM webhooks WHERE tenant_id = ${tenantLiteral(tenantId)} ORDER BY created_at`.execute(tx)).rows
      .map((r) => ({ id: r.id, url: r.url, events: r.events, object: r.object, active: r.active, createdAt: r.created_at.toISOString() })), { readOnly: true });
  }

  async remove(tenantId: string, id: string): Promise<void> {
    if (!isUuid(id)) throw new ShoalError('not_found', 'Webhook was not found');
    const result = await this.storage.inTenant(tenantId, (tx) => sql`DELETE FROM webhooks WHERE tenant_id = ${tenantLiteral(tenantId)} AND id = ${id}::uuid`.execute(tx));
    if (Number(result.numAffectedRows ?? 0) === 0) throw new ShoalError('not_found', 'Webhook was not found');
    await this.#changed(tenantId);
  }

  /** The delivery log of a webhook, newest first. */
  async deliveries(tenantId: string, id: string, limit: number): Promise<Array<Record<string, unknown>>> {
    return this.storage.inTenant(tenantId, async (tx) => {
      const exists = await sql`SELECT 1 FROM webhooks WHERE tenant_id = ${tenantLiteral(tenantId)} AND id = ${id}::uuid`.execute(tx);
      if (exists.rows.length === 0) throw new ShoalError('not_found', 'Webhook was not found');
      return (await sql<{ id: string; event: string; state: string; attempts: number; last_status: number | null; last_error: string | null; created_at: Date; delivered_at: Date | null; next_attempt_at: Date | null; payload: unknown }>`
        SELECT id, event, state, attempts, last_status, last_error, created_at, delivered_at, next_attempt_at, payload FROM webhook_deliveries
         WHERE tenant_id = ${tenantLiteral(tenantId)} AND webhook_id = ${id}::uuid ORDER BY created_at DESC, id LIMIT ${limit}`.execute(tx)).rows
        .map((d) => ({
          id: d.id, event: d.event, state: d.state, attempts: d.attempts, lastStatus: d.last_status, lastError: d.last_error,
          createdAt: d.created_at.toISOString(), deliveredAt: d.delivered_at?.toISOString() ?? null, nextAttemptAt: d.next_attempt_at?.toISOString() ?? null, payload: d.payload,
        }));
    }, { readOnly: true });
  }

  #checkUrl(url: string): void {
    if (!this.options.allowPrivateUrls && isPrivateAddress(url)) {
      throw new ShoalError('validation_failed', 'Webhooks cannot call private or loopback addresses', { errors: [{ path: '/url', message: 'is a private address' }] });
    }
  }

  async #changed(tenantId: string): Promise<void> {
    this.#cache.delete(tenantId);
    await this.storage.notify('shoal_webhooks', tenantId);
  }
}
