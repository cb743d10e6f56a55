// `npm run bench [-- --only list,get] [--processes 2] [--reload] [--load-only]`
// Loads (or reuses) the data set, starts Shoal and the raw baseline as separate processes on
// the same PostgreSQL, drives them from a third process on loopback, and writes
// bench/results/latest.md and latest.json. See docs/scale-out.md and quality.md (Performance).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { initialJavaScript } from '../runtime/web/e2e/app-build.ts';
import { ApiClient } from '../runtime/testing/test-server.ts';
import { benchDatabaseUrl, bigSlug, fullShape, listFilter, operatorToken, password, seed, smallSlug, type DataShape } from './config.ts';
import { benchDocument, wideDocument } from './data/document.ts';
import { ensureData } from './data/load.ts';
import type { CannonResult, CannonSpec } from './drive/cannon.ts';
import { evaluate, parseArgs, renderMarkdown, type HttpFigures, type Row } from './lib/results.ts';
import { freePort, repoRoot, runDriver, spawnChild, startBaseline, startShoal, waitHealthy, type Child } from './lib/processes.ts';

const groups = ['start', 'bundle', 'get', 'list', 'create', 'update', 'claims', 'assign', 'sweep', 'publish', 'resident'] as const;
const args = parseArgs(process.argv.slice(2));
for (const name of args.only ?? []) if (!(groups as readonly string[]).includes(name)) throw new Error(`unknown --only ${name}; known: ${groups.join(', ')}`);
const wants = (group: (typeof groups)[number]) => !args.only || args.only.has(group);

const tiny = process.env.BENCH_TINY === '1';
const shape: DataShape = tiny ? { smallTenants: 2, smallLeads: 3000, bigLeads: 10000, bigUsers: 40, smallUsers: 50, visits: 2000, residentTenants: 5 } : fullShape;
const databaseUrl = tiny ? benchDatabaseUrl.replace(/\/[^/]*$/, '/shoal_bench_tiny') : benchDatabaseUrl;
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const warmup = Number(process.env.BENCH_WARMUP ?? 3);
const connections = 10;

const rows: Row[] = [];
const log = (m: string) => console.log(`[bench] ${m}`);
const runStarted = performance.now();

const marker = await ensureData(shape, { reload: args.reload, url: databaseUrl });
if (args.loadOnly) process.exit(0);

