import { schemaRef } from './openapi-helpers.ts';
import type { JsonSchema } from './openapi-types.ts';

const uuid = { type: 'string', format: 'uuid' };
const dateTime = { type: 'string', format: 'date-time' };

/**
 * Request schemas here state defaults in words, not with `default`: openapi-typescript makes a
 * property with a default required in the generated type of a component schema.
 *
 * Schemas the records endpoints of every object share: the query body, history, bulk,
 * aggregate, import jobs, and the short form of an expanded user lookup.
 */
export function recordToolSchemas(): Record<string, JsonSchema> {
  return {
    ListQuery: {
      type: 'object',
      title: 'List query',
      description: 'The list parameters as a body, for filters too long for a URL.',
      properties: {
        where: { anyOf: [schemaRef('Filter'), { type: 'null' }] },
        orderBy: { type: 'string', maxLength: 500, description: 'Comma list of fields, `-` for descending. Default `-createdAt`; ties are broken by `id`.', examples: ['-score,name'] },
        limit: { type: 'integer', minimum: 1, maximum: 500, description: 'Page size (default 50).' },
        cursor: { type: ['string', 'null'], maxLength: 4096, description: 'The `nextCursor` of the previous page.' },
        fields: { type: 'array', items: { type: 'string' }, maxItems: 500, description: 'Fields to return (system fields always come).' },
        expand: { type: 'array', items: { type: 'string' }, maxItems: 50, description: 'Lookup fields to inline as objects (returned even when `fields` does not name them).' },
        count: { type: 'boolean', description: 'Add `total`.' },
        linkable: { type: 'string', maxLength: 200, description: 'As the list\'s `linkable` parameter: `object.lookup` of a lookup to this object (e.g. `visit.lead`), only the records you may create such a record on; `skipped` in the answer. Not with `count`, nor for `user`.' },
      },
      additionalProperties: false,
    },
    UserRef: {
      type: 'object',
      title: 'User (expanded lookup)',
      required: ['id'],
      properties: { id: uuid, name: { type: 'string' }, email: { type: 'string', format: 'email' } },
    },
    HistoryEntry: {
      type: 'object',
      title: 'History entry',
      required: ['at', 'action', 'changes'],
      properties: {
        id: { type: 'string', description: 'Position in the history (use as `cursor`).' },
        at: dateTime,
        actor: { type: ['string', 'null'], format: 'uuid', description: 'The user who acted; null for the system.' },
        actorName: { type: ['string', 'null'] },
        action: { type: 'string', description: '`create`, `update`, `delete`, `restore`, `transition`, `claim`, `release`, `assign`, `extend`, …', examples: ['update'] },
        changes: {
          type: 'object',
          description: 'Per field, `[before, after]`. Changes to fields the caller may not read are left out.',
          additionalProperties: { type: 'array', prefixItems: [{}, {}], minItems: 2, maxItems: 2 },
        },
        note: { type: ['string', 'null'] },
      },
    },
    History: {
      type: 'object',
      title: 'Record history, newest first',
      required: ['data'],
      properties: {
        data: { type: 'array', items: schemaRef('HistoryEntry') },
        nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` for older entries; null at the start.' },
      },
    },
    BulkRequest: {
      type: 'object',
      title: 'Bulk request',
      required: ['op', 'records'],
      properties: {
        op: { type: 'string', enum: ['create', 'update', 'upsert', 'delete'] },
        records: {
          type: 'array', maxItems: 1000, items: { type: 'object' },
          description: '`create`: new records as in the create body. `update`: `{ id, version?, …changes }`, where `version` (an integer) is the row’s `If-Match`: the update is made only if the record is at that version (412 `version_mismatch` with `currentVersion` otherwise). `upsert`: records matched on `upsertKey`, whose value a matched record keeps (so an autonumber or read-only key works); a row’s `version` is again the condition: the record found must be at it, and a row with a version that matches no record is a 412 `version_mismatch` instead of a create. `delete`: `{ id, version? }` (or the id alone), `version` again the condition. An empty list writes nothing and answers `{ "results": [] }`.',
        },
        upsertKey: { type: 'string', description: 'For `upsert`: the field that identifies an existing record (best a unique one: a value two records share matches neither, a 409 row). Upserts of the same value at the same time take turns, so they create one record, not two.' },
        atomic: { type: 'boolean', description: 'All or nothing (default false): when any record fails, none is written and the call answers 422 with every failing record’s problems in `errors` (pointers `/records/{index}/…`) and the per-record `results`, where the records that were fine read `skipped`.' },
      },
      additionalProperties: false,
      examples: [{ op: 'create', records: [{ name: 'A' }, { name: 'B' }], atomic: true }],
    },
    BulkResult: {
      type: 'object',
      title: 'Bulk result',
      required: ['results'],
      properties: {
        results: {
          type: 'array',
          items: {
            type: 'object',
            required: ['index', 'status'],
            properties: {
              index: { type: 'integer', minimum: 0, description: 'Position of the record in the request.' },
              status: { type: 'integer', description: 'The HTTP status the record would have had on its own (201, 200, 204, 4xx).' },
              id: uuid,
              version: { type: 'integer', minimum: 1, description: 'With 200 and 201: the record’s version after the call (its `ETag`), for the next `version` or `If-Match`.' },
              unchanged: { type: 'boolean', const: true, description: 'With 200 (`update`, `upsert`): the record already had these values, so nothing was written — its version and history are as they were.' },
              error: {
                type: 'object', required: ['code', 'detail'],
                properties: {
                  code: { type: 'string' }, detail: { type: 'string' }, errors: { type: 'array', items: schemaRef('ProblemItem'), description: 'Pointers into this record (`/score`, `/id`; `/` for the record itself).' },
                  currentVersion: { type: 'integer', description: 'With `version_mismatch`: the version the record is at.' },
                },
              },
              skipped: { type: 'boolean', const: true, description: 'Atomic calls: this record was fine but not written because another failed.' },
            },
          },
        },
      },
    },
    AggregateRequest: {
      type: 'object',
      title: 'Aggregate request',
      required: ['metrics'],
      properties: {
        where: { anyOf: [schemaRef('Filter'), { type: 'null' }] },
        groupBy: {
          type: 'array', maxItems: 5, items: { type: 'string', maxLength: 100 },
          description: 'Fields to group by; dates and date-times take a bucket: `createdAt:day` (`day`, `week`, `month`, `year`).',
        },
        metrics: {
          type: 'array', minItems: 1, maxItems: 20,
          items: {
            type: 'object',
            required: ['fn'],
            properties: {
              fn: { type: 'string', enum: ['count', 'sum', 'avg', 'min', 'max'] },
              field: { type: 'string', description: 'Needed for all but `count`.' },
              as: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]{0,62}$', description: 'Name of the output (default `fn` or `fn_field`).' },
            },
            additionalProperties: false,
          },
        },
        limit: { type: 'integer', minimum: 1, maximum: 5000, description: 'Most groups returned, largest first metric first (default 1000); `truncated` in the result says when more matched.' },
      },
      additionalProperties: false,
      examples: [{ where: { stage: { $ne: 'lost' } }, groupBy: ['source'], metrics: [{ fn: 'count' }, { fn: 'sum', field: 'expectedRevenue' }] }],
    },
    AggregateResult: {
      type: 'object',
      title: 'Aggregate result',
      required: ['data', 'truncated'],
      properties: {
        data: {
          type: 'array',
          items: { type: 'object', additionalProperties: true, description: 'One row per group: each group field (`field` or `field_bucket`), then each metric (`as`, or `count`, `sum_amount`, …).' },
        },
        truncated: {
          type: 'boolean',
          description: 'True when more groups matched than `limit` (default 1000) and only the first `limit`, largest first metric first, are in `data`: raise `limit` (at most 5000) or narrow `where`. Adding up `data` then misses the groups left out.',
        },
      },
    },
    ImportAccepted: {
      type: 'object',
      title: 'Import accepted',
      required: ['job'],
      properties: { job: { ...uuid, description: 'Follow it at `GET /jobs/{job}`.' } },
    },
    Job: {
      type: 'object',
      title: 'Background job',
      required: ['id', 'state', 'processed', 'errors'],
      properties: {
        id: uuid,
        kind: { type: 'string', enum: ['import', 'assignment'], description: '`import`: a CSV import; `assignment`: an assignment rule run started with `background`.' },
        object: { type: ['string', 'null'] },
        state: { type: 'string', enum: ['queued', 'running', 'done', 'failed'] },
        processed: { type: 'integer', minimum: 0, description: 'Rows handled so far (an assignment run: records assigned, once done).' },
        total: { type: ['integer', 'null'], minimum: 0, description: 'Rows in the file, once known (an assignment run: records recalled, once done).' },
        created: { type: 'integer', minimum: 0, description: 'Rows that created a record.' },
        updated: { type: 'integer', minimum: 0, description: 'Rows that changed a record.' },
        unchanged: { type: 'integer', minimum: 0, description: 'Rows that matched a record (by `id` or the upsert key) and changed nothing: the record, its version and history are as they were.' },
        errors: {
          type: 'array',
          description: 'An import’s per-row problems (row 0: the file as a whole; a row whose record changed since its `version` has the `code` `version_mismatch`); a failed assignment run’s reason, with a `code` (a problem code such as `rule_inactive` or `forbidden`, `user_inactive` when its starter was deactivated, `run_interrupted` when the process running it stopped, `run_failed` otherwise, with the error itself as `detail`).',
          items: { type: 'object', required: ['row', 'message'], properties: { row: { type: 'integer' }, message: { type: 'string' }, code: { type: 'string' }, detail: { type: 'string' } } },
        },
        result: {
          type: ['object', 'null'],
          description: 'An assignment run, once done: the rule, the run’s id (as the rule’s runs list it), its `asOf` and its `stats` (as a run answers them). Null otherwise.',
          properties: { rule: { type: 'string' }, runId: uuid, asOf: dateTime, stats: { type: 'object', additionalProperties: true } },
        },
        createdAt: dateTime,
        startedAt: { type: ['string', 'null'], format: 'date-time' },
        finishedAt: { type: ['string', 'null'], format: 'date-time' },
      },
    },
  };
}
