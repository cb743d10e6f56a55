import type { Webhook, WebhookChange, WebhookDelivery, WebhookInput } from '../../../platform/webhooks/webhooks.ts';
import type { ApiClient } from './studio-api.ts';

export type { Webhook, WebhookChange, WebhookDelivery, WebhookInput };

/** An API key as `GET /api-keys` lists it (never the secret). */
export interface ApiKeySummary {
  id: string;
  name: string;
  userId: string;
  prefix: string;
  /** Null: every role of the person who made it. */
  roles: string[] | null;
  createdAt: string;
  lastUsedAt: string | null;
}

/** `POST /api-keys`: the key with its secret, which the server shows this once. */
export interface CreatedApiKey {
  id: string;
  key: string;
  name: string;
  roles: string[] | null;
  prefix: string;
  createdAt: string;
}

export interface DeliveryPage {
  data: WebhookDelivery[];
  nextCursor: string | null;
}

/** The Integrations screen's calls: API keys and webhooks with their delivery log. Changes apply at once (not part of the draft). */
export class IntegrationsApi {
  constructor(private readonly client: ApiClient) {}

  /** Every key of the tenant (the studio is for administrators). */
  apiKeys(): Promise<{ data: ApiKeySummary[] }> { return this.client.get('/api-keys', { all: 'true' }); }
  createApiKey(input: { name: string; roles?: string[] }): Promise<CreatedApiKey> { return this.client.post('/api-keys', input); }
  revokeApiKey(id: string): Promise<void> { return this.client.delete(`/api-keys/${encodeURIComponent(id)}`); }

  webhooks(): Promise<{ data: Webhook[] }> { return this.client.get('/webhooks'); }
  /** The new subscription with its signing secret, which the server shows this once. */
  createWebhook(input: WebhookInput): Promise<Webhook & { secret: string }> { return this.client.post('/webhooks', input); }
  updateWebhook(id: string, change: WebhookChange): Promise<Webhook> { return this.client.patch(`/webhooks/${encodeURIComponent(id)}`, change); }
  /** A new signing secret, which the server shows this once; the old one stops working at once. */
  rotateSecret(id: string): Promise<Webhook & { secret: string }> { return this.client.post(`/webhooks/${encodeURIComponent(id)}/rotate-secret`); }
  deleteWebhook(id: string): Promise<void> { return this.client.delete(`/webhooks/${encodeURIComponent(id)}`); }
  /** A page of the delivery log, newest first. */
  deliveries(id: string, cursor?: string, limit = 20): Promise<DeliveryPage> {
    return this.client.get(`/webhooks/${encodeURIComponent(id)}/deliveries`, { limit, cursor });
  }
  redeliver(id: string, deliveryId: string): Promise<WebhookDelivery> {
    return this.client.post(`/webhooks/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`);
  }
  ping(id: string): Promise<WebhookDelivery> { return this.client.post(`/webhooks/${encodeURIComponent(id)}/ping`); }
}
