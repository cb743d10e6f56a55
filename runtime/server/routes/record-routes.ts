import { Hono, type Context } from 'hono';
import { ShoalError } from '../../../platform/errors.ts';
import type { ListRequest } from '../../../platform/records/read-records.ts';
import { objectOf, type RecordContext } from '../../../platform/records/record-context.ts';
import { parseBulk } from '../../../platform/records/bulk-records.ts';
import { aggregateRecords, parseAggregate } from '../../../platform/records/aggregate-records.ts';
import { describeObjects } from '../../../platform/records/describe-objects.ts';
import { envelopeParser } from '../../../platform/validation/ajv.ts';
import type { AppEnv } from '../http/app-env.ts';
import { boolParam, headerError, idempotencyKey, intParam, jsonParam, oneOfParam, readJson, readQuery } from '../http/request-input.ts';
import { namesTag, parseEntityTags } from '../http/entity-tags.ts';
import { withHead } from '../http/allowed-methods.ts';
import { authenticate } from '../http/tenant-auth.ts';

const listParams = ['where', 'orderBy', 'limit', 'cursor', 'fields', 'expand', 'count'] as const;
/** A record list also takes `linkable` (only records the caller may create `object.lookup` on). */
const recordListParams = [...listParams, 'linkable'] as const;

const parseQueryBody = envelopeParser<{ where?: unknown; orderBy?: string; limit?: number; cursor?: string; fields?: string[]; expand?: string[]; count?: boolean; linkable?: string }>({
  type: 'object',
  additionalProperties: false,
  properties: {
    where: { type: ['object', 'null'] },
    orderBy: { type: 'string', maxLength: 500 },
    limit: { type: 'integer', minimum: 1, maximum: 500 },
    cursor: { type: ['string', 'null'], maxLength: 4096 },
    fields: { type: 'array', items: { type: 'string' }, maxItems: 500 },
    expand: { type: 'array', items: { type: 'string' }, maxItems: 50 },
    count: { type: 'boolean' },
    linkable: { type: 'string', maxLength: 200 },
  },
});

/** The paths below an object that are not a record's: its own operations. */
const recordPathLiterals = new Set(['bulk', 'query', 'aggregate', 'import', 'export.csv']);

