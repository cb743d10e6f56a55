import { beforeAll, expect, it } from 'vitest';
import { createAjv } from '../../../platform/validation/ajv.ts';
import { describeEachServer, type ApiResponse, type TestTenant } from '../../testing/test-server.ts';
import type { OpenApiDocument } from './openapi-types.ts';

const pointer = (...tokens: string[]) => tokens.map((t) => `/${t.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/**
 * Checks real answers of the server against the tenant's own OpenAPI document: the document is
 * only worth generating clients from if the bodies the server sends fit its schemas.
 */
describeEachServer('the OpenAPI document matches what the server answers', (ctx) => {
  let tenant: TestTenant;
  let doc: OpenApiDocument;
  let check: (path: string, method: string, status: number, res: ApiResponse) => string[];

  beforeAll(async () => {
    tenant = await ctx().createTenant({ template: 'hotel', sampleData: true });
    doc = (await tenant.admin.get(`/api/t/${tenant.slug}/openapi.json`)).body;
    const ajv = createAjv();
    ajv.addSchema(doc as unknown as object, 'openapi');
    check = (path, method, status, res) => {
      const where = `${method.toUpperCase()} ${path} → ${res.status}`;
      if (res.status !== status) return [`${where}: expected ${status}: ${res.text.slice(0, 300)}`];
      const media = res.status >= 400 ? 'application/problem+json' : 'application/json';
      const validate = res.status >= 400
        ? ajv.getSchema('openapi#/components/schemas/Problem')!
        : ajv.getSchema(`openapi#${pointer('paths', path, method, 'responses', String(status), 'content', media, 'schema')}`)!;
      return validate(res.body) ? [] : (validate.errors ?? []).slice(0, 5).map((e) => `${where}: ${e.instancePath} ${e.message}`);
    };
  });

  const api = (path: string) => `/api/t/${tenant.slug}${path}`;

  it('every GET with a JSON answer sends a body its schema accepts', async () => {
    const me = (await tenant.admin.get(api('/me'))).body;
    const live = (await tenant.admin.get(api('/meta'))).body;
    const firstIds = new Map<string, string>();
    const failures: string[] = [];
    const checked: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      const operation = item.get;
      if (!operation || !('content' in (operation.responses['200'] ?? {}))) continue;
      if (!(operation.responses['200'] as { content: Record<string, unknown> }).content['application/json']) continue;
      const record = /^\/records\/(\w+)\/\{id\}/.exec(path);
      let url = path;
      if (record) {
        const object = record[1]!;
        if (!firstIds.has(object)) firstIds.set(object, (await tenant.admin.get(api(`/records/${object}?limit=1`))).body.data[0]?.id);
        url = path.replace('{id}', firstIds.get(object)!);
      } else if (path === '/users/{id}') url = `/users/${me.id}`;
      else if (path === '/meta/versions/{version}') url = `/meta/versions/${live.version}`;
      else if (path.includes('{')) continue;
      const query = /^\/records\/\w+$|\/public$/.test(path) ? `?limit=20&count=true&expand=${expandable(doc, path)}` : '';
      failures.push(...check(path, 'get', 200, await tenant.admin.get(api(url + query))));
      checked.push(path);
    }
    expect(failures).toEqual([]);
    expect(checked).toEqual(expect.arrayContaining(['/records/lead', '/records/lead/{id}', '/records/lead/{id}/history', '/pools/leadPool/mine', '/objects', '/work-orders', '/work-orders/queues']));
  });

  it('answers a colleague list and a colleague as their schemas say, also to a BD (who gets no attributes)', async () => {
    const bd = await ctx().createUser(tenant, { email: `contract-bd@${tenant.slug}.test`, roles: ['bd'], attributes: { team: 'x' } });
    const failures = [
      ...check('/records/user', 'get', 200, await bd.client.get(api('/records/user?count=true'))),
      ...check('/records/user/{id}', 'get', 200, await bd.client.get(api(`/records/user/${bd.id}`))),
    ];
    expect(failures).toEqual([]);
  });

  it('writes answer with the documented shapes, and problems with Problem', async () => {
    const hotel = await tenant.admin.post(api('/records/hotel'), { name: 'Contract Test Hotel', city: 'chengdu', starRating: 4 });
    const failures = [
      ...check('/records/hotel', 'post', 201, hotel),
      ...check('/records/hotel/{id}', 'patch', 200, await tenant.admin.patch(api(`/records/hotel/${hotel.body.id}`), { roomCount: 120 }, { headers: { 'if-match': '"1"' } })),
      ...check('/records/hotel/{id}', 'patch', 412, await tenant.admin.patch(api(`/records/hotel/${hotel.body.id}`), { roomCount: 121 }, { headers: { 'if-match': '"1"' } })),
      ...check('/records/hotel', 'post', 422, await tenant.admin.post(api('/records/hotel'), { name: 'No city' })),
      ...check('/records/hotel/bulk', 'post', 200, await tenant.admin.post(api('/records/hotel/bulk'), { op: 'create', records: [{ name: 'Bulk A', city: 'beijing' }, { name: 'Bulk B' }] })),
      ...check('/records/lead/aggregate', 'post', 200, await tenant.admin.post(api('/records/lead/aggregate'), { groupBy: ['source', 'createdAt:month'], metrics: [{ fn: 'count' }, { fn: 'sum', field: 'expectedRevenue' }] })),
      ...check('/records/lead/query', 'post', 200, await tenant.admin.post(api('/records/lead/query'), { where: { score: { $gte: 50 } }, limit: 5, expand: ['hotel', 'owner'] })),
      ...check('/pools/leadPool/sweep', 'post', 200, await tenant.admin.post(api('/pools/leadPool/sweep'), { dryRun: true })),
      ...check('/assignment-rules/eastChinaNewHotels/run', 'post', 200, await tenant.admin.post(api('/assignment-rules/eastChinaNewHotels/run'), { dryRun: true })),
      ...check('/api-keys', 'post', 201, await tenant.admin.post(api('/api-keys'), { name: 'contract test' })),
      ...check('/webhooks', 'post', 201, await tenant.admin.post(api('/webhooks'), { url: 'https://example.com/hook', events: ['record.created'], object: 'lead' })),
      ...check('/records/lead', 'get', 400, await tenant.admin.get(api('/records/lead?where=%7B%22nope%22%3A1%7D'))),
    ];
    const fresh = encodeURIComponent(JSON.stringify({ stage: 'new' }));
    const lead = (await tenant.admin.get(api(`/pools/leadPool/public?limit=1&where=${fresh}`))).body.data[0];
    failures.push(...check('/pools/leadPool/claim', 'post', 200, await tenant.admin.post(api('/pools/leadPool/claim'), { id: lead.id })));
    failures.push(...check('/records/lead/{id}/transition', 'post', 200, await tenant.admin.post(api(`/records/lead/${lead.id}/transition`), {
      to: 'contacted', values: { contactName: 'Ms Wang', contactPhone: '+86 21 5555 0101' },
    })));
    failures.push(...check('/pools/leadPool/release', 'post', 200, await tenant.admin.post(api('/pools/leadPool/release'), { id: lead.id, reason: 'contract test' })));
    expect(failures).toEqual([]);
  });
});

/** The lookups (custom and system) of a list path's records: every property that may be an expanded object. */
function expandable(doc: OpenApiDocument, path: string): string {
  const name = (ref: unknown) => String((ref as { $ref: string }).$ref).split('/').pop()!;
  const response = doc.paths[path]!.get!.responses['200'] as { content: Record<string, { schema: unknown }> };
  const list = doc.components.schemas[name(response.content['application/json']!.schema)] as { properties: { data: { items: unknown } } };
  const record = doc.components.schemas[name(list.properties.data.items)] as { properties: Record<string, { anyOf?: unknown[] }> };
  return Object.entries(record.properties).filter(([, p]) => p.anyOf?.some((s) => '$ref' in (s as object))).map(([key]) => key).join(',');
}
