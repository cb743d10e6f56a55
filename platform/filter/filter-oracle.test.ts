import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { CompiledMetadata } from '../metadata/compile-metadata.ts';
import { parseOrderBy } from '../metadata/order-by.ts';
import { listRecords } from '../records/list-records.ts';
import { tenantLiteral } from '../storage/storage.ts';
import { enterTenant } from '../storage/enter-tenant.ts';
import { testDocument } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-databases.ts';
import { compileFilterSql } from './compile-filter-sql.ts';
import { evaluateFilter, type Row } from './evaluate-filter.ts';
import { compareCodePoints } from './filter-values.ts';
import { parseFilter, parseFilterOrThrow } from './parse-filter.ts';
import type { FilterContext } from './resolve-operand.ts';

const runs = Number(process.env.SHOAL_FUZZ_RUNS ?? 150);
const words = ['alpha', 'Beta', 'gamma', 'Café', '酒店', 'hotel 5', '%_\\', ''];
const cities = ['beijing', 'shanghai', 'nanjing', 'suzhou'];
const stages = ['new', 'contacted', 'negotiating', 'signed', 'lost'];
const teams = ['north', 'south', ['north', 'east'], 7, true];
const instants = ['2026-01-01T00:00:00.000Z', '2026-03-15T08:30:00.000Z', '2026-06-30T23:59:59.999Z', '2025-12-31T16:00:00.000Z'];
const dates = ['2026-01-01', '2026-02-28', '2026-07-04', '2025-12-31'];
const now = new Date('2026-03-01T00:00:00.000Z');

interface Fixture {
  tenantId: string;
  compiled: CompiledMetadata;
  leads: Row[];
  hotels: Map<string, Row>;
  users: Map<string, Row>;
  user: FilterContext['user'];
}

function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

/** A deterministic data set: users with attributes, hotels, and leads with every field kind, nulls included. */
function buildData(): { users: Row[]; hotels: Row[]; leads: Row[] } {
  let seed = 42;
  const rng = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const maybe = <T>(value: T) => (rng() < 0.25 ? null : value);
  const users = Array.from({ length: 6 }, (_, i) => ({
    id: randomUUID(), email: `u${i}@x.test`, name: `User ${i}`, roles: i % 2 ? ['bd'] : ['manager', 'bd'],
    attributes: i === 5 ? {} : { team: teams[i % teams.length], weight: i },
  }));
  const hotels = Array.from({ length: 8 }, (_, i) => ({ id: randomUUID(), name: `H${i}`, city: maybe(pick(rng, cities)), stars: maybe(1 + (i % 5)) }));
  const leads = Array.from({ length: 140 }, (_, i) => ({
    id: randomUUID(),
    name: pick(rng, words) + (i % 3 ? '' : ` ${i}`),
    score: maybe(Math.floor(rng() * 101)),
    expectedRevenue: maybe(Math.round(rng() * 100000) / 100),
    stage: pick(rng, stages),
    source: maybe(pick(rng, ['crawl', 'bd', 'merchant', 'crowd'])),
    tags: maybe(pick(rng, [['vip'], ['chain', 'new'], ['vip', 'chain']])),
    nextCallAt: maybe(pick(rng, instants)),
    dueOn: maybe(pick(rng, dates)),
    active: maybe(rng() < 0.5),
    hotel: rng() < 0.15 ? null : rng() < 0.1 ? randomUUID() : pick(rng, hotels).id,
    owner: rng() < 0.3 ? null : pick(rng, users).id,
    createdAt: pick(rng, instants),
  }));
  return { users, hotels, leads };
}

