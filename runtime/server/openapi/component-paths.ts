import type { CompiledMetadata } from '../../../platform/metadata/compile-metadata.ts';
import { emptyResponse, jsonBody, jsonResponse, labelTitle, locationHeader, parameterRef, pascalCase, pathParameter, queryParameter, schemaRef } from './openapi-helpers.ts';
import type { Paths, Tag } from './openapi-types.ts';
import { problems, readProblems, writeProblems, type ProblemStatus } from './problem-responses.ts';

/** Tags of the feature sections. */
export const componentTags = {
  pipelines: { name: 'Pipelines', description: 'Stage statistics per pipeline. Transitions are on each object’s records.' },
  assignment: { name: 'Assignment rules', description: 'Rules that allocate records to people: list them, see their conflicts, run one now or preview it.' },
  workOrders: { name: 'Work orders', description: 'Prioritised queues of work per person.' },
  webhooks: { name: 'Webhooks', description: 'Signed (HMAC-SHA256) event deliveries to integrators, retried with backoff and logged.' },
  jobs: { name: 'Jobs', description: 'Background jobs (CSV imports, assignment runs started with `background`): progress, per-row errors, and a run’s result.' },
} satisfies Record<string, Tag>;

const id = (description: string) => pathParameter('id', { type: 'string', format: 'uuid' }, description);

/** Funnels; assignment rules, work orders, webhooks and jobs (`import`) as their components are enabled. */
export function componentPaths(compiled: CompiledMetadata): Paths {
  return {
    ...(compiled.has('reports') ? funnelPaths(compiled) : {}),
    ...(compiled.has('assignment') ? assignmentPaths(compiled) : {}),
    ...(compiled.has('workOrders') ? workOrderPaths() : {}),
    ...(compiled.has('webhooks') ? webhookPaths() : {}),
    ...(compiled.has('import') || compiled.has('assignment') ? jobPaths() : {}),
  };
}

function funnelPaths(compiled: CompiledMetadata): Paths {
  const paths: Paths = {};
  for (const [key, pipeline] of Object.entries(compiled.document.pipelines ?? {})) {
    paths[`/pipelines/${key}/funnel`] = {
      get: {
        operationId: `getFunnel${pascalCase(key)}`, tags: [componentTags.pipelines.name], summary: `Funnel of ${labelTitle(pipeline.label, key)}`,
        description: 'Per stage: entered, currently in, converted to the next stage, conversion rate and median days in the stage.',
        parameters: [
          queryParameter('from', { type: 'string' }, 'Start of the period: an ISO date or date-time.', { example: '2026-01-01' }),
          queryParameter('to', { type: 'string' }, 'End of the period (exclusive): an ISO date-time, or a date, which includes that whole day (UTC), so `from=2026-12-01&to=2026-12-31` is December; not before `from` (400 otherwise). The answer’s `to` is the exclusive end.'),
          queryParameter('where', { type: 'string', contentMediaType: 'application/json', contentSchema: schemaRef('Filter') }, `A filter on the \`${pipeline.object}\` records, URL-encoded JSON.`),
        ],
        responses: { 200: jsonResponse('The funnel', schemaRef('Funnel')), ...problems(...readProblems, 403) },
      },
    };
  }
  return paths;
}