const db = new pg.Client(databaseUrl);
await db.connect();
const tenantId = async (slug: string) => (await db.query('SELECT id FROM tenants WHERE slug = $1', [slug])).rows[0].id as string;
const big = await tenantId(bigSlug);
// The PostgreSQL server's postmaster (the parent of this connection's backend), for the CPU per
// request of the HTTP rows; undefined when the server is not on this machine.
const postmasterPid = await (async () => {
  const backend = (await db.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
  try {
    return Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${backend}/status`, 'utf8'))![1]);
  } catch {
    return undefined;
  }
})();
const t00 = await tenantId(smallSlug(0));
const publishTenant = smallSlug(shape.smallTenants - 1);

let shoal: Child | undefined;
let baseline: Child | undefined;
const children: Child[] = [];
process.on('SIGINT', () => { void Promise.all(children.map((c) => c.stop())).then(() => process.exit(130)); });

async function guard(key: string, operation: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    log(`${operation} failed: ${(error as Error).stack ?? error}`);
    if (shoal) log(`Shoal's last output:\n${shoal.output().slice(-4000)}`);
    rows.push({ key, operation, target: { kind: 'none' }, error: (error as Error).message.split('\n')[0]!.slice(0, 300) });
  }
}

// ---------- no servers needed ----------
if (wants('start')) await guard('start', '`npm start` to healthy, embedded database', measureStart);
if (wants('bundle')) await guard('bundle', 'initial JavaScript', measureBundles);

const httpGroups = ['get', 'list', 'create', 'update', 'claims', 'assign', 'sweep', 'publish'] as const;
if (httpGroups.some((g) => wants(g))) {
  shoal = await startShoal(databaseUrl, operatorToken, 1);
  let shoalProcesses = 1;
  baseline = await startBaseline(databaseUrl);
  children.push(shoal, baseline);
  const api = new ApiClient(shoal.url);
  const login = async (slug: string, email: string) => {
    const res = await api.post(`/api/t/${slug}/auth/login`, { email, password });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${res.text}`);
    return res.body.token as string;
  };
  const userId = async (tenant: string, email: string) => (await db.query('SELECT id FROM users WHERE tenant_id = $1 AND email = $2', [tenant, email])).rows[0].id as string;
  const tokens = {
    bigAdmin: await login(bigSlug, `admin@${bigSlug}.bench`),
    bigBd: await login(bigSlug, `bd0@${bigSlug}.bench`),
    smallAdmin: await login(smallSlug(0), `admin@${smallSlug(0)}.bench`),
    smallBd: await login(smallSlug(0), `bd0@${smallSlug(0)}.bench`),
  };
  const bigBdId = await userId(big, `bd0@${bigSlug}.bench`);
  const smallBdId = await userId(t00, `bd0@${smallSlug(0)}.bench`);
  // The claim storm's leads (segment c of t00) stay out of the read/write samples.
  // Two disjoint samples of up to 5,000 public leads of t00: one read, one updated.
  const samples = (await db.query(
    `SELECT id FROM records WHERE tenant_id = $1 AND object = 'lead' AND deleted_at IS NULL AND pool_state = 'public' AND data->>'segment' IN ('d', 'e')
      ORDER BY md5(id::text) LIMIT 10000`, [t00])).rows.map((r) => r.id as string);
  const half = Math.floor(samples.length / 2);
  const sample = (which: 0 | 1) => (which === 0 ? samples.slice(0, half) : samples.slice(half, 2 * half));

  const cannon = (spec: Omit<CannonSpec, 'connections' | 'warmup' | 'duration'>) => runDriver<CannonResult>('bench/drive/cannon.ts', { connections, warmup, duration, ...spec });
  const figures = (r: CannonResult): HttpFigures => ({ rps: r.rps, p50: r.p50, p99: r.p99, requests: r.requests, non2xx: r.non2xx, errors: r.errors + r.timeouts });
  // CPU per request of each side (server process + PostgreSQL): steadier than req/s on a shared machine.
  const cpuNote = (s: CannonResult, b: CannonResult) => {
    const us = (r: CannonResult) => (r.cpu ? `${r.cpu.serverUs.toFixed(0)} µs + PostgreSQL ${r.cpu.databaseUs.toFixed(0)} µs` : undefined);
    return s.cpu && b.cpu ? `CPU per request: Shoal ${us(s)}; baseline ${us(b)}` : b.cpu ? `CPU per request: baseline ${us(b)}` : undefined;
  };
  const statusNote = (who: string, r: CannonResult) => (r.non2xx || r.errors ? `${who} answers ${JSON.stringify(r.statusCodes)}, ${r.errors} errors` : undefined);
  async function pair(key: string, operation: string, target: Row['target'], shoalSpec: Omit<CannonSpec, 'connections' | 'warmup' | 'duration'>, baseSpec: Omit<CannonSpec, 'connections' | 'warmup' | 'duration'>, note?: string): Promise<{ s: CannonResult; b: CannonResult }> {
    log(`${operation}: Shoal`);
    const s = await cannon({ ...shoalSpec, ...(shoalProcesses === 1 ? { serverPid: shoal!.process.pid, databasePid: postmasterPid } : {}) });
    log(`${operation}: baseline`);
    const b = await cannon({ ...baseSpec, serverPid: baseline!.process.pid, databasePid: postmasterPid });
    const cpu = cpuNote(s, b);
    const notes = [note, statusNote('Shoal', s), statusNote('baseline', b), cpu].filter(Boolean).join('; ');
    rows.push({ key, operation, shoal: figures(s), baseline: figures(b), target, ...(notes ? { note: notes } : {}) });
    log(`${operation}: Shoal ${s.rps.toFixed(0)} req/s p50 ${s.p50} p99 ${s.p99}; baseline ${b.rps.toFixed(0)} req/s p50 ${b.p50} p99 ${b.p99}${cpu ? `; ${cpu}` : ''}`);
    return { s, b };
  }
  const listQuery = `where=${encodeURIComponent(JSON.stringify(listFilter))}&orderBy=-score&limit=50`;
  const baseListQuery = `stage=${listFilter.stage}&city=${listFilter.city}&minScore=${listFilter.score.$gte}&limit=50`;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  const runGet = async (suffix = '') => pair(`get${suffix}`, `get by id as a BD (ABAC on)${suffix}`, { kind: 'rpsRatio', min: 0.6 },
    { url: shoal!.url, headers: bearer(tokens.smallBd), kind: 'get', path: `/api/t/${smallSlug(0)}/records/lead/`, ids: sample(0) },
    { url: baseline!.url, headers: { 'x-user': smallBdId }, kind: 'get', path: `/t/${t00}/leads/`, ids: sample(0) });
  const runList = async (suffix = '', bd = true) => {
    const admin = await pair(`list-admin${suffix}`, `filtered list, 1M leads, as admin${suffix}`, { kind: 'p99Ratio', max: 2 },
      { url: shoal!.url, headers: bearer(tokens.bigAdmin), kind: 'list', path: `/api/t/${bigSlug}/records/lead?${listQuery}` },
      { url: baseline!.url, headers: {}, kind: 'list', path: `/t/${big}/leads?${baseListQuery}` });
    if (!bd) return;
    const asBd = await pair(`list-bd${suffix}`, `filtered list, 1M leads, as a BD${suffix}`, { kind: 'p99Ratio', max: 2 },
      { url: shoal!.url, headers: bearer(tokens.bigBd), kind: 'list', path: `/api/t/${bigSlug}/records/lead?${listQuery}` },
      { url: baseline!.url, headers: { 'x-user': bigBdId }, kind: 'list', path: `/t/${big}/leads?${baseListQuery}` });
    rows.push({
      key: `list-permission${suffix}`, operation: `permission filtering cost: BD p99 / admin p99${suffix}`, value: asBd.s.p99 / Math.max(admin.s.p99, 0.001), unit: '×',
      target: { kind: 'max', max: 1.2 }, note: `p50 ratio ${(asBd.s.p50 / Math.max(admin.s.p50, 0.001)).toFixed(2)}×`,
    });
  };

  if (wants('get')) await guard('get', 'get by id as a BD', () => runGet().then(() => undefined));
  if (wants('list')) await guard('list', 'filtered list', () => runList());
  if (wants('create')) await guard('create', 'create', async () => {
    await pair('create', 'create (validation, audit, RLS)', { kind: 'rpsRatio', min: 0.5 },
      { url: shoal!.url, headers: bearer(tokens.smallAdmin), kind: 'create', path: `/api/t/${smallSlug(0)}/records/lead` },
      { url: baseline!.url, headers: {}, kind: 'create', path: `/t/${t00}/leads` });
  });
  if (wants('update')) await guard('update', 'update with If-Match', async () => {
    const ids = sample(1);
    const versions = async (table: string) => {
      const { rows: found } = await db.query(`SELECT id, version FROM ${table} WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [t00, ids]);
      const byId = new Map(found.map((r) => [r.id as string, r.version as number]));
      return ids.map((id) => byId.get(id) ?? 1);
    };
    await pair('update', 'update with If-Match', { kind: 'rpsRatio', min: 0.5 },
      { url: shoal!.url, headers: bearer(tokens.smallAdmin), kind: 'update', path: `/api/t/${smallSlug(0)}/records/lead/`, ids, versions: await versions('records') },
      { url: baseline!.url, headers: {}, kind: 'update', path: `/t/${t00}/leads/`, ids, versions: await versions('bench_leads') });
  });

  if (wants('claims')) await guard('claims', 'claim storm', async () => {
    const ids = (await db.query(`SELECT id FROM records WHERE tenant_id = $1 AND object = 'lead' AND data->>'segment' = 'c' ORDER BY id LIMIT 1000`, [t00])).rows.map((r) => r.id as string);
    await resetPool(t00);
    const users = (await db.query(`SELECT id, email FROM users WHERE tenant_id = $1 AND 'bd' = ANY(roles) ORDER BY email LIMIT 50`, [t00])).rows as Array<{ id: string; email: string }>;
    const withTokens = [];
    for (const u of users) withTokens.push({ id: u.id, token: await login(smallSlug(0), u.email) });
    log(`claim storm: ${users.length} users × ${ids.length} public leads`);
    const storm = await runDriver<{ seconds: number; successes: Array<{ user: string; id: string }>; answers: Record<string, number> }>('bench/drive/claim-storm.ts', {
      url: shoal!.url, path: `/api/t/${smallSlug(0)}/pools/leadPool/claim`, users: withTokens, ids,
    });
    const problems: string[] = [];
    const perLead = new Map<string, number>();
    for (const s of storm.successes) perLead.set(s.id, (perLead.get(s.id) ?? 0) + 1);
    const doubles = [...perLead.values()].filter((n) => n > 1).length;
    if (doubles > 0) problems.push(`${doubles} leads were claimed successfully by two users`);
    const owners = new Map((await db.query(`SELECT id, owner, pool_state FROM records WHERE tenant_id = $1 AND object = 'lead' AND id = ANY($2::uuid[])`, [t00, ids])).rows.map((r) => [r.id as string, r as { owner: string | null; pool_state: string }]));
    const wrongOwner = storm.successes.filter((s) => owners.get(s.id)?.owner !== s.user || owners.get(s.id)?.pool_state !== 'private').length;
    if (wrongOwner > 0) problems.push(`${wrongOwner} successful claims are not the lead's owner in the database`);
    const strayOwners = [...owners.entries()].filter(([id, r]) => r.owner && !perLead.has(id)).length;
    if (strayOwners > 0) problems.push(`${strayOwners} leads have an owner without a successful claim`);
    const pool = benchDocument().pools as { leadPool: { maxPerOwner: number; maxClaimsPerDay: number } };
    const held = (await db.query(`SELECT owner, count(*)::int AS n FROM records WHERE tenant_id = $1 AND object = 'lead' AND pool_state = 'private' GROUP BY owner`, [t00])).rows as Array<{ owner: string; n: number }>;
    const overHeld = held.filter((h) => h.n > pool.leadPool.maxPerOwner).length;
    const perUser = new Map<string, number>();
    for (const s of storm.successes) perUser.set(s.user, (perUser.get(s.user) ?? 0) + 1);
    const overDaily = [...perUser.values()].filter((n) => n > pool.leadPool.maxClaimsPerDay).length;
    if (overHeld + overDaily > 0) problems.push(`${overHeld} users over maxPerOwner, ${overDaily} over maxClaimsPerDay`);
    const attempts = Object.values(storm.answers).reduce((a, b) => a + b, 0);
    rows.push({
      key: 'claims', operation: `claim storm: ${users.length} users × ${ids.length} public leads`, value: storm.successes.length / storm.seconds, unit: 'claims/s',
      target: { kind: 'min', min: 500 }, problems,
      note: `${storm.successes.length} claims succeeded in ${storm.seconds.toFixed(2)} s (${Math.round(attempts / storm.seconds)} claim requests/s answered: ${JSON.stringify(storm.answers)}); double owners ${doubles}, over-limit users ${overHeld + overDaily} (limits ${pool.leadPool.maxPerOwner} held, ${pool.leadPool.maxClaimsPerDay}/day)`,
    });
    log(`claim storm: ${storm.successes.length} claims in ${storm.seconds.toFixed(2)} s; ${JSON.stringify(storm.answers)}`);
    await resetPool(t00);
  });

  if (wants('assign')) await guard('assign', 'assignment', async () => {
    const admin = api.withToken(tokens.bigAdmin);
    await resetPool(big);
    const now = new Date();
    const past = new Date(now.getTime() - 40 * 86400_000);
    const runRule = async (rule: string, asOf: Date, label: string) => {
      const started = performance.now();
      const res = await admin.post(`/api/t/${bigSlug}/assignment-rules/${rule}/run`, { asOf: asOf.toISOString() });
      const seconds = (performance.now() - started) / 1000;
      if (res.status !== 200) throw new Error(`${rule}: ${res.status} ${res.text.slice(0, 300)}`);
      const perUser = Object.values(res.body.stats.perUser as Record<string, unknown>);
      const allocations = (res.body.allocations as unknown[]).length;
      log(`${label}: ${allocations} allocations in ${seconds.toFixed(1)} s, spread ${res.body.stats.spread}, variance ${res.body.stats.variance}`);
      return { seconds, allocations, spread: res.body.stats.spread as number, variance: res.body.stats.variance as number, users: perUser.length };
    };
    await guard('assign-even', 'assignment `even`', async () => {
      const even = await runRule('evenSegmentA', past, 'assignment even');
      rows.push({
        key: 'assign-even', operation: `assignment \`even\`: ${even.allocations.toLocaleString('en-US')} public leads → ${even.users} users, caps on`, value: even.seconds, unit: 's',
        target: { kind: 'max', max: 5 }, problems: [...(even.spread > 1 ? [`max−min per user is ${even.spread} (> 1)`] : []), ...(even.allocations < 0.99 * shape.bigLeads / 10 ? [`only ${even.allocations} allocations`] : [])],
        note: `max−min per user ${even.spread}, variance of holdings ${even.variance}`,
      });
    });
    await guard('assign-minvariance', 'assignment `minVariance`', async () => {
      const minVar = await runRule('minVarianceSegmentB', now, 'assignment minVariance');
      rows.push({
        key: 'assign-minvariance', operation: `assignment \`minVariance\`: ${minVar.allocations.toLocaleString('en-US')} public leads → ${minVar.users} users, caps on`, value: minVar.seconds, unit: 's',
        target: { kind: 'max', max: 5 }, note: `max−min per user ${minVar.spread}, variance of holdings ${minVar.variance}`,
      });
    });
    await resetPool(big);
  });

  if (wants('sweep')) await guard('sweep', 'pool sweep', async () => {
    const admin = api.withToken(tokens.bigAdmin);
    await resetPool(big);
    // 100,000 holds that expired ten days ago (segment a, spread over the 1,000 east users),
    // written with SQL so the sweep is measured on its own.
    await db.query(`
      WITH u AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM users WHERE tenant_id = $1 AND attributes->>'team' = 'east'),
           l AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM records WHERE tenant_id = $1 AND object = 'lead' AND data->>'segment' = 'a')
      UPDATE records AS r SET owner = u.id, pool_state = 'private', claimed_at = now() - interval '40 days', hold_expires_at = now() - interval '10 days'
        FROM l JOIN u ON u.n = l.n % (SELECT count(*) FROM u)
       WHERE r.tenant_id = $1 AND r.object = 'lead' AND r.id = l.id`, [big]);
    await vacuumPoolTables();
    const due = (await db.query(`SELECT count(*)::int AS n FROM records WHERE tenant_id = $1 AND object = 'lead' AND pool_state = 'private' AND hold_expires_at <= now() AND stage IS DISTINCT FROM 'signed'`, [big])).rows[0].n as number;
    const started = performance.now();
    const res = await admin.post(`/api/t/${bigSlug}/pools/leadPool/sweep`, { asOf: new Date().toISOString() });
    const seconds = (performance.now() - started) / 1000;
    if (res.status !== 200) throw new Error(`sweep: ${res.status} ${res.text.slice(0, 300)}`);
    log(`sweep: released ${res.body.released} in ${seconds.toFixed(1)} s ${JSON.stringify(res.body.byReason)}`);
    rows.push({
      key: 'sweep', operation: `pool sweep of the 1M tenant (${due.toLocaleString('en-US')} holds expired, signed exempt)`, value: seconds, unit: 's', target: { kind: 'max', max: 10 },
      problems: res.body.released < due ? [`released ${res.body.released} of ${due} expired holds`] : [],
      note: `released ${res.body.released} ${JSON.stringify(res.body.byReason)}; holds written with SQL (claimed 40 days ago, expired 10 days ago), signed leads are exempt`,
    });
    await resetPool(big);
  });

  if (wants('publish')) {
    await guard('publish', 'publish', measurePublishWide);
    await guard('publish-field', 'publish adding an indexed field', async () => measurePublishField(api.withToken(await login(publishTenant, `admin@${publishTenant}.bench`))));
  }

  if (args.processes > 1 && (wants('get') || wants('list'))) {
    await guard('scale', `${args.processes} processes`, async () => {
      await shoal!.stop();
      shoal = await startShoal(databaseUrl, operatorToken, args.processes);
      shoalProcesses = args.processes;
      children.push(shoal);
      // Tokens stay valid: sessions live in PostgreSQL, not in a process.
      if (wants('get')) await runGet(`, ${args.processes} processes`);
      if (wants('list')) await runList(`, ${args.processes} processes`, false);
    });
  }
  await shoal?.stop();
  await baseline?.stop();
}

