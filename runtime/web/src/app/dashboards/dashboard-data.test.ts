import { describe, expect, it } from 'vitest';
import { ApiError, type ApiClient } from '../../shared/api-client.ts';
import type { MetadataDocument, PoolDefinition } from '../../../../../platform/metadata/metadata-types.ts';
import { everyoneCounted, groupCounts, heldWhere, peopleNames, poolMembers, possibleOwners, withHidden, wonWhere } from './dashboard-data.ts';

const users = Array.from({ length: 1_234 }, (_, i) => ({ id: `u${String(i).padStart(5, '0')}`, name: i % 7 === 0 ? '' : `Person ${i}`, email: `p${i}@x.test` }));

/** The server's user object (`POST /records/user/query`, ids by `$in`) and `/users`, 500 a page. */
function fakeApi() {
  const calls: string[] = [];
  const api = {
    async post(path: string, body: { where: { id: { $in: string[] } }; limit: number }) {
      calls.push(path);
      if (path !== '/records/user/query') throw new Error(path);
      expect(body.where.id.$in.length).toBeLessThanOrEqual(500);
      expect(body.limit).toBe(body.where.id.$in.length);
      return { data: users.filter((u) => body.where.id.$in.includes(u.id)), nextCursor: null };
    },
    async get(path: string, query: { limit: number; after?: string }) {
      calls.push(path);
      const start = query.after ? users.findIndex((u) => u.id === query.after) + 1 : 0;
      const data = users.slice(start, start + query.limit);
      return { data, nextCursor: start + query.limit < users.length ? data[data.length - 1]!.id : null };
    },
  };
  return { api: api as unknown as ApiClient, calls };
}

describe('people of charts grouped by owner', () => {
  it('names exactly the people shown, 500 a request, by e-mail where a name is missing', async () => {
    const fake = fakeApi();
    const shown = [...users.map((u) => u.id), '', users[3]!.id];
    const names = await peopleNames(fake.api, shown);
    expect(names.size).toBe(1_234);
    expect(fake.calls).toEqual(['/records/user/query', '/records/user/query', '/records/user/query']);
    expect(names.get('u01233')).toBe('Person 1233');
    expect(names.get('u00007')).toBe('p7@x.test');
    expect(await peopleNames(fake.api, [])).toEqual(new Map());
  });

  it('counts by owner without /aggregate: every active user, page after page, 20 counts at a time', async () => {
    const fake = fakeApi();
    const api = fake.api as unknown as { get: (p: string, q: Record<string, unknown>) => Promise<unknown>; post: (p: string, b: unknown) => Promise<unknown> };
    const get = api.get;
    const queries: Array<Record<string, unknown>> = [];
    api.get = (p, q) => { queries.push(q); return get(p, q); };
    let inFlight = 0;
    let most = 0;
    api.post = async (path: string) => {
      if (path.endsWith('/aggregate')) throw new ApiError(404, 'not_found', 'No route for POST /records/lead/aggregate');
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight--;
      return { data: [], total: 1 };
    };
    const { rows, exact } = await groupCounts(fake.api, 'lead', 'owner', undefined, { values: () => possibleOwners(fake.api, 'lead') });
    expect(exact).toBe(false);
    expect(rows).toHaveLength(1_234);
    expect(queries.every((q) => q.active === true)).toBe(true);
    expect(queries).toHaveLength(3);
    expect(most).toBe(20);
  });

  it('asks /aggregate for the most groups it gives and passes on that some were left out', async () => {
    const bodies: unknown[] = [];
    const api = {
      async post(path: string, body: unknown) {
        expect(path).toBe('/records/lead/aggregate');
        bodies.push(body);
        return { data: [{ owner: 'u1', n: 7 }], truncated: true };
      },
    };
    const result = await groupCounts(api as unknown as ApiClient, 'lead', 'owner', undefined);
    expect(bodies).toEqual([{ groupBy: ['owner'], limit: 5000, metrics: [{ fn: 'count', as: 'n' }] }]);
    expect(result).toEqual({ exact: true, truncated: true, rows: [{ key: 'u1', count: 7 }] });
  });

  it('takes the owners of the latest records the caller sees when it may not list users', async () => {
    const api = {
      async get() { throw new ApiError(403, 'forbidden', 'admins only'); },
      async post(path: string, body: { where: unknown; orderBy: string }) {
        expect(path).toBe('/records/lead/query');
        expect(body).toMatchObject({ where: { owner: { $null: false } }, orderBy: '-updatedAt' });
        return { data: [{ id: 'r1', owner: 'u1' }, { id: 'r2', owner: 'u2' }, { id: 'r3', owner: 'u1' }], nextCursor: null };
      },
    };
    expect(await possibleOwners(api as unknown as ApiClient, 'lead')).toEqual(['u1', 'u2']);
  });
});

