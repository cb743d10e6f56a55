import { validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { CompiledMetadata } from '../../../platform/metadata/compile-metadata.ts';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { parseFilter } from '../../../platform/filter/parse-filter.ts';
import { loadTemplate } from '../../../platform/templates/load-template.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { buildOpenApi } from './build-openapi.ts';
import type { JsonSchema, Method, OpenApiDocument, Operation } from './openapi-types.ts';

const methods: Method[] = ['get', 'put', 'post', 'patch', 'delete'];

function build(document: MetadataDocument, slug = 'acme'): OpenApiDocument {
  return buildOpenApi(new CompiledMetadata('00000000-0000-4000-8000-000000000001', 7, document), { tenantSlug: slug });
}

function operations(doc: OpenApiDocument): Array<{ path: string; method: Method; operation: Operation }> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    methods.filter((m) => item[m]).map((method) => ({ path, method, operation: item[method]! })));
}

/** Validates a copy (the validator dereferences in place) and returns its verdict. */
async function validity(doc: OpenApiDocument) {
  return validate(structuredClone(doc) as never);
}

function schema(doc: OpenApiDocument, name: string): JsonSchema & { properties: Record<string, JsonSchema>; required?: string[] } {
  const found = doc.components.schemas[name];
  if (!found) throw new Error(`no schema ${name}`);
  return found as JsonSchema & { properties: Record<string, JsonSchema>; required?: string[] };
}

