import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer, type ApiClient, type TestTenant } from '../../testing/test-server.ts';
import { expectHealthy, expectWellFormedAnswer, fuzzParameters, FuzzTally, hostileJson, hostileNumber, hostileScalar, hostileString } from './fuzz-support.ts';

/**
 * Property-based fuzzing of record payloads, field type by field type, through create, update
 * (with and without `If-Match`) and bulk writes, on both databases. Every answer is a 2xx or a
 * 4xx problem; a 2xx record echoes only values of the field's type; the server keeps serving.
 */

/** Filled in once the suite has made a hotel, so payloads can point at a real one. */
const known = { hotelId: '00000000-0000-4000-8000-000000000000' };

const isoDate = fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true });

/** For each field of `lead`: values of its type (valid or at the edges) mixed with anything. */
const leadFieldValues: Record<string, fc.Arbitrary<unknown>> = {
  name: fc.oneof(fc.string({ maxLength: 30 }), hostileString),
  contactName: fc.oneof(fc.string({ maxLength: 30 }), hostileScalar),
  contactPhone: fc.oneof(fc.constantFrom('+86 21 5555 0101', '021-5555', '++', '1'.repeat(40), 'phone'), hostileScalar),
  expectedRevenue: fc.oneof(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.integer(), hostileNumber, fc.constantFrom('12.5', 1e16, 12.345, 0.1 + 0.2), hostileScalar),
  score: fc.oneof(fc.integer({ min: -10, max: 110 }), hostileNumber, fc.constantFrom('50', 50.5, 2 ** 31, -(2 ** 31) - 1), hostileScalar),
  source: fc.oneof(fc.constantFrom('crawl', 'bd', 'merchant', 'crowd', 'CRAWL', 'Crawl', 'other'), hostileScalar),
  tags: fc.oneof(fc.subarray(['vip', 'chain', 'new']), fc.array(fc.constantFrom('vip', 'chain', 'new', 'nope'), { maxLength: 5 }), fc.constantFrom('vip', 'vip;chain'), hostileJson),
  nextCallAt: fc.oneof(isoDate.map((d) => d.toISOString()), fc.constantFrom('2026-12-01T08:00:00+08:00', '2026-12-01', 'now', '2026-02-30T00:00:00Z', '275760-09-13T00:00:00Z', '0001-01-01T00:00:00Z'), hostileScalar),
  dueOn: fc.oneof(isoDate.map((d) => d.toISOString().slice(0, 10)), fc.constantFrom('2026-02-29', '2028-02-29', '2026-12-01T08:00:00Z', '99999-01-01', '0000-00-00'), hostileScalar),
  active: fc.oneof(fc.boolean(), fc.constantFrom('true', 1, 0, 'yes'), hostileScalar),
  notes: fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('x'.repeat(100_001), 'line\nbreak\r\n\ttab'), hostileScalar),
  hotel: fc.oneof(fc.constant(null).map(() => known.hotelId), fc.uuid(), fc.constantFrom('00000000-0000-4000-8000-000000000000', 'not-a-uuid', 'HOTEL'), hostileScalar),
  stage: fc.oneof(fc.constantFrom('new', 'contacted', 'signed', 'lost', 'nope'), hostileScalar),
};

/** Values each field accepts, so that most generated payloads are valid and reach the database. */
const validLeadValues: Record<string, fc.Arbitrary<unknown>> = {
  name: fc.string({ minLength: 1, maxLength: 30 }).filter((x) => x.trim().length > 0 && !x.includes('\u0000')),
  contactName: fc.oneof(fc.string({ maxLength: 30 }).filter((x) => !x.includes('\u0000')), fc.constant(null)),
  expectedRevenue: fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 100), fc.constant(null)),
  score: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(null)),
  source: fc.constantFrom('crawl', 'bd', 'merchant', 'crowd', null),
  tags: fc.oneof(fc.subarray(['vip', 'chain', 'new']), fc.constant(null)),
  nextCallAt: fc.oneof(isoDate.map((d) => d.toISOString()), fc.constant(null)),
  dueOn: fc.oneof(isoDate.map((d) => d.toISOString().slice(0, 10)), fc.constant(null)),
  active: fc.boolean(),
  notes: fc.oneof(fc.string({ maxLength: 200, unit: 'grapheme' }), fc.constantFrom('<script>alert(1)</script>', "'; DROP TABLE records; --")),
  hotel: fc.oneof(fc.constant(null).map(() => known.hotelId), fc.constant(null)),
};

