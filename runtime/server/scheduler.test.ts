import { spawn, type ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { availableDatabases, openTestDatabase, type TestDatabase } from '../../platform/testing/test-databases.ts';
import { testDocument } from '../../platform/testing/fixtures.ts';
import { ApiClient } from '../testing/test-server.ts';

const run = availableDatabases().includes('postgres') ? describe : describe.skip;

/** Starts `npm start`'s entry point as a separate process on a database; resolves with its URL. */
function startProcess(databaseUrl: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'runtime/server/main.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', SHOAL_DEMO: '0', SHOAL_ADMIN_TOKEN: 'two-process-token', SHOAL_TICK_SECONDS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /App\s+(http:\/\/localhost:\d+)\/app/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

run('two server processes on one database', () => {
  let database: TestDatabase;
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await database?.dispose();
  });

  it('runs each scheduled sweep slot exactly once, and a publish in one is seen by the other', async () => {
    database = await openTestDatabase('postgres');
    const a = await startProcess(database.url!);
    children.push(a.child);
    const api = new ApiClient(a.url);
    const created = await api.post('/api/tenants', { slug: 'two', name: 'Two', admin: { email: 'a@two.test', password: 'password-1' } }, { token: 'two-process-token' });
    expect(created.status, created.text).toBe(201);
    const admin = api.withToken((await api.post('/api/t/two/auth/login', { email: 'a@two.test', password: 'password-1' })).body.token);
    const document = testDocument();
    document.pools!.leadPool!.sweepSchedule = '* * * * *';
    expect((await admin.put('/api/t/two/meta/draft', { document })).status).toBe(200);
    expect((await admin.post('/api/t/two/meta/publish', {})).status).toBe(200);

    const b = await startProcess(database.url!);
    children.push(b.child);
    const adminB = new ApiClient(b.url, admin.defaultToken);
    expect((await adminB.get('/api/t/two/meta')).body.version).toBe(2);
    const publishThroughA = async (name: string) => {
      expect((await admin.put('/api/t/two/meta/draft', { document: { ...document, name } })).status).toBe(200);
      expect((await admin.post('/api/t/two/meta/publish', {})).status).toBe(200);
    };
    // The studio's next call through B sees a publish through A at once (it reads the live version).
    await publishThroughA('Two, renamed');
    expect((await adminB.get('/api/t/two/meta')).body).toMatchObject({ version: 3, document: { name: 'Two, renamed' } });
    // B's record API follows on the NOTIFY the publish sent (delivered asynchronously: a bounded wait).
    await publishThroughA('Two, renamed again');
    let served = '';
    for (const until = Date.now() + 15_000; Date.now() < until && served !== 'metadata-v4';) {
      served = (await adminB.get('/api/t/two/openapi.json')).body.info?.version;
      if (served !== 'metadata-v4') await new Promise((r) => setTimeout(r, 100));
    }
    expect(served, 'B serves the version A published').toBe('metadata-v4');

    // A private lead whose hold ran out: the next sweep slot must release it, once.
    const lead = await admin.post('/api/t/two/records/lead', { name: 'Overdue' });
    const me = (await admin.get('/api/t/two/me')).body.id;
    expect((await admin.post('/api/t/two/pools/leadPool/assign', { id: lead.body.id, userId: me })).status).toBe(200);
    const tenantId = (await database.storage.db.selectFrom('tenants').select('id').where('slug', '=', 'two').executeTakeFirstOrThrow()).id;
    await database.storage.inTenant(tenantId, (tx) => sql`UPDATE records SET hold_expires_at = now() - interval '1 day' WHERE id = ${lead.body.id}::uuid`.execute(tx));

    const deadline = Date.now() + 100_000;
    let released = false;
    while (Date.now() < deadline && !released) {
      await new Promise((r) => setTimeout(r, 1000));
      released = (await admin.get(`/api/t/two/records/lead/${lead.body.id}`)).body.poolState === 'public';
    }
    expect(released, 'the scheduled sweep released the lead').toBe(true);
    await new Promise((r) => setTimeout(r, 3000));
    const stats = await database.storage.inTenant(tenantId, async (tx) => ({
      slots: (await sql<{ slot: Date; n: string }>`SELECT slot, count(*) AS n FROM job_slots WHERE kind = 'sweep' GROUP BY slot`.execute(tx)).rows,
      releases: Number((await sql<{ n: string }>`SELECT count(*) AS n FROM pool_events WHERE kind = 'release'`.execute(tx)).rows[0]!.n),
    }));
    expect(stats.slots.length).toBeGreaterThan(0);
    expect(stats.slots.every((s) => Number(s.n) === 1)).toBe(true);
    expect(stats.releases).toBe(1);
    // Both processes ticked and enqueued the same slots; the slot table let each run once.
    const jobs = (await database.storage.executeRaw(`SELECT data->>'slot' AS slot, count(*) AS n FROM pgboss.job WHERE name = 'shoal-slot' GROUP BY 1`)).rows as Array<{ n: string }>;
    expect(jobs.length).toBeGreaterThanOrEqual(stats.slots.length);
  }, 180_000);
});
