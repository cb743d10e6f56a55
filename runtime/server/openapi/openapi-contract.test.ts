import { validate } from '@readme/openapi-parser';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { deliverDue } from '../../../platform/webhooks/webhook-delivery.ts';
import { describeEachServer, type ApiClient, type ApiResponse, type RequestOptions, type TestTenant } from '../../testing/test-server.ts';
import type { Method, OpenApiDocument } from './openapi-types.ts';
import { responseConformance, type ConformanceCheck } from './response-conformance.ts';

const methods: Method[] = ['get', 'put', 'post', 'patch', 'delete'];
const nowhere = '00000000-0000-4000-8000-000000000000';

/**
 * Walks the OpenAPI document of a template tenant (hotel, with its sample data) the way an
 * integrator who builds from it would: every operation it lists is called — as an admin, a BD
 * and a BD's API key for the reads, with good and bad input for the writes — and every answer
 * must be one the document declares: status, content type, body schema and headers (ETag,
 * Location, Allow, Retry-After, WWW-Authenticate). A server change the document does not follow,
 * or a new operation nobody calls here, fails this suite.
 */
describeEachServer('the OpenAPI document matches what the server answers', (ctx) => {
  let tenant: TestTenant;
  let doc: OpenApiDocument;
  let check: ConformanceCheck;
  let bd: { id: string; client: ApiClient };
  let bdKey: ApiClient;
  let bdKeyId: string;
  const failures: string[] = [];
  const called = new Set<string>();
  const seen: { job?: string; webhook?: string; view?: string } = {};

  const api = (url: string) => `/api/t/${tenant.slug}${url}`;
  /** Calls `url` as the operation `method path`, checks the answer against the document, and expects one of `statuses`. */
  const call = async (client: ApiClient, method: Method, path: string, url: string, statuses: number[], options: RequestOptions = {}): Promise<ApiResponse> => {
    const res = await client.request(method.toUpperCase(), api(url), options);
    called.add(`${method.toUpperCase()} ${path}`);
    failures.push(...check(method, path, res));
    if (!statuses.includes(res.status)) failures.push(`${method.toUpperCase()} ${url} → ${res.status}, expected ${statuses.join(' or ')}: ${res.text.slice(0, 200)}`);
    return res;
  };
  const firstId = async (object: string) => (await tenant.admin.get(api(`/records/${object}?limit=1`))).body.data[0]?.id as string;

  beforeAll(async () => {
    tenant = await ctx().createTenant({ template: 'hotel', sampleData: true });
    doc = (await tenant.admin.get(api('/openapi.json'))).body;
    check = responseConformance(doc);
    bd = await ctx().createUser(tenant, { email: `contract-bd@${tenant.slug}.test`, roles: ['bd'], attributes: { team: 'hotel-bd', qualifications: ['hotel'] } });
    const made = (await bd.client.post(api('/api-keys'), { name: 'contract', roles: ['bd'] })).body;
    bdKey = ctx().api.withToken(made.key);
    bdKeyId = made.id;
  });

  beforeEach(() => {
    failures.length = 0;
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(await validate(structuredClone(doc) as never)).toMatchObject({ valid: true });
  });

  it('answers the record writes, and their problems, as documented', async () => {
    const { admin } = tenant;
    const created = await call(admin, 'post', '/records/hotel', '/records/hotel', [201], {
      body: { name: 'Contract Test Hotel', city: 'chengdu', starRating: 4 }, headers: { 'idempotency-key': 'contract-hotel' },
    });
    const id = created.body.id;
    await call(admin, 'post', '/records/hotel', '/records/hotel', [201], { body: { name: 'Contract Test Hotel', city: 'chengdu', starRating: 4 }, headers: { 'idempotency-key': 'contract-hotel' } });
    await call(admin, 'post', '/records/hotel', '/records/hotel', [409], { body: { name: 'Contract Test Hotel', city: 'chengdu' } });
    await call(admin, 'post', '/records/hotel', '/records/hotel', [422], { body: { name: 'No city' } });
    await call(admin, 'post', '/records/hotel', '/records/hotel', [400], { rawBody: '{"name":', headers: { 'content-type': 'application/json' } });
    await call(admin, 'post', '/records/hotel', '/records/hotel', [415], { rawBody: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await call(ctx().api, 'post', '/records/hotel', '/records/hotel', [401], { body: {} });
    await call(admin, 'patch', '/records/hotel/{id}', `/records/hotel/${id}`, [200], { body: { roomCount: 120 }, headers: { 'if-match': '"1"' } });
    await call(admin, 'patch', '/records/hotel/{id}', `/records/hotel/${id}`, [412], { body: { roomCount: 121 }, headers: { 'if-match': '"1"' } });
    await call(bd.client, 'patch', '/records/hotel/{id}', `/records/hotel/${id}`, [403], { body: { roomCount: 1 } });
    await call(admin, 'patch', '/records/hotel/{id}', `/records/hotel/${nowhere}`, [404], { body: { roomCount: 1 } });
    await call(admin, 'delete', '/records/hotel/{id}', `/records/hotel/${id}`, [412], { headers: { 'if-match': '"1"' } });
    await call(admin, 'delete', '/records/hotel/{id}', `/records/hotel/${id}`, [204]);
    await call(admin, 'get', '/records/hotel/{id}', `/records/hotel/${id}`, [404]);
    await call(admin, 'post', '/records/hotel/{id}/restore', `/records/hotel/${id}/restore`, [200]);
    await call(admin, 'post', '/records/hotel/{id}/restore', `/records/hotel/${id}/restore`, [409]);
    await call(admin, 'post', '/records/hotel/bulk', '/records/hotel/bulk', [200], { body: { op: 'create', records: [{ name: 'Bulk A', city: 'beijing' }, { name: 'Bulk B' }] } });
    await call(admin, 'post', '/records/hotel/bulk', '/records/hotel/bulk', [422], { body: { op: 'create', atomic: true, records: [{ name: 'Bulk C', city: 'beijing' }, { name: 'Bulk D' }] } });
    await call(admin, 'post', '/records/lead/aggregate', '/records/lead/aggregate', [200], { body: { groupBy: ['source', 'createdAt:month'], metrics: [{ fn: 'count' }, { fn: 'sum', field: 'expectedRevenue' }] } });
    await call(bd.client, 'post', '/records/lead/query', '/records/lead/query', [200], { body: { where: { score: { $gte: 50 } }, limit: 5, expand: ['hotel', 'owner'], count: true } });
    await call(admin, 'get', '/records/lead', `/records/lead?where=${encodeURIComponent('{"nope":1}')}`, [400]);
    const imported = await call(admin, 'post', '/records/hotel/import', '/records/hotel/import', [202], { rawBody: 'name,city\nImported Hotel,beijing\n', headers: { 'content-type': 'text/csv' } });
    seen.job = imported.body.job;
    await call(admin, 'get', '/records/hotel/export.csv', `/records/hotel/export.csv?where=${encodeURIComponent('{"city":"chengdu"}')}`, [200]);
    expect(failures).toEqual([]);
  });

  it('writes a record of every object through each of its write operations as documented', async () => {
    const { admin } = tenant;
    const described = (await admin.get(api('/objects'))).body.data as ObjectDescription[];
    for (const path of Object.keys(doc.paths).filter((p) => /^\/records\/\w+$/.test(p) && doc.paths[p]!.post)) {
      const object = described.find((o) => `/records/${o.key}` === path)!;
      const body = async (n: number) => sampleRecord(object, n, firstId);
      const created = await call(admin, 'post', path, path, [201], { body: await body(1) });
      const id = created.body.id;
      await call(admin, 'patch', `${path}/{id}`, `${path}/${id}`, [200], { body: {}, headers: { 'if-match': created.headers.get('etag')! } });
      await call(admin, 'delete', `${path}/{id}`, `${path}/${id}`, [204]);
      await call(admin, 'post', `${path}/{id}/restore`, `${path}/${id}/restore`, [200]);
      await call(admin, 'post', `${path}/bulk`, `${path}/bulk`, [200], { body: { op: 'create', records: [await body(2)] } });
      for (const client of [admin, bd.client]) {
        await call(client, 'post', `${path}/query`, `${path}/query`, [200], { body: { limit: 5, count: true } });
        await call(client, 'post', `${path}/aggregate`, `${path}/aggregate`, [200], { body: { metrics: [{ fn: 'count' }] } });
      }
      const row = await body(3);
      const csv = `${Object.keys(row).join(',')}\n${Object.values(row).map((v) => JSON.stringify(Array.isArray(v) ? v.join(';') : v)).join(',')}\n`;
      await call(admin, 'post', `${path}/import`, `${path}/import`, [202], { rawBody: csv, headers: { 'content-type': 'text/csv' } });
    }
    expect(failures).toEqual([]);
  });

  it('answers the pool, pipeline, assignment and work-order calls as documented', async () => {
    const { admin } = tenant;
    const fresh = encodeURIComponent(JSON.stringify({ stage: 'new' }));
    const [lead, other] = (await bd.client.get(api(`/pools/leadPool/public?limit=2&where=${fresh}`))).body.data;
    await call(bd.client, 'post', '/pools/leadPool/claim', '/pools/leadPool/claim', [200], { body: { id: lead.id } });
    await call(bd.client, 'post', '/pools/leadPool/claim', '/pools/leadPool/claim', [409], { body: { id: lead.id } });
    await call(bd.client, 'post', '/records/lead/{id}/transition', `/records/lead/${lead.id}/transition`, [200], {
      body: { to: 'contacted', values: { contactName: 'Ms Wang', contactPhone: '+86 21 5555 0101' } },
    });
    await call(bd.client, 'post', '/records/lead/{id}/transition', `/records/lead/${lead.id}/transition`, [422], { body: { to: 'lost' } });
    await call(bd.client, 'post', '/pools/leadPool/extend', '/pools/leadPool/extend', [200], { body: { id: lead.id } });
    await call(bd.client, 'post', '/pools/leadPool/extend', '/pools/leadPool/extend', [409], { body: { id: lead.id } });
    await call(bd.client, 'post', '/pools/leadPool/release', '/pools/leadPool/release', [200], { body: { id: lead.id, reason: 'contract test' } });
    await call(admin, 'post', '/pools/leadPool/assign', '/pools/leadPool/assign', [200], { body: { id: other.id, userId: bd.id } });
    await call(admin, 'get', '/pools/leadPool/holdings', '/pools/leadPool/holdings', [200]);
    await call(bd.client, 'get', '/pools/leadPool/holdings', '/pools/leadPool/holdings', [200]);
    await call(admin, 'post', '/pools/leadPool/sweep', '/pools/leadPool/sweep', [200], { body: { dryRun: true } });
    await call(bd.client, 'post', '/pools/leadPool/sweep', '/pools/leadPool/sweep', [403], { body: { dryRun: true } });
    for (const path of Object.keys(doc.paths).filter((p) => /^\/assignment-rules\/[^/{]+\/run$/.test(p))) {
      await call(admin, 'post', path, path, [200], { body: { dryRun: true } });
      await call(admin, 'post', path, path, [200, 409], { body: {} });
    }
    const queues = (await admin.get(api('/work-orders/queues'))).body.data as Array<{ userId: string; open: number }>;
    const assignee = queues.find((q) => q.open > 0)?.userId;
    const order = assignee ? (await admin.get(api(`/work-orders?assignee=${assignee}`))).body.data[0] : undefined;
    if (order) await call(admin, 'patch', '/work-orders/{id}', `/work-orders/${order.id}`, [200], { body: { state: 'done', outcome: 'contract test' } });
    await call(admin, 'patch', '/work-orders/{id}', `/work-orders/${nowhere}`, [404], { body: { state: 'done' } });
    expect(failures).toEqual([]);
  });

  it('answers the platform calls (sign-in, keys, users, webhooks, notifications, personal views) as documented', async () => {
    const { admin } = tenant;
    const anonymous = ctx().api;
    await call(anonymous, 'get', '/auth/tenant', '/auth/tenant', [200]);
    const signedIn = await call(anonymous, 'post', '/auth/login', '/auth/login', [200], { body: { email: tenant.adminEmail, password: tenant.adminPassword } });
    await call(anonymous, 'post', '/auth/login', '/auth/login', [401], { body: { email: tenant.adminEmail, password: 'wrong-password' } });
    await call(anonymous, 'post', '/auth/logout', '/auth/logout', [204], { token: signedIn.body.token });
    await call(anonymous, 'get', '/me', '/me', [401], { token: signedIn.body.token });
    const key = await call(admin, 'post', '/api-keys', '/api-keys', [201], { body: { name: 'contract admin' } });
    await call(bd.client, 'post', '/api-keys', '/api-keys', [403], { body: { name: 'too much', roles: ['admin'] } });
    // Location names the key, which reads as the list shows it (never the secret), to its owner and admins only.
    const read = await call(admin, 'get', '/api-keys/{id}', key.headers.get('location')!.replace(`/api/t/${tenant.slug}`, ''), [200]);
    expect(read.body).toMatchObject({ id: key.body.id, name: 'contract admin', prefix: key.body.prefix });
    expect(read.body).not.toHaveProperty('key');
    await call(bd.client, 'get', '/api-keys/{id}', `/api-keys/${key.body.id}`, [404]);
    await call(admin, 'get', '/api-keys/{id}', '/api-keys/not-a-key', [404]);
    await call(admin, 'delete', '/api-keys/{id}', `/api-keys/${key.body.id}`, [204]);
    await call(admin, 'get', '/api-keys/{id}', `/api-keys/${key.body.id}`, [404]);
    const user = await call(admin, 'post', '/users', '/users', [201], { body: { email: `contract-user@${tenant.slug}.test`, name: 'Contract User', password: 'contract-pass-1', roles: ['bd'] } });
    await call(admin, 'post', '/users', '/users', [422], { body: { email: `other@${tenant.slug}.test`, name: 'Other', roles: ['no-such-role'] } });
    await call(admin, 'patch', '/users/{id}', `/users/${user.body.id}`, [200], { body: { name: 'Contract User 2' } });
    const own = await call(anonymous, 'post', '/auth/login', '/auth/login', [200], { body: { email: `contract-user@${tenant.slug}.test`, password: 'contract-pass-1' } });
    const self = anonymous.withToken(own.body.token);
    await call(self, 'patch', '/me', '/me', [200], { body: { locale: 'en' } });
    await call(self, 'patch', '/me', '/me', [400], { body: { locale: 'fr' } });
    await call(self, 'post', '/me/password', '/me/password', [422], { body: { currentPassword: 'not-it', newPassword: 'contract-pass-2' } });
    await call(self, 'post', '/me/password', '/me/password', [204], { body: { currentPassword: 'contract-pass-1', newPassword: 'contract-pass-2' } });
    await call(bd.client, 'delete', '/users/{id}', `/users/${user.body.id}`, [403]);
    await call(admin, 'delete', '/users/{id}', `/users/${user.body.id}`, [204]);
    const hook = await call(admin, 'post', '/webhooks', '/webhooks', [201], { body: { url: 'https://example.com/hook', events: ['record.created'], object: 'lead' } });
    seen.webhook = hook.body.id;
    await call(bd.client, 'post', '/webhooks', '/webhooks', [403], { body: { url: 'https://example.com/hook', events: ['record.created'] } });
    // A closed local port: the test deliveries below fail at once instead of reaching out to the internet.
    await call(admin, 'patch', '/webhooks/{id}', `/webhooks/${hook.body.id}`, [200], { body: { url: 'http://127.0.0.1:9/contract', active: false } });
    await call(admin, 'patch', '/webhooks/{id}', `/webhooks/${hook.body.id}`, [400], { body: { events: [] } });
    await call(admin, 'patch', '/webhooks/{id}', `/webhooks/${hook.body.id}`, [422], { body: { object: 'nothing' } });
    await call(admin, 'patch', '/webhooks/{id}', `/webhooks/${nowhere}`, [404], { body: { active: true } });
    await call(admin, 'get', '/webhooks/{id}', `/webhooks/${hook.body.id}`, [200]);
    await call(admin, 'get', '/webhooks/{id}', `/webhooks/${nowhere}`, [404]);
    await call(bd.client, 'get', '/webhooks/{id}', `/webhooks/${hook.body.id}`, [403]);
    await call(bd.client, 'patch', '/webhooks/{id}', `/webhooks/${hook.body.id}`, [403], { body: { active: true } });
    const ping = await call(admin, 'post', '/webhooks/{id}/ping', `/webhooks/${hook.body.id}/ping`, [202]);
    await call(admin, 'post', '/webhooks/{id}/ping', `/webhooks/${nowhere}/ping`, [404]);
    const redeliver = '/webhooks/{id}/deliveries/{deliveryId}/redeliver';
    // Still being retried (the port is closed): a redelivery would send the ping twice.
    await call(admin, 'post', redeliver, `/webhooks/${hook.body.id}/deliveries/${ping.body.id}/redeliver`, [409]);
    // Its retries run out (8 attempts, an hour apart here); then it can be sent again.
    const tenantId = (await ctx().server.kernel.tenants.bySlugFresh(tenant.slug))!.id;
    for (let attempt = 1, later = Date.now(); attempt <= 8; attempt++) {
      later += 3_600_000;
      await deliverDue(ctx().database.storage, tenantId, () => new Date(later), { allowPrivateUrls: true });
    }
    await call(admin, 'post', redeliver, `/webhooks/${hook.body.id}/deliveries/${ping.body.id}/redeliver`, [202]);
    await call(admin, 'post', redeliver, `/webhooks/${hook.body.id}/deliveries/${nowhere}/redeliver`, [404]);
    await call(bd.client, 'post', redeliver, `/webhooks/${hook.body.id}/deliveries/${ping.body.id}/redeliver`, [403]);
    // A parameter these endpoints do not have is a documented 400, as everywhere.
    await call(admin, 'post', '/webhooks/{id}/ping', `/webhooks/${hook.body.id}/ping?wait=true`, [400]);
    const rotate = '/webhooks/{id}/rotate-secret';
    const rotated = await call(admin, 'post', rotate, `/webhooks/${hook.body.id}/rotate-secret`, [200]);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    await call(admin, 'post', rotate, `/webhooks/${nowhere}/rotate-secret`, [404]);
    await call(bd.client, 'post', rotate, `/webhooks/${hook.body.id}/rotate-secret`, [403]);
    await call(admin, 'post', rotate, `/webhooks/${hook.body.id}/rotate-secret?now=true`, [400]);
    await call(admin, 'post', redeliver, `/webhooks/${hook.body.id}/deliveries/${ping.body.id}/redeliver?wait=true`, [400]);
    await call(bd.client, 'post', '/notifications/read', '/notifications/read', [200], { body: { all: true } });
    await call(bd.client, 'post', '/records/user/query', '/records/user/query', [200], { body: { where: { id: { $in: [bd.id] } }, limit: 5, count: true } });
    await call(bd.client, 'post', '/records/user/query', '/records/user/query', [400], { body: { where: { 'attributes.team': 'x' } } });
    const views = '/me/views/{object}';
    const view = '/me/views/{object}/{id}';
    const saved = await call(bd.client, 'post', views, '/me/views/lead', [201], { body: { label: '我的杭州线索', definition: { where: { 'hotel.city': 'hangzhou' }, orderBy: '-score', columns: ['name', 'score'], display: 'kanban' } } });
    seen.view = saved.body.id;
    await call(bd.client, 'post', views, '/me/views/lead', [409], { body: { label: '我的杭州线索', definition: {} } });
    await call(bd.client, 'post', views, '/me/views/lead', [400], { body: { label: 'Bad', definition: { where: { nope: 1 } } } });
    await call(bd.client, 'post', views, '/me/views/lead', [422], { body: { label: ' ', definition: {} } });
    await call(bd.client, 'post', views, '/me/views/nothing', [404], { body: { label: 'No such object', definition: {} } });
    await call(bd.client, 'patch', view, `/me/views/lead/${saved.body.id}`, [200], { body: { label: '杭州 · 高分' }, headers: { 'if-match': saved.headers.get('etag')! } });
    await call(bd.client, 'patch', view, `/me/views/lead/${saved.body.id}`, [412], { body: { label: 'Stale' }, headers: { 'if-match': saved.headers.get('etag')! } });
    await call(admin, 'patch', view, `/me/views/lead/${saved.body.id}`, [404], { body: { label: 'Not yours' } });
    const other = await call(bd.client, 'post', views, '/me/views/lead', [201], { body: { label: 'Second', definition: {} } });
    await call(bd.client, 'put', '/me/views/{object}/order', '/me/views/lead/order', [200], { body: { ids: [other.body.id, saved.body.id] } });
    await call(bd.client, 'put', '/me/views/{object}/order', '/me/views/lead/order', [409], { body: { ids: [saved.body.id] } });
    await call(bd.client, 'delete', view, `/me/views/lead/${other.body.id}`, [204]);
    await call(bd.client, 'delete', view, `/me/views/lead/${other.body.id}`, [404]);
    const etag = (await admin.get(api('/openapi.json'))).headers.get('etag')!;
    await call(admin, 'get', '/openapi.json', '/openapi.json', [304], { headers: { 'if-none-match': etag } });
    const polled = (await admin.post(api('/records/lead/query'), { limit: 1 })).body.data[0] as { id: string };
    const held = (await admin.get(api(`/records/lead/${polled.id}`))).headers.get('etag')!;
    await call(admin, 'get', '/records/lead/{id}', `/records/lead/${polled.id}`, [304], { headers: { 'if-none-match': held } });
    expect(failures).toEqual([]);
  });

  it('answers every GET of the document, to an admin, a BD and a BD’s API key, as documented', async () => {
    const live = (await tenant.admin.get(api('/meta'))).body;
    const ids = new Map<string, string>();
    for (const path of Object.keys(doc.paths).filter((p) => doc.paths[p]!.get)) {
      let url = path;
      const record = /^\/records\/(\w+)\/\{id\}/.exec(path)?.[1];
      if (record && record !== 'user') {
        if (!ids.has(record)) ids.set(record, await firstId(record));
        url = path.replace('{id}', ids.get(record)!);
      } else if (path === '/users/{id}' || path === '/records/user/{id}') url = path.replace('{id}', bd.id);
      else if (path === '/api-keys/{id}') url = path.replace('{id}', bdKeyId);
      else if (path.startsWith('/me/views/')) url = path.replace('{object}', 'lead').replace('{id}', seen.view!);
      else url = url.replace('{version}', String(live.version)).replace('{job}', seen.job!).replace('{id}', seen.webhook!);
      if (/^\/records\/\w+$|\/public$/.test(path) && path !== '/records/user') url += `?limit=20&count=true&expand=${lookupsOf(doc, path)}`;
      if (path === '/work-orders') url += '?state=all';
      // A personal view is its owner's (the BD's): anyone else gets a 404 for it.
      await call(tenant.admin, 'get', path, url, path === '/me/views/{object}/{id}' ? [404] : [200]);
      await call(bd.client, 'get', path, url, [200, 403, 404]);
      await call(bdKey, 'get', path, url, [200, 403, 404]);
    }
    expect(failures).toEqual([]);
  });

  it('answers the metadata calls (draft, diff, publish, rollback) as documented', async () => {
    const { admin } = tenant;
    const live = (await admin.get(api('/meta'))).body;
    await call(admin, 'put', '/meta/draft', '/meta/draft', [200], { body: { document: live.document } });
    await call(admin, 'put', '/meta/draft', '/meta/draft', [422], { body: { document: { objects: 1 } } });
    await call(admin, 'post', '/meta/draft/validate', '/meta/draft/validate', [200], { body: { document: { objects: 1 } } });
    const reviewed = await call(admin, 'post', '/meta/diff', '/meta/diff', [200], { body: {} });
    await call(admin, 'post', '/meta/publish', '/meta/publish', [400], { body: { migrations: [{ op: 'dropTable' }] } });
    await call(admin, 'post', '/meta/publish', '/meta/publish', [412], { body: {}, headers: { 'if-match': '"1.stale"' } });
    await call(admin, 'post', '/meta/publish', '/meta/publish', [200], { body: {}, headers: { 'if-match': reviewed.headers.get('etag')! } });
    await call(admin, 'post', '/meta/rollback', '/meta/rollback', [200], { body: { version: live.version } });
    await call(admin, 'put', '/meta/draft', '/meta/draft', [200], { body: { document: live.document } });
    await call(admin, 'delete', '/meta/draft', '/meta/draft', [204]);
    await call(bd.client, 'delete', '/meta/draft', '/meta/draft', [403]);
    await call(admin, 'delete', '/webhooks/{id}', `/webhooks/${seen.webhook}?force=true`, [400]);
    await call(admin, 'delete', '/webhooks/{id}', `/webhooks/${seen.webhook}`, [204]);
    expect(failures).toEqual([]);
  });

  it('has called every operation it lists', () => {
    const listed = Object.entries(doc.paths).flatMap(([path, item]) => methods.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`));
    expect(listed.filter((operation) => !called.has(operation))).toEqual([]);
  });
});

interface ObjectDescription {
  key: string;
  fields: Array<{ key: string; type: string; system: boolean; required: boolean; creatable: boolean; target?: string; options?: Array<{ value: string }> }>;
}

/** A new record of `object` with a value for each required field (the `n`th, for unique ones). */
async function sampleRecord(object: ObjectDescription, n: number, firstId: (object: string) => Promise<string>): Promise<Record<string, unknown>> {
  const values: Record<string, unknown> = {};
  for (const field of object.fields.filter((f) => !f.system && f.required && f.creatable)) {
    const text = `Contract ${object.key} ${n}`;
    switch (field.type) {
      case 'select': values[field.key] = field.options![0]!.value; break;
      case 'multiselect': values[field.key] = [field.options![0]!.value]; break;
      case 'lookup': values[field.key] = await firstId(field.target!); break;
      case 'datetime': values[field.key] = '2026-03-01T08:00:00.000Z'; break;
      case 'date': values[field.key] = '2026-03-01'; break;
      case 'integer': case 'decimal': case 'currency': case 'percent': values[field.key] = n; break;
      case 'boolean': values[field.key] = true; break;
      case 'email': values[field.key] = `contract${n}@example.com`; break;
      case 'phone': values[field.key] = '+86 21 5555 0101'; break;
      case 'url': values[field.key] = 'https://example.com'; break;
      default: values[field.key] = text;
    }
  }
  return values;
}

/** The lookups (custom and system) of a list path's records: every property that may be an expanded object. */
function lookupsOf(doc: OpenApiDocument, path: string): string {
  const name = (ref: unknown) => String((ref as { $ref: string }).$ref).split('/').pop()!;
  const response = doc.paths[path]!.get!.responses['200'] as { content: Record<string, { schema: unknown }> };
  // A schema by its $ref, or as given inline; a record with more (the public pool's) is the allOf of its object's schema and the rest.
  const schema = (s: unknown) => ('$ref' in (s as object) ? doc.components.schemas[name(s)] : s) as { properties?: Record<string, unknown>; allOf?: unknown[] };
  const list = schema(response.content['application/json']!.schema) as { properties: { data: { items: unknown } } };
  const items = schema(list.properties.data.items);
  const record = schema(items.allOf ? items.allOf[0] : items) as { properties: Record<string, { anyOf?: unknown[] }> };
  return Object.entries(record.properties).filter(([, p]) => p.anyOf?.some((s) => '$ref' in (s as object))).map(([key]) => key).join(',');
}
