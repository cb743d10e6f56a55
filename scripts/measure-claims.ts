// Measures the claim storm on PostgreSQL: 50 BD users claim from 1,000 public leads at once,
// one request in flight per user, through the bench's load driver in its own process
// (bench/drive/claim-storm.ts). Limits are raised so that every lead can be claimed (50 users ×
// 20 holds), so the figure is successful claims per second; then checks one owner per lead.
// Run: node --import tsx scripts/measure-claims.ts [users=50] [leads=1000]
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PostgresStorage } from '../platform/storage/postgres-storage.ts';
import { migrateToLatest } from '../platform/storage/migrate.ts';
import { testDocument } from '../platform/testing/fixtures.ts';
import { startServer } from '../runtime/server/server.ts';
import { ApiClient } from '../runtime/testing/test-server.ts';

const userCount = Number(process.argv[2] ?? 50);
const leadCount = Number(process.argv[3] ?? 1000);
const database = 'shoal_measure_claims';
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
await api.post('/api/tenants', { slug: 'clm', name: 'Claims', admin: { email: 'a@clm.test', password: 'password-1' } }, { token: 'op' });
const client = api.withToken((await api.post('/api/t/clm/auth/login', { email: 'a@clm.test', password: 'password-1' })).body.token);
const document = testDocument();
const perUser = Math.ceil(leadCount / userCount);
Object.assign(document.pools!.leadPool!, { maxPerOwner: perUser, maxClaimsPerDay: perUser });
await client.put('/api/t/clm/meta/draft', { document });
const published = await client.post('/api/t/clm/meta/publish', {});
if (published.status !== 200) throw new Error(`publish: ${published.status} ${published.text}`);
const leads = await client.post('/api/t/clm/records/lead/bulk', { op: 'create', records: Array.from({ length: leadCount }, (_, i) => ({ name: `Lead ${i}` })) });
const ids: string[] = leads.body.results.map((r: { id: string }) => r.id);
const users: Array<{ id: string; token: string }> = [];
for (let u = 0; u < userCount; u++) {
  const email = `bd${u}@clm.test`;
  const created = await client.post('/api/t/clm/users', { email, name: `BD ${u}`, password: 'password-1', roles: ['bd'] });
  if (created.status !== 201) throw new Error(`user: ${created.status} ${created.text}`);
  users.push({ id: created.body.id, token: (await api.post('/api/t/clm/auth/login', { email, password: 'password-1' })).body.token });
}
const specFile = join(tmpdir(), `shoal-claims-${process.pid}.json`);
writeFileSync(specFile, JSON.stringify({ url: server.url, path: '/api/t/clm/pools/leadPool/claim', users, ids }));
// The driver runs in its own process while this one serves.
const output = await new Promise<string>((resolve, reject) => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/drive/claim-storm.ts', specFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`driver exited ${code}`))));
});
const storm = JSON.parse(output.trim().split('\n').pop()!) as { seconds: number; successes: Array<{ user: string; id: string }>; answers: Record<string, number> };
const attempts = Object.values(storm.answers).reduce((a, b) => a + b, 0);
const db = new pg.Client(url);
await db.connect();
const owners = (await db.query(`SELECT count(*)::int AS held, count(DISTINCT id)::int AS leads FROM records WHERE object = 'lead' AND pool_state = 'private'`)).rows[0];
const doubles = storm.successes.length - new Set(storm.successes.map((s) => s.id)).size;
console.log(`claim storm: ${userCount} users × ${leadCount} leads: ${storm.successes.length} claims in ${storm.seconds.toFixed(2)} s = ${Math.round(storm.successes.length / storm.seconds)} claims/s; ${Math.round(attempts / storm.seconds)} answers/s ${JSON.stringify(storm.answers)}`);
console.log(`held in the database: ${owners.held} (distinct ${owners.leads}); leads claimed twice: ${doubles}`);
if (doubles > 0 || owners.held !== storm.successes.length) throw new Error('claims and owners disagree');
await db.end();
await server.close();
process.exit(0);
