// Measures bulk create through `POST /records/lead/bulk` (1,000 records per request) on
// PostgreSQL: rows/s over the whole load, with lookups to hotels, a stage, pool membership,
// history and stage events. `--sql` prints where the database time went, by statement.
// Run: node --import tsx scripts/measure-bulk.ts [rows=100000] [concurrency=2] [--sql]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import pg from 'pg';
import { PostgresStorage } from '../platform/storage/postgres-storage.ts';
import { migrateToLatest } from '../platform/storage/migrate.ts';
import { testDocument } from '../platform/testing/fixtures.ts';
import { startServer } from '../runtime/server/server.ts';
import { ApiClient } from '../runtime/testing/test-server.ts';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const rows = Number(args[0] ?? 100_000);
const concurrency = Number(args[1] ?? 2);
const perRequest = 1000;
const sqlTimes = new Map<string, { n: number; ms: number }>();
if (process.argv.includes('--sql')) {
  const original = pg.Client.prototype.query as (...a: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: unknown }).query = function (this: pg.Client, ...a: unknown[]) {
    const text = typeof a[0] === 'string' ? a[0] : (a[0] as { text?: string })?.text ?? '?';
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 90);
    const started = performance.now();
    const result = original.apply(this, a);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(() => {
        const entry = sqlTimes.get(key) ?? { n: 0, ms: 0 };
        entry.n++;
        entry.ms += performance.now() - started;
        sqlTimes.set(key, entry);
      }, () => undefined);
    }
    return result;
  };
}

const admin = new pg.Client('postgres://postgres@127.0.0.1:5432/postgres');
await admin.connect();
await admin.query('DROP DATABASE IF EXISTS shoal_measure_bulk WITH (FORCE)');
await admin.query('CREATE DATABASE shoal_measure_bulk');
await admin.end();
const storage = new PostgresStorage({ connectionString: 'postgres://postgres@127.0.0.1:5432/shoal_measure_bulk' });
await migrateToLatest(storage.db);
const server = await startServer({ port: 0, databaseUrl: undefined, dataDir: '', adminToken: 'op', demo: false, logRequests: false, jobs: true, tickSeconds: 30 }, { storage, host: '127.0.0.1' });
const api = new ApiClient(server.url);
await api.post('/api/tenants', { slug: 'blk', name: 'Bulk', admin: { email: 'a@blk.test', password: 'password-1' } }, { token: 'op' });
const client = api.withToken((await api.post('/api/t/blk/auth/login', { email: 'a@blk.test', password: 'password-1' })).body.token);
await client.put('/api/t/blk/meta/draft', { document: testDocument() });
await client.post('/api/t/blk/meta/publish', {});

const hotels = await client.post('/api/t/blk/records/hotel/bulk', {
  op: 'create', records: Array.from({ length: 200 }, (_, i) => ({ name: `Hotel ${i}`, city: ['beijing', 'shanghai', 'nanjing', 'suzhou'][i % 4], stars: 1 + (i % 5), code: `H${i}` })),
});
const hotelIds: string[] = hotels.body.results.map((r: { id: string }) => r.id);
const sources = ['crawl', 'bd', 'merchant', 'crowd'];
const lead = (i: number) => ({
  name: `Lead ${i}`, hotel: hotelIds[i % hotelIds.length], contactName: `Contact ${i}`, contactPhone: `+86 138 0000 ${String(i % 10000).padStart(4, '0')}`,
  expectedRevenue: (i % 997) * 13.5, score: i % 101, source: sources[i % 4], tags: i % 3 ? ['vip'] : ['vip', 'chain'],
  nextCallAt: `2026-0${1 + (i % 9)}-1${i % 10}T08:00:00Z`, active: i % 2 === 0,
});

sqlTimes.clear();
// CPU seconds of this process and of the database's backends, so the figures mean something
// on a machine that other work keeps busy (wall time alone moves with the load).
const backendCpu = async (): Promise<Map<number, number>> => {
  const c = new pg.Client('postgres://postgres@127.0.0.1:5432/postgres');
  await c.connect();
  const pids = (await c.query(`SELECT pid FROM pg_stat_activity WHERE datname = 'shoal_measure_bulk'`)).rows.map((r) => r.pid as number);
  await c.end();
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch { /* gone */ }
  }
  return out;
};
const cpuBefore = process.cpuUsage();
const dbBefore = await backendCpu();
let next = 0;
let created = 0;
let failed = 0;
const started = performance.now();
let lastPrint = started;
await Promise.all(Array.from({ length: concurrency }, async () => {
  for (;;) {
    const from = next;
    if (from >= rows) return;
    next += perRequest;
    const records = Array.from({ length: Math.min(perRequest, rows - from) }, (_, k) => lead(from + k));
    const response = await client.post('/api/t/blk/records/lead/bulk', { op: 'create', records });
    if (response.status !== 200) throw new Error(`bulk answered ${response.status}: ${JSON.stringify(response.body).slice(0, 500)}`);
    for (const r of response.body.results) (r.status === 201 ? created++ : failed++);
    if (performance.now() - lastPrint > 5000) {
      lastPrint = performance.now();
      console.log(`  ${created} created, ${Math.round(created / ((lastPrint - started) / 1000))} rows/s so far`);
    }
  }
}));
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const dbAfter = await backendCpu();
const nodeSeconds = (cpu.user + cpu.system) / 1e6;
const dbSeconds = [...dbAfter].reduce((sum, [pid, t]) => sum + t - (dbBefore.get(pid) ?? 0), 0);
console.log(`bulk create: ${created} created, ${failed} failed in ${seconds.toFixed(1)} s = ${Math.round(created / seconds)} rows/s (${concurrency} concurrent requests of ${perRequest}; load average ${loadavg()[0]!.toFixed(1)})`);
console.log(`CPU: node ${nodeSeconds.toFixed(1)} s (${Math.round(created / nodeSeconds)} rows per CPU-s), PostgreSQL backends ${dbSeconds.toFixed(1)} s (${Math.round(created / dbSeconds)} rows per CPU-s)`);
if (sqlTimes.size > 0) {
  console.log('database time by statement (ms, calls):');
  for (const [key, t] of [...sqlTimes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) console.log(`${t.ms.toFixed(0).padStart(8)} ${String(t.n).padStart(6)}  ${key}`);
}
await server.close();
process.exit(0);
