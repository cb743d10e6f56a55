import { expect, it } from 'vitest';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer } from '../../testing/test-server.ts';

/**
 * The pool parameters pool-routes.test.ts leaves to this file: several pools over one object
 * partitioned by `where` (first match wins), `members`, a plain hold expiry, and the exact edges
 * of the re-claim cooldown.
 */
describeEachServer('pool partitions, members and edges', (ctx) => {
  const start = new Date('2026-03-02T02:00:00.000Z'); // 10:00 in Asia/Shanghai

  /** The test document with a north-team pool for BD-sourced leads before the general pool. */
  function partitioned(): MetadataDocument {
    const base = testDocument();
    const general = base.pools!.leadPool!;
    return {
      ...base,
      pools: {
        northPool: { ...general, where: { source: 'bd' }, members: { 'attributes.team': 'north' } },
        leadPool: general,
      },
    };
  }

  it('puts each record in the first pool whose filter it matches, and shows a pool only to its members', async () => {
    ctx().setNow(start);
    const t = await ctx().createTenantWith(partitioned());
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const north = await ctx().createUser(t, { email: 'north@t.test', roles: ['bd'], attributes: { team: 'north' } });
    const south = await ctx().createUser(t, { email: 'south@t.test', roles: ['bd'], attributes: { team: 'south' } });
    const fromBd = (await t.admin.post(p('/records/lead'), { name: 'Referred', source: 'bd' })).body;
    const crawled = (await t.admin.post(p('/records/lead'), { name: 'Crawled', source: 'crawl' })).body;
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
