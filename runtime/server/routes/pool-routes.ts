import { Hono } from 'hono';
import { envelopeParser } from '../../../platform/validation/ajv.ts';
import { isUuid } from '../../../platform/storage/storage.ts';
import type { AppEnv } from '../http/app-env.ts';
import { intParam, parameterError, readJson, readQuery } from '../http/request-input.ts';
import { authenticate } from '../http/tenant-auth.ts';
import { listRequestFromQuery, recordContext, recordJson } from './record-routes.ts';

const id = { type: 'string', format: 'uuid' };
const parseId = envelopeParser<{ id: string }>({ type: 'object', required: ['id'], additionalProperties: false, properties: { id } });
const parseRelease = envelopeParser<{ id: string; reason: string }>({
  type: 'object', required: ['id', 'reason'], additionalProperties: false, properties: { id, reason: { type: 'string', minLength: 1, maxLength: 500 } },
});
const parseAssign = envelopeParser<{ id: string; userId: string; force?: boolean; reason?: string }>({
  type: 'object', required: ['id', 'userId'], additionalProperties: false,
  properties: { id, userId: id, force: { type: 'boolean' }, reason: { type: 'string', maxLength: 500 } },
});
const parseSweep = envelopeParser<{ asOf?: string; dryRun?: boolean }>({
  type: 'object', additionalProperties: false, properties: { asOf: { type: 'string', format: 'date-time' }, dryRun: { type: 'boolean' } },
});

const listParams = ['where', 'orderBy', 'limit', 'cursor', 'fields', 'expand', 'count'] as const;

/** Public and private pools (公海/私海), per api.md. */
export function poolRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/pools/*', authenticate);

  app.get('/pools/:p/public', async (c) => {
    const q = readQuery(c, listParams);
    const ctx = await recordContext(c);
    return c.json(await c.var.kernel.pools.listPublic(ctx, c.req.param('p'), listRequestFromQuery(q)));
  });

  app.get('/pools/:p/mine', async (c) => {
    const q = readQuery(c, [...listParams, 'owner', 'releaseWithinDays']);
    const ctx = await recordContext(c);
    const owner = q.owner;
    if (owner !== undefined && owner !== 'any' && !isUuid(owner)) throw parameterError('owner', 'must be a user id, or any');
    const within = q.releaseWithinDays === undefined ? {} : { releaseWithinDays: intParam('releaseWithinDays', q.releaseWithinDays, { min: 0, max: 3660, fallback: 0 }) };
    return c.json(await c.var.kernel.pools.listMine(ctx, c.req.param('p'), { ...listRequestFromQuery(q), ...(owner ? { owner: owner === 'any' ? owner : owner.toLowerCase() } : {}), ...within }));
  });

  app.get('/pools/:p/holdings', async (c) => {
    readQuery(c, []);
    return c.json(await c.var.kernel.pools.holdings(await recordContext(c), c.req.param('p')));
  });

  app.post('/pools/:p/claim', async (c) => {
    readQuery(c, []);
    const body = parseId(await readJson(c));
    return recordJson(c, await c.var.kernel.pools.claim(await recordContext(c), c.req.param('p'), body.id.toLowerCase()));
  });

  app.post('/pools/:p/release', async (c) => {
    readQuery(c, []);
    const body = parseRelease(await readJson(c));
    return recordJson(c, await c.var.kernel.pools.release(await recordContext(c), c.req.param('p'), body.id.toLowerCase(), body.reason));
  });

  app.post('/pools/:p/assign', async (c) => {
    readQuery(c, []);
    const body = parseAssign(await readJson(c));
    return recordJson(c, await c.var.kernel.pools.assign(await recordContext(c), c.req.param('p'), body.id.toLowerCase(), body.userId.toLowerCase(), {
      ...(body.force !== undefined ? { force: body.force } : {}), ...(body.reason ? { reason: body.reason } : {}),
    }));
  });

  app.post('/pools/:p/extend', async (c) => {
    readQuery(c, []);
    const body = parseId(await readJson(c));
    const record = await c.var.kernel.pools.extend(await recordContext(c), c.req.param('p'), body.id.toLowerCase());
    return recordJson(c, { ...record, holdExpiresAt: record.holdExpiresAt });
  });

  app.post('/pools/:p/sweep', async (c) => {
    readQuery(c, []);
    const body = parseSweep(await readJson(c, { optional: true }));
    const ctx = await recordContext(c);
    const result = await c.var.kernel.pools.sweep(ctx, c.req.param('p'), { asOf: body.asOf ? new Date(body.asOf) : ctx.now, dryRun: body.dryRun ?? false });
    return c.json(result);
  });

  return app;
}

