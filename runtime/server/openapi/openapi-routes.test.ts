import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer, publish, type TestContext, type TestTenant } from '../../testing/test-server.ts';
import type { OpenApiDocument } from './openapi-types.ts';
import { generateTypedClient, type TypedClientCheck } from './typed-client-check.ts';

describeEachServer('openapi and docs routes', (ctx) => {
  let tenant: TestTenant;
  let openapi: string;

  beforeAll(async () => {
    tenant = await ctx().createTenantWith(testDocument());
    openapi = `/api/t/${tenant.slug}/openapi.json`;
  });

  it('serves the tenant’s document to any signed-in user, and a 401 problem to anyone else', async () => {
    const anonymous = await ctx().api.get(openapi);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');

    const res = await tenant.admin.get(openapi);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.body.servers).toEqual([{ url: `/api/t/${tenant.slug}`, description: `Tenant ${tenant.slug}` }]);
    expect(res.body.components.schemas.LeadCreate.required).toEqual(['name']);
    expect(await validate(res.body)).toMatchObject({ valid: true });

    const bd = await ctx().createUser(tenant, { email: `bd@${tenant.slug}.test`, roles: ['bd'] });
    const asBd = await bd.client.get(openapi);
    expect(asBd.status).toBe(200);
    expect(asBd.text).toBe(res.text);
  });

  it('answers 304 to a matching If-None-Match and follows a publish', async () => {
    const first = await tenant.admin.get(openapi);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"\d+-[\w-]+"$/);
    const again = await tenant.admin.get(openapi, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);

    const document = testDocument();
    document.objects.hotel!.fields.website = { type: 'url', label: { en: 'Website', zh: '网站' } };
    const published = await publish(tenant, document);
    expect(published.status).toBe(200);
    const after = await tenant.admin.get(openapi, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(after.body.components.schemas.Hotel.properties.website).toMatchObject({ format: 'uri', title: 'Website (网站)' });
  });

  it('refuses unknown parameters like every endpoint', async () => {
    const res = await tenant.admin.get(`${openapi}?format=yaml`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('unknown_parameter');
  });

  it('serves the reference page without inline scripts, and every asset it loads', async () => {
    const page = await ctx().api.get(`/api/t/${tenant.slug}/docs`);
    expect(page.status).toBe(200);
    // A link shared with tracking parameters opens the same page.
    const shared = await ctx().api.get(`/api/t/${tenant.slug}/docs?utm_source=wecom&from=timeline`);
    expect([shared.status, shared.text]).toEqual([200, page.text]);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.text).toContain(`/api/t/${tenant.slug}/docs/assets/docs.js`);
    expect(page.text).toContain(`/api/t/${tenant.slug}/docs/assets/swagger-ui-bundle.js`);
    expect(page.text).toMatch(/<form id="sign-in-form">/);
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page.text).not.toMatch(/\son[a-z]+=/i);

    const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((url) => url !== '/api/docs');
    expect(assets.length).toBeGreaterThanOrEqual(5);
    for (const asset of assets) {
      const res = await ctx().api.get(asset);
      expect(res.status, asset).toBe(200);
      expect(res.headers.get('content-type'), asset).toMatch(/^(text\/javascript|text\/css|image\/png)/);
    }
    expect((await ctx().api.get(`/api/t/${tenant.slug}/docs/assets/index.html`)).status).toBe(404);
    expect((await ctx().api.get(`/api/t/${tenant.slug}/docs/assets/package.json`)).status).toBe(404);
    expect((await ctx().api.get('/api/t/no-such-tenant/docs')).status).toBe(404);
    // It links to the platform operator's reference, before and after signing in.
    expect(page.text.match(/href="\/api\/docs"/g)).toHaveLength(2);
    expect((await tenant.admin.get(openapi)).body.info.description).toContain('[reference](/api/docs)');
  });

  it('serves the platform operator’s document and reference page to anyone, beside the tenant’s', async () => {
    const document = await ctx().api.get('/api/openapi.json');
    expect(document.status).toBe(200);
    expect(document.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/api/tenants', '/api/tenants/{t}', '/healthz']));
    const page = await ctx().api.get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toMatch(/<div id="swagger-ui" data-api-base="\/api" data-operator>/);
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page.text).not.toContain('sign-in-form');
    const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toContain('/api/docs/assets/docs.js');
    for (const asset of assets) expect((await ctx().api.get(asset)).status, asset).toBe(200);
    expect((await ctx().api.get('/api/docs/assets/package.json')).status).toBe(404);
  });

  it('documents only endpoints the server routes', async () => {
    const hotel = await ctx().createTenant({ template: 'hotel', sampleData: false });
    const doc = (await hotel.admin.get(`/api/t/${hotel.slug}/openapi.json`)).body as OpenApiDocument;
    const unrouted: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of ['get', 'put', 'post', 'patch', 'delete'] as const) {
        // Signing out would end the admin's session for the calls after it.
        if (!item[method] || path === '/auth/logout') continue;
        const url = `/api/t/${hotel.slug}${path.replace(/\{version\}/, '1').replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000')}`;
        const res = await hotel.admin.request(method.toUpperCase(), url, method === 'get' || method === 'delete' ? {} : { body: {} });
        // No route at all (404), or routes for the path with other methods only (405).
        if ((res.status === 404 && String(res.body?.detail).startsWith('No route')) || res.status === 405) unrouted.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(unrouted).toEqual([]);
  });
});