describe('the filter examples of the document', () => {
  const tenants: Array<[string, MetadataDocument]> = [['hotel', loadTemplate('hotel').document], ['food-delivery', loadTemplate('food-delivery').document], ['test CRM', testDocument()]];
  it.each(tenants)('are filters the %s tenant accepts, in its own fields', (_name, document) => {
    const compiled = new CompiledMetadata('00000000-0000-4000-8000-000000000001', 7, document);
    const doc = buildOpenApi(compiled, { tenantSlug: 'acme' });
    const filter = doc.components.schemas.Filter!;
    for (const text of [String(filter.description), String(doc.info.description)]) {
      // What an integrator copies from the reference page: the example, on the object it names (else leads).
      const object = /On `(\w+)` records of this tenant/.exec(text)?.[1] ?? 'lead';
      const block = /```json\n([\s\S]*?)\n```/.exec(text)?.[1];
      // And the filters the text shows inline (won this month, a pool's private records, $eq): the tenant's own stage, pool and option.
      const inline = [...text.matchAll(/`(\{ "[^`]*\})`/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
      expect(inline.some((f) => 'stageEnteredAt' in f) && inline.some((f) => f.poolState === 'private'), text).toBe(true);
      const examples = [JSON.parse(block!), ...(filter.examples as unknown[]), ...inline];
      for (const example of examples) {
        expect(parseFilter(example, compiled.objects.get(object)!.scope, { allowVariables: true }).errors, JSON.stringify(example)).toEqual([]);
      }
    }
  });
});

describe('buildOpenApi for the hotel template', () => {
  const doc = build(loadTemplate('hotel').document, 'hotel');

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await validity(doc);
    expect(result).toMatchObject({ valid: true, warnings: [] });
  });

  it('has read, create, update and list schemas for every object', () => {
    for (const stem of ['Hotel', 'Lead', 'KeyPerson', 'Visit', 'Contract']) {
      for (const suffix of ['', 'Create', 'Update', 'List']) expect(doc.components.schemas).toHaveProperty(`${stem}${suffix}`);
    }
    expect(schema(doc, 'Hotel').title).toBe('Hotel (酒店)');
    expect(schema(doc, 'Lead').properties.name).toMatchObject({ type: ['string', 'null'], maxLength: 160, title: 'Lead name (线索名称)' });
  });

  it('carries enums, bounds, formats and read-only markers from the metadata', () => {
    const lead = schema(doc, 'Lead').properties;
    expect(lead.source!.enum).toEqual(['crawl', 'bd', 'merchant', 'crowd', null]);
    expect(lead.stage!.enum).toEqual(['new', 'contacted', 'confirmed', 'negotiating', 'signed', 'lost', null]);
    expect(lead.score).toMatchObject({ type: ['integer', 'null'], minimum: 0, maximum: 100 });
    expect(lead.poolState).toMatchObject({ enum: ['public', 'private', null], readOnly: true });
    expect(lead.hotel!.anyOf).toEqual([{ type: 'string', format: 'uuid' }, { $ref: '#/components/schemas/Hotel' }, { type: 'null' }]);
    // The sweep's releases are the system's (api.md: `releasedBy` tells who, or `system`).
    expect(lead.releasedBy!.anyOf).toEqual([{ type: 'string', format: 'uuid' }, { type: 'string', const: 'system' }, { $ref: '#/components/schemas/UserRef' }, { type: 'null' }]);
    expect(lead.releasedBy!.description).toContain('`system` for a release by the scheduled recycling');
    expect(lead.owner!.anyOf).toEqual([{ type: 'string', format: 'uuid' }, { $ref: '#/components/schemas/UserRef' }, { type: 'null' }]);
    expect(schema(doc, 'Hotel').properties.city!.enum).toContain('chengdu');
    expect(schema(doc, 'Hotel').properties).not.toHaveProperty('poolState');
    expect(schema(doc, 'Visit').properties.visitedAt).toMatchObject({ format: 'date-time' });
    expect(schema(doc, 'KeyPerson').properties.email).toMatchObject({ format: 'email' });
    expect(schema(doc, 'Contract').properties.number).toMatchObject({ readOnly: true, 'x-shoal-type': 'autonumber' });
    expect(schema(doc, 'Contract').properties.signedAt).toMatchObject({ format: 'date' });
    expect(schema(doc, 'Lead').required).toEqual(expect.arrayContaining(['id', 'version', 'createdAt', 'owner', 'poolState', 'holdExpiresAt']));
  });

  it('requires on create what the metadata requires, except fields with defaults', () => {
    expect(schema(doc, 'HotelCreate').required).toEqual(['name', 'city']);
    expect(schema(doc, 'LeadCreate').required).toEqual(['name', 'hotel']);
    expect(schema(doc, 'LeadCreate').properties.priority).toMatchObject({ 'x-shoal-default': 'medium' });
    expect(schema(doc, 'LeadCreate').properties.priority).not.toHaveProperty('default');
    expect(schema(doc, 'KeyPersonCreate').required).toEqual(['name', 'hotel']);
    // visitedAt is required but starts at now (the template's default), so a create may leave it out.
    expect(schema(doc, 'VisitCreate').required).toEqual(['lead']);
    expect(schema(doc, 'VisitCreate').properties.visitedAt).toMatchObject({ 'x-shoal-default': 'now', description: expect.stringContaining('Default: the moment the record is created.') });
    expect(schema(doc, 'Visit').properties.nextVisitAt?.description).toContain('Not earlier than `visitedAt` (a write that makes it so is a 422 at this field, or at `visitedAt` when the write changed only that one).');
    expect(schema(doc, 'ContractCreate').properties).not.toHaveProperty('number');
    expect(schema(doc, 'LeadCreate')).toMatchObject({ additionalProperties: false });
    expect(schema(doc, 'LeadCreate').properties.name!.type).toBe('string');
    expect(schema(doc, 'LeadCreate').properties.notes!.type).toEqual(['string', 'null']);
  });

  it('lets updates change writable fields only, none required', () => {
    const update = schema(doc, 'LeadUpdate');
    expect(update.required).toBeUndefined();
    expect(update.additionalProperties).toBe(false);
    expect(Object.keys(update.properties)).toEqual(['name', 'hotel', 'contactName', 'contactPhone', 'expectedRevenue', 'source', 'score', 'priority', 'notes']);
    expect(schema(doc, 'ContractUpdate').properties).not.toHaveProperty('number');
  });

  it('gives every operation a unique id, tags and problem responses', () => {
    const all = operations(doc);
    const ids = all.map((o) => o.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining([
      'login', 'getMe', 'listLead', 'createLead', 'getLead', 'updateLead', 'deleteLead', 'restoreLead', 'queryLead',
      'getLeadHistory', 'bulkLead', 'aggregateLead', 'importLead', 'exportLeadCsv', 'transitionLead', 'claimLeadPool',
      'releaseLeadPool', 'assignLeadPool', 'extendLeadPool', 'sweepLeadPool', 'listLeadPoolPublic', 'listLeadPoolMine',
      'getFunnelLeadFunnel', 'runAssignmentRuleEastChinaNewHotels', 'listWorkOrders', 'createWebhook', 'getJob', 'listObjects',
    ]));
    const tagNames = new Set(doc.tags.map((t) => t.name));
    for (const { path, operation } of all) {
      expect(operation.tags.length, path).toBeGreaterThan(0);
      for (const tag of operation.tags) expect(tagNames.has(tag), `${path} tag ${tag}`).toBe(true);
      const open = operation.security?.length === 0;
      if (!open) expect(operation.responses, `${path} 401`).toHaveProperty('401');
    }
    expect(doc.components.responses.NotFound!.content).toHaveProperty(['application/problem+json']);
  });

  it('says which reasons a pool’s release offers by key (its own, else the built-in four) and that a typed reason is taken', () => {
    const builtIn = doc.paths['/pools/leadPool/release']!.post!;
    expect(builtIn.description).toContain('`no_interest` (客户暂无合作意向 / No interest for now)');
    expect(builtIn.description).toContain('own words is taken as well');
    const own = build(testDocument({ pools: { leadPool: { ...testDocument().pools!.leadPool!, releaseReasons: [{ key: 'shop_closed', label: { en: 'Shop closed', zh: '商家已闭店' } }] } } }));
    const release = own.paths['/pools/leadPool/release']!.post!;
    expect(release.description).toContain('`shop_closed` (商家已闭店 / Shop closed)');
    expect(release.description).not.toContain('no_interest');
    expect(release.requestBody!.content['application/json']!.example).toMatchObject({ reason: 'shop_closed' });
    // An owner's words are plain text on the reference page, not Markdown (no image, link or code span).
    const marked = build(testDocument({ pools: { leadPool: { ...testDocument().pools!.leadPool!, releaseReasons: [{ key: 'odd', label: '![x](https://evil.example/p.png) `x`' }] } } }));
    expect(marked.paths['/pools/leadPool/release']!.post!.description).toContain('`odd` (\\!\\[x\\]\\(https://evil.example/p.png\\) \\`x\\`)');
  });

  it('says who may assign (and force), release others’ holds and extend them: the pool’s administrators among them', () => {
    const pool = (action: string) => doc.paths[`/pools/leadPool/${action}`]!.post!.description!;
    const admins = 'the pool\'s administrators (roles `manager`) and tenant admins';
    expect(pool('assign')).toContain(`unless ${admins} send \`"force": true\``);
    expect(pool('release')).toContain(`or ${admins} for anyone's hold`);
    expect(pool('extend')).toContain(`By the holder (whose roles grant \`extend\`), the holder’s manager (whose roles grant \`extend\`), ${admins}, for anyone's hold.`);
  });

  it('documents the list parameters, the conditional headers and the transition targets', () => {
    const list = doc.paths['/records/lead']!.get!;
    const names = list.parameters!.map((p) => ('$ref' in p ? p.$ref.split('/').pop() : p.name));
    expect(names).toEqual(['where', 'orderBy', 'Limit', 'Cursor', 'fields', 'expand', 'Count', 'linkable']);
    expect(doc.components.parameters.Limit!.schema).toMatchObject({ minimum: 1, maximum: 500, default: 50 });
    expect(doc.paths['/records/lead']!.post!.parameters).toEqual([{ $ref: '#/components/parameters/IdempotencyKey' }]);
    expect(doc.paths['/records/lead/{id}']!.patch!.responses).toHaveProperty('412');
    const transition = doc.paths['/records/lead/{id}/transition']!.post!.requestBody!.content['application/json']!.schema as JsonSchema;
    expect(transition).toMatchObject({ required: ['to'], properties: { to: { enum: ['new', 'contacted', 'confirmed', 'negotiating', 'signed', 'lost'] } } });
    expect(doc.paths).not.toHaveProperty(['/records/hotel/{id}/transition']);
  });

  it('describes the filter language, the security schemes and the tenant server', () => {
    expect(doc.components.schemas.Filter).toMatchObject({ type: 'object' });
    expect(String(doc.components.schemas.Filter!.description)).toContain('$contains');
    expect(doc.components.securitySchemes).toMatchObject({
      bearerAuth: { type: 'http', scheme: 'bearer' },
      cookieAuth: { type: 'apiKey', in: 'cookie', name: 'shoal_session' },
    });
    expect(doc.security).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }]);
    expect(doc.servers[0]!.url).toBe('/api/t/hotel');
    expect(doc.paths['/auth/login']!.post!.security).toEqual([]);
  });
});

