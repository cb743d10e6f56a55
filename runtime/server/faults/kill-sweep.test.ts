import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { availableDatabases, openTestDatabase, type TestDatabase } from '../../../platform/testing/test-databases.ts';
import { ChildServer, createTenant, expectOk, until } from './child-server.ts';

/**
 * SIGKILL of the server during a scheduled pool sweep that releases many leads: each part of
 * the sweep is all or nothing (records, history, pool events, cooldown entries and
 * notifications together), and after a restart the slot runs to completion exactly once — no
 * lead released twice, no release without its history.
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

  it('releases every due lead once: each committed part whole when killed, completed once after the restart', async () => {
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
      // The slot's transaction (its job_slots row) is open and a part of the sweep is writing
      // records: the sweep is in the middle of its work.
      const writing = (await direct.query(`
        SELECT l.relation::regclass::text AS relation FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE a.datname = current_database() AND l.mode = 'RowExclusiveLock' AND l.relation IN ('job_slots'::regclass, 'records'::regclass)
         GROUP BY 1`)).rows.map((r) => r.relation as string);
      return writing.includes('job_slots') && writing.includes('records');
    }, 'the sweep to be writing', 30_000);
    await server.kill();
    await until(async () => (await direct.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'shoal'`)).rowCount === 0, 'the killed sessions to end', 30_000);

    const all = { private: 0, released: leads, history: leads, events: leads, releases: leads, notices: leads, sweeps: 1 };
    // Whatever parts committed are whole: every released lead has its history, event, cooldown
    // entry and notification; the slot itself did not commit unless everything did.
    const killed = await state(tenantId);
    expect(killed.private + killed.released).toBe(leads);
    expect({ history: killed.history, events: killed.events, releases: killed.releases, notices: killed.notices })
      .toEqual({ history: killed.released, events: killed.released, releases: killed.released, notices: killed.released });
    if (killed.sweeps > 0) expect(killed.released).toBe(leads);

    // The restarted server finishes the job, once.
    server = await ChildServer.start(database.url!);
    await until(async () => (await state(tenantId)).private === 0, 'the sweep to complete after the restart', 45_000);
    // Give the remaining caught-up slots time to run: none may release anything again.
    await until(async () => (await direct.query(`SELECT count(*)::int AS n FROM job_slots WHERE tenant_id = $1 AND kind = 'sweep'`, [tenantId])).rows[0].n >= 2, 'later slots to run', 30_000);
    const after = await state(tenantId);
    expect({ ...after, sweeps: undefined }).toEqual({ ...all, sweeps: undefined });
    // The slot that finished the work records it; a slot cut short after its parts committed
    // ran again and found nothing left.
    expect(after.sweeps).toBe(killed.released === leads ? killed.sweeps : 1);
  }, 85_000);
});