describeEachDatabase('filter tree: SQL equals in-memory evaluation', (db) => {
  let fixture: Fixture;

  beforeAll(async () => {
    const { storage } = db();
    const tenantId = randomUUID();
    const compiled = new CompiledMetadata(tenantId, 1, testDocument());
    const { users, hotels, leads } = buildData();
    await storage.inPlatform(async (tx) => {
      await tx.insertInto('tenants').values({ id: tenantId, slug: `f-${tenantId.slice(0, 8)}`, name: 'F', live_version: null, time_zone: 'UTC' }).execute();
      await enterTenant(tx, tenantId);
      for (const u of users) {
        await tx.insertInto('users').values({ tenant_id: tenantId, id: u.id as string, email: u.email as string, name: u.name as string, password_hash: null, roles: u.roles as string[], attributes: JSON.stringify(u.attributes), manager_id: null }).execute();
      }
      const insert = async (object: string, row: Row, columns: Record<string, unknown>) => {
        const data = Object.fromEntries(Object.entries(row).filter(([k, v]) => v !== null && !['id', 'stage', 'owner', 'createdAt'].includes(k)));
        await tx.insertInto('records').values({ tenant_id: tenantId, object, id: row.id as string, data: JSON.stringify(data), ...columns }).execute();
      };
      for (const h of hotels) await insert('hotel', h, {});
      for (const l of leads) await insert('lead', l, { stage: l.stage as string, owner: l.owner as string | null, created_at: l.createdAt as string, pool: 'leadPool', pool_state: l.owner ? 'private' : 'public' });
    });
    const [first] = users;
    fixture = {
      tenantId, compiled,
      leads: leads.map((l) => ({ ...l, poolState: l.owner ? 'private' : 'public' })),
      hotels: new Map(hotels.map((h) => [h.id as string, h as Row])),
      users: new Map(users.map((u) => [u.id as string, u as Row])),
      user: { id: first!.id as string, roles: first!.roles as string[], attributes: first!.attributes as Record<string, unknown> },
    };
  });

  const leafArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
    fc.record({ f: fc.constant('name'), op: fc.constantFrom('$eq', '$ne', '$gt', '$lte', '$contains', '$startsWith', '$in', '$nin'), v: fc.constantFrom(...words, 'ALPHA', 'é', 'a') }),
    fc.record({ f: fc.constantFrom('score', 'expectedRevenue'), op: fc.constantFrom('$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin'), v: fc.integer({ min: -5, max: 1000 }) }),
    fc.record({ f: fc.constant('stage'), op: fc.constantFrom('$eq', '$ne', '$in', '$nin', '$gt'), v: fc.constantFrom(...stages) }),
    fc.record({ f: fc.constant('source'), op: fc.constantFrom('$eq', '$ne', '$in', '$nin'), v: fc.constantFrom('crawl', 'bd', 'merchant', 'crowd') }),
    fc.record({ f: fc.constant('tags'), op: fc.constantFrom('$eq', '$ne', '$all', '$any', '$in', '$nin'), v: fc.constantFrom('vip', 'chain', 'new') }),
    fc.record({ f: fc.constant('nextCallAt'), op: fc.constantFrom('$eq', '$gt', '$lt', '$gte', '$ne'), v: fc.constantFrom(...instants, 'now-30d', 'now', '2026-03-15') }),
    fc.record({ f: fc.constant('dueOn'), op: fc.constantFrom('$eq', '$gt', '$lte', '$ne', '$in'), v: fc.constantFrom(...dates, 'today', 'today-60d') }),
    fc.record({ f: fc.constant('active'), op: fc.constantFrom('$eq', '$ne'), v: fc.boolean() }),
    fc.record({ f: fc.constant('createdAt'), op: fc.constantFrom('$gt', '$lt', '$eq', '$gte'), v: fc.constantFrom(...instants, 'now-60d') }),
    fc.record({ f: fc.constant('owner'), op: fc.constantFrom('$eq', '$ne'), v: fc.constant('$user.id') }),
    fc.record({ f: fc.constant('poolState'), op: fc.constantFrom('$eq', '$ne'), v: fc.constantFrom('public', 'private') }),
    fc.record({ f: fc.constantFrom('hotel.city'), op: fc.constantFrom('$eq', '$ne', '$in', '$nin'), v: fc.constantFrom(...cities) }),
    fc.record({ f: fc.constant('hotel.stars'), op: fc.constantFrom('$gte', '$lt', '$ne', '$eq'), v: fc.integer({ min: 1, max: 5 }) }),
    fc.record({ f: fc.constant('owner.attributes.team'), op: fc.constantFrom('$eq', '$ne', '$in', '$nin', '$gt'), v: fc.constantFrom('north', 'south', 'east', 7, true) }),
    fc.record({ f: fc.constant('owner.attributes.team'), op: fc.constantFrom('$contains', '$startsWith'), v: fc.constantFrom('nor', 'TH', 'e') }),
    fc.record({ f: fc.constant('owner.attributes.team'), op: fc.constant('$eq'), v: fc.constant('$user.attributes.team') }),
    fc.record({ f: fc.constant('owner.roles'), op: fc.constantFrom('$eq', '$all', '$ne'), v: fc.constantFrom('bd', 'manager') }),
    fc.record({ f: fc.constantFrom('score', 'hotel', 'tags', 'nextCallAt', 'hotel.city', 'owner', 'owner.attributes.team'), op: fc.constant('$null'), v: fc.boolean() }),
  ).map(({ f, op, v }) => {
    const list = op === '$in' || op === '$nin' || op === '$all' || op === '$any';
    const value = list ? (typeof v === 'string' && v.startsWith('$') ? v : [v]) : v;
    return { [f as string]: op === '$eq' ? value : { [op as string]: value } };
  });

  const treeArb: fc.Arbitrary<Record<string, unknown>> = fc.letrec<{ node: Record<string, unknown> }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leafArb,
      fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((children) => ({ $and: children })),
      fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((children) => ({ $or: children })),
      tie('node').map((child) => ({ $not: child })),
    ),
  })).node;

  function evaluationContext() {
    return {
      now, timeZone: 'Asia/Shanghai', user: fixture.user,
      resolve: (target: string, id: string) => (target === 'user' ? fixture.users.get(id) : fixture.hotels.get(id)),
    };
  }

  it('returns exactly the records the in-memory evaluator accepts, for random filter trees', async () => {
    const { storage } = db();
    const scope = fixture.compiled.objects.get('lead')!.scope;
    await fc.assert(fc.asyncProperty(treeArb, async (json) => {
      const node = parseFilterOrThrow(json, scope);
      const expected = fixture.leads.filter((l) => evaluateFilter(node, l, evaluationContext())).map((l) => l.id as string).sort();
      const predicate = compileFilterSql(node, scope, { now, timeZone: 'Asia/Shanghai', user: fixture.user, alias: 'r' });
      const rows = await storage.inTenant(fixture.tenantId, async (tx) => (await sql<{ id: string }>`
        SELECT r.id FROM records AS r WHERE r.tenant_id = ${tenantLiteral(fixture.tenantId)} AND r.object = 'lead' AND ${predicate}`.execute(tx)).rows);
      expect(rows.map((r) => r.id).sort(), JSON.stringify(json)).toEqual(expected);
    }), { numRuns: runs, seed: 20261122 });
  });

  it('reads null in an $in or $nin list as "is empty", in SQL as in memory', async () => {
    const { storage } = db();
    const scope = fixture.compiled.objects.get('lead')!.scope;
    const source = (l: Row) => l.source as string | null;
    const cases: Array<[Record<string, unknown>, (l: Row) => boolean]> = [
      [{ source: { $in: ['bd', null] } }, (l) => source(l) === 'bd' || source(l) === null],
      [{ source: { $nin: ['bd', null] } }, (l) => source(l) !== 'bd' && source(l) !== null],
      [{ source: { $in: [null] } }, (l) => source(l) === null],
      [{ score: { $nin: [null, 5, 50] } }, (l) => l.score !== null && l.score !== 5 && l.score !== 50],
    ];
    for (const [json, accepts] of cases) {
      const node = parseFilterOrThrow(json, scope);
      const expected = fixture.leads.filter(accepts).map((l) => l.id as string).sort();
      expect(expected.length, JSON.stringify(json)).toBeGreaterThan(0);
      expect(fixture.leads.filter((l) => evaluateFilter(node, l, evaluationContext())).map((l) => l.id as string).sort(), JSON.stringify(json)).toEqual(expected);
      const predicate = compileFilterSql(node, scope, { now, timeZone: 'Asia/Shanghai', user: fixture.user, alias: 'r' });
      const rows = await storage.inTenant(fixture.tenantId, async (tx) => (await sql<{ id: string }>`
        SELECT r.id FROM records AS r WHERE r.tenant_id = ${tenantLiteral(fixture.tenantId)} AND r.object = 'lead' AND ${predicate}`.execute(tx)).rows);
      expect(rows.map((r) => r.id).sort(), JSON.stringify(json)).toEqual(expected);
    }
    // A bad value is still named at its own place in the list.
    expect(parseFilter({ score: { $in: [1, null, 'x'] } }, scope).errors).toEqual([{ path: '/score/$in/2', message: 'must be a number' }]);
  });

  it('pages through any filter and sort returning every matching row exactly once, in order', async () => {
    const { storage } = db();
    const object = fixture.compiled.objects.get('lead')!;
    const sortable = ['name', 'score', 'expectedRevenue', 'stage', 'nextCallAt', 'dueOn', 'active', 'createdAt', 'owner', 'source'];
    const orderArb = fc.uniqueArray(fc.constantFrom(...sortable), { minLength: 1, maxLength: 3 })
      .chain((keys) => fc.tuple(...keys.map((k) => fc.boolean().map((desc) => (desc ? `-${k}` : k)))))
      .map((keys) => keys.join(','));
    await fc.assert(fc.asyncProperty(fc.option(treeArb, { nil: undefined }), orderArb, fc.integer({ min: 1, max: 9 }), async (json, orderText, limit) => {
      const node = json ? parseFilterOrThrow(json, object.scope) : undefined;
      const { keys } = parseOrderBy(orderText, object.scope);
      const matching = fixture.leads.filter((l) => !node || evaluateFilter(node, l, evaluationContext()));
      const options = (k: (typeof keys)[number]) => (k.field.kind === 'text' && k.field.options?.length ? [...k.field.options] : undefined);
      const expected = [...matching].sort(comparator(keys.map((k) => ({ key: k.path, descending: k.descending, options: options(k) })))).map((l) => l.id);
      const conditions = node ? [compileFilterSql(node, object.scope, { now, timeZone: 'Asia/Shanghai', user: fixture.user, alias: 'r' })] : [];
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let guard = 0; guard < 200; guard++) {
        const page = await storage.inTenant(fixture.tenantId, (tx) => listRecords(tx, {
          tenantId: fixture.tenantId, object, conditions, orderBy: keys, orderText, limit, ...(cursor ? { cursor } : {}),
        }));
        seen.push(...page.rows.map((r) => r.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen, `${orderText} ${JSON.stringify(json)}`).toEqual(expected);
    }), { numRuns: Math.max(20, Math.floor(runs / 3)), seed: 20261123 });
    // 5–10 s alone; up to 90 s on PGlite while CI's browser tests share the machine's two cores.
  }, 180_000);
});

/**
 * The order the API promises: each key with nulls last in either direction, then id in the last
 * key's direction. A select or stage sorts by its option's position (a value not among them as null).
 */
function comparator(keys: Array<{ key: string; descending: boolean; options?: string[] | undefined }>) {
  const idDescending = keys[keys.length - 1]!.descending;
  const sortValue = (row: Row, key: string, options: string[] | undefined) => {
    const value = row[key] ?? null;
    if (!options || value === null) return value;
    const position = options.indexOf(String(value)) + 1;
    return position === 0 ? null : position;
  };
  return (a: Row, b: Row): number => {
    for (const { key, descending, options } of keys) {
      const x = sortValue(a, key, options);
      const y = sortValue(b, key, options);
      if (x === null && y === null) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      const c = typeof x === 'string' ? compareCodePoints(x, y as string) : x < y ? -1 : x > y ? 1 : 0;
      if (c !== 0) return descending ? -c : c;
    }
    const c = compareCodePoints(a.id as string, b.id as string);
    return idDescending ? -c : c;
  };
}