if (wants('resident')) await guard('resident', '1,000 resident tenants', measureResident);

await db.end();
await writeResults();
process.exit(0);

// ---------------------------------------------------------------------------------------

/**
 * Puts a tenant's pool back as loaded: every lead public, no holds, releases, counters or work
 * orders, and the tables vacuumed as after loading. The server here runs without autovacuum, so
 * without the VACUUM each reset's 100,000–200,000 dead row versions (and their index entries)
 * stayed for the next measurement: a second assignment run in one session took 9.3–9.9 s where
 * the first took 6.1 s.
 */
async function resetPool(tenant: string): Promise<void> {
  await db.query(`UPDATE records SET owner = NULL, pool_state = 'public', claimed_at = NULL, hold_expires_at = NULL, released_at = NULL,
                    release_reason = NULL, released_by = NULL, extended_times = 0, extended_days = 0
                   WHERE tenant_id = $1 AND object = 'lead' AND (pool_state IS DISTINCT FROM 'public' OR owner IS NOT NULL OR released_at IS NOT NULL)`, [tenant]);
  for (const table of ['pool_releases', 'pool_users', 'pool_events', 'assignment_counters', 'work_orders', 'notifications']) {
    await db.query(`DELETE FROM ${table} WHERE tenant_id = $1`, [tenant]);
  }
  await vacuumPoolTables();
}

