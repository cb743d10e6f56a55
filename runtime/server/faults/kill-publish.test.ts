import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { availableDatabases, openTestDatabase, type TestDatabase } from '../../../platform/testing/test-databases.ts';
import { ChildServer, createTenant, expectOk, login, until } from './child-server.ts';

/**
 * SIGKILL of the server while a publish runs its data migration over many records: afterwards
 * the tenant is wholly on the old version (old field names, old record versions, old live
 * version) or wholly on the new one — never records of both shapes — and a restarted server
 * serves it and can publish again.
 */
const run = availableDatabases().includes('postgres') ? describe : describe.skip;
const hotels = 30_000;

run('killing the server during a publish with a data migration [postgres]', () => {
  let database: TestDatabase;
  let direct: pg.Client;
  let server: ChildServer | undefined;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    direct = new pg.Client({ connectionString: database.url! });
    await direct.connect();
  });

  afterAll(async () => {
    await server?.kill();
    await direct?.end().catch(() => {});
    await database?.dispose();
  });

  async function shape(tenantId: string) {
    const live = (await direct.query(`SELECT live_version FROM tenants WHERE id = $1`, [tenantId])).rows[0].live_version as number;
    const versions = (await direct.query(`SELECT max(version)::int AS v FROM meta_versions WHERE tenant_id = $1`, [tenantId])).rows[0].v as number;
    const records = (await direct.query(`
      SELECT count(*) FILTER (WHERE data ? 'stars')::int AS old, count(*) FILTER (WHERE data ? 'rating')::int AS new,
             count(*) FILTER (WHERE version = 1)::int AS v1, count(*) FILTER (WHERE version = 2)::int AS v2
        FROM records WHERE tenant_id = $1 AND object = 'hotel'`, [tenantId])).rows[0];
    return { live, versions, ...records };
  }

  it('leaves the old version or the new one, never half, and a restarted server publishes again', async () => {
    server = await ChildServer.start(database.url!, { SHOAL_JOBS: '0' });
    let admin = await createTenant(server.api, 'publishes');
    const original = testDocument();
    expectOk(await admin.put('/api/t/publishes/meta/draft', { document: original }));
    expectOk(await admin.post('/api/t/publishes/meta/publish', {}));
    const tenantId = (await direct.query(`SELECT id FROM tenants WHERE slug = 'publishes'`)).rows[0].id as string;
    // Many hotels (written directly: they are the fixture, not what is tested).
    await direct.query(`
      INSERT INTO records (tenant_id, object, id, data)
      SELECT $1, 'hotel', gen_random_uuid(), jsonb_build_object('name', 'Hotel ' || i, 'stars', 1 + i % 5, 'roomNights', i)
        FROM generate_series(1, ${hotels}) AS i`, [tenantId]);

    // The new version renames stars to rating: every hotel is rewritten in the publish transaction.
    const renamed = structuredClone(original);
    const fields = renamed.objects.hotel!.fields as Record<string, unknown>;
    renamed.objects.hotel!.fields = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k === 'stars' ? 'rating' : k, v])) as typeof fields as never;
    expectOk(await admin.put('/api/t/publishes/meta/draft', { document: renamed }));
    const before = await shape(tenantId);
    expect(before).toMatchObject({ old: hotels, v1: hotels, versions: before.live });
    const migrations = [{ op: 'renameField', object: 'hotel', from: 'stars', to: 'rating' }];
    let answer: string | undefined;
    const publishing = admin.post('/api/t/publishes/meta/publish', { migrations }).then((res) => {
      answer = `${res.status} ${res.text}`;
    }, () => undefined);
    await until(async () => {
      if (answer) throw new Error(`the publish ended before it could be interrupted: ${answer}`);
      return (await direct.query(`
        SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'shoal' AND state = 'active' AND query ILIKE '%UPDATE records SET data%'`)).rowCount! > 0;
    },
    'the migration to be rewriting the records', 30_000);
    await server.kill();
    await publishing;

    // Once the killed session is gone, one of the two whole states is there.
    await until(async () => (await direct.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'shoal'`)).rowCount === 0, 'the killed sessions to end', 30_000);
    const after = await shape(tenantId);
    const oldState = { ...before, old: hotels, new: 0, v1: hotels, v2: 0 };
    const newState = { live: before.live + 1, versions: before.live + 1, old: 0, new: hotels, v1: 0, v2: hotels };
    expect([oldState, newState]).toContainEqual(after);

    server = await ChildServer.start(database.url!, { SHOAL_JOBS: '0' });
    admin = await login(server.api, 'publishes');
    expect((await admin.get('/api/t/publishes/meta')).body.version).toBe(after.live);
    if (after.live === before.live) {
      // The interrupted publish left nothing behind: doing it again works.
      expectOk(await admin.put('/api/t/publishes/meta/draft', { document: renamed }));
      const again = expectOk(await admin.post('/api/t/publishes/meta/publish', { migrations }));
      expect(again.body.version).toBe(before.live + 1);
    }
    expect(await shape(tenantId)).toEqual(newState);
    const list = expectOk(await admin.get('/api/t/publishes/records/hotel?limit=3&orderBy=roomNights'));
    expect(list.body.data.map((h: { rating: number; version: number }) => [h.rating, h.version])).toEqual([[2, 2], [3, 2], [4, 2]]);
  }, 85_000);
});
