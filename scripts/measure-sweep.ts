// Measures the pool sweep on PostgreSQL: a tenant with 1,000,000 leads in `leadPool`, of which
// 100,000 holds are due (hold expired, no visit or not won), 100,000 more are held and not due
// (10,000 of them due within the warning window) and the rest are public. The data is written
// straight into the tables with INSERT … SELECT generate_series (seconds, not the bulk path);
// the sweep runs through `POST /pools/leadPool/sweep`, then again to show it is idempotent.
// `--reuse` keeps the database of the previous run and puts the released holds back instead.
// Run: node --import tsx scripts/measure-sweep.ts [leads=1000000] [due=100000] [--reuse]
import { loadavg } from 'node:os';
import pg from 'pg';
import { PostgresStorage } from '../platform/storage/postgres-storage.ts';
import { migrateToLatest } from '../platform/storage/migrate.ts';
import { testDocument } from '../platform/testing/fixtures.ts';
import { startServer } from '../runtime/server/server.ts';
import { ApiClient } from '../runtime/testing/test-server.ts';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const reuse = process.argv.includes('--reuse');
const leads = Number(args[0] ?? 1_000_000);
const due = Number(args[1] ?? 100_000);
const users = 1000;
const database = 'shoal_measure_sweep';
if (!reuse) {
  const admin = new pg.Client('postgres://postgres@127.0.0.1:5432/postgres');
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
}
const url = `postgres://postgres@127.0.0.1:5432/${database}`;
const storage = new PostgresStorage({ connectionString: url });
await migrateToLatest(storage.db);
// The server's clock stands at `asOf`: a sweep that releases runs as of now, never later.
const asOf = new Date('2026-12-01T02:00:00Z');
const server = await startServer({ port: 0, databaseUrl: undefined, dataDir: '', adminToken: 'op', demo: false, logRequests: false, jobs: false, tickSeconds: 30 }, { storage, host: '127.0.0.1', clock: () => asOf });
const api = new ApiClient(server.url);
if (!reuse) await api.post('/api/tenants', { slug: 'swp', name: 'Sweep', admin: { email: 'a@swp.test', password: 'password-1' } }, { token: 'op' });
const client = api.withToken((await api.post('/api/t/swp/auth/login', { email: 'a@swp.test', password: 'password-1' })).body.token);
const db = new pg.Client(url);
await db.connect();
const tenant = (await db.query(`SELECT id FROM tenants WHERE slug = 'swp'`)).rows[0].id as string;
if (reuse) {
  // Puts the holds the previous run released back as they were, and forgets its traces.
  await db.query(`
    UPDATE records AS r SET owner = pr.user_id, pool_state = 'private', released_at = NULL, release_reason = NULL,
           claimed_at = $2::timestamptz - interval '60 days',
           hold_expires_at = $2::timestamptz - interval '60 days' + make_interval(days => 40 + substring(r.data ->> 'name' from 6)::int % 10)
      FROM pool_releases AS pr WHERE pr.tenant_id = $1 AND r.tenant_id = $1 AND r.object = 'lead' AND r.id = pr.record_id`, [tenant, asOf.toISOString()]);
  for (const table of ['pool_releases', 'pool_events', 'notifications']) await db.query(`DELETE FROM ${table} WHERE tenant_id = $1`, [tenant]);
  await db.query(`DELETE FROM record_history WHERE tenant_id = $1 AND action = 'release'`, [tenant]);
  await db.query('VACUUM ANALYZE');
} else {
await client.put('/api/t/swp/meta/draft', { document: testDocument() });
const published = await client.post('/api/t/swp/meta/publish', {});
if (published.status !== 200) throw new Error(`publish answered ${published.status}`);
const loadStarted = performance.now();
await db.query(`
  INSERT INTO users (tenant_id, id, email, name, roles)
  SELECT $1::uuid, ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'bd' || i || '@swp.test', 'BD ' || i, '{bd}'
    FROM generate_series(1, ${users}) AS i`, [tenant]);
// Group 1 (i ≤ due): held 60 days, due for one rule or another. Group 2 (next `due` rows):
// held 1 day (10% of them 13 days: no-visit release within the 3-day warning). The rest: public.
await db.query(`
  INSERT INTO records (tenant_id, object, id, owner, stage, pool, pool_state, claimed_at, hold_expires_at, last_visit_at, stage_entered_at,
                       created_at, updated_at, data)
  SELECT $1::uuid, 'lead', gen_random_uuid(),
         CASE WHEN i <= ${2 * due} THEN ('00000000-0000-4000-8000-' || lpad(to_hex(1 + i % ${users}), 12, '0'))::uuid END,
         'new', 'leadPool', CASE WHEN i <= ${2 * due} THEN 'private' ELSE 'public' END,
         CASE WHEN i <= ${due} THEN $2::timestamptz - interval '60 days'
              WHEN i <= ${2 * due} THEN $2::timestamptz - CASE WHEN i % 10 = 0 THEN interval '13 days' ELSE interval '1 day' END END,
         CASE WHEN i <= ${due} THEN $2::timestamptz - interval '60 days' + make_interval(days => 40 + i % 10)
              WHEN i <= ${2 * due} THEN $2::timestamptz + interval '44 days' END,
         CASE WHEN i <= ${due} AND i % 3 = 0 THEN $2::timestamptz - interval '5 days' END,
         $2::timestamptz - interval '90 days', $2::timestamptz - interval '90 days', $2::timestamptz - interval '90 days',
         jsonb_build_object('name', 'Lead ' || i, 'score', i % 101, 'source', (ARRAY['crawl','bd','merchant','crowd'])[1 + i % 4], 'active', true)
    FROM generate_series(1, ${leads}) AS i`, [tenant, asOf.toISOString()]);
await db.query('ANALYZE');
console.log(`data: ${leads} leads (${due} holds due, ${due} held and not due), ${users} users, written in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);
}

const sweep = async (label: string) => {
  const started = performance.now();
  const response = await client.post('/api/t/swp/pools/leadPool/sweep', { asOf: asOf.toISOString() });
  const seconds = (performance.now() - started) / 1000;
  if (response.status !== 200) throw new Error(`sweep answered ${response.status}: ${JSON.stringify(response.body)}`);
  console.log(`${label}: ${seconds.toFixed(2)} s, released ${response.body.released} ${JSON.stringify(response.body.byReason)}, warned ${response.body.warned} (load average ${loadavg()[0]!.toFixed(1)})`);
  return response.body;
};
const first = await sweep('sweep');
await sweep('again (idempotent)');
const counts = (await db.query(`
  SELECT (SELECT count(*) FROM records WHERE tenant_id = $1 AND pool_state = 'private')::int AS private,
         (SELECT count(*) FROM record_history WHERE tenant_id = $1 AND action = 'release')::int AS history,
         (SELECT count(*) FROM pool_releases WHERE tenant_id = $1)::int AS cooldowns,
         (SELECT count(*) FROM pool_events WHERE tenant_id = $1 AND kind = 'release')::int AS events,
         (SELECT count(*) FROM notifications WHERE tenant_id = $1 AND kind = 'released')::int AS released_notices,
         (SELECT count(*) FROM notifications WHERE tenant_id = $1 AND kind = 'release_warning')::int AS warnings`, [tenant])).rows[0];
console.log(`after: ${JSON.stringify(counts)}`);
if (first.released !== due || counts.private !== due || counts.history !== due || counts.cooldowns !== due || counts.events !== due || counts.released_notices !== due) {
  throw new Error('the sweep did not release exactly the due holds with their history, cooldowns, events and notices');
}
await db.end();
await server.close();
process.exit(0);