const validLead = fc.record(validLeadValues, { requiredKeys: ['name'] });

/** Fields a payload must never set through a field write. */
const systemFields = ['id', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'owner', 'poolState', 'claimedAt', 'holdExpiresAt', 'lastVisitAt', 'releasedAt', 'releaseReason', 'deletedAt', 'tenantId', 'tenant_id', 'data', '__proto__', 'constructor'];

const leadPayload = fc.oneof(
  { weight: 5, arbitrary: validLead },
  { weight: 4, arbitrary: fc.tuple(validLead, fc.constantFrom(...Object.keys(leadFieldValues))).chain(([p, k]) => leadFieldValues[k]!.map((v) => ({ ...p, [k]: v }))) },
  { weight: 2, arbitrary: fc.record(leadFieldValues, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.tuple(fc.record(leadFieldValues, { requiredKeys: [] }), fc.constantFrom(...systemFields), hostileScalar).map(([p, k, v]) => ({ ...p, [k]: v })) },
  { weight: 1, arbitrary: fc.tuple(fc.record(leadFieldValues, { requiredKeys: [] }), fc.string({ maxLength: 10 }), hostileJson).map(([p, k, v]) => ({ ...p, [k]: v })) },
  { weight: 1, arbitrary: hostileJson },
);

const hotelPayload = fc.record({
  name: fc.oneof(fc.string({ maxLength: 130 }), hostileScalar),
  city: fc.oneof(fc.constantFrom('beijing', 'shanghai', 'nanjing', 'suzhou', 'paris'), hostileScalar),
  stars: fc.oneof(fc.integer({ min: 0, max: 6 }), hostileScalar),
  roomNights: fc.oneof(fc.integer({ min: -1, max: 2 ** 31 }), hostileNumber),
  code: fc.oneof(fc.string({ maxLength: 4 }), hostileScalar),
}, { requiredKeys: [] });

describeEachServer('fuzz: record payloads', (ctx) => {
  const tally = new FuzzTally();
  let tenant: TestTenant;
  let bd: ApiClient;
  let leadIds: string[] = [];
  const path = (p: string) => `/api/t/${tenant.slug}${p}`;

  beforeAll(async () => {
    tenant = await ctx().createTenantWith(testDocument());
    bd = (await ctx().createUser(tenant, { email: 'bd@fuzz.test', roles: ['bd'], attributes: { team: 'east' } })).client;
    const hotel = await tenant.admin.post(path('/records/hotel'), { name: 'Fuzz Hotel', city: 'shanghai' });
    known.hotelId = hotel.body.id;
    leadIds = [];
    for (let i = 0; i < 3; i++) {
      const lead = await tenant.admin.post(path('/records/lead'), { name: `Lead ${i}` });
      leadIds.push(lead.body.id);
      if (i > 0) await bd.post(path('/pools/leadPool/claim'), { id: lead.body.id });
    }
  });

  afterAll(() => {
    console.log(tally.report(`record payloads [${ctx().database.kind}]`));
  });

  /** A stored record only ever holds values of each field's type. */
  function expectTypedRecord(record: Record<string, unknown>, what: string): void {
    const checks: Record<string, (v: unknown) => boolean> = {
      score: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 100,
      expectedRevenue: (v) => typeof v === 'number' && Number.isFinite(v),
      tags: (v) => Array.isArray(v) && v.every((t) => ['vip', 'chain', 'new'].includes(t)),
      source: (v) => ['crawl', 'bd', 'merchant', 'crowd'].includes(v as string),
      active: (v) => typeof v === 'boolean',
      nextCallAt: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
      dueOn: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
      name: (v) => typeof v === 'string' && v.trim().length > 0,
    };
    for (const [field, ok] of Object.entries(checks)) {
      const value = record[field];
      if (value === null || value === undefined) continue;
      expect(ok(value), `${what}: ${field} = ${JSON.stringify(value)}`).toBe(true);
    }
  }

  it('creates: any payload is a 201 with a well-typed record or a 4xx problem', async () => {
    await fc.assert(fc.asyncProperty(leadPayload, fc.boolean(), async (payload, asBd) => {
      const res = await (asBd ? bd : tenant.admin).post(path('/records/lead'), payload);
      tally.record('lead create', res.status);
      expectWellFormedAnswer(res, `create ${JSON.stringify(payload).slice(0, 1500)}`);
      if (res.status === 201) expectTypedRecord(res.body, 'created');
    }), fuzzParameters(100));
    await fc.assert(fc.asyncProperty(hotelPayload, async (payload) => {
      const res = await tenant.admin.post(path('/records/hotel'), payload);
      tally.record('hotel create', res.status);
      expectWellFormedAnswer(res, `create hotel ${JSON.stringify(payload).slice(0, 1500)}`);
    }), fuzzParameters(40));
    await expectHealthy(ctx().api);
  });

  it('updates: any payload and If-Match on records the caller may or may not change', async () => {
    const ifMatch = fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, fc.constantFrom('"1"', '"999"', '*', 'W/"1"', '1', '""', '"-1"', '"1e3"', '"abc"', '"99999999999999999999"'), hostileString);
    await fc.assert(fc.asyncProperty(leadPayload, fc.integer({ min: 0, max: 2 }), fc.boolean(), ifMatch, async (full, which, asBd, match) => {
      const id = leadIds[which]!;
      // A partial update: drop some keys of the payload.
      const payload = full !== null && typeof full === 'object' && !Array.isArray(full)
        ? Object.fromEntries(Object.entries(full).filter(([, v], i) => i % 2 === which % 2 || v === undefined))
        : full;
      const headers: Record<string, string> = {};
      if (match !== undefined) headers['if-match'] = match.replace(/[\u0000-\u001f\u007f-\uffff]/g, '?');
      const res = await (asBd ? bd : tenant.admin).patch(path(`/records/lead/${id}`), payload, { headers });
      tally.record('lead update', res.status);
      expectWellFormedAnswer(res, `update ${id} if-match ${match} ${JSON.stringify(payload).slice(0, 1500)}`);
      if (res.status === 200) expectTypedRecord(res.body, 'updated');
    }), fuzzParameters(100));
    await expectHealthy(ctx().api);
  });

  it('bulk writes of mixed valid and hostile rows', async () => {
    const body = fc.oneof(
      { weight: 4, arbitrary: fc.record({
        op: fc.constantFrom('create', 'update', 'upsert', 'delete'),
        records: fc.array(fc.oneof(leadPayload, fc.record({ id: fc.constantFrom(...leadIds, '00000000-0000-4000-8000-000000000000', 'x'), name: fc.string({ maxLength: 5 }) })), { maxLength: 5 }),
        upsertKey: fc.option(fc.constantFrom('name', 'contactPhone', 'score', 'nope', 'id'), { nil: undefined }),
        atomic: fc.option(fc.boolean(), { nil: undefined }),
      }, { requiredKeys: ['op', 'records'] }) },
      { weight: 1, arbitrary: hostileJson },
    );
    await fc.assert(fc.asyncProperty(body, fc.boolean(), async (input, asBd) => {
      const res = await (asBd ? bd : tenant.admin).post(path('/records/lead/bulk'), input);
      tally.record('lead bulk', res.status);
      expectWellFormedAnswer(res, `bulk ${JSON.stringify(input).slice(0, 1500)}`);
      if (res.status === 200) {
        for (const r of res.body.results) {
          expect(r.status, JSON.stringify(r)).toBeLessThan(500);
          if (r.error) expect(r.status, JSON.stringify(r)).toBeGreaterThanOrEqual(400);
        }
      }
    }), fuzzParameters(60));
    await expectHealthy(ctx().api);
  });

  it('ids, objects and actions in the path: anything is a 404/400, never a 500', async () => {
    const segment = fc.oneof(fc.uuid(), hostileString.filter((s) => s.length > 0 && s.length < 200), fc.constantFrom('..', '%2e%2e', 'lead%00', 'lead;', "lead'"));
    await fc.assert(fc.asyncProperty(fc.constantFrom('GET', 'PATCH', 'DELETE', 'POST'), segment, segment, fc.constantFrom('', '/history', '/restore', '/transition'), async (method, object, id, suffix) => {
      const url = path(`/records/${encodeURIComponent(object.replace(/[\uD800-\uDFFF]/g, '?'))}/${encodeURIComponent(id.replace(/[\uD800-\uDFFF]/g, '?'))}${suffix}`);
      const res = await tenant.admin.request(method, url, method === 'GET' || method === 'DELETE' ? {} : { body: { to: 'contacted', name: 'x' } });
      tally.record('record paths', res.status);
      expectWellFormedAnswer(res, `${method} ${url}`);
    }), fuzzParameters(60));
    await expectHealthy(ctx().api);
  });
});
