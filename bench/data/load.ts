import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { tablesWithoutTenantKey } from '../../platform/storage/database-schema.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { apiKeyPrefix, hashSecret, newSecret } from '../../platform/auth/tokens.ts';
import { migrateToLatest } from '../../platform/storage/migrate.ts';
import { PostgresStorage } from '../../platform/storage/postgres-storage.ts';
import { startServer } from '../../runtime/server/server.ts';
import { ApiClient } from '../../runtime/testing/test-server.ts';
import { benchDatabaseUrl, bigSlug, dataVersion, operatorToken, password, residentSlug, seed, smallSlug, type DataShape } from '../config.ts';
import { benchDocument } from './document.ts';
import { generateLead, generateUsers, generateVisit } from './generate.ts';

export interface LoadStats {
  leads: number;
  leadSeconds: number;
  leadsPerSecond: number;
  visits: number;
  visitSeconds: number;
  visitsPerSecond: number;
  users: number;
  residentTenants: number;
  typedCopySeconds: number;
}

export interface Marker {
  seed: number;
  version: number;
  shape: DataShape;
  stats: LoadStats;
  loaded_at: string;
}

function log(message: string): void {
  console.log(`[load] ${message}`);
}

function databaseName(url: string): string {
  return new URL(url).pathname.replace(/^\//, '');
}

function serverUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The marker of a complete load, or undefined when the database is missing, empty or half loaded. */
export async function readMarker(url = benchDatabaseUrl): Promise<Marker | undefined> {
  const client = new pg.Client(serverUrl(url, 'postgres'));
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName(url)]);
    if (exists.rowCount === 0) return undefined;
  } finally {
    await client.end();
  }
  const db = new pg.Client(url);
  await db.connect();
  try {
    const table = await db.query(`SELECT to_regclass('public.bench_marker') AS t`);
    if (!table.rows[0].t) return undefined;
    const { rows } = await db.query('SELECT seed, version, shape, stats, loaded_at FROM bench_marker WHERE id = 1');
    return rows[0] as Marker | undefined;
  } finally {
    await db.end();
  }
}

/** Loads the data set unless the database already holds this seed, version and shape. */
export async function ensureData(shape: DataShape, options: { reload?: boolean; url?: string } = {}): Promise<Marker> {
  const url = options.url ?? benchDatabaseUrl;
  const marker = await readMarker(url);
  if (!options.reload && marker && marker.seed === seed && marker.version === dataVersion && sameShape(marker.shape, shape)) {
    log(`reusing ${databaseName(url)} (seed ${seed}, version ${dataVersion}, loaded ${new Date(marker.loaded_at).toISOString()})`);
    return marker;
  }
  const progress = options.reload ? undefined : await readProgress(url);
  const resume = progress && progress.seed === seed && progress.version === dataVersion && sameShape(progress.shape, shape) ? progress : undefined;
  log(resume ? 'the leads are loaded: resuming after them' : marker ? 'the database holds another data set: reloading' : 'no complete data set: loading');
  await loadData(shape, url, resume);
  return (await readMarker(url))!;
}

interface Progress { seed: number; version: number; shape: DataShape; leads: { leads: number; leadSeconds: number } }

async function readProgress(url: string): Promise<Progress | undefined> {
  const db = new pg.Client(url);
  try {
    await db.connect();
  } catch {
    return undefined;
  }
  try {
    if (!(await db.query(`SELECT to_regclass('public.bench_progress') AS t`)).rows[0].t) return undefined;
    return (await db.query('SELECT seed, version, shape, leads FROM bench_progress WHERE id = 1')).rows[0] as Progress | undefined;
  } finally {
    await db.end();
  }
}

/** Shapes compare by value (jsonb does not keep the key order). */
export function sameShape(a: DataShape, b: DataShape): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof DataShape>;
  return [...keys].every((k) => a[k] === b[k]);
}

async function recreateDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`refusing an unusual database name: ${name}`);
  const client = new pg.Client(serverUrl(url, 'postgres'));
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
}

