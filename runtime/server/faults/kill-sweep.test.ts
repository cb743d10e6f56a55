import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { availableDatabases, openTestDatabase, type TestDatabase } from '../../../platform/testing/test-databases.ts';
import { ChildServer, createTenant, expectOk, until } from './child-server.ts';

/**
 * SIGKILL of the server during a scheduled pool sweep that releases many leads: the sweep is
 * all or nothing (records, history, pool events, notifications and the slot row together), and
 * after a restart it runs to completion exactly once — no lead released twice.
 */
const run = availableDatabases().includes('postgres') ? describe : describe.skip;
const leads = 6_000;

run('killing the server during a pool sweep [postgres]', () => {
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

  async function state(tenantId: string) {
    return (await direct.query(`
      SELECT (SELECT count(*)::int FROM records WHERE tenant_id = $1 AND object = 'lead' AND pool_state = 'private') AS private,
             (SELECT count(*)::int FROM records WHERE tenant_id = $1 AND object = 'lead' AND pool_state = 'public' AND released_at IS NOT NULL) AS released,
             (SELECT count(*)::int FROM record_history WHERE tenant_id = $1 AND action = 'release') AS history,
             (SELECT count(*)::int FROM pool_events WHERE tenant_id = $1 AND kind = 'release') AS events,
             (SELECT count(*)::int FROM pool_releases WHERE tenant_id = $1) AS releases,
             (SELECT count(*)::int FROM notifications WHERE tenant_id = $1 AND kind = 'released') AS notices,
             (SELECT count(*)::int FROM job_slots WHERE tenant_id = $1 AND kind = 'sweep' AND (result->>'released')::int > 0) AS sweeps`, [tenantId])).rows[0];
  }

  it('releases every due lead once: all or nothing when killed, completed once after the restart', async () => {
    // Set up without background jobs, so no sweep starts early.
    server = await ChildServer.start(database.url!, { SHOAL_JOBS: '0' });
    const admin = await createTenant(server.api, 'sweeps');
    expectOk(await admin.put('/api/t/sweeps/meta/draft', { document: testDocument() }));
    expectOk(await admin.post('/api/t/sweeps/meta/publish', {}));
    const me = expectOk(await admin.get('/api/t/sweeps/me')).body.id as string;
    await server.stop();
    const tenantId = (await direct.query(`SELECT id FROM tenants WHERE slug = 'sweeps'`)).rows[0].id as string;
    // The tenant has existed for a day, so the sweep slots of the last two hours are due.
    await direct.query(`UPDATE tenants SET created_at = now() - interval '1 day' WHERE id = $1`, [tenantId]);
    // Leads held for 50 days (the hold is 45): all due for release.
    await direct.query(`
      INSERT INTO records (tenant_id, object, id, owner, stage, pool, pool_state, claimed_at, hold_expires_at, data)
      SELECT $1, 'lead', gen_random_uuid(), $2, 'new', 'leadPool', 'private', now() - interval '50 days', now() - interval '5 days',
             jsonb_build_object('name', 'Lead ' || i)
        FROM generate_series(1, ${leads}) AS i`, [tenantId, me]);
    // Planner statistics as after any real load (without them the sweep's join is planned as
    // a nested loop over an "empty" table and runs into the statement timeout).
    await direct.query('ANALYZE records');

    // With jobs on, the first scheduler tick catches up the missed sweep slots.
    server = await ChildServer.start(database.url!);
    await until(async () => {
      if ((await state(tenantId)).private < leads) throw new Error('the sweep finished before it could be interrupted');
      // A session that has written both a slot row and records: a sweep in the middle of its work.
      return (await direct.query(`
        SELECT l.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE a.datname = current_database() AND l.mode = 'RowExclusiveLock' AND l.relation IN ('job_slots'::regclass, 'records'::regclass)
         GROUP BY l.pid HAVING count(DISTINCT l.relation) = 2`)).rowCount! > 0;
    }, 'the sweep to be writing', 30_000);
    await server.kill();
    await until(async () => (await direct.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'shoal'`)).rowCount === 0, 'the killed sessions to end', 30_000);

    const none = { private: leads, released: 0, history: 0, events: 0, releases: 0, notices: 0, sweeps: 0 };
    const all = { private: 0, released: leads, history: leads, events: leads, releases: leads, notices: leads, sweeps: 1 };
    const killed = await state(tenantId);
    expect([none, all]).toContainEqual(killed);

    // The restarted server finishes the job, once.
    server = await ChildServer.start(database.url!);
    await until(async () => (await state(tenantId)).private === 0, 'the sweep to complete after the restart', 45_000);
    // Give the remaining caught-up slots time to run: none may release anything again.
    await until(async () => (await direct.query(`SELECT count(*)::int AS n FROM job_slots WHERE tenant_id = $1 AND kind = 'sweep'`, [tenantId])).rows[0].n >= 2, 'later slots to run', 30_000);
    expect(await state(tenantId)).toEqual(all);
  }, 85_000);
});