async function vacuumPoolTables(): Promise<void> {
  await db.query('VACUUM (ANALYZE) records, record_history, pool_releases, pool_users, pool_events, assignment_counters, work_orders, notifications');
  // As after loading: the reset's gigabytes of WAL would otherwise leave a checkpoint running
  // into the next measurement (the first run of a session started after the load's CHECKPOINT,
  // the second in the middle of one).
  await db.query('CHECKPOINT');
}

async function measureStart(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shoal-start-'));
  const once = async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), SHOAL_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    delete env.SHOAL_DEMO;
    const started = performance.now();
    const child = spawnChild('npm', ['start'], env, port);
    try {
      await waitHealthy(`${child.url}/healthz`, 120_000, child.process);
      return (performance.now() - started) / 1000;
    } finally {
      await child.stop();
    }
  };
  try {
    const first = await once();
    const second = await once();
    log(`npm start: first ${first.toFixed(1)} s, second ${second.toFixed(1)} s`);
    rows.push({ key: 'start', operation: '`npm start` to healthy, embedded database, first start (migrations, demo tenants)', value: first, unit: 's', target: { kind: 'max', max: 10 }, note: `a second start on the same data directory: ${second.toFixed(1)} s` });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measureBundles(): Promise<void> {
  if (!existsSync(join(repoRoot, 'runtime/web/dist/index.html')) || !existsSync(join(repoRoot, 'studio/dist/index.html'))) {
    log('building the web apps (node scripts/build-web.mjs)');
    spawnSync(process.execPath, ['scripts/build-web.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  }
  const app = initialJavaScript();
  const appKb = app.reduce((n, f) => n + f.gzip, 0) / 1024;
  rows.push({ key: 'app-js', operation: 'end-user app: initial JavaScript (gzip)', value: appKb, unit: 'KB', target: { kind: 'max', max: 300 }, note: `${app.length} files (runtime/web/dist as built)` });
  const studio = spawnSync(process.execPath, ['studio/measure-bundle.mjs'], { cwd: repoRoot, encoding: 'utf8' });
  const match = /initial JS: (\d+) files, [\d.]+ KB, ([\d.]+) KB gzip/.exec(studio.stdout);
  if (!match) throw new Error(`studio/measure-bundle.mjs printed no total: ${studio.stdout.slice(-300)} ${studio.stderr.slice(-300)}`);
  rows.push({ key: 'studio-js', operation: 'studio: initial JavaScript before the code editor (gzip)', value: Number(match[2]), unit: 'KB', target: { kind: 'max', max: 500 }, note: `${match[1]} files (studio/dist as built)` });
}

/** Publishes the 50 × 40 document into a fresh tenant of a fresh database, and the first request after. */
async function measurePublishWide(): Promise<void> {
  const url = databaseUrl.replace(/\/[^/]*$/, '/shoal_bench_publish');
  const admin = new pg.Client(databaseUrl.replace(/\/[^/]*$/, '/postgres'));
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS shoal_bench_publish WITH (FORCE)');
  await admin.query('CREATE DATABASE shoal_bench_publish');
  await admin.end();
  const server = await startShoal(url, operatorToken, 1);
  children.push(server);
  try {
    const api = new ApiClient(server.url);
    const created = await api.post('/api/tenants', { slug: 'wide', name: 'Wide', admin: { email: 'admin@wide.bench', password } }, { token: operatorToken });
    if (created.status !== 201) throw new Error(`creating the tenant: ${created.status} ${created.text}`);
    const client = api.withToken((await api.post('/api/t/wide/auth/login', { email: 'admin@wide.bench', password })).body.token);
    const document = wideDocument(50, 40);
    const savedAt = performance.now();
    const saved = await client.put('/api/t/wide/meta/draft', { document });
    const saveMs = performance.now() - savedAt;
    if (saved.status !== 200) throw new Error(`saving the draft: ${saved.status} ${saved.text.slice(0, 500)}`);
    const started = performance.now();
    const published = await client.post('/api/t/wide/meta/publish', {});
    const publishMs = performance.now() - started;
    if (published.status !== 200) throw new Error(`publish: ${published.status} ${published.text.slice(0, 500)}`);
    const firstAt = performance.now();
    const first = await client.get('/api/t/wide/records/obj49?limit=50');
    const firstMs = performance.now() - firstAt;
    if (first.status !== 200) throw new Error(`first request: ${first.status} ${first.text.slice(0, 300)}`);
    const secondAt = performance.now();
    await client.get('/api/t/wide/records/obj48?limit=50');
    const secondMs = performance.now() - secondAt;
    log(`publish 50×40: ${publishMs.toFixed(0)} ms, first request ${firstMs.toFixed(0)} ms`);
    rows.push({
      key: 'publish', operation: 'publish a 50-object × 40-field document (new tenant)', value: publishMs, unit: 'ms', target: { kind: 'max', max: 1000 },
      note: `${published.body.indexes.created.length} indexes built by the publish, ${published.body.indexes.pending?.length ?? 0} left to build in the background after it, on an empty records table (fresh database shoal_bench_publish); saving the draft took ${saveMs.toFixed(0)} ms`,
    });
    rows.push({ key: 'publish-first', operation: 'first request after the publish (list of obj49)', value: firstMs, unit: 'ms', target: { kind: 'none' }, note: `the next request (obj48): ${secondMs.toFixed(0)} ms` });
  } finally {
    await server.stop();
  }
}

/** Adds an indexed field to a 100k-lead tenant in the loaded database (then removes it): no record may be rewritten. */
async function measurePublishField(client: ApiClient): Promise<void> {
  const base = benchDocument() as { objects: { lead: { fields: Record<string, unknown> } } };
  const withField = structuredClone(base);
  withField.objects.lead.fields.priority = { type: 'integer', min: 0, max: 10, indexed: true };
  const updates = async () => {
    await new Promise((r) => setTimeout(r, 1500)); // statistics reach pg_stat after the backend reports them
    const { rows: r } = await db.query(`SELECT n_tup_upd::bigint + n_tup_ins::bigint AS n FROM pg_stat_user_tables WHERE relname = 'records'`);
    return Number(r[0].n);
  };
  const publish = async (document: unknown) => {
    const saved = await client.put(`/api/t/${publishTenant}/meta/draft`, { document });
    if (saved.status !== 200) throw new Error(`draft: ${saved.status} ${saved.text.slice(0, 300)}`);
    const started = performance.now();
    const res = await client.post(`/api/t/${publishTenant}/meta/publish`, { confirmDestructive: true });
    if (res.status !== 200) throw new Error(`publish: ${res.status} ${res.text.slice(0, 300)}`);
    return { ms: performance.now() - started, body: res.body };
  };
  const tableRows = Number((await db.query(`SELECT reltuples::bigint AS n FROM pg_class WHERE relname = 'records'`)).rows[0].n);
  const tenantLeads = Number((await db.query(`SELECT count(*) AS n FROM records r JOIN tenants t ON t.id = r.tenant_id WHERE t.slug = $1 AND r.object = 'lead'`, [publishTenant])).rows[0].n);
  const before = await updates();
  const added = await publish(withField);
  // Shared indexes are built after the publish answers: time until the new one is usable.
  const pendingNames = (added.body.indexes.pending ?? []) as string[];
  const waitStarted = performance.now();
  while (pendingNames.length > 0) {
    const { rows: ready } = await db.query(
      'SELECT count(*)::int AS n FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = ANY($1) AND i.indisvalid', [pendingNames]);
    if (ready[0].n === pendingNames.length) break;
    if (performance.now() - waitStarted > 300_000) throw new Error(`index ${pendingNames.join(', ')} not built after 5 minutes`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const readyMs = added.ms + (performance.now() - waitStarted);
  const written = (await updates()) - before;
  const removed = await publish(base);
  log(`publish adding an indexed field: ${added.ms.toFixed(0)} ms, removing it ${removed.ms.toFixed(0)} ms, ${written} rows written`);
  rows.push({
    key: 'publish-field', operation: `publish adding an indexed field to a tenant with ${tenantLeads.toLocaleString('en-US')} leads (records table of ${(tableRows / 1e6).toFixed(2)}M rows)`,
    value: added.ms, unit: 'ms', target: { kind: 'max', max: 1000 }, problems: written > 0 ? [`${written} rows of records were written by the publish`] : [],
    note: `index built by the publish: ${JSON.stringify(added.body.indexes.created)}, in the background after it: ${JSON.stringify(pendingNames)} (usable ${readyMs.toFixed(0)} ms after the publish started); records rows written by the publish: ${written}; removing the field again took ${removed.ms.toFixed(0)} ms`,
  });
}

async function measureResident(): Promise<void> {
  const keys = (await db.query('SELECT slug, key FROM bench_resident_keys ORDER BY slug')).rows as Array<{ slug: string; key: string }>;
  if (keys.length < 2) throw new Error('no resident tenants loaded');
  const result = await new Promise<{ tenants: number; before: { rss: number; heap: number }; after: { rss: number; heap: number }; seconds: number; secondPass: number }>((resolve, reject) => {
    const file = join(mkdtempSync(join(tmpdir(), 'shoal-resident-')), 'spec.json');
    writeFileSync(file, JSON.stringify({ databaseUrl, adminToken: operatorToken, keys }));
    const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/drive/resident.ts', file], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, SHOAL_JOBS: '0' } });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    try { resolve(JSON.parse(line)); } catch { reject(new Error(`resident driver failed: ${child.stderr.slice(-1000)}`)); }
  });
  const mb = (n: number) => n / 1024 / 1024;
  const added = mb(result.after.rss - result.before.rss);
  log(`resident: ${result.tenants} tenants add ${added.toFixed(1)} MB RSS`);
  rows.push({
    key: 'resident', operation: `${(result.tenants + 1).toLocaleString('en-US')} resident tenants (hotel template), compiled and cached`, value: added, unit: 'MB RSS', target: { kind: 'max', max: 200 },
    note: `${(added * 1024 / result.tenants).toFixed(0)} KB RSS per tenant, heap ${mb(result.after.heap - result.before.heap).toFixed(1)} MB added; first request to each: ${(result.seconds * 1000 / result.tenants).toFixed(1)} ms on average, a second pass ${(result.secondPass * 1000 / result.tenants).toFixed(1)} ms (cached)`,
  });
}

/** The --only group a row belongs to (rows of other groups are kept from the previous results). */
function groupOf(key: string): string {
  if (/, \d+ processes$/.test(key)) return 'scale';
  if (key === 'app-js' || key === 'studio-js') return 'bundle';
  for (const prefix of ['list', 'assign', 'publish']) if (key.startsWith(prefix)) return prefix;
  return key;
}

async function writeResults(): Promise<void> {
  const jsonPath = join(repoRoot, 'bench/results/latest.json');
  if (args.only && existsSync(jsonPath)) {
    // A partial run replaces its groups' rows and keeps the others of the last run.
    const previous = JSON.parse(readFileSync(jsonPath, 'utf8')) as { rows: Row[] };
    const replaced = new Set([...args.only, ...(args.processes > 1 ? ['scale'] : [])]);
    const kept = previous.rows.filter((r) => !replaced.has(groupOf(r.key)) && !rows.some((n) => n.key === r.key));
    rows.unshift(...kept.map(({ key, operation, shoal, baseline, value, unit, target, problems, note, error }) => ({
      key, operation, target, ...(shoal ? { shoal } : {}), ...(baseline ? { baseline } : {}), ...(value !== undefined ? { value } : {}), ...(unit ? { unit } : {}),
      ...(problems?.length ? { problems } : {}), ...(note ? { note: note.endsWith("(from the previous run)") || note === "from the previous run" ? note : `${note} (from the previous run)` } : { note: 'from the previous run' }), ...(error ? { error } : {}),
    })));
    const order = ['start', 'bundle', 'get', 'list', 'create', 'update', 'claims', 'assign', 'sweep', 'publish', 'scale', 'resident'];
    rows.sort((a, b) => order.indexOf(groupOf(a.key)) - order.indexOf(groupOf(b.key)));
  }
  const evaluated = rows.map(evaluate);
  const stats = marker.stats;
  const failing = evaluated.filter((r) => r.pass === false).length;
  const header = {
    title: 'Shoal benchmark results',
    lines: [
      `Run ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, PostgreSQL ${(await serverVersion())}; ${((performance.now() - runStarted) / 1000 / 60).toFixed(1)} min${args.only ? `; only ${[...args.only].join(', ')}` : ''}${args.processes > 1 ? `; --processes ${args.processes}` : ''}.`,
      `Data (seed ${seed}): ${shape.smallTenants} tenants × ${shape.smallLeads.toLocaleString('en-US')} leads + 1 tenant × ${shape.bigLeads.toLocaleString('en-US')} leads, ${stats.users.toLocaleString('en-US')} users, ${stats.visits.toLocaleString('en-US')} visits, ${stats.residentTenants} resident tenants. ` +
        `Loaded through \`POST /records/{o}/bulk\` (1,000 a call, 3 in flight): leads ${stats.leadsPerSecond.toLocaleString('en-US')} records/s (${(stats.leadSeconds / 60).toFixed(1)} min), visits ${stats.visitsPerSecond.toLocaleString('en-US')} records/s.`,
      `HTTP rows: autocannon in its own process, ${connections} connections, ${warmup} s warm-up then ${duration} s, Shoal then the baseline for each operation. Ratio: req/s rows Shoal/baseline req/s; list rows Shoal/baseline p99.`,
      `${failing} of ${evaluated.filter((r) => r.pass !== null).length} targets failed.`,
    ],
  };
  mkdirSync(join(repoRoot, 'bench/results'), { recursive: true });
  const md = renderMarkdown(evaluated, header);
  writeFileSync(join(repoRoot, 'bench/results/latest.md'), md);
  writeFileSync(jsonPath, `${JSON.stringify({ header, load: stats, rows: evaluated }, null, 2)}\n`);
  console.log(`\n${md}`);
}

async function serverVersion(): Promise<string> {
  const c = new pg.Client(databaseUrl);
  await c.connect();
  const v = (await c.query('SHOW server_version')).rows[0].server_version as string;
  // The settings that move write-heavy figures most (see docs/scale-out.md, PostgreSQL settings).
  const settings = (await c.query(`SELECT name, current_setting(name) AS value FROM pg_settings
    WHERE name IN ('shared_buffers', 'max_wal_size', 'autovacuum', 'synchronous_commit') ORDER BY name`)).rows as Array<{ name: string; value: string }>;
  await c.end();
  return `${v} (${settings.map((s) => `${s.name} ${s.value}`).join(', ')})`;
}

