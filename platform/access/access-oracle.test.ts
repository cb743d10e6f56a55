import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { Row } from '../filter/evaluate-filter.ts';
import { CompiledMetadata } from '../metadata/compile-metadata.ts';
import type { RoleRule } from '../metadata/metadata-types.ts';
import type { UserInfo } from '../principal.ts';
import { aggregateRecords } from '../records/aggregate-records.ts';
import { countRecords } from '../records/list-records.ts';
import { listForCaller, parseListRequest } from '../records/read-records.ts';
import type { RecordContext } from '../records/record-context.ts';
import { enterTenant } from '../storage/enter-tenant.ts';
import { testDocument } from '../testing/fixtures.ts';
import { describeEachDatabase } from '../testing/test-databases.ts';
import { AccessPolicy } from './access-policy.ts';

const runs = Number(process.env.SHOAL_FUZZ_RUNS ?? 60);
const now = new Date('2026-06-01T00:00:00.000Z');

/** Conditions a role rule may carry: ownership, pool state, lookups into users and hotels, plain fields. */
const conditions = [
  { owner: '$user.id' },
  { poolState: 'public' },
  { 'owner.attributes.team': '$user.attributes.team' },
  { 'hotel.city': '$user.attributes.city' },
  { score: { $gte: 50 } },
  { stage: { $in: ['new', 'contacted'] } },
  { $or: [{ owner: '$user.id' }, { poolState: 'public' }] },
  { $not: { source: 'crowd' } },
  { tags: { $any: ['vip'] } },
];

describeEachDatabase('access: lists, counts and aggregates equal per-record CASL decisions', (db) => {
  const tenantId = randomUUID();
  const users: UserInfo[] = [];
  const leads: Row[] = [];
  const hotels = new Map<string, Row>();

  beforeAll(async () => {
    let seed = 7;
    const rng = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
    for (let i = 0; i < 6; i++) {
      users.push({ id: randomUUID(), email: `u${i}@o.test`, name: `U${i}`, roles: [], attributes: i === 5 ? {} : { team: pick(['north', 'south']), city: pick(['nanjing', 'suzhou']) }, managerId: null, active: true });
    }
    for (let i = 0; i < 8; i++) {
      const id = randomUUID();
      hotels.set(id, { id, name: `H${i}`, city: pick(['nanjing', 'suzhou', 'beijing']) });
    }
    for (let i = 0; i < 120; i++) {
      const owner = rng() < 0.4 ? null : pick(users).id;
      leads.push({
        id: randomUUID(), name: `L${i}`, owner, poolState: owner ? 'private' : 'public', stage: pick(['new', 'contacted', 'negotiating', 'signed']),
        score: rng() < 0.2 ? null : Math.floor(rng() * 100), source: rng() < 0.3 ? null : pick(['crawl', 'bd', 'crowd']),
        tags: rng() < 0.5 ? null : pick([['vip'], ['chain']]), expectedRevenue: Math.round(rng() * 10000),
        hotel: rng() < 0.2 ? null : pick([...hotels.keys()]),
      });
    }
    await db().storage.inPlatform(async (tx) => {
      await tx.insertInto('tenants').values({ id: tenantId, slug: `o-${tenantId.slice(0, 8)}`, name: 'O', live_version: null, time_zone: 'UTC' }).execute();
      await enterTenant(tx, tenantId);
      for (const u of users) {
        await tx.insertInto('users').values({ tenant_id: tenantId, id: u.id, email: u.email, name: u.name, password_hash: null, roles: [], attributes: JSON.stringify(u.attributes), manager_id: null }).execute();
      }
      for (const h of hotels.values()) await tx.insertInto('records').values({ tenant_id: tenantId, object: 'hotel', id: h.id as string, data: JSON.stringify({ name: h.name, city: h.city }) }).execute();
      for (const l of leads) {
        const data = Object.fromEntries(Object.entries(l).filter(([k, v]) => v !== null && !['id', 'owner', 'poolState', 'stage'].includes(k)));
        await tx.insertInto('records').values({
          tenant_id: tenantId, object: 'lead', id: l.id as string, owner: l.owner as string | null, stage: l.stage as string,
          pool: 'leadPool', pool_state: l.poolState as string, data: JSON.stringify(data),
        }).execute();
      }
    });
  });

  const ruleArb: fc.Arbitrary<RoleRule> = fc.record({
    object: fc.constant('lead'),
    actions: fc.constant(['read']),
    where: fc.option(fc.constantFrom(...conditions), { nil: undefined }),
    fields: fc.option(fc.subarray(['name', 'score', 'expectedRevenue', 'source'], { minLength: 1 }), { nil: undefined }),
  }).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as unknown as RoleRule);
  const rolesArb = fc.array(fc.array(ruleArb, { minLength: 0, maxLength: 3 }), { minLength: 1, maxLength: 2 });

  it('returns exactly the records `can(read)` accepts, counts them, and aggregates only readable values', async () => {
    const { storage } = db();
    await fc.assert(fc.asyncProperty(rolesArb, fc.integer({ min: 0, max: users.length - 1 }), async (roleRules, userIndex) => {
      const roles = Object.fromEntries(roleRules.map((rules, i) => [`r${i}`, rules]));
      const compiled = new CompiledMetadata(tenantId, 1, testDocument({ roles: { admin: { all: true }, ...roles } }));
      const user = users[userIndex]!;
      const policy = new AccessPolicy(compiled, Object.keys(roles), user, now);
      const ctx: RecordContext = { tenantId, compiled, policy, actorId: user.id, now };
      const object = compiled.objects.get('lead')!;
      const resolve = (target: string, id: string): Row | undefined => (target === 'user' ? users.find((u) => u.id === id) as unknown as Row : hotels.get(id));
      const expected = leads.filter((l) => policy.can('read', 'lead', l, resolve)).map((l) => l.id as string).sort();

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const request = parseListRequest(ctx, object, { limit: 500, ...(cursor ? { cursor } : {}) });
        const page = await storage.inTenant(tenantId, (tx) => listForCaller(tx, ctx, object, request), { readOnly: true });
        seen.push(...page.data.map((r) => r.id as string));
        // Fields: each returned record shows exactly the fields `permittedFieldsOf` allows for it.
        for (const record of page.data) {
          const source = leads.find((l) => l.id === record.id)!;
          const allowed = policy.fieldsFor('read', 'lead', source, resolve);
          for (const key of ['name', 'score', 'expectedRevenue', 'source']) {
            expect(key in record, `${key} of ${JSON.stringify(roles)}`).toBe(allowed === 'all' || allowed.has(key));
          }
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen.sort(), JSON.stringify(roles)).toEqual(expected);

      const count = await storage.inTenant(tenantId, (tx) => countRecords(tx, tenantId, object, [policy.predicate('read', 'lead', 'r')]), { readOnly: true });
      expect(count).toBe(expected.length);
      const aggregate = await storage.inTenant(tenantId, (tx) => aggregateRecords(tx, ctx, object, { metrics: [{ fn: 'count' }, { fn: 'sum', field: 'expectedRevenue' }] }), { readOnly: true });
      const readable = leads.filter((l) => expected.includes(l.id as string)).filter((l) => {
        const allowed = policy.fieldsFor('read', 'lead', l, resolve);
        return allowed === 'all' || allowed.has('expectedRevenue');
      });
      const sum = readable.length === 0 ? null : readable.reduce((total, l) => total + (l.expectedRevenue as number), 0);
      expect(aggregate.data[0]).toEqual({ count: expected.length, sum_expectedRevenue: sum });
    }), { numRuns: runs, seed: 424242 });
  });
});