/**
 * Phases: tenants, users and leads (recorded in bench_progress, so an interrupted load resumes
 * after them), then visits, the baseline's typed copy, resident tenants, statistics and the
 * marker (bench_marker) that makes later runs reuse the database.
 */
async function loadData(shape: DataShape, url: string, resume: Progress | undefined): Promise<LoadStats> {
  if (!resume) await recreateDatabase(url);
  const storage = new PostgresStorage({ connectionString: url, maxConnections: 10 });
  await migrateToLatest(storage.db);
  const server = await startServer(
    { port: 0, databaseUrl: undefined, dataDir: '', adminToken: operatorToken, demo: false, logRequests: false, jobs: false, tickSeconds: 30 },
    { storage, host: '127.0.0.1' },
  );
  const sql = new pg.Client(url);
  await sql.connect();
  try {
    const api = new ApiClient(server.url);
    const passwordHash = await hashPassword(password);
    const slugs = [bigSlug, ...Array.from({ length: shape.smallTenants }, (_, i) => smallSlug(i))];
    const tenants = new Map<string, { id: string; admin: ApiClient; users: string[] }>();
    const adminOf = async (slug: string) => {
      const login = await api.post(`/api/t/${slug}/auth/login`, { email: `admin@${slug}.bench`, password });
      if (login.status !== 200) throw new Error(`login to ${slug}: ${login.status} ${login.text}`);
      return api.withToken(login.body.token);
    };
    for (const slug of slugs) {
      if (resume) {
        const id = (await sql.query('SELECT id FROM tenants WHERE slug = $1', [slug])).rows[0].id as string;
        const users = (await sql.query(`SELECT id FROM users WHERE tenant_id = $1 AND 'bd' = ANY(roles) ORDER BY email`, [id])).rows.map((r) => r.id as string);
        tenants.set(slug, { id, admin: await adminOf(slug), users });
        continue;
      }
      const created = await api.post('/api/tenants', { slug, name: `Bench ${slug}`, admin: { email: `admin@${slug}.bench`, password } }, { token: operatorToken });
      if (created.status !== 201) throw new Error(`creating ${slug}: ${created.status} ${created.text}`);
      const admin = await adminOf(slug);
      const saved = await admin.put(`/api/t/${slug}/meta/draft`, { document: benchDocument() });
      if (saved.status !== 200) throw new Error(`draft of ${slug}: ${saved.status} ${saved.text}`);
      const published = await admin.post(`/api/t/${slug}/meta/publish`, {});
      if (published.status !== 200) throw new Error(`publish of ${slug}: ${published.status} ${published.text}`);
      const id = (await sql.query('SELECT id FROM tenants WHERE slug = $1', [slug])).rows[0].id as string;
      // Users are inserted with one shared password hash (scrypt per user would take minutes).
      const users = generateUsers(slug, slug === bigSlug ? shape.bigUsers : shape.smallUsers);
      const ids: string[] = [];
      for (let i = 0; i < users.length; i += 500) {
        const chunk = users.slice(i, i + 500).map((u) => ({ ...u, id: randomUUID() }));
        await sql.query(
          `INSERT INTO users (tenant_id, id, email, name, password_hash, roles, attributes)
           SELECT $1, x.id, x.email, x.name, $2, ARRAY(SELECT jsonb_array_elements_text(x.roles)), x.attributes
             FROM jsonb_to_recordset($3::jsonb) AS x(id uuid, email text, name text, roles jsonb, attributes jsonb)`,
          [id, passwordHash, JSON.stringify(chunk)],
        );
        ids.push(...chunk.map((u) => u.id));
      }
      tenants.set(slug, { id, admin, users: ids });
      log(`tenant ${slug}: published, ${ids.length} users`);
    }

    let leadStats = resume?.leads;
    if (!leadStats) {
      // Leads through the bulk endpoint, 1,000 a call, three calls in flight.
      const jobs: Array<{ slug: string; stream: number; from: number; to: number }> = [];
      slugs.forEach((slug, stream) => {
        const total = slug === bigSlug ? shape.bigLeads : shape.smallLeads;
        for (let from = 0; from < total; from += 1000) jobs.push({ slug, stream, from, to: Math.min(total, from + 1000) });
      });
      const totalLeads = jobs.reduce((n, j) => n + j.to - j.from, 0);
      let done = 0;
      let lastReport = performance.now();
      const started = performance.now();
      await inParallel(jobs, 3, async (job) => {
        const tenant = tenants.get(job.slug)!;
        const records = [];
        for (let i = job.from; i < job.to; i++) records.push(generateLead(seed, job.stream, i, tenant.users));
        await bulk(tenant.admin, job.slug, 'lead', records);
        done += records.length;
        if (performance.now() - lastReport > 15_000) {
          lastReport = performance.now();
          log(`leads ${done}/${totalLeads} (${Math.round(done / ((lastReport - started) / 1000))}/s)`);
        }
      });
      leadStats = { leads: totalLeads, leadSeconds: (performance.now() - started) / 1000 };
      log(`leads: ${totalLeads} in ${leadStats.leadSeconds.toFixed(1)} s = ${Math.round(totalLeads / leadStats.leadSeconds)} records/s`);
      await sql.query(`CREATE TABLE bench_progress (id int PRIMARY KEY, seed int NOT NULL, version int NOT NULL, shape jsonb NOT NULL, leads jsonb NOT NULL)`);
      await sql.query('INSERT INTO bench_progress (id, seed, version, shape, leads) VALUES (1, $1, $2, $3, $4)', [seed, dataVersion, JSON.stringify(shape), JSON.stringify(leadStats)]);
    }
    // The bulk path leaves planner statistics to autovacuum, which may be off (it is on this
    // machine's PostgreSQL): without them the visits' lookup checks scan a tenant per batch.
    await sql.query('ANALYZE records');

    // Visits, spread over the 100k-lead tenants (each sets its lead's lastVisitAt). One call in
    // flight: concurrent visit batches touching the same leads deadlock in PostgreSQL (40P01).
    // Not in the 1M tenant: under row-level security the lastVisitAt refresh cannot use the
    // visit.lead index and reads every visit of the tenant once per lead (see docs/scale-out.md).
    const visitTenants = slugs.filter((s) => s !== bigSlug);
    for (const slug of slugs) {
      const t = tenants.get(slug)!;
      await sql.query(`DELETE FROM records WHERE tenant_id = $1 AND object = 'visit'`, [t.id]);
      await sql.query(`UPDATE records SET last_visit_at = NULL WHERE tenant_id = $1 AND object = 'lead' AND last_visit_at IS NOT NULL`, [t.id]);
    }
    await sql.query('VACUUM records');
    const perTenant = Math.ceil(shape.visits / Math.max(1, visitTenants.length));
    const visitJobs: Array<{ slug: string; from: number; to: number }> = [];
    visitTenants.forEach((slug, t) => {
      const first = t * perTenant;
      const last = Math.min(shape.visits, first + perTenant);
      for (let from = first; from < last; from += 1000) visitJobs.push({ slug, from, to: Math.min(last, from + 1000) });
    });
    const leadIdsOf = new Map<string, string[]>();
    for (const slug of visitTenants) {
      leadIdsOf.set(slug, (await sql.query(`SELECT id FROM records WHERE tenant_id = $1 AND object = 'lead' ORDER BY id`, [tenants.get(slug)!.id])).rows.map((r) => r.id as string));
    }
    const visitsStarted = performance.now();
    let visitsDone = 0;
    let lastVisitReport = performance.now();
    await inParallel(visitJobs, 1, async (job) => {
      const records = [];
      for (let i = job.from; i < job.to; i++) records.push(generateVisit(seed, i, leadIdsOf.get(job.slug)!));
      await bulk(tenants.get(job.slug)!.admin, job.slug, 'visit', records);
      visitsDone += records.length;
      if (performance.now() - lastVisitReport > 15_000) {
        lastVisitReport = performance.now();
        log(`visits ${visitsDone}/${shape.visits} (${Math.round(visitsDone / ((lastVisitReport - visitsStarted) / 1000))}/s)`);
      }
    });
    const visitSeconds = (performance.now() - visitsStarted) / 1000;
    log(`visits: ${shape.visits} in ${visitSeconds.toFixed(1)} s = ${Math.round(shape.visits / visitSeconds)} records/s`);

    const copyStarted = performance.now();
    await createTypedCopy(sql, [tenants.get(bigSlug)!.id, tenants.get(smallSlug(0))!.id]);
    const typedCopySeconds = (performance.now() - copyStarted) / 1000;
    log(`typed baseline table copied in ${typedCopySeconds.toFixed(1)} s`);

    const residents = await createResidentTenants(api, sql, shape.residentTenants, passwordHash);
    log(`${residents} resident tenants`);
    log('VACUUM ANALYZE');
    await sql.query('VACUUM ANALYZE');
    // The load's pages go to disk now, not under the first rows measured (`npm start` shares
    // the disk and the cores with a checkpoint writing gigabytes otherwise).
    log('CHECKPOINT');
    await sql.query('CHECKPOINT');

    const stats: LoadStats = {
      leads: leadStats.leads, leadSeconds: leadStats.leadSeconds, leadsPerSecond: Math.round(leadStats.leads / leadStats.leadSeconds),
      visits: shape.visits, visitSeconds, visitsPerSecond: Math.round(shape.visits / visitSeconds),
      users: [...tenants.values()].reduce((n, t) => n + t.users.length, 0),
      residentTenants: residents, typedCopySeconds,
    };
    await sql.query('DROP TABLE IF EXISTS bench_marker');
    await sql.query(`CREATE TABLE bench_marker (id int PRIMARY KEY, seed int NOT NULL, version int NOT NULL, shape jsonb NOT NULL, stats jsonb NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now())`);
    await sql.query('INSERT INTO bench_marker (id, seed, version, shape, stats) VALUES (1, $1, $2, $3, $4)', [seed, dataVersion, JSON.stringify(shape), JSON.stringify(stats)]);
    return stats;
  } finally {
    await sql.end();
    await server.close();
  }
}

