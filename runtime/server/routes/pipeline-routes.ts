import { Hono } from 'hono';
import { funnel } from '../../../platform/pipelines/funnel.ts';
import { parseTransition, transitionRecord } from '../../../platform/pipelines/transition-record.ts';
import { objectOf } from '../../../platform/records/record-context.ts';
import { shapeForCaller } from '../../../platform/records/records-service.ts';
import type { AppEnv } from '../http/app-env.ts';
import { dateTimeParam, jsonParam, parameterError, readJson, readQuery } from '../http/request-input.ts';
import { authenticate } from '../http/tenant-auth.ts';
import { parseIfMatch, recordContext } from './record-routes.ts';

const lastInstant = Date.parse('9999-12-31T23:59:59.999Z');

/** The (exclusive) end of a UTC day: the next day's start, within the years dates may name. */
function endOfDay(day: Date): Date {
  return new Date(Math.min(day.getTime() + 86_400_000, lastInstant));
}

/** Stage transitions and funnel statistics. */
export function pipelineRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/records/:o/:id/transition', authenticate, async (c) => {
    readQuery(c, []);
    const request = parseTransition(await readJson(c));
    const ctx = await recordContext(c);
    const object = objectOf(ctx, c.req.param('o'));
    const ifMatch = parseIfMatch(c.req.header('if-match'));
    const { kernel } = c.var;
    const result = await kernel.storage.inTenant(ctx.tenantId, async (tx) => {
      const moved = await transitionRecord(tx, ctx, kernel.records.hooks, object, c.req.param('id'), request, ifMatch === undefined ? {} : { ifMatch });
      return { record: await shapeForCaller(tx, ctx, object, moved.row), created: moved.created };
    });
    c.header('etag', `"${result.record.version}"`);
    return c.json(result.created ? { ...result.record, $created: result.created } : result.record);
  });

  app.get('/pipelines/:p/funnel', authenticate, async (c) => {
    const q = readQuery(c, ['from', 'to', 'where']);
    const ctx = await recordContext(c);
    const from = dateTimeParam('from', q.from);
    const until = dateTimeParam('to', q.to);
    // A date alone names a whole day (UTC, as a date without a zone does everywhere in the API):
    // `to=2026-12-31` ends the period when the 31st ends, not as it begins; so noon on the 31st
    // to `2026-12-31` is half a day, not a reversed period.
    const wholeDay = until !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(q.to!);
    const to = until && wholeDay ? endOfDay(until) : until;
    if (from && to && (wholeDay ? to <= from : to < from)) throw parameterError('to', 'must not be before from');
    const where = q.where ? jsonParam('where', q.where) : undefined;
    const result = await c.var.kernel.storage.inTenant(ctx.tenantId, (tx) => funnel(tx, ctx, c.req.param('p'), {
      ...(from ? { from } : {}), ...(to ? { to } : {}), ...(where ? { where } : {}),
    }), { readOnly: true });
    return c.json(result);
  });

  return app;
}
