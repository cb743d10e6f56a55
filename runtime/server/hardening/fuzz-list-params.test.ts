import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer, type ApiClient, type TestTenant } from '../../testing/test-server.ts';
import { countParam, cursorParam, deeplyNestedText, edgeDateValue, expandParam, fieldsParam, filterTree, hostileString, limitParam, orderByParam, typedLeaf } from './filter-arbitraries.ts';
import { expectHealthy, expectWellFormedAnswer, fuzzParameters, FuzzTally, queryString } from './fuzz-support.ts';

/**
 * Property-based fuzzing of the list parameters (orderBy, fields, expand, cursor, limit, count)
 * and of deep nesting against a real server
 * on both databases: every answer is a 2xx or a 4xx problem with a `code`, never a 5xx, and
 * the server keeps answering `/healthz`. Run long with `SHOAL_FUZZ_RUNS=5000`.
 */
describeEachServer('fuzz: list parameters', (ctx) => {
  const tally = new FuzzTally();
  let tenant: TestTenant;
  let bd: ApiClient;
  let manager: ApiClient;
  const path = (p: string) => `/api/t/${tenant.slug}${p}`;

  beforeAll(async () => {
    tenant = await ctx().createTenantWith(testDocument());
    bd = (await ctx().createUser(tenant, { email: 'bd@fuzz.test', roles: ['bd'], attributes: { team: 'east' } })).client;
    manager = (await ctx().createUser(tenant, { email: 'mgr@fuzz.test', roles: ['manager'], attributes: { team: 'east' } })).client;
    const hotels: string[] = [];
    for (const [i, city] of ['shanghai', 'nanjing', 'suzhou'].entries()) {
      const res = await tenant.admin.post(path('/records/hotel'), { name: `Hotel ${i}`, city, stars: i + 3, roomNights: 1000 * i, code: `H${i}` });
      hotels.push(res.body.id);
    }
    for (let i = 0; i < 8; i++) {
      const res = await tenant.admin.post(path('/records/lead'), {
        name: `Lead ${i}`, hotel: hotels[i % 3], score: i * 12, tags: i % 2 ? ['vip'] : ['chain', 'new'], source: 'crawl',
        nextCallAt: `2026-0${(i % 9) + 1}-10T08:00:00Z`, dueOn: `2026-1${i % 3}-01`, expectedRevenue: i * 1000.5, contactName: i % 3 ? `C${i}` : null,
      });
      expect(res.status).toBe(201);
      if (i < 3) expect((await bd.post(path('/pools/leadPool/claim'), { id: res.body.id })).status).toBe(200);
    }
  });

  afterAll(() => {
    console.log(tally.report(`list parameters [${ctx().database.kind}]`));
  });

  const callers = () => [tenant.admin, bd, manager];

  it('list parameters (orderBy, fields, expand, cursor, limit, count, unknown ones) in any combination', async () => {
    const params = fc.record({
      where: fc.option(fc.oneof({ weight: 3, arbitrary: typedLeaf }, { weight: 1, arbitrary: filterTree }), { nil: undefined }),
      orderBy: fc.option(orderByParam, { nil: undefined }),
      fields: fc.option(fieldsParam, { nil: undefined }),
      expand: fc.option(expandParam, { nil: undefined }),
      cursor: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: cursorParam }),
      limit: fc.option(limitParam, { nil: undefined }),
      count: fc.option(countParam, { nil: undefined }),
      extra: fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.tuple(fc.oneof(hostileString, fc.constantFrom('offset', 'page', 'sort', 'filter', 'where')), hostileString) }),
    });
    await fc.assert(fc.asyncProperty(params, fc.integer({ min: 0, max: 2 }), fc.boolean(), async (p, who, viaPost) => {
      const client = callers()[who]!;
      let res;
      if (viaPost) {
        const body: Record<string, unknown> = {};
        if (p.where !== undefined) body.where = p.where;
        if (p.orderBy !== undefined) body.orderBy = p.orderBy;
        if (p.fields !== undefined) body.fields = p.fields.split(',');
        if (p.expand !== undefined) body.expand = p.expand.split(',');
        if (p.cursor !== undefined) body.cursor = p.cursor;
        if (p.limit !== undefined) body.limit = /^-?\d+$/.test(p.limit) ? Number(p.limit) : p.limit;
        if (p.count !== undefined) body.count = p.count === 'true' ? true : p.count === 'false' ? false : p.count;
        if (p.extra) body[p.extra[0]] = p.extra[1];
        res = await client.post(path('/records/lead/query'), body);
      } else {
        const list: Array<[string, string]> = [];
        if (p.where !== undefined) list.push(['where', JSON.stringify(p.where).slice(0, 1500)]);
        for (const key of ['orderBy', 'fields', 'expand', 'cursor', 'limit', 'count'] as const) if (p[key] !== undefined) list.push([key, p[key]]);
        if (p.extra) list.push(p.extra);
        res = await client.get(path(`/records/lead${queryString(list)}`));
      }
      tally.record(viaPost ? 'query body' : 'query parameters', res.status);
      expectWellFormedAnswer(res, `${viaPost ? 'POST /query' : 'GET'} ${JSON.stringify(p).slice(0, 2000)}`);
    }), fuzzParameters(150));
    await expectHealthy(ctx().api);
  });

  it('tampered cursors bound to the right orderBy (wrong value types, wrong id, wrong phase)', async () => {
    const orders = ['-createdAt', '-score', 'name', 'nextCallAt', 'dueOn', '-expectedRevenue', 'hotel.city', 'tags', 'active', '-score,name'];
    const tampered = fc.tuple(fc.constantFrom(...orders), fc.oneof(fc.constantFrom(0, 1), fc.constantFrom(2, -1, '0', null)),
      fc.array(fc.oneof(fc.constantFrom('2026-05-01T00:00:00Z', 'now', 'x', '', '1e400', 'true', "'", 1e308, -1, 1.5, true, null, 'shanghai', 'ZZZZ', '00000000-0000-4000-8000-000000000000'), fc.string({ maxLength: 6 }), fc.double()), { maxLength: 3 }),
      fc.oneof(fc.uuid(), fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '------------------------------------')));
    await fc.assert(fc.asyncProperty(tampered, fc.integer({ min: 0, max: 2 }), async ([order, phase, values, id], who) => {
      const cursor = Buffer.from(JSON.stringify([order, phase, values, id])).toString('base64url');
      const res = await callers()[who]!.get(path(`/records/lead${queryString([['orderBy', order], ['cursor', cursor], ['limit', '3']])}`));
      tally.record('tampered cursor', res.status);
      expectWellFormedAnswer(res, `orderBy=${order} cursor=${JSON.stringify([order, phase, values, id])}`);
    }), fuzzParameters(100));
    await expectHealthy(ctx().api);
  });

  it('time cursors, asOf and version numbers at and past the edges of the calendar and of int4', async () => {
    const timeCursor = fc.tuple(fc.oneof(edgeDateValue, fc.constantFrom(null, '1', '-1', 5, '2026-01-01T00:00:00+99:00')), fc.oneof(fc.uuid(), fc.constant('not-an-id')))
      .map((values) => Buffer.from(JSON.stringify(values)).toString('base64url'));
    const request = fc.oneof(
      timeCursor.map((cursor) => ['GET', `/pools/leadPool/mine${queryString([['cursor', cursor]])}`] as const),
      timeCursor.map((cursor) => ['GET', `/notifications${queryString([['cursor', cursor]])}`] as const),
      timeCursor.map((cursor) => ['GET', `/work-orders${queryString([['state', 'done'], ['cursor', cursor]])}`] as const),
      edgeDateValue.map((asOf) => ['POST', '/pools/leadPool/sweep', { asOf, dryRun: true }] as const),
      fc.tuple(edgeDateValue, edgeDateValue).map(([from, to]) => ['GET', `/pipelines/leadFunnel/funnel${queryString([['from', from], ['to', to]])}`] as const),
      fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String), fc.constantFrom('2147483647', '2147483648', '0x10', '1e3', '-1')).map((n) => ['GET', `/meta/versions/${n}`] as const),
    );
    await fc.assert(fc.asyncProperty(request, async ([method, target, body]) => {
      const res = await tenant.admin.request(method, path(target), body === undefined ? {} : { body });
      tally.record('edge dates and ids', res.status);
      expectWellFormedAnswer(res, `${method} ${target} ${JSON.stringify(body ?? '')}`);
    }), fuzzParameters(100));
    await expectHealthy(ctx().api);
  });

  it('deeply nested and oversized filters are refused with 400 naming the problem', async () => {
    for (const kind of ['$and', '$or', '$not', 'array', 'object'] as const) {
      for (const depth of [11, 100, 5000]) {
        const where = deeplyNestedText(depth, kind);
        const res = await tenant.admin.request('POST', path('/records/lead/query'), { rawBody: `{"where":${where}}`, headers: { 'content-type': 'application/json' } });
        tally.record('deep filter', res.status);
        expectWellFormedAnswer(res, `${kind} nested ${depth} deep`);
        expect(res.status, `${kind} ${depth}: ${res.text.slice(0, 300)}`).toBe(400);
      }
    }
    const wide = { $or: Array.from({ length: 5000 }, (_, i) => ({ score: i })) };
    const wideRes = await tenant.admin.post(path('/records/lead/query'), { where: wide });
    tally.record('deep filter', wideRes.status);
    expect(wideRes.status).toBe(400);
    const longList = await tenant.admin.post(path('/records/lead/query'), { where: { name: { $in: Array.from({ length: 5000 }, (_, i) => `n${i}`) } } });
    tally.record('deep filter', longList.status);
    expect(longList.status).toBe(400);
    // A JSON body nested far beyond any parser's comfort: refused, not a crash.
    const deepJson = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const deepBody = await tenant.admin.request('POST', path('/records/lead/query'), { rawBody: `{"where":${deepJson}}`, headers: { 'content-type': 'application/json' } });
    tally.record('deep filter', deepBody.status);
    expectWellFormedAnswer(deepBody, 'JSON nested 100,000 deep');
    expect(deepBody.status).toBe(400);
    await expectHealthy(ctx().api);
  });
});
