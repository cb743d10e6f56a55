import { Hono } from 'hono';
import { assignmentQueue } from '../../../platform/assignment/assignment-jobs.ts';
import { badRequest, ShoalError } from '../../../platform/errors.ts';
import { listQueues, listWorkOrders, parseWorkOrderPatch, updateWorkOrder } from '../../../platform/work-orders/work-orders.ts';
import { isUuid } from '../../../platform/storage/storage.ts';
import { envelopeParser } from '../../../platform/validation/ajv.ts';
import type { AppEnv } from '../http/app-env.ts';
import { intParam, oneOfParam, parameterError, readJson, readQuery } from '../http/request-input.ts';
import { authenticate } from '../http/tenant-auth.ts';
import { recordContext } from './record-routes.ts';

const parseRun = envelopeParser<{ dryRun?: boolean; asOf?: string; summary?: boolean; summaryAbove?: number; background?: boolean }>({
  type: 'object', additionalProperties: false,
  properties: {
    dryRun: { type: 'boolean' }, asOf: { type: 'string', format: 'date-time' }, summary: { type: 'boolean' },
    summaryAbove: { type: 'integer', minimum: 0 }, background: { type: 'boolean' },
  },
});

/** Assignment rules (the `assignment` component) and work orders (`workOrders`). */
export function assignmentRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/assignment-rules', authenticate);
  app.use('/assignment-rules/*', authenticate);
  app.use('/work-orders', authenticate);
  app.use('/work-orders/*', authenticate);

  app.get('/assignment-rules', async (c) => {
    readQuery(c, []);
    return c.json({ data: await c.var.kernel.assignment.list(await recordContext(c)) });
  });

  app.get('/assignment-rules/conflicts', async (c) => {
    readQuery(c, []);
    const ctx = await recordContext(c);
    if (!ctx.compiled.has('assignment')) throw new ShoalError('not_found', 'Assignment rules are not enabled for this tenant');
    if (!ctx.policy.isAdmin) throw new ShoalError('forbidden', 'Only administrators may see rule conflicts');
    return c.json({ data: await c.var.kernel.assignment.conflicts(ctx) });
  });

  app.post('/assignment-rules/:r/run', async (c) => {
    readQuery(c, []);
    const body = parseRun(await readJson(c, { optional: true }));
    const ctx = await recordContext(c);
    const asOf = body.asOf ? new Date(body.asOf) : ctx.now;
    if (body.background) {
      // A real run of many records takes a while: answer at once, with the job to follow.
      if (body.dryRun) throw badRequest('A dry run answers at once; background is for real runs', [{ path: '/background', message: 'cannot be combined with dryRun' }]);
      const { kernel, tenant, principal } = c.var;
      const job = await kernel.assignment.startRun(ctx, c.req.param('r'), { ...(body.asOf ? { asOf } : {}), roles: principal.roles });
      await kernel.jobs.send(assignmentQueue, { tenantId: ctx.tenantId, jobId: job }, { singletonKey: `assignment:${job}` });
      c.header('location', `/api/t/${tenant.slug}/jobs/${job}`);
      return c.json({ job }, 202);
    }
    const outcome = await c.var.kernel.assignment.run(ctx, c.req.param('r'), { asOf, dryRun: body.dryRun ?? false });
    // Counts only: a run of 100,000 allocations answers a few KB, not every record's id. With
    // `summaryAbove`, the records are listed while they are few (the app's preview shows them).
    const listed = outcome.allocations.length + outcome.unassigned.length;
    if (body.summary || (body.summaryAbove !== undefined && listed > body.summaryAbove)) {
      const { allocations: _allocations, unassigned: _unassigned, ...counts } = outcome;
      return c.json(counts);
    }
    return c.json(outcome);
  });

  app.get('/assignment-rules/:r/runs', async (c) => {
    const q = readQuery(c, ['limit', 'cursor']);
    const limit = intParam('limit', q.limit, { min: 1, max: 200, fallback: 20 });
    return c.json(await c.var.kernel.assignment.runs(await recordContext(c), c.req.param('r'), { limit, ...(q.cursor ? { cursor: q.cursor } : {}) }));
  });

  app.get('/work-orders', async (c) => {
    const q = readQuery(c, ['assignee', 'state', 'limit', 'cursor', 'recordId']);
    const ctx = await recordContext(c);
    if (!ctx.compiled.has('workOrders')) throw new ShoalError('not_found', 'Work orders are not enabled for this tenant');
    const assignee = !q.assignee || q.assignee === 'me' ? ctx.actorId! : q.assignee;
    if (assignee !== 'team' && !isUuid(assignee)) throw parameterError('assignee', 'must be "me", "team" or a user id');
    const state = oneOfParam('state', q.state, ['open', 'done', 'skipped', 'all'] as const) ?? 'open';
    if (q.recordId !== undefined && !isUuid(q.recordId)) throw parameterError('recordId', 'must be a record id');
    const limit = intParam('limit', q.limit, { min: 1, max: 500, fallback: 50 });
    return c.json(await c.var.kernel.storage.inTenant(ctx.tenantId, (tx) => listWorkOrders(tx, ctx, {
      assignee: assignee.toLowerCase(), state, limit, ...(q.cursor ? { cursor: q.cursor } : {}), ...(q.recordId ? { recordId: q.recordId.toLowerCase() } : {}),
    }), { readOnly: true }));
  });

  app.get('/work-orders/queues', async (c) => {
    readQuery(c, []);
    const ctx = await recordContext(c);
    if (!ctx.compiled.has('workOrders')) throw new ShoalError('not_found', 'Work orders are not enabled for this tenant');
    return c.json({ data: await c.var.kernel.storage.inTenant(ctx.tenantId, (tx) => listQueues(tx, ctx), { readOnly: true }) });
  });

  app.patch('/work-orders/:id', async (c) => {
    readQuery(c, []);
    const patch = parseWorkOrderPatch(await readJson(c));
    const ctx = await recordContext(c);
    if (!ctx.compiled.has('workOrders')) throw new ShoalError('not_found', 'Work orders are not enabled for this tenant');
    return c.json(await c.var.kernel.storage.inTenant(ctx.tenantId, (tx) => updateWorkOrder(tx, ctx, c.req.param('id'), patch)));
  });

  return app;
}