const clientTenants = [
  { name: 'the test CRM', create: (ctx: TestContext) => ctx.createTenantWith(testDocument()) },
  { name: 'the hotel template', create: (ctx: TestContext) => ctx.createTenant({ template: 'hotel', sampleData: false }) },
];

/** Generated once per tenant kind: both databases serve the same document (only the server URL differs). */
const generated = new Map<string, Promise<TypedClientCheck>>();
afterAll(async () => {
  for (const check of generated.values()) (await check).dispose();
});

describeEachServer('a typed client generated from the OpenAPI document', (ctx) => {
  for (const { name, create } of clientTenants) describe(`of ${name}`, () => {
    let tenant: TestTenant;
    let check: TypedClientCheck;

    beforeAll(async () => {
      tenant = await create(ctx());
      const res = await tenant.admin.get(`/api/t/${tenant.slug}/openapi.json`);
      expect(res.status).toBe(200);
      expect(await validate(structuredClone(res.body))).toMatchObject({ valid: true, warnings: [] });
      if (!generated.has(name)) generated.set(name, generateTypedClient(res.body));
      check = await generated.get(name)!;
    });

    it('type-checks with tsc, and its mistakes do not', () => {
      expect(check.typeErrors).toBe('');
    });

    it('creates, lists with a filter, updates with If-Match and gets records', async () => {
      const outcome = await check.run(`${ctx().server.url}/api/t/${tenant.slug}`, tenant.adminToken);
      expect(outcome.created).toMatchObject({ name: 'Pudong lead', score: 72, source: 'bd', notes: null, version: 1, stage: 'new' });
      expect(outcome.createdEtag).toBe('"1"');
      expect(outcome.listed.map((r: { id: string }) => r.id)).toEqual([outcome.created.id]);
      expect(outcome.total).toBe(1);
      expect(outcome.expandedHotelName).toBe('Hilton Pudong');
      expect(outcome.updated).toMatchObject({ id: outcome.created.id, score: 90, notes: 'Called the GM', source: null, version: 2 });
      expect(outcome.stale.status).toBe(412);
      expect(outcome.stale.problem).toMatchObject({ code: 'version_mismatch', status: 412 });
      expect(outcome.invalid.status).toBe(422);
      expect(outcome.invalid.problem).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ path: '/score' })] });
      expect(outcome.fetched).toMatchObject({ id: outcome.created.id, score: 90, version: 2 });
    });
  });
});
