import { expect, it } from 'vitest';
import { testDocument } from '../../platform/testing/fixtures.ts';
import { describeEachServer, publish } from '../testing/test-server.ts';

describeEachServer('http basics', (ctx) => {
  it('reports health', async () => {
    const res = await ctx().api.get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers malformed input with problem responses and keeps serving', async () => {
    const { api } = ctx();
    const tenant = await ctx().createTenant();
    const login = `/api/t/${tenant.slug}/auth/login`;

    const malformed = await api.request('POST', login, { rawBody: '{"email": ', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(malformed.body).toMatchObject({ status: 400, code: 'invalid_json', type: expect.stringMatching(/^https:\/\//) });

    const huge = await api.request('POST', login, { rawBody: 'x'.repeat(20 * 1024 * 1024), headers: { 'content-type': 'application/json' } });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('payload_too_large');

    // JSON can escape what PostgreSQL cannot store: an unpaired surrogate (and NUL) is a 400 at its field.
    const surrogate = await api.request('POST', login, { rawBody: '{"email":"a\\ud800b","password":"x"}', headers: { 'content-type': 'application/json' } });
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.errors).toEqual([{ path: '/email', message: 'contains an unpaired surrogate' }]);
    const paired = await api.request('POST', login, { rawBody: '{"email":"\\ud83d\\ude00@x.test","password":"x"}', headers: { 'content-type': 'application/json' } });
    expect(paired.status).toBe(401);

    const wrongType = await api.request('POST', login, { rawBody: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.code).toBe('unsupported_media_type');

    const unknownPath = await api.get('/api/nothing-here');
    expect(unknownPath.status).toBe(404);
    expect(unknownPath.body.code).toBe('not_found');

    // A path the API has, with a method it does not take: 405 and Allow, not "no such record".
    const crm = await ctx().createTenantWith(testDocument());
    const base = `/api/t/${crm.slug}`;
    const hotel = await crm.admin.post(`${base}/records/hotel`, { name: 'Method Hotel', city: 'beijing' });
    const put = await crm.admin.put(`${base}/records/hotel/${hotel.body.id}`, { name: 'x' });
    expect([put.status, put.body.code, put.headers.get('allow')]).toEqual([405, 'method_not_allowed', 'GET, HEAD, PATCH, DELETE, OPTIONS']);
    expect(put.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await crm.admin.put(`${base}/records/hotel/bulk`, {})).headers.get('allow')).toBe('POST, OPTIONS');
    expect((await crm.admin.delete(`${base}/records/hotel`)).headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
    expect((await api.request('PUT', '/api/tenants', { token: ctx().operatorToken })).headers.get('allow')).toBe('POST, GET, HEAD, OPTIONS');
    // Authentication still comes first, and an unknown tenant is still a 404.
    expect((await api.put(`${base}/records/hotel/${hotel.body.id}`, {})).status).toBe(401);
    expect((await api.put(`/api/t/no-such-tenant/records/hotel/${hotel.body.id}`, {})).status).toBe(404);

    const unknownTenant = await api.get('/api/t/no-such-tenant/me');
    expect(unknownTenant.status).toBe(404);

    const unknownParam = await tenant.admin.get(`/api/t/${tenant.slug}/me?verbose=1`);
    expect(unknownParam.status).toBe(400);
    expect(unknownParam.body.code).toBe('unknown_parameter');

    const wrongShape = await api.post(login, { email: 42 });
    expect(wrongShape.status).toBe(400);
    expect(wrongShape.body.errors).toEqual(expect.arrayContaining([{ path: '/email', message: 'must be string' }, { path: '/password', message: 'is required' }]));

    expect((await api.get('/healthz')).status).toBe(200);
    expect((await tenant.admin.get(`/api/t/${tenant.slug}/me`)).status).toBe(200);
  });

  it('answers a method a path does not take with 405 only where the tenant has the path, else 404 as a GET would', async () => {
    const tenant = await ctx().createTenantWith(testDocument({ components: { enabled: ['reports', 'import'] } }));
    const api = (url: string) => `/api/t/${tenant.slug}${url}`;
    const answer = async (method: string, url: string) => {
      const res = await tenant.admin.request(method, api(url), method === 'GET' ? {} : { body: {} });
      return [res.status, res.body.code, res.headers.get('allow')];
    };
    const notHere = [404, 'not_found', null];
    // No pools component, no such pool, object, pipeline or rule, no work orders: nothing to allow.
    expect(await answer('GET', '/pools/leadPool/public')).toEqual(notHere);
    expect(await answer('PUT', '/pools/leadPool/claim')).toEqual(notHere);
    expect(await answer('PUT', '/records/nothing/bulk')).toEqual(notHere);
    expect(await answer('DELETE', '/records/nothing')).toEqual(notHere);
    expect(await answer('PUT', '/pipelines/noFunnel/funnel')).toEqual(notHere);
    expect(await answer('PUT', '/assignment-rules/noRule/run')).toEqual(notHere);
    expect(await answer('DELETE', '/work-orders/queues')).toEqual(notHere);
    // What the tenant has keeps its 405 and Allow.
    expect(await answer('PUT', '/records/lead/bulk')).toEqual([405, 'method_not_allowed', 'POST, OPTIONS']);
    expect(await answer('PUT', '/records/lead/import')).toEqual([405, 'method_not_allowed', 'POST, OPTIONS']);
    expect(await answer('POST', '/pipelines/leadFunnel/funnel')).toEqual([405, 'method_not_allowed', 'GET, HEAD, OPTIONS']);
    expect(await answer('PUT', '/me')).toEqual([405, 'method_not_allowed', 'GET, HEAD, PATCH, OPTIONS']);
    expect(await answer('POST', '/docs/assets/docs.js')).toEqual([405, 'method_not_allowed', 'GET, HEAD, OPTIONS']);
    // Enabling pools gives the tenant the pool's paths, and their 405s.
    expect((await publish(tenant, testDocument({ components: { enabled: ['reports', 'import', 'pools', 'visits'] } }))).status).toBe(200);
    expect(await answer('PUT', '/pools/leadPool/claim')).toEqual([405, 'method_not_allowed', 'POST, OPTIONS']);
    expect(await answer('PUT', '/pools/noSuchPool/claim')).toEqual(notHere);
  });

  it('answers OPTIONS with 204 and the methods of the path, and HEAD wherever GET is answered', async () => {
    const tenant = await ctx().createTenantWith(testDocument({ components: { enabled: ['reports', 'import'] } }));
    const { api } = ctx();
    const base = `/api/t/${tenant.slug}`;
    const hotel = (await tenant.admin.post(`${base}/records/hotel`, { name: 'Options Hotel', city: 'beijing' })).body.id;
    const options = async (url: string, client = tenant.admin) => {
      const res = await client.request('OPTIONS', url);
      return [res.status, res.headers.get('allow'), res.status === 204 ? res.text : res.body.code];
    };
    expect(await options(`${base}/records/hotel/${hotel}`)).toEqual([204, 'GET, HEAD, PATCH, DELETE, OPTIONS', '']);
    expect(await options(`${base}/records/hotel`)).toEqual([204, 'GET, HEAD, POST, OPTIONS', '']);
    expect(await options(`${base}/records/hotel/bulk`)).toEqual([204, 'POST, OPTIONS', '']);
    expect(await options(`${base}/pipelines/leadFunnel/funnel`)).toEqual([204, 'GET, HEAD, OPTIONS', '']);
    expect(await options('/api/tenants', api.withToken(ctx().operatorToken))).toEqual([204, 'POST, GET, HEAD, OPTIONS', '']);
    // Signing in needs no one signed in; every other path asks who is asking first.
    expect(await options(`${base}/auth/login`, api)).toEqual([204, 'POST, OPTIONS', '']);
    expect(await options(`${base}/records/hotel`, api)).toEqual([401, null, 'unauthenticated']);
    // Whether the tenant has a pipeline is not told to a caller who is not signed in (it was, by a 405).
    expect(await options(`${base}/pipelines/leadFunnel/funnel`, api)).toEqual([401, null, 'unauthenticated']);
    expect((await api.put(`${base}/pipelines/leadFunnel/funnel`, {})).status).toBe(401);
    // Unknown paths, tenants and pools stay 404.
    expect(await options(`${base}/nothing`)).toEqual([404, null, 'not_found']);
    expect(await options(`${base}/pools/leadPool/public`)).toEqual([404, null, 'not_found']);
    expect(await options(`${base}/records/nothing`)).toEqual([404, null, 'not_found']);
    expect(await options('/api/t/no-such-tenant/me', api)).toEqual([404, null, 'not_found']);
    expect(await options('/api/nothing-here', api)).toEqual([404, null, 'not_found']);
    expect(await options('/healthz', api)).toEqual([204, 'GET, HEAD, OPTIONS', '']);
    expect((await api.post('/healthz', {})).headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    // An object's own operations are no records: another method there is told what the path takes.
    for (const [method, url, allow] of [
      ['GET', '/records/hotel/bulk', 'POST, OPTIONS'], ['PATCH', '/records/hotel/query', 'POST, OPTIONS'], ['DELETE', '/records/hotel/aggregate', 'POST, OPTIONS'],
      ['HEAD', '/records/hotel/import', 'POST, OPTIONS'], ['PATCH', '/records/hotel/export.csv', 'GET, HEAD, OPTIONS'],
    ] as const) {
      const res = await tenant.admin.request(method, `${base}${url}`, method === 'PATCH' ? { body: {} } : {});
      expect([res.status, res.headers.get('allow')], `${method} ${url}`).toEqual([405, allow]);
    }
    expect(await options(`${base}/records/hotel/query`)).toEqual([204, 'POST, OPTIONS', '']);
    expect((await tenant.admin.post(`${base}/records/hotel/query`, {})).status).toBe(200);
    expect((await tenant.admin.get(`${base}/records/hotel/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`)).status).toBe(404);

    // HEAD: the GET's status and headers, no body.
    const same = ['content-type', 'etag', 'allow', 'cache-control', 'content-disposition'];
    for (const [url, headers] of [
      [`${base}/records/hotel/${hotel}`, {}],
      [`${base}/records/hotel/${hotel}`, { 'if-none-match': '"1"' }],
      [`${base}/records/hotel?limit=1`, {}],
      [`${base}/records/hotel/export.csv`, {}],
      [`${base}/me`, {}],
      [`${base}/records/hotel/${hotel}?limit=1`, {}],
    ] as Array<[string, Record<string, string>]>) {
      const get = await tenant.admin.request('GET', url, { headers });
      const head = await tenant.admin.request('HEAD', url, { headers });
      expect([head.status, head.text, ...same.map((h) => head.headers.get(h))], url).toEqual([get.status, '', ...same.map((h) => get.headers.get(h))]);
    }
    expect((await tenant.admin.request('HEAD', `${base}/records/hotel/${hotel}`)).headers.get('allow')).toBe('GET, HEAD, PATCH, DELETE');
    const headOfPost = await tenant.admin.request('HEAD', `${base}/auth/login`);
    expect([headOfPost.status, headOfPost.headers.get('allow')]).toEqual([405, 'POST, OPTIONS']);
    // A HEAD of an export stops the stream it does not read: the server goes on answering.
    expect((await tenant.admin.get(`${base}/records/hotel/export.csv`)).text).toContain('Options Hotel');
  });

  it('points every refused query parameter at the parameter (?name), as its errors entry', async () => {
    const tenant = await ctx().createTenant({ template: 'hotel', sampleData: true });
    const api = (url: string) => `/api/t/${tenant.slug}${url}`;
    const lead = (await tenant.admin.get(api('/records/lead?limit=1'))).body.data[0].id;
    const refusals: Array<[string, string]> = [
      ['/records/lead?cursor=abc', '?cursor'],
      ['/records/lead?orderBy=name&cursor=WyJ4Il0', '?cursor'],
      [`/records/lead/${lead}/history?cursor=abc`, '?cursor'],
      ['/pools/leadPool/public?cursor=abc', '?cursor'],
      ['/pools/leadPool/mine?cursor=abc', '?cursor'],
      ['/pools/leadPool/mine?owner=me', '?owner'],
      ['/pools/leadPool/mine?orderBy=nope', '?orderBy'],
      ['/records/user?cursor=abc', '?cursor'],
      ['/records/user?orderBy=roles', '?orderBy'],
      ['/records/user?fields=nickname', '?fields'],
      ['/records/user?expand=hotel', '?expand'],
      ['/work-orders?cursor=abc', '?cursor'],
      ['/work-orders?assignee=someone', '?assignee'],
      ['/work-orders?state=closed', '?state'],
      ['/work-orders?recordId=42', '?recordId'],
      ['/assignment-rules/eastChinaNewHotels/runs?cursor=abc', '?cursor'],
      ['/users?after=42', '?after'],
      ['/records/lead/export.csv?header=names', '?header'],
      ['/records/lead/export.csv?lang=fr', '?lang'],
      [`/meta/diff?migrations=${encodeURIComponent('[{"op":"dropTable"}]')}`, '?migrations/0/op'],
      [`/meta/diff?migrations=${encodeURIComponent('{}')}`, '?migrations'],
      ['/records/lead?limit=0', '?limit'],
      ['/records/lead?count=maybe', '?count'],
      ['/records/lead?where=%7B', '?where'],
      // A filter's problems point into the parameter that carried it, as ?migrations/0/op does.
      [`/records/lead?where=${encodeURIComponent('{"nope":1}')}`, '?where/nope'],
      [`/records/lead?where=${encodeURIComponent('{"score":{"$gte":"x"}}')}`, '?where/score/$gte'],
      [`/records/lead?where=${encodeURIComponent('42')}`, '?where'],
      [`/records/user?where=${encodeURIComponent('{"nope":1}')}`, '?where/nope'],
      [`/pools/leadPool/public?where=${encodeURIComponent('{"nope":1}')}`, '?where/nope'],
      [`/pools/leadPool/mine?where=${encodeURIComponent('{"nope":1}')}`, '?where/nope'],
      [`/records/lead/export.csv?where=${encodeURIComponent('{"nope":1}')}`, '?where/nope'],
      [`/pipelines/leadFunnel/funnel?where=${encodeURIComponent('{"nope":1}')}`, '?where/nope'],
    ];
    const unpointed: string[] = [];
    for (const [url, pointer] of refusals) {
      const res = await tenant.admin.get(api(url));
      const paths = (res.body.errors ?? []).map((e: { path: string }) => e.path);
      if (res.status !== 400 || !paths.includes(pointer)) unpointed.push(`${url} → ${res.status} ${JSON.stringify(paths)}`);
    }
    expect(unpointed).toEqual([]);
    // The same cursor in a query body points into the body.
    const inBody = await tenant.admin.post(api('/records/lead/query'), { cursor: 'abc' });
    expect([inBody.status, inBody.body.code, inBody.body.errors]).toEqual([400, 'invalid_cursor', [{ path: '/cursor', message: 'is not a cursor of this list' }]]);
    // And a filter in a body is at /where there.
    for (const [url, body] of [['/records/lead/query', {}], ['/records/user/query', {}], ['/records/lead/aggregate', { metrics: [{ fn: 'count' }] }]] as const) {
      const res = await tenant.admin.post(api(url), { ...body, where: { nope: 1 } });
      expect([res.status, res.body.code, res.body.errors?.map((e: { path: string }) => e.path)], url).toEqual([400, 'invalid_filter', ['/where/nope']]);
    }
  });

  it('sets security headers', async () => {
    const res = await ctx().api.get('/healthz');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});