describe('heldWhere', () => {
  const pool = { object: 'lead' } as PoolDefinition;
  const stages = [{ key: 'new', kind: 'open' }, { key: 'signed', kind: 'won' }, { key: 'lost', kind: 'lost' }];
  it('counts a person\'s load as the pool\'s limit does: private in this pool, won ones left out', () => {
    const document = { pipelines: { leadFunnel: { object: 'lead', field: 'stage', stages } } } as unknown as MetadataDocument;
    expect(heldWhere('northPool', pool, document, 'stage')).toEqual({ pool: 'northPool', poolState: 'private', stage: { $nin: ['signed'] } });
    expect(heldWhere('leadPool', pool, document, undefined)).toEqual({ pool: 'leadPool', poolState: 'private', stage: { $nin: ['signed'] } });
  });
  it('is every private record where the object has no pipeline, and of every pool where the server cannot tell pools apart', () => {
    expect(heldWhere('leadPool', pool, { pipelines: {} } as unknown as MetadataDocument, undefined)).toEqual({ pool: 'leadPool', poolState: 'private' });
    expect(heldWhere('leadPool', pool, { pipelines: {} } as unknown as MetadataDocument, undefined, false)).toEqual({ poolState: 'private' });
  });
});

describe('wonWhere', () => {
  const at = (iso: string) => new Date(iso);
  it('is the records in a won stage, entered since the start of the period in the tenant\'s zone', () => {
    expect(wonWhere('stage', ['signed'], 'all', 'Asia/Shanghai')).toEqual({ stage: { $in: ['signed'] } });
    expect(wonWhere('stage', ['signed', 'paid'], 'month', 'Asia/Shanghai', at('2026-05-20T00:00:00Z'))).toEqual({ stage: { $in: ['signed', 'paid'] }, stageEnteredAt: { $gte: 'startOfMonth' } });
    expect(wonWhere('stage', ['signed'], 'year', 'Asia/Shanghai', at('2026-05-20T00:00:00Z'))).toEqual({ stage: { $in: ['signed'] }, stageEnteredAt: { $gte: 'startOfYear' } });
  });
  it('starts a quarter in January, April, July or October', () => {
    const quarter = (iso: string, zone = 'Asia/Shanghai') => (wonWhere('stage', ['signed'], 'quarter', zone, at(iso)).stageEnteredAt as { $gte: string }).$gte;
    expect(quarter('2026-04-15T00:00:00Z')).toBe('startOfMonth');
    expect(quarter('2026-05-15T00:00:00Z')).toBe('startOfMonth-1M');
    expect(quarter('2026-12-05T00:00:00Z')).toBe('startOfMonth-2M');
    // 30 June 20:00 UTC is 1 July in Shanghai: a new quarter there, the end of one in New York.
    expect(quarter('2026-06-30T20:00:00Z')).toBe('startOfMonth');
    expect(quarter('2026-06-30T20:00:00Z', 'America/New_York')).toBe('startOfMonth-2M');
  });
});

