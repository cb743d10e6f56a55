import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { exportTenant, importTenant, TenantTransferError, type ExportOptions } from '../../platform/tenants/tenant-export.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import { availableDatabases, openTestDatabase, type TestDatabase } from '../../platform/testing/test-databases.ts';
import { ApiClient, describeEachServer, startTestServer, type TestTenant } from '../testing/test-server.ts';
import type { RunningServer } from '../server/server.ts';

const run = promisify(execFile);
const objects = ['hotel', 'lead', 'keyPerson', 'visit', 'contract'];

async function exportText(storage: Storage, slug: string, options: ExportOptions = {}): Promise<string> {
  let text = '';
  await exportTenant(storage, slug, async (chunk) => {
    text += chunk;
  }, { now: new Date('2026-01-01T00:00:00Z'), ...options });
  return text;
}

async function* linesOf(text: string): AsyncIterable<string> {
  yield* text.split('\n');
}

/** Everything a user sees of a tenant through the records API: every page of every list, and histories. */
async function apiView(client: ApiClient, slug: string, historyOf: Array<[string, string]>): Promise<unknown> {
  const view: Record<string, unknown> = {};
  for (const object of objects) {
    const rows: unknown[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { data: unknown[]; nextCursor: string | null } } = await client.get(`/api/t/${slug}/records/${object}?limit=500&orderBy=createdAt${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      rows.push(...res.body.data);
      cursor = res.body.nextCursor;
    } while (cursor);
    view[object] = rows;
  }
  for (const [object, id] of historyOf) view[`history ${id}`] = (await client.get(`/api/t/${slug}/records/${object}/${id}/history`)).body;
  view.users = (await client.get(`/api/t/${slug}/users`)).body;
  view.mine = (await client.get(`/api/t/${slug}/pools/leadPool/mine`)).body;
  return view;
}

describeEachServer('tenant export and import', (ctx) => {
  let tenant: TestTenant;
  let bd: { id: string; client: ApiClient };
  let apiKey: string;
  const histories: Array<[string, string]> = [];
  const opened: TestDatabase[] = [];
  const servers: RunningServer[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'shoal-export-'));

  afterAll(async () => {
    for (const s of servers) await s.close();
    for (const d of opened) await d.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips a template tenant with history, a claim and a deleted record into a fresh database, identically', async () => {
    tenant = await ctx().createTenant({ template: 'hotel', sampleData: true });
    const p = (s: string) => `/api/t/${tenant.slug}${s}`;
    bd = await ctx().createUser(tenant, { email: 'bd-export@example.com', roles: ['bd'] });
    // History: a lead updated twice, a hotel soft-deleted, a lead claimed by a BD.
    const hotels = (await tenant.admin.get(p('/records/hotel?limit=2'))).body.data;
    const lead = await tenant.admin.post(p('/records/lead'), { name: 'Export lead', hotel: hotels[1].id, expectedRevenue: 12345678.91 });
    expect(lead.status).toBe(201);
    expect((await tenant.admin.patch(p(`/records/lead/${lead.body.id}`), { name: 'Export lead (renamed)' })).status).toBe(200);
    expect((await tenant.admin.patch(p(`/records/lead/${lead.body.id}`), { expectedRevenue: 99.5 })).status).toBe(200);
    expect((await bd.client.post(p('/pools/leadPool/claim'), { id: lead.body.id })).status).toBe(200);
    const doomed = await tenant.admin.post(p('/records/hotel'), { name: 'Closed hotel', city: hotels[0].city });
    expect(doomed.status).toBe(201);
    expect((await tenant.admin.delete(p(`/records/hotel/${doomed.body.id}`))).status).toBe(204);
    histories.push(['lead', lead.body.id], ['hotel', doomed.body.id]);
    const key = await tenant.admin.post(p('/api-keys'), { name: 'integration' });
    expect(key.status).toBe(201);
    apiKey = key.body.key;
    const source = ctx().database.storage;
    const before = await apiView(tenant.admin, tenant.slug, histories);

    const exported = await exportText(source, tenant.slug, { passwordHashes: true, secrets: true });
    const lines = exported.trimEnd().split('\n');
    const header = JSON.parse(lines[0]!);
    expect(header.tenant.slug).toBe(tenant.slug);
    const end = JSON.parse(lines.at(-1)!);
    expect(end.counts.records).toBeGreaterThan(100);
    expect(end.counts.record_history).toBeGreaterThan(end.counts.records);
    expect(end.counts.meta_versions).toBeGreaterThanOrEqual(1);
    expect(end.counts.users).toBeGreaterThanOrEqual(2);
    expect(end.counts.api_keys).toBe(1);
    expect(end.counts.pool_events).toBeGreaterThanOrEqual(1);
    expect(header.tables.sessions).toBeUndefined();
    // The deleted hotel is in the file with its deletion time.
    expect(exported).toMatch(new RegExp(`"id":"${doomed.body.id}"[^\\n]*"deleted_at":"20`));

    // Into a fresh database of the same kind (and, from PGlite, also into PostgreSQL): the
    // same export comes back, byte for byte.
    const kinds = ctx().database.kind === 'pglite' ? availableDatabases() : [ctx().database.kind];
    for (const kind of kinds) {
      const target = await openTestDatabase(kind);
      opened.push(target);
      const summary = await importTenant(target.storage, linesOf(exported));
      expect(summary.counts).toEqual(Object.fromEntries(Object.entries(end.counts).filter(([, n]) => (n as number) > 0)));
      expect(await exportText(target.storage, tenant.slug, { passwordHashes: true, secrets: true })).toBe(exported);
      if (kind !== ctx().database.kind) continue;
      // The records API answers the same on the copy: same logins, same lists, same histories.
      const server = await startTestServer(target.storage);
      servers.push(server);
      const api = new ApiClient(server.url);
      const login = await api.post(`/api/t/${tenant.slug}/auth/login`, { email: tenant.adminEmail, password: tenant.adminPassword });
      expect(login.status).toBe(200);
      expect(await apiView(api.withToken(login.body.token), tenant.slug, histories)).toEqual(before);
      const bdLogin = await api.post(`/api/t/${tenant.slug}/auth/login`, { email: 'bd-export@example.com', password: 'user-password-1' });
      expect((await api.get(`/api/t/${tenant.slug}/pools/leadPool/mine`, { token: bdLogin.body.token })).body.data.map((r: { id: string }) => r.id)).toContain(lead.body.id);
      expect((await api.get(`/api/t/${tenant.slug}/me`, { token: apiKey })).status).toBe(200);
      // New history after the import continues the copied ids.
      expect((await api.patch(`/api/t/${tenant.slug}/records/lead/${lead.body.id}`, { name: 'After import' }, { token: login.body.token })).status).toBe(200);
      const history = (await api.get(`/api/t/${tenant.slug}/records/lead/${lead.body.id}/history`, { token: login.body.token })).body.data;
      expect(history.map((h: { action: string }) => h.action).slice(0, 2)).toEqual(['update', 'claim']);
      // Unique values are rebuilt by the import: one hotel cannot take another's name.
      const hotels = (await api.get(`/api/t/${tenant.slug}/records/hotel?limit=2`, { token: login.body.token })).body.data;
      const taken = await api.patch(`/api/t/${tenant.slug}/records/hotel/${hotels[1].id}`, { name: hotels[0].name }, { token: login.body.token });
      expect(taken.status, taken.text).toBe(409);
      expect(taken.body).toMatchObject({ code: 'duplicate', errors: [{ path: '/name' }] });
    }
  });

  it('leaves password hashes and credentials out unless asked, and a copy gets a new slug and id', async () => {
    const source = ctx().database.storage;
    const plain = await exportText(source, tenant.slug);
    expect(plain).not.toContain('password_hash');
    expect(plain).not.toContain('key_hash');
    expect(plain).not.toMatch(/\$argon2|scrypt\$/);
    const target = opened.find((d) => d.kind === ctx().database.kind)!;
    const copy = await importTenant(target.storage, linesOf(plain), { as: `${tenant.slug}-copy` });
    expect(copy.slug).toBe(`${tenant.slug}-copy`);
    const original = (await sql<{ id: string }>`SELECT id FROM tenants WHERE slug = ${tenant.slug}`.execute(target.storage.db)).rows[0]!.id;
    expect(copy.tenantId).not.toBe(original);
    const server = servers[0]!;
    const api = new ApiClient(server.url);
    // No password came along, and the API key is revoked in the copy.
    expect((await api.post(`/api/t/${copy.slug}/auth/login`, { email: tenant.adminEmail, password: tenant.adminPassword })).status).toBe(401);
    expect((await api.get(`/api/t/${copy.slug}/me`, { token: apiKey })).status).toBe(401);
    // Same rows apart from the withheld columns.
    const counts = (text: string) => JSON.parse(text.trimEnd().split('\n').at(-1)!).counts;
    expect(counts(await exportText(target.storage, copy.slug))).toEqual(counts(plain));
  });

  it('refuses a truncated file, an existing tenant and a foreign file, leaving nothing behind', async () => {
    const target = opened.find((d) => d.kind === ctx().database.kind)!;
    const exported = await exportText(ctx().database.storage, tenant.slug);
    const truncated = exported.split('\n').slice(0, -40).join('\n');
    await expect(importTenant(target.storage, linesOf(truncated), { as: 'truncated-copy' })).rejects.toThrow(/truncated/);
    expect((await sql`SELECT 1 FROM tenants WHERE slug = 'truncated-copy'`.execute(target.storage.db)).rows).toHaveLength(0);
    await expect(importTenant(target.storage, linesOf(exported))).rejects.toThrow(TenantTransferError);
    await expect(importTenant(target.storage, linesOf('{"hello":1}\n'))).rejects.toThrow(/Not a Shoal tenant export/);
    await expect(exportText(target.storage, 'no-such-tenant')).rejects.toThrow(/No tenant/);
  });

  it('works as the shoal command line (PostgreSQL through DATABASE_URL)', async () => {
    if (ctx().database.kind !== 'postgres') return;
    const file = join(dir, 'tenant.ndjson');
    const env = { ...process.env, DATABASE_URL: ctx().database.url! };
    const exported = await run('node', ['--import', 'tsx', 'runtime/cli/shoal.ts', 'export', tenant.slug, '--out', file, '--with-password-hashes', '--with-secrets'], { env });
    expect(exported.stderr).toMatch(/Exported tenant .* rows/);
    const target = await openTestDatabase('postgres');
    opened.push(target);
    const imported = await run('node', ['--import', 'tsx', 'runtime/cli/shoal.ts', 'import', file], { env: { ...env, DATABASE_URL: target.url! } });
    expect(imported.stderr).toMatch(new RegExp(`Imported tenant "${tenant.slug}"`));
    const both = { passwordHashes: true, secrets: true };
    expect(await exportText(target.storage, tenant.slug, both)).toBe(await exportText(ctx().database.storage, tenant.slug, both));
    expect(readFileSync(file, 'utf8').split('\n')[0]).toContain('"passwordHashes":true');
    const again = await run('node', ['--import', 'tsx', 'runtime/cli/shoal.ts', 'import', file], { env: { ...env, DATABASE_URL: target.url! } }).catch((e: { code: number; stderr: string }) => e);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining('already exists; import with --as') });
  });
});
