// Measures publishing the bench's 50-object × 40-field document (every field type, ~300
// indexed fields and lookups) to a new tenant on PostgreSQL: the publish request, then how long
// the indexes it left to the background take until every one is built and valid.
// Run: node --import tsx scripts/measure-publish.ts [objects=50] [fields=40]
import pg from 'pg';
import { wideDocument } from '../bench/data/document.ts';
import { PostgresStorage } from '../platform/storage/postgres-storage.ts';
import { migrateToLatest } from '../platform/storage/migrate.ts';
import { startServer } from '../runtime/server/server.ts';
import { ApiClient } from '../runtime/testing/test-server.ts';

const objects = Number(process.argv[2] ?? 50);
const fields = Number(process.argv[3] ?? 40);
const database = 'shoal_measure_publish';
const admin = new pg.Client('postgres://postgres@127.0.0.1:5432/postgres');
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${database}`);
await admin.end();
const url = `postgres://postgres@127.0.0.1:5432/${database}`;
const storage = new PostgresStorage({ connectionString: url });
await migrateToLatest(storage.db);
const server = await startServer({ port: 0, databaseUrl: undefined, dataDir: '', adminToken: 'op', demo: false, logRequests: false, jobs: false, tickSeconds: 30 }, { storage, host: '127.0.0.1' });
const api = new ApiClient(server.url);
await api.post('/api/tenants', { slug: 'wide', name: 'Wide', admin: { email: 'a@wide.test', password: 'password-1' } }, { token: 'op' });
const client = api.withToken((await api.post('/api/t/wide/auth/login', { email: 'a@wide.test', password: 'password-1' })).body.token);
const saved = await client.put('/api/t/wide/meta/draft', { document: wideDocument(objects, fields) });
if (saved.status !== 200) throw new Error(`draft: ${saved.status} ${saved.text.slice(0, 300)}`);

const started = performance.now();
const published = await client.post('/api/t/wide/meta/publish', {});
const publishMs = performance.now() - started;
if (published.status !== 200) throw new Error(`publish: ${published.status} ${published.text.slice(0, 300)}`);
const { created, pending = [] } = published.body.indexes as { created: string[]; pending?: string[] };
console.log(`publish ${objects}×${fields}: ${publishMs.toFixed(0)} ms (${created.length} indexes built during it, ${pending.length} pending)`);
const first = performance.now();
const list = await client.get(`/api/t/wide/records/obj${objects - 1}?limit=20`);
console.log(`first request after it: ${(performance.now() - first).toFixed(0)} ms (${list.status})`);

const wanted = [...created, ...pending];
const db = new pg.Client(url);
await db.connect();
for (;;) {
  const valid = (await db.query(`SELECT count(*)::int AS n FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = ANY($1) AND i.indisvalid`, [wanted])).rows[0].n as number;
  if (valid === wanted.length) break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
console.log(`every index valid ${((performance.now() - started) / 1000).toFixed(1)} s after the publish started`);
await db.end();
await server.close();
process.exit(0);