function assignmentPaths(compiled: CompiledMetadata): Paths {
  const tags = [componentTags.assignment.name];
  const paths: Paths = {
    '/assignment-rules': {
      get: {
        operationId: 'listAssignmentRules', tags, summary: 'Assignment rules, with their last and next runs',
        responses: { 200: jsonResponse('Rules', schemaRef('AssignmentRuleList')), ...problems(...readProblems) },
      },
    },
    '/assignment-rules/conflicts': {
      get: {
        operationId: 'listAssignmentConflicts', tags, summary: 'Records two active rules would both recall',
        description: 'Role `admin`. For each pair of active rules of one object: how many records both recall, and which rule wins (the lower priority runs first).',
        responses: { 200: jsonResponse('Conflicts', schemaRef('AssignmentConflictList')), ...problems(...readProblems, 403) },
      },
    },
  };
  for (const [key, rule] of Object.entries(compiled.document.assignmentRules ?? {})) {
    paths[`/assignment-rules/${key}/run`] = {
      post: {
        operationId: `runAssignmentRule${pascalCase(key)}`, tags, summary: `Run “${labelTitle(rule.title, key)}”`,
        description: `Allocates \`${rule.object}\` records to users (match \`${rule.match}\`). With \`dryRun\` nothing changes; otherwise each allocation assigns the record${rule.pool ? ` (as a \`${rule.pool}\` assignment)` : ' (sets its owner; a rule without a pool recalls only records it has not given out before)'} and opens a work order, all in one transaction. Only records the caller may assign are handed out (administrators${rule.pool ? ' and the pool’s administrators' : ''}: all). A disabled rule, or one outside its \`activeFrom\`–\`activeUntil\` lifetime, answers 409 \`rule_inactive\` unless it is a dry run. This runs the rule alone; a scheduled slot first runs the rules of the same object that come before it (lower priority, then key). With \`background\` a real run answers 202 at once (after the same checks) with a job to follow at \`GET /jobs/{job}\` (also in \`Location\`): \`queued\`, \`running\`, then \`done\` with the run's id and \`stats\` in its \`result\`, or \`failed\` with the reason in \`errors\` (nothing assigned); the rule (in \`GET /assignment-rules\`) and its runs list it under \`pending\` until it ends, and another background run of the rule meanwhile answers 409 \`run_in_progress\` (of starts at the same moment, from any server process, one is queued and the others get the 409) (a run whose process stopped does not count: it ends \`failed\` with \`run_interrupted\` once it has been running 30 s with no process holding it, noticed when its job, the rules or the runs are read). It runs as the caller, with the roles of this request, as of its \`asOf\` if given, else as of when it runs. Only a dry run may look ahead: a real run's \`asOf\` later than now is refused with 400 at \`/asOf\` (what it recalls and the cooldowns are reckoned as of it). A real run as of an earlier moment recalls records, people and cooldowns as of then (and any release since), but hands the records out now: their \`claimedAt\`, \`holdExpiresAt\`, history, work orders and notifications are dated now, and its allocations count against today's \`maxPerDay\` (in the rule's time zone), as do the allocations it finds already made. A dry run previews everything as of \`asOf\`, the daily cap of that day included.`,
        requestBody: jsonBody(schemaRef('AssignmentRunRequest'), undefined, { required: false }),
        responses: {
          200: jsonResponse('The allocations', schemaRef('AssignmentRunResult')),
          202: jsonResponse('With `background`: the run was queued', {
            type: 'object', required: ['job'], properties: { job: { type: 'string', format: 'uuid', description: 'Follow it at `GET /jobs/{job}`.' } },
          }, { Location: locationHeader('the job') }),
          ...problems(...writeProblems, 409),
        },
      },
    };
    paths[`/assignment-rules/${key}/runs`] = {
      get: {
        operationId: `listAssignmentRuns${pascalCase(key)}`, tags, summary: `Runs of “${labelTitle(rule.title, key)}”, the latest first`,
        description: 'Its real runs (dry runs leave no trace): when, as of when, whether its schedule or a person ran it, and what it did. Whoever may run the rule may see them. The first page also lists under `pending` the runs started in the background that have not ended, the oldest first. ',
        parameters: [queryParameter('limit', { type: 'integer', minimum: 1, maximum: 200, default: 20 }, 'Page size, 1..200.'), parameterRef('Cursor')],
        responses: { 200: jsonResponse('Runs', schemaRef('AssignmentRunList')), ...problems(...readProblems, 403) },
      },
    };
  }
  return paths;
}

