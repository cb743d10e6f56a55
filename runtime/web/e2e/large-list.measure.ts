/**
 * First render of the lead list on a tenant with 1,000,000 leads (PostgreSQL), in headless
 * Chromium: time from navigation start to the first 50 rows on screen, median of 5 runs, cold
 * (a fresh browser context: empty HTTP cache, nothing compiled) and warm (the same page again).
 * Target (issue 9): ≤ 1 s.
 *
 *   node --import tsx runtime/web/e2e/large-list.measure.ts
 *
 * Environment: LARGE_LIST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/shoal_large_list;
 * created when missing), LEADS (default 1000000), RUNS (default 5). The tenant `large-list` is
 * created from the hotel template with its sample data; leads are then added straight into
 * `records` with INSERT … SELECT generate_series (first run only: a later run reuses them).
 */
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { openStorage } from '../../../platform/storage/open-storage.ts';
import { startServer } from '../../server/server.ts';
import { launchBrowser } from '../../testing/browser.ts';
import { ApiClient } from '../../testing/test-server.ts';
import { ensureAppBuilt } from './app-build.ts';

const databaseUrl = process.env.LARGE_LIST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/shoal_large_list';
const wantedLeads = Number(process.env.LEADS ?? 1_000_000);
const runs = Number(process.env.RUNS ?? 5);
const slug = 'large-list';
const operatorToken = 'large-list-operator-token';
const password = 'shoal-demo';

function log(message: string): void {
  console.log(`[large-list] ${message}`);
}