async function bulk(client: ApiClient, slug: string, object: string, records: unknown[]): Promise<void> {
  const res = await client.post(`/api/t/${slug}/records/${object}/bulk`, { op: 'create', records });
  if (res.status !== 200) throw new Error(`bulk ${object} in ${slug}: ${res.status} ${res.text.slice(0, 500)}`);
  const failed = (res.body.results as Array<{ status: number; error?: unknown }>).filter((r) => r.status !== 201);
  if (failed.length > 0) throw new Error(`bulk ${object} in ${slug}: ${failed.length} rows failed, first: ${JSON.stringify(failed[0])}`);
}

export async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

/**
 * The raw baseline's table: the same leads with real, typed columns and btree indexes on the
 * filtered columns, copied with SQL out of Shoal's records.
 */
export async function createTypedCopy(sql: pg.Client, tenantIds: string[]): Promise<void> {
  await sql.query('DROP TABLE IF EXISTS bench_leads');
  await sql.query(`
    CREATE TABLE bench_leads (
      tenant_id uuid NOT NULL, id uuid NOT NULL, version integer NOT NULL DEFAULT 1,
      owner uuid, pool_state text, stage text,
      name text NOT NULL, city text, score integer, expected_revenue numeric(14,2), next_call_at timestamptz,
      source text, segment text, referrer uuid, contact_name text, contact_phone text, notes text,
      created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id))`);
  await sql.query(`
    INSERT INTO bench_leads
    SELECT tenant_id, id, version, owner, pool_state, stage,
           data->>'name', data->>'city', (data->>'score')::int, (data->>'expectedRevenue')::numeric, (data->>'nextCallAt')::timestamptz,
           data->>'source', data->>'segment', (data->>'referrer')::uuid, data->>'contactName', data->>'contactPhone', data->>'notes',
           created_at, updated_at
      FROM records WHERE object = 'lead' AND deleted_at IS NULL AND tenant_id = ANY($1::uuid[])`, [tenantIds]);
  await sql.query('CREATE INDEX bench_leads_stage ON bench_leads (tenant_id, stage)');
  await sql.query('CREATE INDEX bench_leads_city ON bench_leads (tenant_id, city)');
  await sql.query('CREATE INDEX bench_leads_score ON bench_leads (tenant_id, score)');
  await sql.query('CREATE INDEX bench_leads_owner ON bench_leads (tenant_id, owner)');
  await sql.query('ANALYZE bench_leads');
}