function workOrderPaths(): Paths {
  const tags = [componentTags.workOrders.name];
  return {
    '/work-orders': {
      get: {
        operationId: 'listWorkOrders', tags, summary: 'A work queue: open ones by priority, then age, then rank',
        description: 'Your own queue; admins and managers may look at a person’s (`GET /work-orders/queues` lists whose), or with `assignee=team` at everyone’s of those in one list, in the same order and paged by the same cursor (each order’s `assignee` says whose it is). The open queue lists only records the person still holds: when a record leaves its holder (released by hand or by the sweep, reassigned, transferred), their open order for it is closed in the same request as `skipped`, with the outcome `released: <reason>` or `reassigned`; an order whose record was deleted leaves the open queue (it stays under `state=all`). `open` is ordered by the rule that opened them in the order rules run (rule `priority`, lower first, then key; orders of a rule no longer published last), then by the order’s `priority` within its rule, then age, then rank; `done` and `skipped` by when they were closed, the most recent first; `all` (as one record’s orders with `recordId`) lists the open ones first, in the queue’s order, then the closed ones, the most recently closed first.',
        parameters: [
          queryParameter('assignee', { type: 'string' }, '`me` (default), a user id (403 unless it is you, your direct report, or you are an administrator), or `team`: the orders of everyone whose queue you may look at (`GET /work-orders/queues`): yours and your direct reports’, for an administrator everyone’s; someone with no reports gets their own.', { example: 'me' }),
          queryParameter('state', { type: 'string', enum: ['open', 'done', 'skipped', 'all'], default: 'open' }, 'Only work orders in this state.'),
          queryParameter('recordId', { type: 'string', format: 'uuid' }, 'Only the work orders of this record.'),
          parameterRef('Limit'),
          parameterRef('Cursor'),
        ],
        responses: { 200: jsonResponse('Work orders', schemaRef('WorkOrderList')), ...problems(...readProblems, 403) },
      },
    },
    '/work-orders/queues': {
      get: {
        operationId: 'listWorkQueues', tags, summary: 'The queues you may look at, with their counts',
        description: 'Your own, first; a manager’s direct reports (those deactivated only while they have work orders); for an administrator, everyone who has had a work order. `open` counts what the person’s open queue lists; `closedToday` the orders they closed (done or skipped) since midnight in the tenant’s time zone.',
        responses: { 200: jsonResponse('Queues', schemaRef('WorkOrderQueueList')), ...problems(...readProblems) },
      },
    },
    '/work-orders/{id}': {
      patch: {
        operationId: 'updateWorkOrder', tags, summary: 'Close (or reopen) a work order', parameters: [id('The work order id.')],
        description: 'The assignee or an administrator (their manager, who may see the order, gets 403; anyone else 404). `open` → `done` or `skipped` (with an `outcome`), and back to `open`. A closed order is reopened before it is closed another way (otherwise 409 `conflict`), and only while its record is still the assignee’s (otherwise 409 `conflict`; a reopen at the same moment as the record’s release or reassignment either comes first, and the release then closes the order again as `skipped`, or comes after it and gets the 409); sending its current state again changes nothing. Without `outcome`, the last one is kept. Each change is written to the record’s history.',
        requestBody: jsonBody(schemaRef('WorkOrderUpdate')),
        responses: { 200: jsonResponse('The work order', schemaRef('WorkOrder')), ...problems(...writeProblems, 409) },
      },
    },
  };
}

