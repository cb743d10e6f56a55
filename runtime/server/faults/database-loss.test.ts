import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStorage } from '../../../platform/storage/postgres-storage.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { availableDatabases, openTestDatabase, type TestDatabase } from '../../../platform/testing/test-databases.ts';
import { ApiClient, operatorToken, publish, startTestServer, type ApiResponse, type TestTenant } from '../../testing/test-server.ts';
import type { RunningServer } from '../server.ts';
import { buildOperatorOpenApi } from '../openapi/operator-openapi.ts';
import { responseConformance } from '../openapi/response-conformance.ts';
import { TcpProxy } from './tcp-proxy.ts';

/**
 * The database goes away under a running server (a TCP proxy between them is cut, standing in
 * for PostgreSQL stopping): requests in flight and new ones get a 503 problem instead of
 * hanging or a 500, /healthz turns red, and the server recovers by itself when the database
 * is back — without a restart.
 */
const run = availableDatabases().includes('postgres') ? describe : describe.skip;

/** A request that must answer; a hang past `ms` fails the test instead of stalling it. */
async function answered(request: Promise<ApiResponse>, ms = 15_000): Promise<ApiResponse> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: the request hangs`)), ms);
  });
  try {
    return await Promise.race([request, hang]);
  } finally {
    clearTimeout(timer);
  }
}

async function until(condition: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

function expectUnavailable(res: ApiResponse): void {
  expect(res.status).toBe(503);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status: 503, code: 'database_unavailable' });
  expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
}

run('database loss and recovery [postgres]', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let storage: PostgresStorage;
  let server: RunningServer;
  let api: ApiClient;
  let tenant: TestTenant;
  let direct: pg.Client;
  const path = (p: string) => `/api/t/${tenant.slug}${p}`;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    const target = new URL(database.url!);
    proxy = await TcpProxy.start(target.hostname, Number(target.port || 5432));
    storage = new PostgresStorage({ connectionString: proxy.url(database.url!) });
    server = await startTestServer(storage);
    api = new ApiClient(server.url);
    const slug = 'faults';
    const created = await api.post('/api/tenants', { slug, name: 'Faults', admin: { email: 'admin@faults.test', password: 'admin-password-1' } }, { token: operatorToken });
    expect(created.status).toBe(201);
    const login = await api.post(`/api/t/${slug}/auth/login`, { email: 'admin@faults.test', password: 'admin-password-1' });
    tenant = { slug, adminEmail: 'admin@faults.test', adminPassword: 'admin-password-1', admin: api.withToken(login.body.token), adminToken: login.body.token };
    expect((await publish(tenant, testDocument())).status).toBe(200);
    // A connection that bypasses the proxy: to hold locks and watch the server's sessions.
    direct = new pg.Client({ connectionString: database.url! });
    await direct.connect();
  });

  afterAll(async () => {
    await direct?.end().catch(() => {});
    await server?.close();
    await proxy?.close();
    await database?.dispose();
  });

  it('answers in-flight and new requests with 503, turns health red, and recovers by itself', async () => {
    const hotel = await tenant.admin.post(path('/records/hotel'), { name: 'Hilton Pudong', city: 'shanghai' });
    expect(hotel.status).toBe(201);
    expect((await api.get('/healthz')).status).toBe(200);

    // An update in flight: it waits for a row lock held outside the server.
    await direct.query('BEGIN');
    await direct.query(`SELECT 1 FROM records WHERE id = $1 FOR UPDATE`, [hotel.body.id]);
    const inFlight = tenant.admin.patch(path(`/records/hotel/${hotel.body.id}`), { stars: 5 });
    await until(async () => (await direct.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'shoal' AND wait_event_type = 'Lock'`)).rowCount! > 0, 'the update to wait for the lock');

    proxy.cut('refuse');
    expectUnavailable(await answered(inFlight));
    await direct.query('ROLLBACK');

    // New requests, one at a time and in a burst: 503, never a 500, never a hang.
    expectUnavailable(await answered(tenant.admin.get(path('/records/hotel'))));
    expectUnavailable(await answered(tenant.admin.post(path('/records/hotel'), { name: 'Conrad', city: 'beijing' })));
    expectUnavailable(await answered(api.post(`/api/t/${tenant.slug}/auth/login`, { email: tenant.adminEmail, password: tenant.adminPassword })));
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => answered(tenant.admin.get(path(`/records/hotel?limit=${i + 1}`)))));
    for (const res of burst) expectUnavailable(res);
    const health = await answered(api.get('/healthz'));
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ status: 'unavailable' });
    // … as the operator's OpenAPI document says, and so is the operator API's problem.
    const documented = responseConformance(buildOperatorOpenApi());
    expect(documented('get', '/healthz', health)).toEqual([]);
    const tenants = await answered(api.get('/api/tenants', { token: operatorToken }));
    expectUnavailable(tenants);
    expect(documented('get', '/api/tenants', tenants)).toEqual([]);

    // The database returns: no restart, the server finds it again.
    proxy.restore();
    await until(async () => (await api.get('/healthz')).status === 200, 'health to turn green again');
    const list = await tenant.admin.get(path('/records/hotel'));
    expect(list.status).toBe(200);
    // The update that got the 503 did not happen; a new one does.
    expect(list.body.data).toEqual([expect.objectContaining({ id: hotel.body.id, version: 1, stars: null })]);
    const patched = await tenant.admin.patch(path(`/records/hotel/${hotel.body.id}`), { stars: 5 }, { headers: { 'if-match': '"1"' } });
    expect(patched.status).toBe(200);
    expect(patched.body.version).toBe(2);
    expect((await tenant.admin.post(path('/records/hotel'), { name: 'Conrad', city: 'beijing' })).status).toBe(201);
  });

  it('recovers from repeated outages (every pooled connection is replaced)', async () => {
    for (let round = 0; round < 3; round++) {
      // Fill the pool with connections, then cut them all.
      const warm = await Promise.all(Array.from({ length: 12 }, () => tenant.admin.get(path('/records/hotel'))));
      for (const res of warm) expect(res.status).toBe(200);
      proxy.cut('refuse');
      expectUnavailable(await answered(tenant.admin.get(path('/records/hotel'))));
      proxy.restore();
      await until(async () => (await tenant.admin.get(path('/records/hotel'))).status === 200, `round ${round}: lists to work again`);
    }
    expect((await api.get('/healthz')).status).toBe(200);
  });

  it('turns health red during a network partition and recovers when it heals', async () => {
    proxy.cut('blackhole');
    // Health answers within its own bound even though the database never replies.
    const health = await answered(api.get('/healthz'), 10_000);
    expect(health.status).toBe(503);
    proxy.restore();
    await until(async () => (await api.get('/healthz')).status === 200, 'health to turn green after the partition');
    expect((await tenant.admin.get(path('/records/hotel'))).status).toBe(200);
  });
});