describe('workload of a pool\'s members', () => {
  it('asks for the pool\'s active members page after page', async () => {
    const bodies: Array<Record<string, unknown>> = [];
    const api = {
      async post(path: string, body: Record<string, unknown>) {
        expect(path).toBe('/records/user/query');
        bodies.push(body);
        return body.cursor ? { data: [{ id: 'u3', name: '', email: 'c@x.test' }], nextCursor: null } : { data: [{ id: 'u1', name: 'Ann' }, { id: 'u2', name: 'Bo' }], nextCursor: 'next' };
      },
    };
    const members = await poolMembers(api as unknown as ApiClient, { members: { roles: { $in: ['bd'] } } });
    expect([...members]).toEqual([['u1', 'Ann'], ['u2', 'Bo'], ['u3', 'c@x.test']]);
    expect(bodies).toEqual([
      { where: { $and: [{ active: true }, { roles: { $in: ['bd'] } }] }, limit: 500 },
      { where: { $and: [{ active: true }, { roles: { $in: ['bd'] } }] }, limit: 500, cursor: 'next' },
    ]);
    await poolMembers(api as unknown as ApiClient, {});
    expect(bodies[2]).toEqual({ where: { active: true }, limit: 500 });
  });

  it('leaves out the pool\'s administrators (its admin roles and the tenant\'s admins): a manager who may claim is no idle BD', async () => {
    const api = {
      post: async () => ({ data: [{ id: 'm1', name: 'Boss', roles: ['manager'] }, { id: 'u1', name: 'Ann', roles: ['bd'] }, { id: 'a1', name: 'Root', roles: ['admin', 'bd'] }], nextCursor: null }),
    };
    const members = await poolMembers(api as unknown as ApiClient, { members: { roles: { $in: ['bd', 'manager'] } }, admins: { roles: 'manager' } });
    expect([...members]).toEqual([['u1', 'Ann']]);
    // One who holds leads is counted all the same, by name.
    expect(everyoneCounted([{ key: 'm1', count: 2 }], members, new Map([['m1', 'Boss']]))).toEqual([
      { id: 'm1', name: 'Boss', value: 2 }, { id: 'u1', name: 'Ann', value: 0 },
    ]);
  });

  it('shows members who hold nothing at 0, and holders who are no longer members, most first', () => {
    const members = new Map([['u1', 'Ann'], ['u2', 'Bo'], ['u3', 'Cy']]);
    const rows = [{ key: 'u2', count: 4 }, { key: 'u9', count: 1 }, { key: '', count: 7 }];
    expect(everyoneCounted(rows, members, new Map([['u9', 'Left team']]))).toEqual([
      { id: 'u2', name: 'Bo', value: 4 },
      { id: 'u9', name: 'Left team', value: 1 },
      { id: 'u1', name: 'Ann', value: 0 },
      { id: 'u3', name: 'Cy', value: 0 },
    ]);
  });
});

describe('a workload bar of records the viewer may partly not read', () => {
  const people = [{ id: 'u1', name: 'Wu', value: 3 }, { id: 'u2', name: 'Li', value: 2 }, { id: 'u3', name: 'Idle', value: 0 }];
  it('counts per person how many of the records the bar counts the viewer may not read', () => {
    expect(withHidden(people, [{ key: 'u1', count: 1 }, { key: 'u2', count: 2 }]).map((p) => p.hidden)).toEqual([2, 0, 0]);
    // A person none of whose records the viewer reads is not in the readable counts at all.
    expect(withHidden(people, [{ key: 'u2', count: 2 }]).map((p) => p.hidden)).toEqual([3, 0, 0]);
  });
  it('hides nothing where the bars are the readable counts themselves', () => {
    expect(withHidden(people, undefined).map((p) => p.hidden)).toEqual([0, 0, 0]);
  });
});
