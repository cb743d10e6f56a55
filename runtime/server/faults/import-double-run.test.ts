import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { runImport } from '../../../platform/records/csv-import.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer } from '../../testing/test-server.ts';

/**
 * An import job run twice at the same time — what happens when a job whose process looked dead
 * (pg-boss expiry, a restart re-enqueueing it) is in fact still running — writes every row once:
 * the two runs meet at the job row's lock and one of them stops.
 */
describeEachServer('an import job running twice at once', (ctx) => {
  it('imports every row exactly once', async () => {
    const tenant = await ctx().createTenantWith(testDocument());
    const rows = 3000;
    const csv = ['name,city,code', ...Array.from({ length: rows }, (_, i) => `Hotel ${i},shanghai,D-${i}`)].join('\n');
    // Without background workers the first run starts in this process at once …
    const upload = await tenant.admin.request('POST', `/api/t/${tenant.slug}/records/hotel/import`, { rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(upload.status).toBe(202);
    const kernel = ctx().server.kernel;
    const tenantId = (await kernel.tenants.list()).find((t) => t.slug === tenant.slug)!.id;
    // … and a second run of the same job starts next to it.
    await Promise.all([
      runImport(kernel.storage, kernel.tenants, kernel.metadataCache, kernel.records.hooks, tenantId, upload.body.job, kernel.clock),
      kernel.jobs.idle(),
    ]);
    const job = await tenant.admin.get(`/api/t/${tenant.slug}/jobs/${upload.body.job}`);
    expect(job.body).toMatchObject({ state: 'done', processed: rows, created: rows, errors: [] });
    const counts = await kernel.storage.inTenant(tenantId, (tx) => sql<{ n: number; codes: number }>`
      SELECT count(*)::int AS n, count(DISTINCT data->>'code')::int AS codes FROM records WHERE object = 'hotel'`.execute(tx));
    expect(counts.rows[0]).toEqual({ n: rows, codes: rows });
  });
});
