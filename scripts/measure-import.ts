// Measures a 100,000-row CSV import and export on PostgreSQL: duration, progress, and the
// server process's memory while it runs. Run: node --import tsx scripts/measure-import.ts
import pg from 'pg';
import { PostgresStorage } from '../platform/storage/postgres-storage.ts';
import { migrateToLatest } from '../platform/storage/migrate.ts';
import { testDocument } from '../platform/testing/fixtures.ts';
import { startServer } from '../runtime/server/server.ts';
import { ApiClient } from '../runtime/testing/test-server.ts';

const rows = Number(process.argv[2] ?? 100_000);
const admin = new pg.Client('postgres://postgres@127.0.0.1:5432/postgres');
await admin.connect();
await admin.query('DROP DATABASE IF EXISTS shoal_measure_import WITH (FORCE)');
await admin.query('CREATE DATABASE shoal_measure_import');
await admin.end();
const storage = new PostgresStorage({ connectionString: 'postgres://postgres@127.0.0.1:5432/shoal_measure_import' });
await migrateToLatest(storage.db);
const server = await startServer({ port: 0, databaseUrl: undefined, dataDir: '', adminToken: 'op', demo: false, logRequests: false, jobs: true, tickSeconds: 30 }, { storage, host: '127.0.0.1' });
const api = new ApiClient(server.url);
await api.post('/api/tenants', { slug: 'imp', name: 'Imp', admin: { email: 'a@imp.test', password: 'password-1' } }, { token: 'op' });
const client = api.withToken((await api.post('/api/t/imp/auth/login', { email: 'a@imp.test', password: 'password-1' })).body.token);
await client.put('/api/t/imp/meta/draft', { document: testDocument() });
await client.post('/api/t/imp/meta/publish', {});

const sources = ['crawl', 'bd', 'merchant', 'crowd'];
const lines = ['name,score,source,expectedRevenue,tags,nextCallAt,active'];
for (let i = 0; i < rows; i++) lines.push(`Lead ${i},${i % 101},${sources[i % 4]},${(i % 997) * 13.5},${i % 3 ? 'vip' : 'vip;chain'},2026-0${1 + (i % 9)}-1${i % 10}T08:00:00Z,${i % 2 ? 'yes' : 'no'}`);
const csv = lines.join('\n');
console.log(`CSV: ${rows} rows, ${(csv.length / 1024 / 1024).toFixed(1)} MB`);
const rss: number[] = [];
const sampler = setInterval(() => rss.push(process.memoryUsage().rss), 250);
const started = performance.now();
const upload = await client.request('POST', '/api/t/imp/records/lead/import', { rawBody: csv, headers: { 'content-type': 'text/csv' } });
const uploaded = performance.now();
let job: any;
let lastPrint = 0;
for (;;) {
  job = (await client.get(`/api/t/imp/jobs/${upload.body.job}`)).body;
  if (performance.now() - lastPrint > 3000) { console.log(`  ${job.state} ${job.processed}/${job.total}`); lastPrint = performance.now(); }
  if (job.state === 'done' || job.state === 'failed') break;
  await new Promise((r) => setTimeout(r, 250));
}
const imported = performance.now();
const exportStart = performance.now();
const response = await fetch(`${server.url}/api/t/imp/records/lead/export.csv`, { headers: { authorization: `Bearer ${client.defaultToken}` } });
let bytes = 0;
for await (const chunk of response.body as any) bytes += chunk.length;
const exported = performance.now();
clearInterval(sampler);
const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
console.log(`upload ${(uploaded - started).toFixed(0)} ms; import ${((imported - uploaded) / 1000).toFixed(1)} s (${Math.round(rows / ((imported - uploaded) / 1000))} rows/s), ${job.created} created, ${job.errors.length} errors`);
console.log(`export ${((exported - exportStart) / 1000).toFixed(1)} s, ${mb(bytes)} MB`);
console.log(`RSS min ${mb(Math.min(...rss))} MB, max ${mb(Math.max(...rss))} MB (server and client share this process; the CSV string itself is ${mb(csv.length)} MB)`);
await server.close();
process.exit(0);
