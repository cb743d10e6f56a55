import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { ShoalError } from '../../../platform/errors.ts';
import { createImportJob, getJob } from '../../../platform/records/csv-import.ts';
import { exportCsv } from '../../../platform/records/csv-export.ts';
import { importQueue } from '../../../platform/records/import-jobs.ts';
import { objectOf } from '../../../platform/records/record-context.ts';
import { localDate } from '../../../platform/time/zoned-time.ts';
import type { AppEnv } from '../http/app-env.ts';
import { oneOfParam, readQuery } from '../http/request-input.ts';
import { authenticate } from '../http/tenant-auth.ts';
import { listRequestFromQuery, recordContext, splitList } from './record-routes.ts';

/** Largest CSV accepted by an import (streamed into the database, never held in memory). */
export const maxImportBytes = 512 * 1024 * 1024;

/** CSV import jobs and streaming export (the `import` component). */
export function dataRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/records/:o/import', authenticate, async (c) => {
    const q = readQuery(c, ['upsertKey']);
    const ctx = await recordContext(c);
    if (!ctx.compiled.has('import')) throw new ShoalError('not_found', 'Import is not enabled for this tenant');
    const type = c.req.header('content-type') ?? '';
    if (!/^(text\/csv|application\/csv|text\/plain)\b/i.test(type)) throw new ShoalError('unsupported_media_type', 'Send the file as text/csv');
    const object = objectOf(ctx, c.req.param('o'));
    const body = c.req.raw.body;
    if (!body) throw new ShoalError('bad_request', 'The CSV is empty; send a header row and data rows');
    const jobId = await createImportJob(c.var.kernel.storage, ctx, object, limited(body, maxImportBytes), {
      roles: c.var.principal.roles, ...(q.upsertKey ? { upsertKey: q.upsertKey } : {}),
    });
    await c.var.kernel.jobs.send(importQueue, { tenantId: ctx.tenantId, jobId }, { singletonKey: `import:${jobId}` });
    c.header('location', `/api/t/${c.var.tenant.slug}/jobs/${jobId}`);
    return c.json({ job: jobId }, 202);
  });

  app.get('/records/:o/export.csv', authenticate, async (c) => {
    const q = readQuery(c, ['where', 'orderBy', 'fields', 'columns', 'header', 'lang']);
    const ctx = await recordContext(c);
    if (!ctx.compiled.has('import')) throw new ShoalError('not_found', 'Export is not enabled for this tenant');
    const object = objectOf(ctx, c.req.param('o'));
    if (!ctx.policy.mayEver('read', object.key)) throw new ShoalError('not_found', `There is no object called ${object.key}`);
    if (!ctx.policy.isAdmin && !ctx.policy.mayEver('export', object.key)) throw new ShoalError('forbidden', `You may not export ${object.key} records`);
    const header = oneOfParam('header', q.header || undefined, ['keys', 'labels'] as const);
    const lang = oneOfParam('lang', q.lang || undefined, ['en', 'zh'] as const);
    const request = { ...listRequestFromQuery(q), ...(q.columns !== undefined ? { columns: splitList(q.columns) } : {}), ...(header ? { header } : {}), ...(lang ? { lang } : {}) };
    const chunks = exportCsv(c.var.kernel.storage, ctx, object, request);
    // Problems in the request (a bad filter) surface before the first byte is sent.
    const first = await chunks.next();
    c.header('content-type', 'text/csv; charset=utf-8');
    // Named by the tenant's date: an export made at 06:50 in Shanghai is of that day, not of the UTC day before.
    c.header('content-disposition', `attachment; filename="${object.key}-${localDate(ctx.now, ctx.compiled.timeZone)}.csv"`);
    return stream(c, async (out) => {
      if (!first.done) await out.write(first.value);
      for await (const chunk of chunks) await out.write(chunk);
    });
  });

  app.get('/jobs/:job', authenticate, async (c) => {
    readQuery(c, []);
    const { kernel, tenant, principal } = c.var;
    const read = () => kernel.storage.inTenant(tenant.id, (tx) => getJob(tx, tenant.id, c.req.param('job'), { userId: principal.user.id, isAdmin: principal.roles.includes('admin') }), { readOnly: true });
    const job = await read();
    // An assignment run whose process died ends here, for whoever follows it (run_interrupted).
    return c.json(await kernel.assignment.endIfInterrupted(tenant.id, job, kernel.clock()) ? await read() : job);
  });

  return app;
}

async function* limited(body: ReadableStream<Uint8Array>, maxBytes: number): AsyncIterable<Uint8Array> {
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    total += value.length;
    if (total > maxBytes) throw new ShoalError('payload_too_large', `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
    yield value;
  }
}
