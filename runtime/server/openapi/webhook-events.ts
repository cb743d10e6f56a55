import type { CompiledMetadata } from '../../../platform/metadata/compile-metadata.ts';
import { pingEvent, webhookEvents } from '../../../platform/webhooks/webhooks.ts';
import { pascalCase, schemaRef } from './openapi-helpers.ts';
import type { JsonSchema, Operation, Parameter, Paths } from './openapi-types.ts';

const happened: Record<(typeof webhookEvents)[number], string> = {
  'record.created': 'A record was created (`previous` is null).',
  'record.updated': 'Fields of a record changed.',
  'record.deleted': 'A record was deleted (soft: it can be restored).',
  'record.restored': 'A deleted record was restored.',
  'record.transitioned': 'A record moved to another stage of its pipeline.',
  'record.claimed': 'A public-pool record was claimed into a private pool.',
  'record.released': 'A private record went back to the public pool (by its holder, a manager or the sweep; see `releaseReason`).',
  'record.assigned': 'A record was assigned to a user (by a pool administrator or an assignment rule).',
  'record.extended': 'The hold on a private record was extended.',
};

const signature = 'HMAC-SHA256 signature of the delivery: `t=<unix seconds>,v1=<hex>`, where `v1` is the HMAC-SHA256, keyed with the subscription’s `secret`, of `<t>.<raw body>`. Recompute it over the raw body, compare in constant time, and refuse old `t` values to stop replays.';

function header(name: string, description: string, schema: JsonSchema): Parameter {
  return { name, in: 'header', required: true, description, schema };
}

/** The POST Shoal makes for `event`: its headers, its body (`schema`) and how the answer is taken. */
function delivery(event: string, happens: string, schema: string): Operation {
  return {
    operationId: `webhook${pascalCase(event)}`, tags: ['Webhooks'], summary: `${event} delivery`,
    description: `${happens} Answer 2xx within 10 s; anything else is retried after 10 s, 20 s, 40 s, … (8 attempts in all), each attempt logged under \`GET /webhooks/{id}/deliveries\`.`,
    parameters: [
      header('X-Shoal-Event', 'The event, as in the body.', { type: 'string', enum: [event] }),
      header('X-Shoal-Delivery', 'The delivery id, as `id` in the body.', { type: 'string', format: 'uuid' }),
      header('X-Shoal-Signature', signature, { type: 'string', pattern: '^t=\\d+,v1=[0-9a-f]{64}$' }),
    ],
    requestBody: { required: true, content: { 'application/json': { schema: schemaRef(schema) } } },
    responses: {
      '2XX': { description: 'Received: the delivery is done.' },
      default: { description: 'Not received: Shoal retries with backoff.' },
    },
  };
}

/**
 * What Shoal POSTs to a subscription's URL, as OpenAPI 3.1 `webhooks` (one per event, and the
 * test ping): the headers (event, delivery id, signature), the body (`WebhookEvent`,
 * `WebhookPing`) and how the answer is taken (any 2xx within 10 s ends the delivery; anything else
 * is retried with backoff). `stemOf` names the schema of each object's records.
 */
export function webhookDeliveries(compiled: CompiledMetadata, stemOf: (objectKey: string) => string): { webhooks: Paths; schemas: Record<string, JsonSchema> } {
  const records = { anyOf: [...[...compiled.objects.keys()].map((key) => schemaRef(stemOf(key))), { type: 'null' }] };
  const schemas: Record<string, JsonSchema> = {
    WebhookEvent: {
      type: 'object', title: 'Webhook delivery',
      required: ['id', 'event', 'object', 'recordId', 'occurredAt', 'actor', 'record', 'previous'],
      properties: {
        id: { type: 'string', format: 'uuid', description: 'The delivery (also `X-Shoal-Delivery`); the same on every retry, so a receiver can drop repeats.' },
        event: { type: 'string', enum: [...webhookEvents] },
        object: { type: 'string', enum: [...compiled.objects.keys()] },
        recordId: { type: 'string', format: 'uuid' },
        occurredAt: { type: 'string', format: 'date-time' },
        actor: { type: ['string', 'null'], format: 'uuid', description: 'The user who made the change; null for the system (sweeps, schedules).' },
        record: { ...records, description: 'The record after the change, with every field; null when it was deleted.' },
        previous: { ...records, description: 'The record before the change; null when there was none (a create, a restore).' },
        redeliveryOf: { type: 'string', format: 'uuid', description: 'Only on a redelivery (`POST /webhooks/{id}/deliveries/{deliveryId}/redeliver`): the id of the event’s first delivery. The event is one you may have received before.' },
      },
    },
    WebhookPing: {
      type: 'object', title: 'Webhook test delivery',
      required: ['id', 'event', 'webhookId', 'occurredAt', 'actor'],
      properties: {
        id: { type: 'string', format: 'uuid', description: 'The delivery (also `X-Shoal-Delivery`).' },
        event: { type: 'string', enum: [pingEvent] },
        webhookId: { type: 'string', format: 'uuid', description: 'The subscription tested.' },
        occurredAt: { type: 'string', format: 'date-time' },
        actor: { type: ['string', 'null'], format: 'uuid', description: 'Who asked for the test.' },
        redeliveryOf: { type: 'string', format: 'uuid', description: 'Only on a redelivery: the id of the first delivery.' },
      },
    },
  };
  const webhooks: Paths = {};
  for (const event of webhookEvents) {
    webhooks[event] = {
      post: delivery(event, `${happened[event]} Sent to each active subscription to \`${event}\` (or \`*\`), for its \`object\` if it names one, after the change commits.`, 'WebhookEvent'),
    };
  }
  webhooks[pingEvent] = {
    post: delivery(pingEvent, 'A test, sent when an administrator asks for one (`POST /webhooks/{id}/ping`), whatever events the subscription listens to.', 'WebhookPing'),
  };
  return { webhooks, schemas };
}