function webhookPaths(): Paths {
  const tags = [componentTags.webhooks.name];
  const problemsOf = (...extra: ProblemStatus[]) => problems(...readProblems, 403, ...extra);
  const privateAddresses = 'A URL on this host or a private, shared (100.64.0.0/10) or link-local network, in any spelling (`[::ffff:127.0.0.1]`, `[::]`), is refused with 422, and a delivery whose host name resolves to such an address is not sent (a failed attempt, retried), unless the server runs with `SHOAL_WEBHOOKS_ALLOW_PRIVATE=1`.';
  const queued = (description: string) => ({ 202: jsonResponse(description, schemaRef('WebhookDelivery')), ...problems(400, 401, 403, 404, 503) });
  return {
    '/webhooks': {
      post: {
        operationId: 'createWebhook', tags, summary: 'Subscribe to events',
        description: `Role \`admin\`. Deliveries carry an HMAC-SHA256 signature made with the \`secret\` returned here (shown once). ${privateAddresses}`,
        requestBody: jsonBody(schemaRef('WebhookCreate')),
        responses: { 201: jsonResponse('The subscription, with its secret', schemaRef('Webhook'), { Location: locationHeader('the new subscription') }), ...problems(...writeProblems) },
      },
      get: {
        operationId: 'listWebhooks', tags, summary: 'Subscriptions', description: 'Role `admin`.',
        responses: { 200: jsonResponse('Subscriptions', schemaRef('WebhookList')), ...problemsOf() },
      },
    },
    '/webhooks/{id}': {
      get: {
        operationId: 'getWebhook', tags, summary: 'A subscription', description: 'Role `admin`. Without its secret (shown only when it is made or rotated).',
        parameters: [id('The subscription id.')],
        responses: { 200: jsonResponse('The subscription', schemaRef('Webhook')), ...problemsOf() },
      },
      patch: {
        operationId: 'updateWebhook', tags, summary: 'Change a subscription: pause or resume it, its URL, events or object',
        description: `Role \`admin\`. Only the properties sent change; \`object: null\` listens to every object. A paused subscription (\`active: false\`) gets no new events, and the deliveries already queued for it (retries, redeliveries) are \`held\`: they are \`pending\` again once it is resumed, and go out when due, with their attempts left. Test pings go out while paused. The checks of a new subscription apply: ${privateAddresses}`,
        parameters: [id('The subscription id.')],
        requestBody: jsonBody(schemaRef('WebhookUpdate')),
        responses: { 200: jsonResponse('The subscription (without its secret)', schemaRef('Webhook')), ...problems(...writeProblems) },
      },
      delete: {
        operationId: 'deleteWebhook', tags, summary: 'Unsubscribe', description: 'Role `admin`.', parameters: [id('The subscription id.')],
        responses: { 204: emptyResponse('Deleted'), ...problems(400, 401, 403, 404, 503) },
      },
    },
    '/webhooks/{id}/deliveries': {
      get: {
        operationId: 'listWebhookDeliveries', tags, summary: 'Delivery log of a subscription',
        description: 'Role `admin`. Newest first, a page at a time: pass `nextCursor` back as `cursor` for the next page.',
        parameters: [id('The subscription id.'), queryParameter('limit', { type: 'integer', minimum: 1, maximum: 500, default: 100 }, 'Page size, 1..500.'), parameterRef('Cursor')],
        responses: { 200: jsonResponse('Deliveries, newest first', schemaRef('WebhookDeliveryList')), ...problemsOf() },
      },
    },
    '/webhooks/{id}/deliveries/{deliveryId}/redeliver': {
      post: {
        operationId: 'redeliverWebhookDelivery', tags, summary: 'Send a logged delivery again',
        description: 'Role `admin`. Queues a new delivery of the same event and payload, signed and retried like any other. It has its own id (the body’s `id` and `X-Shoal-Delivery`); the body’s `redeliveryOf` names the first delivery of the event, so a receiver can tell it has seen the event before. The logged delivery is left as it was. To a paused subscription, it is `held` until the subscription is resumed. While the event is still on its way (this delivery, or an earlier redelivery of the event, is `pending` or `held`), the call is refused with 409 `conflict`, whose `deliveryId` and `state` name that delivery: the receiver would otherwise get the event twice.',
        parameters: [id('The subscription id.'), pathParameter('deliveryId', { type: 'string', format: 'uuid' }, 'The delivery to send again (of this subscription).')],
        responses: { 202: jsonResponse('The new delivery, queued', schemaRef('WebhookDelivery')), ...problems(400, 401, 403, 404, [409, 'conflict'], 503) },
      },
    },
    '/webhooks/{id}/rotate-secret': {
      post: {
        operationId: 'rotateWebhookSecret', tags, summary: 'Give a subscription a new signing secret',
        description: 'Role `admin`. Returns the subscription with its new `secret`, shown this once; the old one stops working at once: every delivery sent from now on, retries of earlier events included, is signed with the new one. For a secret that leaked, or one nobody has (a tenant imported without its secrets gets new ones that were never shown).',
        parameters: [id('The subscription id.')],
        responses: { 200: jsonResponse('The subscription, with its new secret', schemaRef('Webhook')), ...problems(400, 401, 403, 404, 503) },
      },
    },
    '/webhooks/{id}/ping': {
      post: {
        operationId: 'pingWebhook', tags, summary: 'Send a test event',
        description: 'Role `admin`. Queues a `webhook.ping` delivery to the subscription, whatever events it listens to and also while it is paused; it is signed, retried and logged like any other, so the log shows whether the endpoint answered.',
        parameters: [id('The subscription id.')],
        responses: queued('The test delivery, queued'),
      },
    },
  };
}

function jobPaths(): Paths {
  return {
    '/jobs/{job}': {
      get: {
        operationId: 'getJob', tags: [componentTags.jobs.name], summary: 'Progress of a background job',
        parameters: [pathParameter('job', { type: 'string', format: 'uuid' }, 'The job id.')],
        responses: { 200: jsonResponse('The job', schemaRef('Job')), ...problems(...readProblems) },
      },
    },
  };
}
