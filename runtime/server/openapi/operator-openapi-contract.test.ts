import { validate } from '@readme/openapi-parser';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import type { Kernel } from '../../../platform/kernel.ts';
import { describeEachServer, type ApiClient, type ApiResponse, type RequestOptions } from '../../testing/test-server.ts';
import { createApp } from '../app.ts';
import { webAppRoutes } from '../web-apps.ts';
import type { Method, OpenApiDocument } from './openapi-types.ts';
import { responseConformance, type ConformanceCheck } from './response-conformance.ts';

const methods: Method[] = ['get', 'put', 'post', 'patch', 'delete'];

/**
 * The platform operator's document (`/api/openapi.json`) against the server, as the tenant
 * document's contract test does for a tenant's: every route `app.ts` mounts outside the tenant
 * API and the web apps is documented (and nothing else is), every operation is called with the
 * operator token, without it and with bad input, and every answer must be one the document
 * declares: status, content type, body schema and headers.
 */
describeEachServer('the platform operator OpenAPI document matches what the server answers', (ctx) => {
  let doc: OpenApiDocument;
  let check: ConformanceCheck;
  let operator: ApiClient;
  const failures: string[] = [];
  const called = new Set<string>();

  /** Calls `url` as the operation `method path`, checks the answer against the document, and expects one of `statuses`. */
  const call = async (client: ApiClient, method: Method, path: string, url: string, statuses: number[], options: RequestOptions = {}): Promise<ApiResponse> => {
    const res = await client.request(method.toUpperCase(), url, options);
    called.add(`${method.toUpperCase()} ${path}`);
    failures.push(...check(method, path, res));
    if (!statuses.includes(res.status)) failures.push(`${method.toUpperCase()} ${url} → ${res.status}, expected ${statuses.join(' or ')}: ${res.text.slice(0, 200)}`);
    return res;
  };

  beforeAll(async () => {
    const served = await ctx().api.get('/api/openapi.json');
    expect(served.status).toBe(200);
    doc = served.body;
    check = responseConformance(doc);
    operator = ctx().api.withToken(ctx().operatorToken);
  });

  beforeEach(() => {
    failures.length = 0;
  });

  it('is a valid OpenAPI 3.1 document with the operator’s bearer scheme', async () => {
    expect(await validate(structuredClone(doc) as never)).toMatchObject({ valid: true, warnings: [] });
    expect(doc.components.securitySchemes).toEqual({ operatorToken: expect.objectContaining({ type: 'http', scheme: 'bearer' }) });
    expect(doc.paths['/api/tenants']!.post!.security).toBeUndefined();
    expect(doc.paths['/healthz']!.get!.security).toEqual([]);
  });

  it('documents every platform route app.ts mounts, and only those', () => {
    // The tenant API has its own document; the web apps are pages, not API; the reference
    // page's static files are no more an operation here than under /api/t/{t}/docs.
    const pages = new Set(webAppRoutes().routes.map((r) => r.path));
    const routed = createApp(ctx().server.kernel).routes
      .filter((r) => r.method !== 'ALL' && !r.path.startsWith('/api/t/:t/') && !pages.has(r.path) && !r.path.startsWith('/api/docs/assets/'))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => methods.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routed).toContain('POST /api/tenants');
    expect(routed).toContain('GET /healthz');
    expect([...new Set(routed)].sort()).toEqual(documented.sort());
  });

  it('answers the tenant calls, and their problems, as documented', async () => {
    const anonymous = ctx().api;
    const body = { slug: 'operator-contract', name: 'Operator contract', admin: { email: 'admin@operator-contract.test', password: 'long-password' } };
    await call(operator, 'post', '/api/tenants', '/api/tenants', [201], { body });
    await call(operator, 'post', '/api/tenants', '/api/tenants', [409], { body });
    await call(operator, 'post', '/api/tenants', '/api/tenants', [400], { body: { ...body, slug: 'Bad Slug' } });
    await call(operator, 'post', '/api/tenants', '/api/tenants', [400], { rawBody: '{"slug":', headers: { 'content-type': 'application/json' } });
    await call(operator, 'post', '/api/tenants', '/api/tenants?dryRun=true', [400], { body });
    await call(operator, 'post', '/api/tenants', '/api/tenants', [415], { rawBody: 'slug=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await call(operator, 'post', '/api/tenants', '/api/tenants', [422], { body: { ...body, slug: 'operator-contract-2', template: 'no-such-template' } });
    await call(anonymous, 'post', '/api/tenants', '/api/tenants', [401], { body });
    // A tenant's own admin session is not the operator.
    const admin = await ctx().login('operator-contract', body.admin.email, body.admin.password);
    await call(admin, 'post', '/api/tenants', '/api/tenants', [401], { body: { ...body, slug: 'operator-contract-3' } });

    const listed = await call(operator, 'get', '/api/tenants', '/api/tenants', [200]);
    expect(listed.body.data).toContainEqual(expect.objectContaining({ slug: 'operator-contract', name: 'Operator contract', metadataVersion: 1 }));
    await call(operator, 'get', '/api/tenants', '/api/tenants?limit=1', [400]);
    await call(anonymous, 'get', '/api/tenants', '/api/tenants', [401], { token: 'not-the-token' });

    const one = await call(operator, 'get', '/api/tenants/{t}', '/api/tenants/operator-contract', [200]);
    expect(one.body).toEqual(listed.body.data.find((t: { slug: string }) => t.slug === 'operator-contract'));
    await call(operator, 'get', '/api/tenants/{t}', '/api/tenants/no-such-tenant', [404]);
    await call(operator, 'get', '/api/tenants/{t}', '/api/tenants/operator-contract?verbose=1', [400]);
    await call(anonymous, 'get', '/api/tenants/{t}', '/api/tenants/operator-contract', [401]);
    await call(operator, 'delete', '/api/tenants/{t}', '/api/tenants/operator-contract?force=true', [400]);
    await call(anonymous, 'delete', '/api/tenants/{t}', '/api/tenants/operator-contract', [401]);
    await call(operator, 'delete', '/api/tenants/{t}', '/api/tenants/operator-contract', [204]);
    await call(operator, 'delete', '/api/tenants/{t}', '/api/tenants/operator-contract', [404]);
    expect(failures).toEqual([]);
  });

  it('answers the health check as documented, also when the database does not answer', async () => {
    await call(ctx().api, 'get', '/healthz', '/healthz', [200]);
    // The same app over a database that does not answer its ping.
    const kernel = ctx().server.kernel;
    const storage = Object.create(kernel.storage, { ping: { value: async () => false } });
    const down = createApp(Object.create(kernel, { storage: { value: storage } }) as Kernel);
    const res = await down.request('/healthz');
    const text = await res.text();
    const answer = { status: res.status, headers: res.headers, body: JSON.parse(text), text };
    expect([answer.status, answer.body]).toEqual([503, { status: 'unavailable' }]);
    failures.push(...check('get', '/healthz', answer));
    expect(failures).toEqual([]);
  });

  it('answers its own discovery as documented', async () => {
    const anonymous = ctx().api;
    const served = await call(anonymous, 'get', '/api/openapi.json', '/api/openapi.json', [200]);
    await call(anonymous, 'get', '/api/openapi.json', '/api/openapi.json', [304], { headers: { 'if-none-match': served.headers.get('etag')! } });
    await call(anonymous, 'get', '/api/openapi.json', '/api/openapi.json?format=yaml', [400]);
    await call(anonymous, 'get', '/api/docs', '/api/docs', [200]);
    expect(failures).toEqual([]);
  });

  it('has called every operation it lists', () => {
    const listed = Object.entries(doc.paths).flatMap(([path, item]) => methods.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`));
    expect(listed.filter((operation) => !called.has(operation))).toEqual([]);
  });
});
