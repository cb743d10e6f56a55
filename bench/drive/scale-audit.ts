/**
 * Scale audit: times the requests the apps make every day against the bench's 1M-lead tenant,
 * as its admin and as a BD, and prints them slowest first. Run against a loaded bench database:
 *   node --import tsx bench/drive/scale-audit.ts
 */
import { benchDatabaseUrl, bigSlug, password } from '../config.ts';
import { startShoal } from '../lib/processes.ts';

const child = await startShoal(benchDatabaseUrl, 'audit-admin-token-000000000000000000');
const base = `${child.url}/api/t/${bigSlug}`;
async function login(email: string): Promise<string> {
  const res = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  return ((await res.json()) as { token: string }).token;
}
const who = { admin: await login(`admin@${bigSlug}.bench`), bd: await login(`bd0@${bigSlug}.bench`) };
const results: Array<{ ms: number; as: string; what: string; status: number; size: number }> = [];
async function time(as: keyof typeof who, what: string, method = 'GET', body?: unknown): Promise<unknown> {
  const started = performance.now();
  const res = await fetch(`${base}${what}`, { method, headers: { authorization: `Bearer ${who[as]}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  const ms = performance.now() - started;
  results.push({ ms, as, what: `${method} ${decodeURIComponent(what)}${body ? ` ${JSON.stringify(body)}` : ''}`.slice(0, 200), status: res.status, size: text.length });
  try { return JSON.parse(text); } catch { return text; }
}
const w = (f: unknown) => `where=${encodeURIComponent(JSON.stringify(f))}`;
const me = (await time('bd', '/me')) as { id: string };
const lists = [
  '', '?orderBy=-score', '?orderBy=name', '?orderBy=-updatedAt', '?orderBy=city,-score', '?count=true', '?expand=referrer', '?orderBy=-expectedRevenue', '?orderBy=nextCallAt',
  `?${w({ city: 'shanghai' })}`, `?${w({ city: 'shanghai' })}&orderBy=-score&count=true`, `?${w({ name: { $contains: 'zz' } })}`, `?${w({ name: { $startsWith: 'Lead 12' } })}`,
  `?${w({ score: { $gte: 99 } })}&orderBy=-score`, `?${w({ nextCallAt: { $lt: 'now-15d' } })}`, `?${w({ 'referrer.attributes.team': 'east' })}`,
  `?${w({ owner: '$user.id' })}`, `?${w({ stage: { $in: ['signed', 'lost'] } })}`, `?${w({ city: { $null: true } })}`, `?${w({ city: null })}&orderBy=-score`,
  `?${w({ $or: [{ city: 'beijing' }, { score: { $gte: 95 } }] })}&orderBy=-score`, `?${w({ segment: 'a', source: 'bd' })}&count=true`, `?${w({ contactPhone: { $contains: '138' } })}`,
  `?${w({ poolState: 'private' })}`, `?${w({ expectedRevenue: { $gt: 900000 } })}&orderBy=-expectedRevenue`, `?${w({ stage: 'new', city: 'shanghai', score: { $gte: 80 } })}&orderBy=-score`,
];
for (const as of ['admin', 'bd'] as const) {
  for (const q of lists) await time(as, `/records/lead${q}`);
  await time(as, '/pools/leadPool/public');
  await time(as, `/pools/leadPool/public?${w({ city: 'shanghai' })}&orderBy=-score`);
  await time(as, '/pools/leadPool/mine');
  await time(as, '/records/lead/aggregate', 'POST', { groupBy: ['stage'], metrics: [{ fn: 'count' }] });
  await time(as, '/records/lead/aggregate', 'POST', { groupBy: ['city'], metrics: [{ fn: 'count' }, { fn: 'sum', field: 'expectedRevenue' }] });
  await time(as, '/records/lead/aggregate', 'POST', { groupBy: ['owner'], metrics: [{ fn: 'count' }] });
  await time(as, '/records/lead/aggregate', 'POST', { where: { city: 'beijing' }, metrics: [{ fn: 'avg', field: 'score' }] });
  await time(as, '/pipelines/leadFunnel/funnel');
  await time(as, `/pipelines/leadFunnel/funnel?${w({ city: 'beijing' })}`);
  await time(as, '/work-orders?assignee=me&state=open');
  await time(as, '/work-orders?assignee=me&state=done');
  await time(as, '/objects');
  await time(as, '/notifications');
  await time(as, '/users');
  const first = (await time(as, '/records/lead?limit=1')) as { data: Array<{ id: string }> };
  const id = first.data[0]!.id;
  await time(as, `/records/lead/${id}`);
  await time(as, `/records/lead/${id}/history`);
  await time(as, `/records/visit?${w({ lead: id })}`);
  await time(as, `/records/visit?orderBy=-visitedAt`);
  await time(as, `/records/visit?${w({ 'lead.city': 'shanghai' })}`);
  await time(as, `/records/lead/export.csv?${w({ city: 'shanghai', score: { $gte: 98 } })}`);
}
await time('admin', '/work-orders/queues');
await time('admin', '/assignment-rules');
await time('admin', '/assignment-rules/conflicts');
await time('admin', '/assignment-rules/evenSegmentA/runs');
await time('admin', '/assignment-rules/evenSegmentA/run', 'POST', { dryRun: true });
await time('admin', '/openapi.json');
await time('admin', '/meta');
await time('admin', '/pools/leadPool/sweep', 'POST', { dryRun: true });
void me;
child.process.kill('SIGTERM');
results.sort((a, b) => b.ms - a.ms);
for (const r of results) console.log(`${r.ms.toFixed(0).padStart(7)} ms  ${r.status}  ${r.as.padEnd(5)} ${r.what}  (${r.size} B)`);
process.exit(0);