describe('buildOpenApi for the test CRM', () => {
  const doc = build(testDocument());

  it('is valid and types multi-selects, dates and defaults', async () => {
    expect(await validity(doc)).toMatchObject({ valid: true });
    const lead = schema(doc, 'Lead').properties;
    expect(lead.tags).toMatchObject({ type: ['array', 'null'], items: { type: 'string', enum: ['vip', 'chain', 'new'] } });
    expect(lead.dueOn).toMatchObject({ format: 'date' });
    expect(schema(doc, 'LeadCreate').required).toEqual(['name']);
    expect(schema(doc, 'LeadCreate').properties.active).toMatchObject({ 'x-shoal-default': true });
  });
});

describe('components', () => {
  const paths = (doc: OpenApiDocument) => Object.keys(doc.paths);

  it('a disabled component has no paths, tags or schemas', async () => {
    const doc = build(testDocument({ components: { enabled: [] } }));
    expect(await validity(doc)).toMatchObject({ valid: true });
    for (const prefix of ['/pools/', '/assignment-rules/', '/work-orders', '/webhooks', '/jobs/']) {
      expect(paths(doc).filter((p) => p.startsWith(prefix)), prefix).toEqual([]);
    }
    expect(paths(doc).filter((p) => p.endsWith('/import') || p.endsWith('/export.csv'))).toEqual([]);
    const schemas = Object.keys(doc.components.schemas);
    expect(schemas.filter((s) => /^(Pool|Webhook|WorkOrder|Assignment)|^Job$|^ImportAccepted$/.test(s))).toEqual([]);
    expect(doc.tags.map((t) => t.name)).not.toContain('Pools');
    expect(doc.webhooks).toBeUndefined();
    // Records and pipelines are not components: they stay. Funnel statistics are a report.
    expect(doc.paths).toHaveProperty(['/records/lead/{id}/transition']);
    expect(doc.paths).not.toHaveProperty(['/pipelines/leadFunnel/funnel']);
  });

  it('describes what a webhook subscriber receives: one delivery per event, its signed headers and body', async () => {
    const doc = build(testDocument({ components: { enabled: ['webhooks'] } }));
    expect(await validity(doc)).toMatchObject({ valid: true, warnings: [] });
    expect(Object.keys(doc.webhooks!)).toEqual(expect.arrayContaining(['record.created', 'record.updated', 'record.deleted', 'record.claimed']));
    const created = doc.webhooks!['record.created']!.post!;
    expect(created.parameters!.map((p) => ('name' in p ? p.name : p.$ref))).toEqual(['X-Shoal-Event', 'X-Shoal-Delivery', 'X-Shoal-Signature']);
    expect(created.requestBody!.content['application/json']!.schema).toEqual({ $ref: '#/components/schemas/WebhookEvent' });
    const event = schema(doc, 'WebhookEvent');
    expect(event.properties.object).toMatchObject({ enum: ['hotel', 'lead', 'visit', 'contract'] });
    expect(event.properties.record).toMatchObject({ anyOf: expect.arrayContaining([{ $ref: '#/components/schemas/Lead' }, { type: 'null' }]) });
    expect(new Set(operations(doc).map((o) => o.operation.operationId))).not.toContain(created.operationId);
  });

  it('an enabled component brings its section', () => {
    const doc = build(testDocument({ components: { enabled: ['import'] } }));
    expect(doc.paths).toHaveProperty(['/records/lead/import']);
    expect(doc.paths).toHaveProperty(['/jobs/{job}']);
    expect(paths(doc).some((p) => p.startsWith('/pools/'))).toBe(false);
    expect(doc.components.schemas).toHaveProperty('Job');
  });
});

describe('naming', () => {
  it('keeps schema names and operation ids unique when object keys collide with them', async () => {
    const base = testDocument();
    const doc = build({
      ...base,
      objects: {
        ...base.objects,
        problem: { label: 'Problem', fields: { name: { type: 'text' } } },
        leadCreate: { label: 'Lead create', fields: { name: { type: 'text' } } },
        users: { label: 'Users', fields: { name: { type: 'text' } } },
      },
    });
    expect(await validity(doc)).toMatchObject({ valid: true });
    expect(doc.components.schemas.Problem).toMatchObject({ title: 'Problem (RFC 9457)' });
    expect(doc.components.schemas).toHaveProperty('ProblemRecord');
    expect(doc.components.schemas).toHaveProperty('LeadCreateRecord');
    expect(schema(doc, 'LeadCreate').title).toBe('New Lead (线索)');
    expect(doc.paths['/records/users']!.get!.operationId).toBe('listUsersRecord');
    expect(doc.paths['/records/users']!.get!.tags).toEqual(['Users [users]']);
    const ids = operations(doc).map((o) => o.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