async function ensureDatabase(): Promise<void> {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (found.rowCount === 0) {
    log(`creating database ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  }
  await admin.end();
}

/** Tops the tenant's leads up to `wantedLeads` with generated rows shaped like the sample leads. */
async function fillLeads(tenantId: string): Promise<void> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const count = Number((await db.query(`SELECT count(*) AS n FROM records WHERE tenant_id = $1 AND object = 'lead' AND deleted_at IS NULL`, [tenantId])).rows[0].n);
    const missing = wantedLeads - count;
    log(`${count} leads in ${slug}${missing > 0 ? `, adding ${missing}` : ''}`);
    if (missing <= 0) return;
    const bds = (await db.query(`SELECT id FROM users WHERE tenant_id = $1 AND 'bd' = ANY(roles) ORDER BY email`, [tenantId])).rows.map((r) => r.id as string);
    const started = Date.now();
    await db.query('SET statement_timeout = 0');
    // Every 50th lead is held privately by a BD; the others are public. Creation times spread
    // over two years, updates after creation, hotels and values cycled from the sample data.
    await db.query(`
      WITH hotel AS (
        SELECT row_number() OVER (ORDER BY id) - 1 AS i, id, data->>'name' AS name
          FROM records WHERE tenant_id = $1 AND object = 'hotel' AND deleted_at IS NULL
      ), n AS (SELECT count(*) AS n FROM hotel)
      INSERT INTO records (tenant_id, object, id, owner, stage, pool, pool_state, claimed_at, hold_expires_at, stage_entered_at,
                           created_at, updated_at, data)
      SELECT $1, 'lead', gen_random_uuid(),
             CASE WHEN g % 50 = 0 THEN ($2::uuid[])[1 + (g / 50) % array_length($2::uuid[], 1)] END,
             CASE WHEN g % 50 = 0 THEN (ARRAY['contacted','confirmed','negotiating','signed'])[1 + g % 4]
                  ELSE (ARRAY['new','new','new','contacted','confirmed','lost'])[1 + g % 6] END,
             'leadPool',
             CASE WHEN g % 50 = 0 THEN 'private' ELSE 'public' END,
             CASE WHEN g % 50 = 0 THEN now() - (g % 20) * interval '1 day' END,
             CASE WHEN g % 50 = 0 THEN now() + (45 - g % 20) * interval '1 day' END,
             t.created,
             t.created, t.created + (g % 30) * interval '1 day' * (CASE WHEN g % 3 = 0 THEN 1 ELSE 0 END),
             jsonb_build_object(
               'name', h.name || ' · ' || (ARRAY['合作洽谈','新店上线','续约','房态直连','会员合作','独家合作','渠道合作','淡季促销'])[1 + g % 8] || ' #' || g,
               'hotel', h.id::text,
               'source', (ARRAY['crawl','bd','merchant','crowd'])[1 + g % 4],
               'score', ((g::bigint * 7919) % 101)::int,
               'priority', (ARRAY['high','medium','medium','low'])[1 + g % 4])
        FROM generate_series(1, $3::int) AS g
        CROSS JOIN n
        JOIN hotel AS h ON h.i = g % n.n
        CROSS JOIN LATERAL (SELECT now() - interval '730 days' + (g::float / $3) * interval '730 days' AS created) AS t`,
      [tenantId, bds, missing]);
    log(`inserted ${missing} leads in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await db.query('ANALYZE records');
    log('analyzed');
  } finally {
    await db.end();
  }
}

interface Sample {
  ms: number;
  /** The list request (POST …/records/lead/query) as the browser saw it: start and end, ms from navigation start. */
  list: { start: number; end: number } | undefined;
  /** Every request of the load, for a breakdown. */
  requests: Array<{ name: string; start: number; end: number }>;
}

/** Navigates to the list and returns ms from navigation start until 50 rows are on screen. */
async function measure(page: Page, url: string): Promise<Sample> {
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    () => (document.querySelectorAll('#main .ant-table-tbody tr.ant-table-row').length >= 50 ? performance.now() : false),
    undefined, { polling: 'raf', timeout: 60_000 },
  );
  const ms = (await handle.jsonValue()) as number;
  const requests = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({
    name: new URL(e.name).pathname.replace(/^\/(api\/t\/[^/]+|app)/, ''), start: Math.round(e.startTime), end: Math.round((e as PerformanceResourceTiming).responseEnd),
  })));
  const list = requests.find((r) => r.name === '/records/lead/query');
  return { ms, list, requests };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function runFor(browser: Browser, baseURL: string, email: string): Promise<{ cold: Sample[]; warm: Sample[] }> {
  const login = await browser.newContext({ baseURL, viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await login.newPage();
  await page.goto(`/app/${slug}/`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.locator('header.shoal-header').waitFor();
  const state = await login.storageState();
  await login.close();
  const url = `/app/${slug}/o/lead`;
  const cold: Sample[] = [];
  const warm: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ baseURL, storageState: state, viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const tab = await context.newPage();
    cold.push(await measure(tab, url));
    // Warm: the same tab again (HTTP cache, compiled scripts, the database's buffers).
    await tab.goto('about:blank');
    warm.push(await measure(tab, url));
    await context.close();
  }
  return { cold, warm };
}

async function main(): Promise<void> {
  ensureAppBuilt();
  await ensureDatabase();
  const storage = await openStorage({ databaseUrl });
  const server = await startServer(
    { port: 0, databaseUrl, dataDir: '', adminToken: operatorToken, demo: false, logRequests: false, jobs: false, tickSeconds: 30 },
    { storage, host: '127.0.0.1' },
  );
  let browser: Browser | undefined;
  try {
    const api = new ApiClient(server.url);
    let tenant = await server.kernel.tenants.bySlugFresh(slug);
    if (!tenant) {
      log('creating the tenant from the hotel template with sample data');
      const res = await api.post('/api/tenants', {
        slug, name: 'Hotel BD (1M leads)', template: 'hotel', sampleData: true, admin: { email: 'admin@hotel.demo', password },
      }, { token: operatorToken });
      if (res.status !== 201) throw new Error(`create tenant: ${res.status} ${res.text}`);
      tenant = await server.kernel.tenants.bySlugFresh(slug);
    }
    await fillLeads(tenant!.id);
    browser = await launchBrowser();
    const results: Record<string, { cold: Sample[]; warm: Sample[] }> = {};
    for (const email of ['admin@hotel.demo', 'bd1@hotel.demo']) {
      results[email] = await runFor(browser, server.url, email);
    }
    console.log(`\nLead list, first 50 rows rendered, ${wantedLeads.toLocaleString('en')} leads, median of ${runs} (ms from navigation start):`);
    for (const [email, { cold, warm }] of Object.entries(results)) {
      const fmt = (samples: Sample[]) => `${median(samples.map((s) => s.ms)).toFixed(0)} ms (runs ${samples.map((s) => s.ms.toFixed(0)).join(', ')};`
        + ` list request ${median(samples.map((s) => (s.list ? s.list.end - s.list.start : NaN))).toFixed(0)} ms, sent at ${median(samples.map((s) => s.list?.start ?? NaN)).toFixed(0)} ms)`;
      console.log(`  ${email.padEnd(18)} cold ${fmt(cold)}`);
      console.log(`  ${''.padEnd(18)} warm ${fmt(warm)}`);
    }
    if (process.env.BREAKDOWN === '1') {
      for (const [email, { cold }] of Object.entries(results)) {
        console.log(`\n${email}, first cold run, requests (ms from navigation start):`);
        for (const r of cold[0]!.requests) console.log(`  ${String(r.start).padStart(6)} → ${String(r.end).padStart(6)}  ${r.name}`);
      }
    }
  } finally {
    await browser?.close();
    await server.close();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
