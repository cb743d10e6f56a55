import { webhookEvents } from '../../../platform/webhooks/webhooks.ts';
import { schemaRef } from './openapi-helpers.ts';
import type { JsonSchema } from './openapi-types.ts';

const uuid = { type: 'string', format: 'uuid' };
const dateTime = { type: 'string', format: 'date-time' };
const sweepReasons = ['hold_expired', 'no_visit', 'not_won'];

/** Schemas of the feature components: funnels, pools, assignment rules, work orders, webhooks. */
export function featureSchemas(objectKeys: string[]): Record<string, JsonSchema> {
  const webhookProperties = {
    url: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2048, description: 'Where deliveries are POSTed. A URL with a user name or password in it is refused with 422 (no request could be sent to it).' },
    events: {
      type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: [...webhookEvents, '*'] },
      description: '`*` for every event.', examples: [['record.created', 'record.updated']],
    },
    object: { type: 'string', minLength: 1, ...(objectKeys.length ? { enum: objectKeys } : {}), description: 'Only events of this object.' },
  };
  return {
    FunnelStage: {
      type: 'object', required: ['stage', 'entered', 'current', 'converted'],
      properties: {
        stage: { type: 'string' },
        kind: { type: 'string', enum: ['open', 'won', 'lost'] },
        entered: { type: 'integer', minimum: 0, description: 'Records that entered the stage in the period.' },
        current: { type: 'integer', minimum: 0, description: 'Records in the stage now (matching the filter).' },
        converted: { type: 'integer', minimum: 0, description: 'Of those that entered in the period, how many later reached a later, non-lost stage.' },
        conversionRate: { type: ['number', 'null'], minimum: 0, maximum: 1 },
        medianDaysInStage: { type: ['number', 'null'], minimum: 0, description: 'Over stays that ended in the period.' },
      },
    },
    Funnel: {
      type: 'object', required: ['pipeline', 'stages'],
      properties: {
        pipeline: { type: 'string' },
        from: { type: ['string', 'null'], format: 'date-time' },
        to: { type: ['string', 'null'], format: 'date-time' },
        stages: { type: 'array', items: schemaRef('FunnelStage') },
      },
    },
    TransitionCreated: {
      type: 'object', required: ['object', 'id'],
      description: 'The record a converting stage created (e.g. the contract of a signed lead), linked back to the moved record by its only lookup to that object unless the stage\'s `creates` map fills that lookup.',
      properties: { object: { type: 'string' }, id: uuid },
    },
    PoolClaimRequest: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: uuid } },
    PoolReleaseRequest: {
      type: 'object', required: ['id', 'reason'], additionalProperties: false,
      properties: { id: uuid, reason: { type: 'string', minLength: 1, maxLength: 500, description: 'Why you let it go; kept as `releaseReason`. The app offers the pool\'s usual reasons by key: its own (`releaseReasons` in the metadata, e.g. `shop_closed`), else `no_interest`, `kp_unreachable`, `competitor_signed`, `wrong_info`; a reason in a person\'s own words (1–500 characters) is taken as well, as typed. Not one the system stores (`hold_expired`, `no_visit`, `not_won`: the sweep\'s; `reassigned`: a reassignment\'s): 422 `validation_failed` at `/reason`.', examples: ['no_interest', '老板换人了'] } },
    },
    PoolAssignRequest: {
      type: 'object', required: ['id', 'userId'], additionalProperties: false,
      properties: {
        id: uuid, userId: uuid,
        force: { type: 'boolean', description: 'Admins only: ignore the assignee’s limit.' },
        reason: { type: 'string', maxLength: 500, description: 'Kept in the record’s history.' },
      },
    },
    PoolExtendRequest: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: uuid } },
    PoolSweepRequest: {
      type: 'object', additionalProperties: false,
      properties: { asOf: { ...dateTime, description: 'Release what is due by this time (default now); later than now only with `dryRun` (a preview).' }, dryRun: { type: 'boolean', description: 'Preview: change nothing.' } },
    },
    PoolHoldings: {
      type: 'object', required: ['limit', 'data'],
      properties: {
        limit: { type: ['integer', 'null'], description: 'The pool’s `maxPerOwner`; null when it has none.' },
        data: {
          type: 'array',
          items: { type: 'object', required: ['userId', 'held'], properties: { userId: uuid, held: { type: 'integer', minimum: 0 } } },
        },
      },
    },
    PoolSweepResult: {
      type: 'object', required: ['released', 'byReason'],
      properties: {
        pool: { type: 'string' },
        asOf: dateTime,
        dryRun: { type: 'boolean' },
        released: { type: 'integer', minimum: 0 },
        byReason: { type: 'object', properties: Object.fromEntries(sweepReasons.map((r) => [r, { type: 'integer', minimum: 0 }])) },
        warned: { type: 'integer', minimum: 0, description: 'Owners warned of an upcoming release.' },
      },
    },
    PoolCooldown: {
      type: 'object', required: ['cooldownUntil'],
      properties: {
        cooldownUntil: {
          type: ['string', 'null'], format: 'date-time',
          description: 'When the caller released this record less than the pool’s `reclaimCooldownDays` ago: the time from which they may claim it again (a claim before is a 409 `cooldown`). Null when the cooldown does not hold them back.',
        },
      },
    },
    PoolReleaseDue: {
      type: 'object',
      properties: {
        releaseDueTo: { type: ['string', 'null'], enum: [...sweepReasons, null], description: 'The rule that will release the record first.' },
        releaseAt: { type: ['string', 'null'], format: 'date-time', description: 'When that rule releases it.' },
        extensionsLeft: { type: 'integer', minimum: 0, description: 'How many more times this hold may be extended (the pool’s `extension.maxTimes` less the extensions of this hold); 0 when the pool allows none.' },
      },
    },
    AssignmentRule: {
      type: 'object', required: ['key', 'object', 'match', 'active', 'mayRun'],
      properties: {
        key: { type: 'string' }, title: { anyOf: [{ type: 'string' }, { type: 'object', additionalProperties: { type: 'string' } }, { type: 'null' }] },
        object: { type: 'string' }, pool: { type: ['string', 'null'] }, match: { type: 'string', enum: ['even', 'minVariance', 'roundRobin', 'weighted'] },
        priority: { type: 'number' }, schedule: { type: ['string', 'null'], description: 'Cron, in the pool’s time zone.' }, active: { type: 'boolean' },
        activeFrom: { type: ['string', 'null'] }, activeUntil: { type: ['string', 'null'] },
        lastRunAt: { type: ['string', 'null'], format: 'date-time' }, lastAllocations: { type: ['integer', 'null'] },
        nextRunAt: { type: ['string', 'null'], format: 'date-time' },
        mayRun: { type: 'boolean', description: 'Whether the caller may run and preview this rule and see its runs (administrators, the pool’s administrators, and those whose roles may assign its records).' },
        pending: { type: 'array', items: schemaRef('PendingAssignmentRun'), description: 'Runs started in the background (`background`) that have not ended, the oldest first; empty for a caller who may not see the rule’s runs.' },
      },
    },
    PendingAssignmentRun: {
      type: 'object', required: ['job', 'state', 'createdAt', 'startedAt', 'actor'],
      properties: {
        job: { ...uuid, description: 'Follow it at `GET /jobs/{job}`.' }, state: { type: 'string', enum: ['queued', 'running'] },
        createdAt: dateTime, startedAt: { type: ['string', 'null'], format: 'date-time' },
        actor: { type: ['object', 'null'], required: ['id', 'name'], properties: { id: uuid, name: { type: 'string' } }, description: 'Who started it.' },
      },
    },
    AssignmentRuleList: { type: 'object', required: ['data'], properties: { data: { type: 'array', items: schemaRef('AssignmentRule') } } },
    AssignmentConflictList: {
      type: 'object', required: ['data'],
      properties: {
        data: {
          type: 'array',
          items: {
            type: 'object', required: ['rules', 'object', 'winner', 'records'],
            properties: {
              rules: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 }, object: { type: 'string' },
              winner: { type: 'string', description: 'The rule that runs first and takes the records.' },
              records: { type: 'integer', minimum: 0, description: 'Records both rules would recall.' },
              sample: { type: 'array', items: uuid },
            },
          },
        },
      },
    },
    AssignmentRunList: {
      type: 'object', required: ['data', 'nextCursor'],
      properties: {
        data: {
          type: 'array',
          items: {
            type: 'object', required: ['id', 'rule', 'asOf', 'createdAt', 'trigger', 'actor', 'allocations'],
            properties: {
              id: uuid, rule: { type: 'string' }, asOf: dateTime, createdAt: dateTime,
              trigger: { type: 'string', enum: ['manual', 'schedule'] },
              actor: { type: ['object', 'null'], required: ['id', 'name'], properties: { id: uuid, name: { type: 'string' } }, description: 'Who ran it; null for a scheduled run.' },
              allocations: { type: 'integer', minimum: 0, description: 'Records assigned (each with a work order).' },
              candidates: { type: ['integer', 'null'], description: 'Records the rule recalled.' },
              users: { type: ['integer', 'null'], description: 'People the rule recalled.' },
              unassigned: { type: ['integer', 'null'], description: 'Records recalled but not assigned.' },
              variance: { type: ['number', 'null'], description: 'Variance of the people’s totals after the run.' },
              spread: { type: ['number', 'null'], description: 'Max − min of the per-person allocations of the run.' },
            },
          },
        },
        nextCursor: { type: ['string', 'null'] },
        pending: { type: 'array', items: schemaRef('PendingAssignmentRun'), description: 'First page only: runs started in the background (`background`) that have not ended, the oldest first.' },
      },
    },
    AssignmentRunRequest: {
      type: 'object', additionalProperties: false,
      properties: {
        dryRun: { type: 'boolean', description: 'Preview the allocations without assigning.' },
        asOf: { ...dateTime, description: 'The moment to recall records, people and cooldowns as of (default now); later than now only with `dryRun`. A dry run previews everything as of it, counting the daily cap (`maxPerDay`) of its day; a real run assigns now: what it writes is dated now and its allocations count on today’s cap.' },
        summary: { type: 'boolean', description: 'Answer the counts only (`stats`), leaving out `allocations` and `unassigned` (which list every record).' },
        summaryAbove: { type: 'integer', minimum: 0, description: 'Answer the counts only when `allocations` and `unassigned` together would list more than this many records; otherwise the whole outcome. A preview that lists its records while they are few, in one request.' },
        background: { type: 'boolean', description: 'A real run only: answer 202 with a job at once and run in the background (for runs of many records, which take seconds).' },
      },
    },
    AssignmentRunResult: {
      type: 'object', required: ['stats'],
      description: '`allocations` and `unassigned` are left out when the request asks for a `summary`, or lists more records than its `summaryAbove`.',
      properties: {
        rule: { type: 'string' }, asOf: dateTime, dryRun: { type: 'boolean' },
        runId: { type: ['string', 'null'], format: 'uuid', description: 'The run, as its rule’s runs list it; null for a dry run.' },
        allocations: {
          type: 'array',
          items: { type: 'object', required: ['recordId', 'userId'], properties: { recordId: uuid, userId: uuid, priority: { type: 'integer', description: 'The allocation’s rank in this run, in the rule’s `workOrderPriority` order (1 first).' } } },
        },
        unassigned: {
          type: 'array', description: 'Records recalled but not allocated, and why.',
          items: {
            type: 'object', required: ['recordId', 'reason'],
            properties: {
              recordId: uuid,
              reason: {
                type: 'string', enum: ['no_users', 'no_capacity', 'cooldown', 'claimed_meanwhile'],
                description: '`no_users`: nobody matches the personnel recall; `no_capacity`: everyone recalled is at a cap (see `caps`); `cooldown`: everyone with room lost this record within the pool’s re-claim cooldown; `claimed_meanwhile`: someone claimed it while the run was assigning.',
              },
              caps: {
                type: 'array', items: { type: 'string', enum: ['maxPerDay', 'maxTotal', 'maxPerOwner'] },
                description: 'With `no_capacity`: the caps that left the recalled people without room, each person’s tightest (the rule’s `users.maxPerDay` and `users.maxTotal`, the pool’s `maxPerOwner`). Empty when no cap applies.',
              },
            },
          },
        },
        stats: {
          type: 'object',
          properties: {
            candidates: { type: 'integer', minimum: 0 }, users: { type: 'integer', minimum: 0 },
            perUser: {
              type: 'object', description: 'Per user id: allocated in this run, and holdings after it.',
              additionalProperties: { type: 'object', properties: { allocated: { type: 'integer' }, totalAfter: { type: 'integer' } } },
            },
            variance: { type: 'number', description: 'Variance of the users’ resulting totals.' },
            spread: { type: 'number', description: 'Max − min of the per-user allocations of this run.' },
            allocated: { type: 'integer', minimum: 0, description: 'Records allocated (assigned, unless a dry run).' },
            unassigned: { type: 'integer', minimum: 0, description: 'Records recalled but not allocated.' },
            unassignedByReason: {
              type: 'array', description: 'The unassigned records counted per `reason` (and `caps`), as in `unassigned`.',
              items: {
                type: 'object', required: ['reason', 'count'],
                properties: {
                  reason: { type: 'string', enum: ['no_users', 'no_capacity', 'cooldown', 'claimed_meanwhile'] },
                  caps: { type: 'array', items: { type: 'string', enum: ['maxPerDay', 'maxTotal', 'maxPerOwner'] } },
                  count: { type: 'integer', minimum: 1 },
                },
              },
            },
          },
        },
      },
    },
    WorkOrder: {
      type: 'object', required: ['id', 'object', 'recordId', 'assignee', 'priority', 'state'],
      properties: {
        id: uuid, object: { type: 'string' }, recordId: uuid, title: { type: ['string', 'null'], description: 'The record’s title. Null when the viewer may no longer read the record (it was released, reassigned or deleted, or is out of their reach) or it has no title: show the order by its outcome and date, without a link to the record.' },
        assignee: uuid, rule: { type: ['string', 'null'] },
        priority: {
          type: ['number', 'null'],
          description: 'Lower first within its rule: the queue is ordered by the rule’s run order (rule `priority`, then key), then by it, then by age, then by `rank` (the rule’s later sort keys). The rule’s `workOrderPriority` value when the order was opened (a number as is, a date or time as epoch seconds, a select value as its option’s position), negated when the order is descending, so orders of different runs of a rule compare; priorities of different rules are on their own scales and are not compared. Null: the record had no value (such orders come last). For a field of another kind, the order’s rank in its run.',
        },
        rank: { type: ['integer', 'null'], description: 'Its position in the run that opened it (1 first).' },
        state: { type: 'string', enum: ['open', 'done', 'skipped'], description: '`skipped` also when the record left the assignee while the order was open (the outcome says why).' },
        outcome: { type: ['string', 'null'], description: 'What the assignee wrote when closing it; `released: <reason>` or `reassigned` when it closed because the record left them.' },
        createdAt: dateTime, updatedAt: dateTime, closedAt: { type: ['string', 'null'], format: 'date-time' },
      },
    },
    WorkOrderList: {
      type: 'object', required: ['data', 'nextCursor'],
      properties: { data: { type: 'array', items: schemaRef('WorkOrder') }, nextCursor: { type: ['string', 'null'] } },
    },
    WorkOrderQueueList: {
      type: 'object', required: ['data'],
      properties: {
        data: {
          type: 'array',
          items: {
            type: 'object', required: ['userId', 'name', 'email', 'active', 'open', 'closedToday'],
            properties: {
              userId: uuid, name: { type: 'string' }, email: { type: 'string' },
              active: { type: 'boolean', description: 'False for someone deactivated who still has work orders.' },
              open: { type: 'integer' }, closedToday: { type: 'integer' },
            },
          },
        },
      },
    },
    WorkOrderUpdate: {
      type: 'object', required: ['state'], additionalProperties: false,
      properties: { state: { type: 'string', enum: ['done', 'skipped', 'open'] }, outcome: { type: 'string', maxLength: 2000 } },
    },
    WebhookCreate: {
      type: 'object', required: ['url', 'events'], additionalProperties: false,
      properties: { ...webhookProperties, active: { type: 'boolean', description: 'Default true.' } },
    },
    WebhookUpdate: {
      type: 'object', minProperties: 1, additionalProperties: false,
      properties: {
        ...webhookProperties,
        object: { anyOf: [webhookProperties.object, { type: 'null' }], description: 'Only events of this object; null for every object.' },
        active: { type: 'boolean', description: 'False pauses the subscription: no new events are queued for it, and those already queued wait until it is resumed.' },
      },
    },
    Webhook: {
      type: 'object', required: ['id', 'url', 'events', 'object', 'active', 'createdAt'],
      properties: {
        id: uuid, url: { type: 'string', format: 'uri' }, events: { type: 'array', items: { type: 'string' } }, object: { type: ['string', 'null'] },
        active: { type: 'boolean' }, createdAt: dateTime,
        secret: { type: 'string', description: 'Only in the responses of create and `rotate-secret`: the HMAC-SHA256 key deliveries are signed with.' },
      },
    },
    WebhookList: { type: 'object', required: ['data'], properties: { data: { type: 'array', items: schemaRef('Webhook') } } },
    WebhookDelivery: {
      type: 'object', required: ['id', 'event', 'state', 'attempts'],
      properties: {
        id: uuid, event: { type: 'string' }, state: { type: 'string', enum: ['pending', 'held', 'delivered', 'failed'], description: '`pending`: to be sent (or retried) at `nextAttemptAt`; `held`: waiting for its paused subscription to be resumed; `delivered`; `failed` after the last retry.' }, attempts: { type: 'integer', minimum: 0 },
        lastStatus: { type: ['integer', 'null'], description: 'HTTP status of the last attempt.' }, lastError: { type: ['string', 'null'] },
        createdAt: dateTime, deliveredAt: { type: ['string', 'null'], format: 'date-time' },
        nextAttemptAt: { type: ['string', 'null'], format: 'date-time', description: 'When the next retry (with backoff) is due.' },
        payload: { type: 'object', additionalProperties: true, description: 'The body that is (or was) sent: a `WebhookEvent`, or a `WebhookPing` for a test.' },
      },
    },
    WebhookDeliveryList: {
      type: 'object', required: ['data', 'nextCursor'],
      properties: {
        data: { type: 'array', items: schemaRef('WebhookDelivery') },
        nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next (older) page; null on the last page.' },
      },
    },
  };
}
