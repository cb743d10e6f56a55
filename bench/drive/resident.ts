// Memory of resident tenants, in its own process (run with --expose-gc): starts Shoal
// in-process on PostgreSQL, warms it on one tenant, then makes one request to each tenant
// so each one's metadata is compiled and cached, and reports the resident set size before
// and after (after a full garbage collection each time).
import { readFileSync } from 'node:fs';
import { startServer } from '../../runtime/server/server.ts';

interface ResidentSpec { databaseUrl: string; adminToken: string; keys: Array<{ slug: string; key: string }> }
const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as ResidentSpec;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const server = await startServer(
  { port: 0, databaseUrl: spec.databaseUrl, dataDir: '', adminToken: spec.adminToken, demo: false, logRequests: false, jobs: false, tickSeconds: 30 },
  { host: '127.0.0.1' },
);
async function touch(slug: string, key: string): Promise<void> {
  const res = await fetch(`${server.url}/api/t/${slug}/records/hotel?limit=1`, { headers: { authorization: `Bearer ${key}` } });
  if (res.status !== 200) throw new Error(`${slug}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}
async function settle(): Promise<{ rss: number; heap: number }> {
  for (let i = 0; i < 3; i++) { gc!(); await new Promise((r) => setTimeout(r, 200)); }
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed };
}

const [first, ...rest] = spec.keys;
for (let i = 0; i < 50; i++) await touch(first!.slug, first!.key);
const before = await settle();
const started = performance.now();
for (const { slug, key } of rest) await touch(slug, key);
const seconds = (performance.now() - started) / 1000;
const after = await settle();
// Once more over every tenant: the cache must hold them (the second pass compiles nothing).
const again = performance.now();
for (const { slug, key } of rest) await touch(slug, key);
const secondPass = (performance.now() - again) / 1000;
await server.close();
process.stdout.write(`${JSON.stringify({ tenants: rest.length, before, after, seconds, secondPass })}\n`);
process.exit(0);