/** The generic records API: every object of the live metadata. */
export function recordRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/records/*', authenticate);
  // `/records/lead/bulk` is no record: a GET, PATCH or DELETE there is a 405 naming the methods the
  // path takes (POST), as for any other path, not "lead bulk was not found".
  app.use('/records/:o/:id', async (c, next) => (c.req.method !== 'POST' && recordPathLiterals.has(c.req.param('id')) ? c.notFound() : next()));

  app.get('/records/:o', async (c) => {
    // Colleagues (the object `user`) take the list parameters but `linkable` (nothing is created on them).
    const q = readQuery(c, c.req.param('o') === 'user' ? listParams : recordListParams);
    const ctx = await recordContext(c);
    const request = listRequestFromQuery(q);
    if (q.linkable !== undefined) request.linkable = q.linkable;
    return c.json(await c.var.kernel.records.list(ctx, c.req.param('o'), request));
  });

  app.post('/records/:o/query', async (c) => {
    readQuery(c, []);
    const body = parseQueryBody(await readJson(c));
    const ctx = await recordContext(c);
    const request: ListRequest = { ...body, ...(body.cursor === null ? { cursor: undefined } : {}) } as ListRequest;
    return c.json(await c.var.kernel.records.list(ctx, c.req.param('o'), request));
  });

  app.post('/records/:o', async (c) => {
    readQuery(c, []);
    const once = idempotencyKey(c);
    const body = await readJson(c);
    const ctx = await recordContext(c);
    const { status, record } = await c.var.kernel.records.create(ctx, c.req.param('o'), body, once);
    c.header('etag', `"${record.version}"`);
    c.header('location', `/api/t/${c.var.tenant.slug}/records/${c.req.param('o')}/${record.id}`);
    return c.json(record, status as 201);
  });

  app.post('/records/:o/bulk', async (c) => {
    readQuery(c, []);
    const once = idempotencyKey(c);
    const request = parseBulk(await readJson(c));
    const ctx = await recordContext(c);
    return c.json(await c.var.kernel.records.bulk(ctx, c.req.param('o'), request, once));
  });

  app.post('/records/:o/aggregate', async (c) => {
    readQuery(c, []);
    const request = parseAggregate(await readJson(c));
    const ctx = await recordContext(c);
    const object = objectOf(ctx, c.req.param('o'));
    if (!ctx.policy.mayEver('read', object.key)) throw new ShoalError('not_found', `There is no object called ${object.key}`);
    return c.json(await c.var.kernel.storage.inTenant(ctx.tenantId, (tx) => aggregateRecords(tx, ctx, object, request), { readOnly: true }));
  });

  app.get('/records/:o/:id', async (c) => {
    const q = readQuery(c, ['fields', 'expand', 'include']);
    // `include=creatable` asks for Shoal-Creatable, which costs a check per related object: a screen asks, a sync does not.
    const creatable = oneOfParam('include', q.include, ['creatable']) === 'creatable';
    const ctx = await recordContext(c);
    const { record, allowed, relatedCreates } = await c.var.kernel.records.get(ctx, c.req.param('o'), c.req.param('id'), {
      ...(q.fields ? { fields: splitList(q.fields) } : {}), ...(q.expand ? { expand: splitList(q.expand) } : {}), creatable,
    });
    // Colleagues (the object `user`) have no version to send back in If-Match.
    if (record.version !== undefined) c.header('etag', `"${record.version}"`);
    // The methods this caller may use on this record (RFC 9110 `Allow`), by their role rules on it.
    c.header('allow', withHead(['GET', ...(allowed.includes('update') ? ['PATCH'] : []), ...(allowed.includes('delete') ? ['DELETE'] : [])]).join(', '));
    if (relatedCreates) c.header('shoal-creatable', relatedCreates.join(', '));
    // A sync asking whether the record changed since the version it holds: not modified, no body.
    // Not with `expand`: the related records it embeds change without this record's version.
    if (record.version !== undefined && !q.expand && namesTag(c.req.header('if-none-match'), `"${record.version}"`)) return c.body(null, 304);
    return c.json(record);
  });

  app.patch('/records/:o/:id', async (c) => {
    readQuery(c, []);
    const body = await readJson(c);
    const ctx = await recordContext(c);
    const ifMatch = parseIfMatch(c.req.header('if-match'));
    return recordJson(c, await c.var.kernel.records.update(ctx, c.req.param('o'), c.req.param('id'), body, ifMatch === undefined ? {} : { ifMatch }));
  });

  app.delete('/records/:o/:id', async (c) => {
    readQuery(c, []);
    const ctx = await recordContext(c);
    const ifMatch = parseIfMatch(c.req.header('if-match'));
    await c.var.kernel.records.delete(ctx, c.req.param('o'), c.req.param('id'), ifMatch === undefined ? {} : { ifMatch });
    return c.body(null, 204);
  });

  app.post('/records/:o/:id/restore', async (c) => {
    readQuery(c, []);
    const ctx = await recordContext(c);
    return recordJson(c, await c.var.kernel.records.restore(ctx, c.req.param('o'), c.req.param('id')));
  });

  app.get('/records/:o/:id/history', async (c) => {
    const q = readQuery(c, ['limit', 'cursor']);
    const ctx = await recordContext(c);
    const limit = intParam('limit', q.limit, { min: 1, max: 500, fallback: 100 });
    return c.json(await c.var.kernel.records.history(ctx, c.req.param('o'), c.req.param('id'), { limit, ...(q.cursor ? { before: q.cursor } : {}) }));
  });

  return app;
}

export async function recordContext(c: Context<AppEnv>): Promise<RecordContext> {
  return c.var.kernel.records.context(c.var.tenant, c.var.principal);
}

export function listRequestFromQuery(q: Partial<Record<(typeof listParams)[number], string>>): ListRequest {
  const request: ListRequest = {};
  if (q.where !== undefined) Object.assign(request, { where: jsonParam('where', q.where), whereAt: '?where' });
  if (q.orderBy !== undefined) request.orderBy = q.orderBy;
  if (q.limit !== undefined) request.limit = intParam('limit', q.limit, { min: 1, max: 500, fallback: 50 });
  if (q.cursor !== undefined && q.cursor !== '') request.cursor = q.cursor;
  if (q.fields !== undefined) request.fields = splitList(q.fields);
  if (q.expand !== undefined) request.expand = splitList(q.expand);
  const count = boolParam('count', q.count);
  if (count !== undefined) request.count = count;
  return request;
}

export function splitList(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

/** A record as the answer, with its version as the entity tag (for the next `If-Match`). */
export function recordJson(c: Context<AppEnv>, record: Record<string, unknown>): Response {
  c.header('etag', `"${record.version}"`);
  return c.json(record);
}

/**
 * The versions `If-Match` accepts (RFC 9110 §13.1.1): the record must be at one of the listed
 * entity tags, compared strongly, so a weak tag (`W/"3"`) or one that is no version matches
 * nothing and a list of only those is a 412. `*` (any current record) and no header set no
 * condition; a header that is no list of entity tags is a 400.
 */
export function parseIfMatch(header: string | undefined): number[] | undefined {
  if (header === undefined) return undefined;
  const tags = parseEntityTags(header);
  if (tags === '*') return undefined;
  if (!tags) throw headerError('If-Match', 'must be * or entity tags such as "3"', 'If-Match must be * or ETags of the record, e.g. "3" or "3", "4"');
  return tags.filter((tag) => !tag.weak && /^\d{1,9}$/.test(tag.opaque)).map((tag) => Number(tag.opaque));
}

/** `GET /objects`: what the caller may read, with fields and actions. */
export function discoveryRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/objects', authenticate, async (c) => {
    readQuery(c, []);
    const ctx = await recordContext(c);
    return c.json({ data: describeObjects(ctx.compiled, ctx.policy) });
  });
  return app;
}