/**
 * Resident tenants for the memory measurement: one created through the API from the hotel
 * template, the others copied from it with SQL (same published document, an admin and an API
 * key each; the key is kept in bench_resident_keys). Copying skips their publishes; the server's
 * start-up reconcile registers their unique field (the hotel name) in unique_fields, which
 * builds no index.
 */
async function createResidentTenants(api: ApiClient, sql: pg.Client, count: number, passwordHash: string): Promise<number> {
  if (count === 0) return 0;
  // Some tables have no foreign key to cascade through (migration 0007).
  for (const table of tablesWithoutTenantKey) await sql.query(`DELETE FROM ${table} WHERE tenant_id IN (SELECT id FROM tenants WHERE slug LIKE 'res%')`);
  await sql.query(`DELETE FROM tenants WHERE slug LIKE 'res%'`);
  await sql.query('DROP TABLE IF EXISTS bench_resident_keys');
  const first = residentSlug(0);
  const created = await api.post('/api/tenants', { slug: first, name: 'Resident 0', template: 'hotel', sampleData: false, admin: { email: `admin@${first}.bench`, password } }, { token: operatorToken });
  if (created.status !== 201) throw new Error(`creating ${first}: ${created.status} ${created.text}`);
  const source = (await sql.query(`SELECT t.id, t.live_version, v.document::text AS document FROM tenants t JOIN meta_versions v ON v.tenant_id = t.id AND v.version = t.live_version WHERE t.slug = $1`, [first])).rows[0];
  await sql.query('CREATE TABLE bench_resident_keys (slug text PRIMARY KEY, key text NOT NULL)');
  for (let i = 0; i < count; i++) {
    const slug = residentSlug(i);
    const tenantId = i === 0 ? source.id as string : randomUUID();
    await sql.query('BEGIN');
    if (i > 0) {
      await sql.query('INSERT INTO tenants (id, slug, name, live_version, time_zone) VALUES ($1, $2, $3, 1, $4)', [tenantId, slug, `Resident ${i}`, 'Asia/Shanghai']);
      await sql.query(`INSERT INTO meta_versions (tenant_id, version, document, kind) VALUES ($1, 1, $2::json, 'template')`, [tenantId, source.document]);
      await sql.query(`INSERT INTO users (tenant_id, id, email, name, password_hash, roles) VALUES ($1, $2, $3, 'Admin', $4, '{admin}')`, [tenantId, randomUUID(), `admin@${slug}.bench`, passwordHash]);
    }
    const userId = (await sql.query(`SELECT id FROM users WHERE tenant_id = $1 AND 'admin' = ANY(roles) LIMIT 1`, [tenantId])).rows[0].id;
    const key = newSecret(apiKeyPrefix);
    await sql.query('INSERT INTO api_keys (tenant_id, id, user_id, name, key_hash, key_prefix) VALUES ($1, $2, $3, $4, $5, $6)', [tenantId, randomUUID(), userId, 'bench', hashSecret(key), key.slice(0, 10)]);
    await sql.query('INSERT INTO bench_resident_keys (slug, key) VALUES ($1, $2)', [slug, key]);
    await sql.query('COMMIT');
  }
  return count;
}
