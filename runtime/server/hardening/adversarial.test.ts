import { beforeAll, expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { ApiClient, describeEachServer, postFrom, type ApiResponse, type TestTenant } from '../../testing/test-server.ts';
import { expectWellFormedAnswer, sqlErrorText } from './fuzz-support.ts';

/**
 * The adversarial suite: another tenant's ids, tokens, cookies and API keys on every endpoint
 * family; privilege escalation and mass assignment through writes; IDOR inside a tenant. Every
 * attempt is refused without revealing existence (404 across tenants and for invisible
 * records), and afterwards the victim's data is exactly as it was.
 */

function documentWithRules(): MetadataDocument {
  const doc = testDocument({
    assignmentRules: {
      spread: { object: 'lead', pool: 'leadPool', match: 'even', records: { include: { score: { $gte: 50 } } }, users: { where: { roles: { $any: ['bd'] } } } },
    },
  } as Partial<MetadataDocument>);
  return doc;
}

interface Victim {
  tenant: TestTenant;
  bd: { id: string; client: ApiClient };
  bd2: { id: string; client: ApiClient };
  hotelId: string;
  privateLead: string;
  publicLead: string;
  jobId: string;
  webhookId: string;
  workOrderId: string;
  apiKeyId: string;
  apiKey: string;
  cookie: string;
}

describeEachServer('adversarial: tenants, tokens, escalation, IDOR', (ctx) => {
  let a: Victim;
  let b: TestTenant;
  let bBd: { id: string; client: ApiClient };
  const pa = (p: string) => `/api/t/${a.tenant.slug}${p}`;
  const pb = (p: string) => `/api/t/${b.slug}${p}`;

  async function snapshot(): Promise<string> {
    const admin = a.tenant.admin;
    const parts = await Promise.all([
      admin.get(pa(`/records/lead/${a.privateLead}`)), admin.get(pa(`/records/lead/${a.publicLead}`)), admin.get(pa(`/records/hotel/${a.hotelId}`)),
      admin.get(pa(`/records/lead/${a.privateLead}/history`)), admin.get(pa('/records/lead?count=true&limit=500')), admin.get(pa('/webhooks')),
      admin.get(pa(`/users/${a.bd.id}`)), admin.get(pa('/api-keys?all=true')), admin.get(pa('/meta')), a.bd.client.get(pa('/work-orders?state=all')),
      admin.get(pa(`/jobs/${a.jobId}`)),
    ]);
    for (const part of parts) expect(part.status, part.text).toBe(200);
    return JSON.stringify(parts.map((p) => p.body));
  }

  beforeAll(async () => {
    const tenant = await ctx().createTenantWith(documentWithRules());
    const p = (x: string) => `/api/t/${tenant.slug}${x}`;
    const bd = await ctx().createUser(tenant, { email: 'bd@a.test', roles: ['bd'], attributes: { team: 'east' } });
    const bd2 = await ctx().createUser(tenant, { email: 'bd2@a.test', roles: ['bd'], attributes: { team: 'west' } });
    const hotel = await tenant.admin.post(p('/records/hotel'), { name: 'Victim Hotel', city: 'shanghai' });
    const privateLead = await tenant.admin.post(p('/records/lead'), { name: 'Private lead', hotel: hotel.body.id, score: 10, contactPhone: '+86 555 0101' });
    expect((await bd.client.post(p('/pools/leadPool/claim'), { id: privateLead.body.id })).status).toBe(200);
    await bd.client.patch(p(`/records/lead/${privateLead.body.id}`), { contactName: 'Secret contact' });
    const publicLead = await tenant.admin.post(p('/records/lead'), { name: 'Public lead', score: 10 });
    const upload = await tenant.admin.request('POST', p('/records/hotel/import'), { rawBody: 'name,city\nImported,nanjing', headers: { 'content-type': 'text/csv' } });
    expect(upload.status, upload.text).toBe(202);
    const webhook = await tenant.admin.post(p('/webhooks'), { url: 'http://127.0.0.1:9/hook', events: ['record.created'] });
    expect(webhook.status, webhook.text).toBe(201);
    const woLead = await tenant.admin.post(p('/records/lead'), { name: 'Work order lead', score: 90 });
    const run = await tenant.admin.post(p('/assignment-rules/spread/run'), {});
    expect(run.status, run.text).toBe(200);
    const assignee = run.body.allocations.find((x: { recordId: string }) => x.recordId === woLead.body.id).userId;
    const owner = assignee === bd.id ? bd : bd2;
    const orders = await owner.client.get(p('/work-orders'));
    expect(orders.body.data.length).toBeGreaterThan(0);
    const key = await tenant.admin.post(p('/api-keys'), { name: 'integration' });
    expect(key.status).toBe(201);
    const login = await fetch(`${ctx().server.url}${p('/auth/login')}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bd@a.test', password: 'user-password-1' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).toMatch(/^shoal_session=/);
    // Make sure the job has finished before snapshots compare it.
    for (let i = 0; i < 100; i++) {
      if ((await tenant.admin.get(p(`/jobs/${upload.body.job}`))).body.state === 'done') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // The bd owning the work order is "bd" in what follows.
    a = {
      tenant, bd: owner, bd2: owner === bd ? bd2 : bd, hotelId: hotel.body.id, privateLead: privateLead.body.id, publicLead: publicLead.body.id,
      jobId: upload.body.job, webhookId: webhook.body.id, workOrderId: orders.body.data[0].id, apiKeyId: key.body.id, apiKey: key.body.key, cookie,
    };
    if (owner !== bd) {
      // Keep "bd" the owner of the private lead too, so one user holds everything.
      await tenant.admin.post(p('/pools/leadPool/assign'), { id: privateLead.body.id, userId: owner.id, force: true });
    }
    b = await ctx().createTenantWith(documentWithRules());
    bBd = await ctx().createUser(b, { email: 'bd@b.test', roles: ['bd'] });
  });

  /** Every endpoint family, with tenant A's ids, as a request on tenant `slug`. */
  function endpointsWithVictimIds(slug: string): Array<[string, string, unknown?]> {
    const p = (x: string) => `/api/t/${slug}${x}`;
    return [
      ['GET', p(`/records/lead/${a.privateLead}`)],
      ['GET', p(`/records/lead/${a.privateLead}/history`)],
      ['PATCH', p(`/records/lead/${a.privateLead}`), { name: 'pwned' }],
      ['DELETE', p(`/records/lead/${a.privateLead}`)],
      ['POST', p(`/records/lead/${a.privateLead}/restore`)],
      ['POST', p(`/records/lead/${a.privateLead}/transition`), { to: 'lost', note: 'pwned' }],
      ['POST', p('/records/lead/bulk'), { op: 'update', records: [{ id: a.privateLead, name: 'pwned' }] }],
      ['POST', p('/records/lead/bulk'), { op: 'delete', records: [{ id: a.publicLead }] }],
      ['GET', p(`/records/lead?where=${encodeURIComponent(JSON.stringify({ id: a.privateLead }))}`)],
      ['POST', p('/records/visit'), { lead: a.privateLead, visitedAt: '2026-05-01T00:00:00Z' }],
      ['POST', p('/records/lead'), { name: 'link', hotel: a.hotelId }],
      ['POST', p('/pools/leadPool/claim'), { id: a.publicLead }],
      ['POST', p('/pools/leadPool/release'), { id: a.privateLead, reason: 'pwned' }],
      ['POST', p('/pools/leadPool/assign'), { id: a.privateLead, userId: a.bd2.id }],
      ['POST', p('/pools/leadPool/extend'), { id: a.privateLead }],
      ['GET', p(`/jobs/${a.jobId}`)],
      ['PATCH', p(`/work-orders/${a.workOrderId}`), { state: 'skipped' }],
      ['GET', p(`/work-orders?assignee=${a.bd.id}&state=all`)],
      ['DELETE', p(`/webhooks/${a.webhookId}`)],
      ['GET', p(`/webhooks/${a.webhookId}/deliveries`)],
      ['DELETE', p(`/api-keys/${a.apiKeyId}`)],
      ['GET', p(`/users/${a.bd.id}`)],
      ['PATCH', p(`/users/${a.bd.id}`), { roles: ['admin'] }],
      ['DELETE', p(`/users/${a.bd.id}`)],
      ['POST', p('/assignment-rules/spread/run'), { dryRun: false }],
      ['GET', p('/notifications')],
    ];
  }

  async function call(client: ApiClient, [method, url, body]: [string, string, unknown?]): Promise<ApiResponse> {
    return client.request(method, url, body === undefined ? {} : { body });
  }

  it("another tenant's admin gets 404 (or an empty answer) for every id of this tenant, and nothing changes", async () => {
    const before = await snapshot();
    for (const endpoint of endpointsWithVictimIds(b.slug)) {
      const res = await call(b.admin, endpoint);
      expectWellFormedAnswer(res, `${endpoint[0]} ${endpoint[1]}`);
      const [method, url] = endpoint;
      if (url.includes('?where=') || url.endsWith('/notifications')) expect(res.body.data ?? [], url).toEqual([]);
      else if (url.includes('/work-orders?')) expect([200, 400, 404]).toContain(res.status);
      else if (url.endsWith('/bulk')) {
        expect(res.status, `${method} ${url}: ${res.text}`).toBeLessThan(500);
        if (res.status === 200) for (const r of res.body.results) expect(r.status, JSON.stringify(r)).toBe(404);
      } else if (url.includes('/assignment-rules/')) expect(res.status).toBe(200);
      // The foreign user is "not a member of the pool": it says nothing about tenant A.
      else if (url.endsWith('/pools/leadPool/assign')) expect([404, 422], res.text).toContain(res.status);
      else if (method === 'POST' && (url.endsWith('/records/visit') || url.endsWith('/records/lead'))) {
        expect(res.status, `${method} ${url}: ${res.text}`).toBe(422);
        expect(res.text).toMatch(/does not exist/);
      } else expect(res.status, `${method} ${url}: ${res.text}`).toBe(404);
    }
    expect(await snapshot()).toBe(before);
  });

  it("this tenant's tokens, API keys and cookie are 401 on every endpoint of another tenant", async () => {
    const before = await snapshot();
    const credentials: Array<[string, Record<string, string>]> = [
      ['admin token', { authorization: `Bearer ${a.tenant.adminToken}` }],
      ['bd token', { authorization: `Bearer ${a.bd.client.defaultToken}` }],
      ['api key', { authorization: `Bearer ${a.apiKey}` }],
      ['cookie', { cookie: a.cookie }],
      ['operator token', { authorization: `Bearer ${ctx().operatorToken}` }],
    ];
    const plain = new ApiClient(ctx().server.url);
    const families = [
      ...endpointsWithVictimIds(b.slug),
      ['GET', pb('/me')], ['GET', pb('/records/lead')], ['GET', pb('/meta')], ['PUT', pb('/meta/draft'), { document: testDocument() }],
      ['POST', pb('/meta/publish'), {}], ['GET', pb('/users')], ['POST', pb('/users'), { email: 'x@x.test', name: 'x', password: 'password-123', roles: ['admin'] }],
      ['POST', pb('/api-keys'), { name: 'steal' }], ['GET', pb('/api-keys')], ['POST', pb('/webhooks'), { url: 'http://127.0.0.1:9/x', events: ['*'] }],
      ['GET', pb('/pools/leadPool/public')], ['GET', pb('/pools/leadPool/mine')], ['POST', pb('/pools/leadPool/sweep'), {}],
      ['GET', pb('/pipelines/leadFunnel/funnel')], ['GET', pb('/objects')], ['GET', pb('/openapi.json')], ['GET', pb('/records/lead/export.csv')],
      ['POST', pb('/records/lead/aggregate'), { metrics: [{ fn: 'count' }] }], ['POST', pb('/notifications/read'), {}],
    ] as Array<[string, string, unknown?]>;
    for (const [label, headers] of credentials) {
      for (const [method, url, body] of families) {
        const res = await plain.request(method, url, { headers, ...(body === undefined ? {} : { body }) });
        expectWellFormedAnswer(res, `${label}: ${method} ${url}`);
        // CSRF is checked after authentication, so a foreign cookie is a 401 as well.
        expect(res.status, `${label}: ${method} ${url}: ${res.text}`).toBe(401);
      }
    }
    // Tenant B's own things are untouched too.
    expect((await b.admin.get(pb('/api-keys?all=true'))).body.data).toEqual([]);
    expect((await b.admin.get(pb('/users?limit=500'))).body.data.map((u: { email: string }) => u.email).sort()).toEqual([b.adminEmail, 'bd@b.test'].sort());
    expect(await snapshot()).toBe(before);
  });

  it('bad, revoked and logged-out credentials are 401; cookie writes need the CSRF token', async () => {
    const plain = new ApiClient(ctx().server.url);
    for (const header of ['Bearer', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', `Bearer ${a.tenant.adminToken}x`, `Bearer ${a.tenant.adminToken.slice(0, -2)}`, 'Bearer a b', `Token ${a.tenant.adminToken}`, `Bearer ${'x'.repeat(5000)}`]) {
      const res = await plain.get(pa('/me'), { headers: { authorization: header } });
      expectWellFormedAnswer(res, header.slice(0, 40));
      expect(res.status).toBe(401);
    }
    const cookieWrite = await plain.post(pa('/records/hotel'), { name: 'csrf' }, { headers: { cookie: a.cookie } });
    expect(cookieWrite.status).toBe(403);
    expect(cookieWrite.body.code).toBe('csrf_failed');
    const wrongCsrf = await plain.post(pa('/records/hotel'), { name: 'csrf' }, { headers: { cookie: a.cookie, 'x-csrf-token': 'guess' } });
    expect(wrongCsrf.status).toBe(403);
    expect((await plain.get(pa('/me'), { headers: { cookie: a.cookie } })).status).toBe(200);

    const temp = await a.tenant.admin.post(pa('/api-keys'), { name: 'temp' });
    expect((await plain.get(pa('/me'), { token: temp.body.key })).status).toBe(200);
    expect((await a.tenant.admin.delete(pa(`/api-keys/${temp.body.id}`))).status).toBe(204);
    expect((await plain.get(pa('/me'), { token: temp.body.key })).status).toBe(401);

    const session = await ctx().login(a.tenant.slug, 'bd2@a.test', 'user-password-1');
    expect((await session.post(pa('/auth/logout'))).status).toBe(204);
    expect((await session.get(pa('/me'))).status).toBe(401);
  });

  it('field writes cannot escalate: system fields and fields outside the allowlist are 403 naming them', async () => {
    const before = await a.tenant.admin.get(pa(`/records/lead/${a.privateLead}`));
    const attempts: Array<[Record<string, unknown>, string[]]> = [
      [{ owner: a.bd2.id }, ['owner']],
      [{ poolState: 'public' }, ['poolState']],
      [{ stage: 'signed' }, ['stage']],
      [{ version: 99, createdBy: a.bd2.id, updatedAt: '2000-01-01T00:00:00Z' }, ['version', 'createdBy', 'updatedAt']],
      [{ holdExpiresAt: '2099-01-01T00:00:00Z', claimedAt: '2099-01-01T00:00:00Z', releasedAt: null }, ['holdExpiresAt', 'claimedAt', 'releasedAt']],
      [{ id: '00000000-0000-4000-8000-000000000000' }, ['id']],
      [{ score: 100 }, ['score']],
      [{ name: 'Renamed', contactName: 'ok' }, ['name']],
      [{ hotel: null, active: false }, ['hotel', 'active']],
    ];
    for (const [patch, fields] of attempts) {
      const res = await a.bd.client.patch(pa(`/records/lead/${a.privateLead}`), patch);
      expectWellFormedAnswer(res, JSON.stringify(patch));
      expect(res.status, `${JSON.stringify(patch)}: ${res.text}`).toBe(403);
      expect(res.body.code).toBe('field_forbidden');
      const named = (res.body.errors as Array<{ path: string }>).map((e) => e.path.slice(1)).sort();
      expect(named, JSON.stringify(patch)).toEqual([...fields].sort());
      for (const f of fields) expect(res.body.detail).toContain(f);
    }
    // The same through create and bulk, and as the admin (system fields are nobody's to write).
    const create = await a.bd.client.post(pa('/records/lead'), { name: 'mine', owner: a.bd.id, poolState: 'private' });
    expect(create.status).toBe(403);
    expect(create.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/owner', '/poolState']);
    const adminSystem = await a.tenant.admin.patch(pa(`/records/lead/${a.privateLead}`), { owner: a.bd2.id, createdAt: '2000-01-01T00:00:00Z' });
    expect(adminSystem.status).toBe(403);
    const bulk = await a.bd.client.post(pa('/records/lead/bulk'), { op: 'update', records: [{ id: a.privateLead, owner: a.bd2.id }] });
    expect(bulk.status).toBeLessThan(500);
    if (bulk.status === 200) expect(bulk.body.results[0].status).toBe(403);
    // A bd may not change a public lead it does not own, nor see a colleague's private lead.
    const notMine = await a.bd2.client.patch(pa(`/records/lead/${a.publicLead}`), { contactName: 'x' });
    expect([403, 404]).toContain(notMine.status);
    const hidden = await a.bd2.client.patch(pa(`/records/lead/${a.privateLead}`), { contactName: 'x' });
    expect(hidden.status).toBe(404);
    const after = await a.tenant.admin.get(pa(`/records/lead/${a.privateLead}`));
    expect(after.body).toEqual(before.body);
  });

  it('mass assignment and admin-only endpoints: unknown properties are refused and roles cannot be self-granted', async () => {
    const bd = a.bd.client;
    const refused: Array<[string, string, unknown, number[]]> = [
      ['POST', pa('/users'), { email: 'evil@a.test', name: 'Evil', password: 'password-123', roles: ['admin'] }, [403]],
      ['PATCH', pa(`/users/${a.bd.id}`), { roles: ['admin'] }, [403]],
      ['PUT', pa('/meta/draft'), { document: testDocument() }, [403]],
      ['POST', pa('/meta/publish'), {}, [403]],
      ['POST', pa('/api-keys'), { name: 'escalate', roles: ['admin'] }, [403]],
      ['POST', pa('/webhooks'), { url: 'http://127.0.0.1:9/x', events: ['*'] }, [403]],
      ['POST', pa('/pools/leadPool/sweep'), {}, [403]],
      ['POST', pa('/assignment-rules/spread/run'), {}, [403]],
      ['POST', pa('/pools/leadPool/assign'), { id: a.publicLead, userId: a.bd.id, force: true }, [403, 404]],
      ['GET', pa('/users'), undefined, [403]],
      ['GET', pa('/api-keys?all=true'), undefined, [200]],
    ];
    for (const [method, url, body, statuses] of refused) {
      const res = await bd.request(method, url, body === undefined ? {} : { body });
      expectWellFormedAnswer(res, `${method} ${url}`);
      expect(statuses, `${method} ${url}: ${res.status} ${res.text}`).toContain(res.status);
      if (url.includes('all=true')) expect(res.body.data.every((k: { userId?: string; createdBy?: string }) => (k.userId ?? k.createdBy ?? a.bd.id) === a.bd.id)).toBe(true);
    }
    const admin = a.tenant.admin;
    const extraProps: Array<[string, string, unknown]> = [
      ['POST', pa('/users'), { email: 'm@a.test', name: 'M', password: 'password-123', roles: ['bd'], passwordHash: 'x', tenantId: 'y', id: '00000000-0000-4000-8000-000000000000' }],
      ['PATCH', pa(`/users/${a.bd.id}`), { passwordHash: 'x' }],
      ['PATCH', pa(`/users/${a.bd.id}`), { tenant_id: 'x' }],
      ['POST', pa('/api-keys'), { name: 'k', userId: a.bd.id }],
      ['POST', pa('/webhooks'), { url: 'http://127.0.0.1:9/x', events: ['*'], secret: 'chosen' }],
      ['POST', '/api/tenants', { slug: 'mass-x', name: 'x', admin: { email: 'a@x.test', password: 'password-123', roles: ['operator'] } }],
    ];
    for (const [method, url, body] of extraProps) {
      const client = url === '/api/tenants' ? admin.withToken(ctx().operatorToken) : admin;
      const res = await client.request(method, url, { body });
      expectWellFormedAnswer(res, `${method} ${url}`);
      expect(res.status, `${method} ${url} ${JSON.stringify(body)}: ${res.text}`).toBe(400);
    }
    // The bd's token still has only the bd role.
    expect((await bd.get(pa('/me'))).body.roles).toEqual(['bd']);
  });

  it('IDOR inside a tenant: history, jobs, work orders and webhooks of others are 404 or 403', async () => {
    const other = a.bd2.client;
    const before = await snapshot();
    const cases: Array<[string, string, unknown, number[]]> = [
      ['GET', pa(`/records/lead/${a.privateLead}`), undefined, [404]],
      ['GET', pa(`/records/lead/${a.privateLead}/history`), undefined, [404]],
      ['POST', pa(`/records/lead/${a.privateLead}/transition`), { to: 'lost', note: 'x' }, [404]],
      ['POST', pa('/pools/leadPool/release'), { id: a.privateLead, reason: 'x' }, [403, 404]],
      ['POST', pa('/pools/leadPool/extend'), { id: a.privateLead }, [403, 404]],
      ['GET', pa(`/jobs/${a.jobId}`), undefined, [404]],
      ['PATCH', pa(`/work-orders/${a.workOrderId}`), { state: 'done' }, [404]],
      ['GET', pa(`/webhooks/${a.webhookId}/deliveries`), undefined, [403]],
      ['DELETE', pa(`/webhooks/${a.webhookId}`), undefined, [403]],
      ['DELETE', pa(`/api-keys/${a.apiKeyId}`), undefined, [404]],
      ['POST', pa('/records/visit'), { lead: a.privateLead, visitedAt: '2026-05-01T00:00:00Z' }, [403, 404, 422]],
      ['GET', pa(`/records/lead?where=${encodeURIComponent(JSON.stringify({ id: a.privateLead }))}&count=true`), undefined, [200]],
      ['GET', pa(`/records/lead?where=${encodeURIComponent(JSON.stringify({ contactName: 'Secret contact' }))}&count=true`), undefined, [200]],
      ['POST', pa('/records/lead/aggregate'), { where: { contactName: { $startsWith: 'Secret' } }, metrics: [{ fn: 'count' }] }, [200]],
      ['GET', pa(`/records/visit?where=${encodeURIComponent(JSON.stringify({ 'lead.contactName': 'Secret contact' }))}`), undefined, [200, 400]],
    ];
    for (const [method, url, body, statuses] of cases) {
      const res = await other.request(method, url, body === undefined ? {} : { body });
      expectWellFormedAnswer(res, `${method} ${url}`);
      expect(statuses, `${method} ${url}: ${res.status} ${res.text}`).toContain(res.status);
      if (res.status === 200 && res.body.data) {
        expect(res.body.data.filter((r: { id?: string }) => r.id === a.privateLead)).toEqual([]);
        if (res.body.total !== undefined) expect(res.body.total).toBe(0);
        if (url.endsWith('/aggregate')) expect(res.body.data[0]?.count ?? 0).toBe(0);
      }
    }
    // The public lead is visible but its hidden-while-public field is not (absent, not null).
    const publicOne = await other.get(pa(`/records/lead/${a.publicLead}`));
    expect(publicOne.status).toBe(200);
    expect('contactPhone' in publicOne.body).toBe(false);
    expect(await snapshot()).toBe(before);
  });

  it('injection through where, orderBy, fields, expand, cursor and CSV headers: no SQL error, data unchanged', async () => {
    const before = await snapshot();
    const payloads = ["'", "'; DROP TABLE records; --", '" OR 1=1 --', "name') OR ('1'='1", '1; SELECT pg_sleep(5)', 'data->>\'name\'', '$1', 'name COLLATE "C"', 'name::int', '(SELECT 1)', 'name/**/DESC'];
    const admin = a.tenant.admin;
    for (const s of payloads) {
      const urls = [
        pa(`/records/lead?where=${encodeURIComponent(JSON.stringify({ name: s }))}`),
        pa(`/records/lead?where=${encodeURIComponent(JSON.stringify({ [s]: 'x' }))}`),
        pa(`/records/lead?where=${encodeURIComponent(JSON.stringify({ name: { [s]: 'x' } }))}`),
        pa(`/records/lead?where=${encodeURIComponent(JSON.stringify({ 'hotel.name': { $contains: s } }))}`),
        pa(`/records/lead?where=${encodeURIComponent(JSON.stringify({ tags: { $any: [s] } }))}`),
        pa(`/records/lead?orderBy=${encodeURIComponent(s)}`),
        pa(`/records/lead?orderBy=${encodeURIComponent(`-name,${s}`)}`),
        pa(`/records/lead?fields=${encodeURIComponent(s)}`),
        pa(`/records/lead?expand=${encodeURIComponent(s)}`),
        pa(`/records/lead?cursor=${encodeURIComponent(s)}`),
        pa(`/records/lead?cursor=${Buffer.from(JSON.stringify(['-createdAt', 0, [s], '00000000-0000-4000-8000-000000000000'])).toString('base64url')}`),
        pa(`/records/lead/export.csv?where=${encodeURIComponent(JSON.stringify({ name: s }))}&orderBy=${encodeURIComponent(s)}`),
        pa(`/pools/leadPool/public?orderBy=${encodeURIComponent(s)}`),
        pa(`/users?q=${encodeURIComponent(s)}`),
        pa(`/records/${encodeURIComponent(s)}`),
      ];
      for (const url of urls) {
        const res = await admin.get(url);
        expectWellFormedAnswer(res, url);
        expect(res.text, url).not.toMatch(sqlErrorText);
        if (res.status === 200 && url.includes('where=') && res.body.data) expect(res.body.data, url).toEqual([]);
      }
      const agg = await admin.post(pa('/records/lead/aggregate'), { groupBy: [s], metrics: [{ fn: 'sum', field: s }] });
      expectWellFormedAnswer(agg, `aggregate ${s}`);
      const csv = await admin.request('POST', pa('/records/hotel/import'), { rawBody: `name,"${s.replace(/"/g, '""')}"\nx,y`, headers: { 'content-type': 'text/csv' } });
      expectWellFormedAnswer(csv, `csv header ${s}`);
      expect(csv.status).toBe(422);
      const upsert = await admin.request('POST', pa(`/records/hotel/import?upsertKey=${encodeURIComponent(s)}`), { rawBody: 'name\nx', headers: { 'content-type': 'text/csv' } });
      expectWellFormedAnswer(upsert, `csv upsertKey ${s}`);
      expect(upsert.status).not.toBe(202);
    }
    // A value that looks like SQL is stored and found as plain text.
    const stored = await admin.post(pa('/records/hotel'), { name: "Robert'); DROP TABLE records;--" });
    expect(stored.status).toBe(201);
    const found = await admin.get(pa(`/records/hotel?where=${encodeURIComponent(JSON.stringify({ name: "Robert'); DROP TABLE records;--" }))}`));
    expect(found.body.data.map((r: { id: string }) => r.id)).toEqual([stored.body.id]);
    expect((await admin.delete(pa(`/records/hotel/${stored.body.id}`))).status).toBe(204);
    expect(await snapshot()).toBe(before);
  });

  it('an id of 36 hex digits and dashes that is no UUID is a 404 or 400 wherever an id goes, never a 500', async () => {
    const before = await snapshot();
    const admin = a.tenant.admin;
    const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
    for (const bad of ['-'.repeat(36), 'a'.repeat(36), '0123456789abcdef-0123456789abcdef-01']) {
      const cases: Array<[string, string, unknown, number]> = [
        ['GET', pa(`/jobs/${bad}`), undefined, 404],
        ['DELETE', pa(`/webhooks/${bad}`), undefined, 404],
        ['GET', pa(`/webhooks/${bad}/deliveries`), undefined, 404],
        ['DELETE', pa(`/api-keys/${bad}`), undefined, 404],
        ['GET', pa(`/records/user/${bad}`), undefined, 404],
        ['GET', pa(`/records/user?cursor=${cursor(['a', bad])}`), undefined, 400],
        ['GET', pa(`/pools/leadPool/mine?cursor=${cursor([null, bad])}`), undefined, 400],
        ['GET', pa(`/pools/leadPool/mine?owner=${bad}`), undefined, 400],
        ['POST', pa('/pools/leadPool/claim'), { id: bad }, 400],
        ['POST', pa('/pools/leadPool/extend'), { id: bad }, 400],
        ['POST', pa('/pools/leadPool/release'), { id: bad, reason: 'x' }, 400],
        ['POST', pa('/pools/leadPool/assign'), { id: a.publicLead, userId: bad }, 400],
      ];
      for (const [method, url, body, status] of cases) {
        const res = await admin.request(method, url, body === undefined ? {} : { body });
        expectWellFormedAnswer(res, `${method} ${url}`);
        expect(res.status, `${method} ${url}: ${res.text}`).toBe(status);
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it('oversize bodies are 413 and deeply nested bodies are 4xx on every JSON endpoint family', async () => {
    const big = `{"name":"${'x'.repeat(20 * 1024 * 1024)}"}`;
    const deep = `{"name":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    const admin = a.tenant.admin;
    const targets: Array<[string, string]> = [
      ['POST', pa('/records/lead')], ['PATCH', pa(`/records/lead/${a.publicLead}`)], ['POST', pa('/records/lead/bulk')], ['POST', pa('/records/lead/query')],
      ['PUT', pa('/meta/draft')], ['POST', pa('/meta/draft/validate')], ['POST', pa('/users')], ['POST', pa('/webhooks')], ['POST', pa('/auth/login')],
    ];
    for (const [method, url] of targets) {
      const huge = await admin.request(method, url, { rawBody: big, headers: { 'content-type': 'application/json' } });
      expect(huge.status, `${method} ${url}`).toBe(413);
      expect(huge.body.code).toBe('payload_too_large');
      const nested = await admin.request(method, url, { rawBody: deep, headers: { 'content-type': 'application/json' } });
      expectWellFormedAnswer(nested, `${method} ${url} nested`);
      expect(nested.status, `${method} ${url}: ${nested.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
    }
    // A filter too long for a query string (over Node's 16 KB of headers) is a problem too, saying where it goes instead.
    const longWhere = encodeURIComponent(JSON.stringify({ name: { $in: Array.from({ length: 1500 }, (_, i) => `lead-${i}`) } }));
    const tooLong = await admin.get(pa(`/records/lead?where=${longWhere}`));
    expect(tooLong.status).toBe(431);
    expect(tooLong.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(tooLong.body).toMatchObject({ status: 431, code: 'headers_too_large', detail: expect.stringContaining('POST /records/{object}/query') });
    expect((await ctx().api.get('/healthz')).status).toBe(200);
  });

  it('login brute force is rate limited with Retry-After, and the answer never tells whether the email exists', async () => {
    const plain = new ApiClient(ctx().server.url);
    const login = (email: string, password: string) => plain.post(pa('/auth/login'), { email, password });
    const unknown = await login('nobody@a.test', 'wrong-password');
    const wrong = await login('bd2@a.test', 'wrong-password');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined });
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
    let limited: ApiResponse | undefined;
    for (let i = 0; i < 10 && !limited; i++) {
      const res = await login('bd2@a.test', `guess-${i}`);
      expectWellFormedAnswer(res, `attempt ${i}`);
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(401);
    }
    expect(limited, 'no 429 after 10 wrong passwords').toBeDefined();
    expect(limited!.body.code).toBe('rate_limited');
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    // While limited, even the right password is refused, so guessing cannot go on.
    const right = await login('bd2@a.test', 'user-password-1');
    expect(right.status).toBe(429);
    // Nor can the guesser claim to be someone else: no proxy is trusted, so X-Forwarded-For is not read.
    const claimed = await plain.post(pa('/auth/login'), { email: 'bd2@a.test', password: 'user-password-1' }, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(claimed.status).toBe(429);
    // But only from where the guesses came: the account's owner, elsewhere, still signs in (whoever
    // knows an e-mail cannot lock its owner out by typing wrong passwords for it).
    expect(await postFrom(ctx().server.url, '127.0.0.2', pa('/auth/login'), { email: 'bd2@a.test', password: 'user-password-1' })).toBe(200);
    // Other accounts are not locked out by someone guessing this one.
    expect((await login(a.tenant.adminEmail, a.tenant.adminPassword)).status).toBe(200);
    // Nor is the same email on another tenant.
    expect((await plain.post(pb('/auth/login'), { email: 'bd@b.test', password: 'user-password-1' })).status).toBe(200);
  });
});
