import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { availableDatabases, openTestDatabase, type TestDatabase } from '../../../platform/testing/test-databases.ts';
import type { ApiClient } from '../../testing/test-server.ts';
import { ChildServer, createTenant, expectOk, until } from './child-server.ts';

/**
 * SIGKILL of the server in the middle of a CSV import: every committed batch is complete (its
 * rows and the job's progress together), and after a restart the job resumes where it stopped
 * and finishes with every row exactly once — also when two restarted processes both resume it.
 */
const run = availableDatabases().includes('postgres') ? describe : describe.skip;
const rows = 12_000;

run('killing the server during a bulk import [postgres]', () => {
  let database: TestDatabase;
  let direct: pg.Client;
  let server: ChildServer | undefined;
  let other: ChildServer | undefined;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    direct = new pg.Client({ connectionString: database.url! });
    await direct.connect();
  });

  afterAll(async () => {
    await server?.kill();
    await other?.kill();
    await direct?.end().catch(() => {});
    await database?.dispose();
  });

  async function state(tenantId: string, jobId: string) {
    const job = (await direct.query(`SELECT state, processed, created, jsonb_array_length(errors) AS errors FROM jobs WHERE tenant_id = $1 AND id = $2`, [tenantId, jobId])).rows[0];
    const records = (await direct.query(`SELECT count(*)::int AS n, count(DISTINCT data->>'code')::int AS codes FROM records WHERE tenant_id = $1 AND object = 'hotel'`, [tenantId])).rows[0];
    return { ...job, records: records.n as number, codes: records.codes as number };
  }

  it('keeps whole batches only, and the restarted server resumes the job without duplicates', async () => {
    server = await ChildServer.start(database.url!);
    const admin: ApiClient = await createTenant(server.api, 'imports');
    expectOk(await admin.put('/api/t/imports/meta/draft', { document: testDocument() }));
    expectOk(await admin.post('/api/t/imports/meta/publish', {}));
    const tenantId = (await direct.query(`SELECT id FROM tenants WHERE slug = 'imports'`)).rows[0].id as string;

    const lines = ['name,city,stars,roomNights,code'];
    const cities = ['beijing', 'shanghai', 'nanjing', 'suzhou'];
    for (let i = 0; i < rows; i++) lines.push(`Hotel ${i},${cities[i % 4]},${(i % 5) + 1},${i},C-${i}`);
    const upload = expectOk(await admin.request('POST', '/api/t/imports/records/hotel/import', { rawBody: lines.join('\n'), headers: { 'content-type': 'text/csv' } }), 202);
    const jobId = upload.body.job as string;

    // Kill it once some batches are in, well before the end.
    await until(async () => (await state(tenantId, jobId)).processed >= 2000, 'the import to commit a few batches', 60_000);
    await server.kill();
    const killed = await state(tenantId, jobId);
    expect(killed.state).toBe('running');
    expect(killed.processed).toBeLessThan(rows);
    // What the job says it did is exactly what is in the table: no half batch.
    expect(killed.records).toBe(killed.created);
    expect(killed.records).toBe(killed.processed);
    expect(killed.codes).toBe(killed.records);

    // Two processes come back at once and both pick the job up: the rows still go in once.
    const [first, second] = await Promise.all([ChildServer.start(database.url!), ChildServer.start(database.url!)]);
    server = first;
    other = second;
    const done = await until(async () => {
      const s = await state(tenantId, jobId);
      return s.state === 'done' || s.state === 'failed' ? s : undefined;
    }, 'the job to finish after the restart', 60_000);
    expect(done).toMatchObject({ state: 'done', processed: rows, created: rows, errors: 0, records: rows, codes: rows });
    const job = await server.api.get(`/api/t/imports/jobs/${jobId}`, { token: admin.defaultToken! });
    expect(job.body).toMatchObject({ state: 'done', processed: rows, created: rows, errors: [] });
  }, 85_000);
});
