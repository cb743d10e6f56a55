import { expect, it } from 'vitest';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer, type ApiClient } from '../../testing/test-server.ts';

/**
 * The pool parameters pool-routes.test.ts leaves to this file: several pools over one object
 * partitioned by `where` (first match wins), `members`, a plain hold expiry, and the exact edges
 * of the re-claim cooldown.
 */
describeEachServer('pool partitions, members and edges', (ctx) => {
  const start = new Date('2026-03-02T02:00:00.000Z'); // 10:00 in Asia/Shanghai

  /** The test document with a north-team pool for BD-sourced leads before the general pool (and BDs may export). */
  function partitioned(): MetadataDocument {
    const base = testDocument();
    const general = base.pools!.leadPool!;
    const roles = base.roles as Record<string, unknown[]>;
    return {
      ...base,
      roles: { ...base.roles, bd: [...roles.bd!, { object: 'lead', actions: ['export'] }] } as MetadataDocument['roles'],
      pools: {
        northPool: { ...general, where: { source: 'bd' }, members: { 'attributes.team': 'north' }, holdDays: 20 },
        leadPool: general,
      },
    };
  }

  /** A partitioned tenant (clock at `start`), a BD of each team and one public lead in each pool. */
  async function twoTeams() {
    ctx().setNow(start);
    const t = await ctx().createTenantWith(partitioned());
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const north = await ctx().createUser(t, { email: 'north@t.test', roles: ['bd'], attributes: { team: 'north' } });
    const south = await ctx().createUser(t, { email: 'south@t.test', roles: ['bd'], attributes: { team: 'south' } });
    const fromBd = (await t.admin.post(p('/records/lead'), { name: 'Referred', source: 'bd' })).body;
    const crawled = (await t.admin.post(p('/records/lead'), { name: 'Crawled', source: 'crawl' })).body;
    return { t, p, north, south, fromBd, crawled };
  }

  it('puts each record in the first pool whose filter it matches, and shows a pool only to its members', async () => {
    const { t, p, north, south, fromBd, crawled } = await twoTeams();
    expect([fromBd.poolState, crawled.poolState]).toEqual(['public', 'public']);

    const names = async (client: typeof north.client, pool: string) => {
      const res = await client.get(p(`/pools/${pool}/public`));
      return res.status === 200 ? res.body.data.map((r: { name: string }) => r.name) : res.status;
    };
    expect(await names(north.client, 'northPool')).toEqual(['Referred']);
    expect(await names(north.client, 'leadPool')).toEqual(['Crawled']);
    // Not a member: the pool does not exist for them, and its records cannot be claimed.
    expect(await names(south.client, 'northPool')).toBe(404);
    expect(await names(south.client, 'leadPool')).toEqual(['Crawled']);
    expect((await south.client.post(p('/pools/northPool/claim'), { id: fromBd.id })).status).toBe(404);
    // A record is claimed through its own pool only.
    const wrongPool = await north.client.post(p('/pools/leadPool/claim'), { id: fromBd.id });
    expect(wrongPool.status).toBe(404);
    const claimed = await north.client.post(p('/pools/northPool/claim'), { id: fromBd.id });
    expect(claimed.status, claimed.text).toBe(200);
    expect(claimed.body).toMatchObject({ owner: north.id, poolState: 'private' });
    expect((await north.client.get(p('/pools/northPool/mine'))).body.data.map((r: { id: string }) => r.id)).toEqual([fromBd.id]);
    ctx().setNow(null);
  });

  /** What a BD sees of the leads through the record endpoints (not the pool's own). */
  function seen(client: ApiClient, p: (x: string) => string) {
    const query = (where: unknown) => `where=${encodeURIComponent(JSON.stringify(where))}`;
    return {
      names: async (where: unknown = {}) => (await client.get(p(`/records/lead?${query(where)}&orderBy=name`))).body.data.map((r: { name: string }) => r.name),
      total: async () => (await client.get(p('/records/lead?count=true'))).body.total,
      counted: async () => (await client.post(p('/records/lead/aggregate'), { metrics: [{ fn: 'count' }] })).body.data[0].count,
      exported: async () => {
        const res = await client.request('GET', p('/records/lead/export.csv?fields=name'));
        expect(res.status).toBe(200);
        return res.text;
      },
      get: async (id: string) => (await client.get(p(`/records/lead/${id}`))).status,
      history: async (id: string) => (await client.get(p(`/records/lead/${id}/history`))).status,
    };
  }

  it('keeps a pool\'s public records from BDs who are not its members on every record endpoint', async () => {
    const { t, p, north, south, fromBd } = await twoTeams();
    const manager = await ctx().createUser(t, { email: 'boss@t.test', roles: ['manager'], attributes: { team: 'south' } });
    const referred = fromBd.id as string;

    const outsider = seen(south.client, p);
    expect(await outsider.names({ pool: 'northPool' })).toEqual([]);
    expect(await outsider.names()).toEqual(['Crawled']);
    expect(await outsider.names({ name: { $contains: 'Ref' } })).toEqual([]);
    expect(await outsider.total()).toBe(1);
    expect(await outsider.counted()).toBe(1);
    expect(await outsider.exported()).not.toContain('Referred');
    expect(await outsider.get(referred)).toBe(404);
    expect(await outsider.history(referred)).toBe(404);

    const member = seen(north.client, p);
    expect(await member.names({ pool: 'northPool' })).toEqual(['Referred']);
    expect(await member.names({ name: { $contains: 'Ref' } })).toEqual(['Referred']);
    expect([await member.total(), await member.counted()]).toEqual([2, 2]);
    expect(await member.exported()).toContain('Referred');
    expect([await member.get(referred), await member.history(referred)]).toEqual([200, 200]);
    // The pool's admins (managers here) and tenant admins see it as before, members or not.
    expect(await seen(manager.client, p).names()).toEqual(['Crawled', 'Referred']);
    expect(await seen(t.admin, p).total()).toBe(2);

    // Once a member holds it, it is theirs alone (the role rule), as any private lead.
    expect((await north.client.post(p('/pools/northPool/claim'), { id: referred })).status).toBe(200);
    expect(await member.get(referred)).toBe(200);
    expect(await outsider.get(referred)).toBe(404);
    ctx().setNow(null);
  });

  it('moves a record to the pool its changed values match, out of sight of that pool\'s non-members', async () => {
    const { t, p, north, south, crawled } = await twoTeams();
    const outsider = seen(south.client, p);
    const moved = await t.admin.patch(p(`/records/lead/${crawled.id}`), { source: 'bd' });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({ pool: 'northPool', poolState: 'public' });
    expect(await outsider.names()).toEqual([]);
    expect(await outsider.get(crawled.id)).toBe(404);
    expect((await north.client.get(p('/pools/northPool/public'))).body.data.map((r: { name: string }) => r.name)).toEqual(['Crawled', 'Referred']);
    const history = (await t.admin.get(p(`/records/lead/${crawled.id}/history`))).body.data;
    expect(history[0]).toMatchObject({ action: 'update', changes: { source: ['crawl', 'bd'], pool: ['leadPool', 'northPool'] } });

    // A bulk update (as a CSV import's updates are) moves it back.
    const bulk = await t.admin.post(p('/records/lead/bulk'), { op: 'update', records: [{ id: crawled.id, source: 'crawl' }] });
    expect(bulk.body.results[0].status, bulk.text).toBe(200);
    expect(await outsider.names()).toEqual(['Crawled']);
    expect((await t.admin.get(p(`/records/lead/${crawled.id}`))).body).toMatchObject({ pool: 'leadPool', poolState: 'public' });
    ctx().setNow(null);
  });

  it('keeps a hold with its owner and claim when its record moves, under the new pool\'s hold days', async () => {
    const { t, p, north, south, crawled } = await twoTeams();
    expect((await south.client.post(p('/pools/leadPool/claim'), { id: crawled.id })).status).toBe(200);
    ctx().setNow(new Date(start.getTime() + 86400_000));
    // The owner corrects the source: the lead is now the north pool's, still theirs.
    const moved = await south.client.patch(p(`/records/lead/${crawled.id}`), { source: 'bd' });
    expect(moved.status, moved.text).toBe(200);
    const held = (await t.admin.get(p(`/records/lead/${crawled.id}`))).body;
    expect(held).toMatchObject({
      pool: 'northPool', poolState: 'private', owner: south.id, claimedAt: start.toISOString(),
      holdExpiresAt: new Date(start.getTime() + 20 * 86400_000).toISOString(),
    });
    expect(await seen(south.client, p).get(crawled.id)).toBe(200);
    expect(await seen(north.client, p).get(crawled.id)).toBe(404);
    const holdings = (await t.admin.get(p('/pools/northPool/mine?owner=any'))).body.data.map((r: { id: string }) => r.id);
    expect(holdings).toEqual([crawled.id]);
    ctx().setNow(null);
  });

  it('moves a record whose stage move matches another pool\'s filter', async () => {
    ctx().setNow(start);
    const base = testDocument();
    const general = base.pools!.leadPool!;
    const t = await ctx().createTenantWith({ ...base, pools: { lostPool: { ...general, where: { stage: 'lost' } }, leadPool: general } });
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const id = (await t.admin.post(p('/records/lead'), { name: 'Gone cold' })).body.id as string;
    const lost = await t.admin.post(p(`/records/lead/${id}/transition`), { to: 'lost', note: 'closed for good' });
    expect(lost.status, lost.text).toBe(200);
    expect((await t.admin.get(p(`/records/lead/${id}`))).body).toMatchObject({ stage: 'lost', pool: 'lostPool', poolState: 'public' });
    ctx().setNow(null);
  });

  it('releases a hold exactly holdDays after the claim, with the reason hold_expired', async () => {
    ctx().setNow(start);
    const base = testDocument();
    const { releaseIfNoVisitDays: _visit, releaseIfNotWonDays: _won, ...rest } = base.pools!.leadPool!;
    const t = await ctx().createTenantWith({ ...base, pools: { leadPool: { ...rest, holdDays: 10, warnDaysBefore: 0 } } });
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const bd = await ctx().createUser(t, { email: 'hold@t.test', roles: ['bd'] });
    const id = (await t.admin.post(p('/records/lead'), { name: 'Held' })).body.id as string;
    expect((await bd.client.post(p('/pools/leadPool/claim'), { id })).status).toBe(200);
    const mine = (await bd.client.get(p('/pools/leadPool/mine'))).body.data[0];
    const due = new Date(start.getTime() + 10 * 86400_000);
    expect(mine).toMatchObject({ id, releaseDueTo: 'hold_expired', releaseAt: due.toISOString() });

    const early = await t.admin.post(p('/pools/leadPool/sweep'), { asOf: new Date(due.getTime() - 1000).toISOString() });
    expect(early.body).toMatchObject({ released: 0 });
    const swept = await t.admin.post(p('/pools/leadPool/sweep'), { asOf: due.toISOString() });
    expect(swept.body).toMatchObject({ released: 1, byReason: { hold_expired: 1 } });
    expect((await t.admin.get(p(`/records/lead/${id}`))).body).toMatchObject({ poolState: 'public', owner: null, releaseReason: 'hold_expired' });
    ctx().setNow(null);
  });

  it('refuses a re-claim until the cooldown has passed to the second, then allows it', async () => {
    ctx().setNow(start);
    const t = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const bd = await ctx().createUser(t, { email: 'cool@t.test', roles: ['bd'] });
    const id = (await t.admin.post(p('/records/lead'), { name: 'Boomerang' })).body.id as string;
    expect((await bd.client.post(p('/pools/leadPool/claim'), { id })).status).toBe(200);
    expect((await bd.client.post(p('/pools/leadPool/release'), { id, reason: 'not reachable' })).status).toBe(200);
    const availableAt = new Date(start.getTime() + 7 * 86400_000);

    ctx().setNow(new Date(availableAt.getTime() - 1000));
    const tooSoon = await bd.client.post(p('/pools/leadPool/claim'), { id });
    expect(tooSoon.status).toBe(409);
    expect(tooSoon.body).toMatchObject({ code: 'cooldown', availableAt: availableAt.toISOString() });
    ctx().setNow(availableAt);
    expect((await bd.client.post(p('/pools/leadPool/claim'), { id })).status).toBe(200);
    ctx().setNow(null);
  });
});
