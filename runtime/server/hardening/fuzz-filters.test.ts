import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer, type ApiClient, type TestTenant } from '../../testing/test-server.ts';
import { filterTree, hostileJson, typedLeaf } from './filter-arbitraries.ts';
import { expectHealthy, expectWellFormedAnswer, fuzzParameters, FuzzTally, queryString } from './fuzz-support.ts';

/**
 * Property-based fuzzing of the filter language and the list parameters against a real server
 * on both databases: every answer is a 2xx or a 4xx problem with a `code`, never a 5xx, and
 * the server keeps answering `/healthz`. Run long with `SHOAL_FUZZ_RUNS=5000`.
 */
describeEachServer('fuzz: filter language', (ctx) => {
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
    console.log(tally.report(`filter language [${ctx().database.kind}]`));
  });

  const callers = () => [tenant.admin, bd, manager];

  it('filter trees through GET ?where= and POST /query: 2xx or a 4xx problem, never a 5xx', async () => {
    await fc.assert(fc.asyncProperty(filterTree, fc.integer({ min: 0, max: 2 }), fc.boolean(), async (where, who, viaPost) => {
      const client = callers()[who]!;
      const encoded = JSON.stringify(where);
      const res = viaPost || encoded.length > 3000
        ? await client.post(path('/records/lead/query'), { where, limit: 20, count: true })
        : await client.get(path(`/records/lead${queryString([['where', encoded], ['count', 'true']])}`));
      tally.record('filter', res.status);
      expectWellFormedAnswer(res, `where=${encoded.slice(0, 2000)}`);
      if (res.status === 200) expect(res.body.data.length).toBeLessThanOrEqual(res.body.total);
    }), fuzzParameters(120));
    await expectHealthy(ctx().api);
  });

  it('filters in aggregates, exports, pools and funnels', async () => {
    await fc.assert(fc.asyncProperty(filterTree, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 }), async (where, target, who) => {
      const client = callers()[who]!;
      const encoded = JSON.stringify(where);
      let res;
      if (target === 0) res = await client.post(path('/records/lead/aggregate'), { where, groupBy: ['stage'], metrics: [{ fn: 'count' }, { fn: 'sum', field: 'score' }] });
      else if (target === 1) res = await client.get(path(`/records/lead/export.csv${queryString([['where', encoded.slice(0, 3000)]])}`));
      else if (target === 2) res = await client.get(path(`/pools/leadPool/public${queryString([['where', encoded.slice(0, 3000)]])}`));
      else res = await client.get(path(`/pipelines/leadFunnel/funnel${queryString([['where', encoded.slice(0, 3000)]])}`));
      tally.record(['aggregate filter', 'export filter', 'pool filter', 'funnel filter'][target]!, res.status);
      expectWellFormedAnswer(res, `target ${target} where=${encoded.slice(0, 2000)}`);
    }), fuzzParameters(60));
    await expectHealthy(ctx().api);
  });

  it('aggregate bodies: groupBy and metrics of any shape', async () => {
    const metric = fc.oneof(
      fc.record({ fn: fc.constantFrom('count', 'sum', 'avg', 'min', 'max'), field: fc.constantFrom('score', 'expectedRevenue', 'name', 'nextCallAt', 'tags', 'hotel', 'hotel.stars', 'active', 'nope') }, { requiredKeys: ['fn'] }),
      hostileJson,
    );
    const groupable = ['stage', 'source', 'tags', 'hotel', 'hotel.city', 'owner', 'score', 'nextCallAt', 'dueOn', 'active', 'poolState', 'nope', '__proto__'] as const;
    const body = fc.oneof(
      { weight: 3, arbitrary: fc.record({
        where: fc.oneof(typedLeaf, filterTree),
        groupBy: fc.uniqueArray(fc.constantFrom(...groupable.slice(0, 11).filter((g) => g !== 'hotel.city')), { maxLength: 2 }),
        metrics: fc.uniqueArray(fc.oneof(
          fc.constant({ fn: 'count' }),
          fc.record({ fn: fc.constantFrom('sum', 'avg', 'min', 'max'), field: fc.constantFrom('score', 'expectedRevenue') }),
          fc.record({ fn: fc.constantFrom('min', 'max'), field: fc.constantFrom('nextCallAt', 'dueOn', 'name') }),
        ), { minLength: 1, maxLength: 3, selector: (m) => `${m.fn}_${'field' in m ? m.field : ''}` }),
      }, { requiredKeys: ['metrics'] }) },
      { weight: 1, arbitrary: fc.record({
        where: fc.oneof(filterTree, hostileJson),
        groupBy: fc.oneof(fc.array(fc.constantFrom(...groupable), { maxLength: 3 }), hostileJson),
        metrics: fc.oneof(fc.array(metric, { maxLength: 3 }), hostileJson),
      }, { requiredKeys: [] }) },
    );
    await fc.assert(fc.asyncProperty(body, fc.integer({ min: 0, max: 2 }), async (input, who) => {
      const res = await callers()[who]!.post(path('/records/lead/aggregate'), input);
      tally.record('aggregate body', res.status);
      expectWellFormedAnswer(res, `aggregate ${JSON.stringify(input).slice(0, 2000)}`);
    }), fuzzParameters(80));
    await expectHealthy(ctx().api);
  });
});
