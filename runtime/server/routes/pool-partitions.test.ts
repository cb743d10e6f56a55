import { expect, it } from 'vitest';
import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer, publish, type ApiClient } from '../../testing/test-server.ts';

/**
 * The pool parameters pool-routes.test.ts leaves to this file: several pools over one object
 * partitioned by `where` (first match wins), `members`, a plain hold expiry, the exact edges
 * of the re-claim cooldown, and records outside every pool (their creator's, or whoever's change
 * took them out) and the holds a publish moves between pools.
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

    ctx().setNow(new Date(due.getTime() - 1000));
    const early = await t.admin.post(p('/pools/leadPool/sweep'), {});
    expect(early.body).toMatchObject({ released: 0 });
    ctx().setNow(due);
    const swept = await t.admin.post(p('/pools/leadPool/sweep'), {});
    expect(swept.body).toMatchObject({ released: 1, byReason: { hold_expired: 1 } });
    expect((await t.admin.get(p(`/records/lead/${id}`))).body).toMatchObject({ poolState: 'public', owner: null, releaseReason: 'hold_expired' });
    ctx().setNow(null);
  });

  it('re-dates every hold in a pool when a publish changes its holdDays, and the sweep releases by the new date', async () => {
    ctx().setNow(start);
    const base = testDocument();
    const { releaseIfNoVisitDays: _visit, releaseIfNotWonDays: _won, holdDays: _hold, ...rest } = base.pools!.leadPool!;
    const holding = (holdDays?: number): MetadataDocument => ({ ...base, pools: { leadPool: { ...rest, ...(holdDays ? { holdDays } : {}), warnDaysBefore: 0 } } });
    const t = await ctx().createTenantWith(holding(30));
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const day = (n: number) => new Date(start.getTime() + n * 86400_000);
    const read = async (id: string) => (await t.admin.get(p(`/records/lead/${id}`))).body;
    const bd = await ctx().createUser(t, { email: 'redate@t.test', roles: ['bd'] });
    const lead = async (name: string) => (await t.admin.post(p('/records/lead'), { name })).body.id as string;
    const [extended, plain, open] = [await lead('Extended'), await lead('Plain'), await lead('Open')];
    for (const id of [extended, plain]) expect((await bd.client.post(p('/pools/leadPool/claim'), { id })).status).toBe(200);
    expect((await bd.client.post(p('/pools/leadPool/extend'), { id: extended })).status).toBe(200);
    expect([(await read(extended)).holdExpiresAt, (await read(plain)).holdExpiresAt]).toEqual([day(45).toISOString(), day(30).toISOString()]);
    const cached = await t.admin.get(p(`/records/lead/${plain}`));

    // The review says what the publish does to the holds, and how many it re-dates.
    expect((await t.admin.put(p('/meta/draft'), { document: holding(7) })).status).toBe(200);
    const change = (await t.admin.get(p('/meta/diff'))).body.changes.find((c: { section: string }) => c.section === 'pools');
    expect(change).toMatchObject({ key: 'leadPool', classification: 'safe', affectedRecords: 2 });
    expect(change.detail).toContain('private holds in it expire by the new holdDays');

    // 30 → 7 days: each hold ends 7 days after its claim, plus the 15 days it was extended.
    expect((await t.admin.post(p('/meta/publish'), {})).status).toBe(200);
    expect(await read(extended)).toMatchObject({ poolState: 'private', claimedAt: start.toISOString(), holdExpiresAt: day(7 + 15).toISOString() });
    expect(await read(plain)).toMatchObject({ poolState: 'private', claimedAt: start.toISOString(), holdExpiresAt: day(7).toISOString() });
    expect(await read(open)).toMatchObject({ poolState: 'public', holdExpiresAt: null });
    // A page read before the publish is not told "unchanged" (its ETag moved).
    const again = await t.admin.get(p(`/records/lead/${plain}`), { headers: { 'if-none-match': cached.headers.get('etag')! } });
    expect([again.status, again.body.holdExpiresAt]).toEqual([200, day(7).toISOString()]);

    // The sweep goes by the new dates: the plain hold on day 7, the extended one not before day 22.
    ctx().setNow(day(7));
    expect((await t.admin.post(p('/pools/leadPool/sweep'), {})).body).toMatchObject({ released: 1, byReason: { hold_expired: 1 } });
    expect(await read(plain)).toMatchObject({ poolState: 'public', owner: null, releaseReason: 'hold_expired' });
    expect(await read(extended)).toMatchObject({ poolState: 'private', owner: bd.id });

    // Without holdDays a hold no longer expires, and the sweep keeps it.
    expect((await publish(t, holding())).status).toBe(200);
    expect(await read(extended)).toMatchObject({ poolState: 'private', claimedAt: start.toISOString(), holdExpiresAt: null });
    ctx().setNow(day(100));
    expect((await t.admin.post(p('/pools/leadPool/sweep'), {})).body).toMatchObject({ released: 0 });
    expect(await read(extended)).toMatchObject({ poolState: 'private', owner: bd.id });
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

  /**
   * metadata.md's example: one pool for the hotels of Nanjing and Suzhou, BDs who read and create
   * their own and public leads; managers may also correct public leads (a data steward's job).
   */
  function citiesPool(cities: string[], extra: Partial<MetadataDocument> = {}): MetadataDocument {
    const base = testDocument();
    const roles = base.roles as Record<string, unknown[]>;
    return {
      ...base,
      roles: { ...base.roles, manager: [...roles.manager!, { object: 'lead', actions: ['update'], where: { poolState: 'public' } }] } as MetadataDocument['roles'],
      pools: { leadPool: { ...base.pools!.leadPool!, where: { 'hotel.city': { $in: cities } } } },
      ...extra,
    };
  }

  /** A tenant with the cities pool, a BD, a south-team manager and a hotel in each city. */
  async function cityTenant() {
    ctx().setNow(start);
    const t = await ctx().createTenantWith(citiesPool(['nanjing', 'suzhou']));
    const p = (x: string) => `/api/t/${t.slug}${x}`;
    const bd = await ctx().createUser(t, { email: 'bd@t.test', roles: ['bd'] });
    const steward = await ctx().createUser(t, { email: 'steward@t.test', roles: ['manager'], attributes: { team: 'south' } });
    const hotel = async (city: string) => (await t.admin.post(p('/records/hotel'), { name: `${city} hotel`, city })).body.id as string;
    const hotels = { beijing: await hotel('beijing'), nanjing: await hotel('nanjing'), suzhou: await hotel('suzhou') };
    return { t, p, bd, steward, hotels };
  }

  it('gives a record that matches no pool to its creator, who reads and edits it as any record of their own', async () => {
    const { p, bd, hotels } = await cityTenant();
    const created = await bd.client.post(p('/records/lead'), { name: 'Beijing lead', hotel: hotels.beijing });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ pool: null, poolState: null, owner: bd.id, createdBy: bd.id });
    const id = created.body.id as string;
    expect((await bd.client.get(p(`/records/lead/${id}`))).status).toBe(200);
    const edited = await bd.client.patch(p(`/records/lead/${id}`), { notes: 'met the GM' });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ notes: 'met the GM', owner: bd.id, pool: null });
    expect(await seen(bd.client, p).names()).toEqual(['Beijing lead']);
    // No pool reaches it: it is nobody's to claim.
    expect((await bd.client.post(p('/pools/leadPool/claim'), { id })).status).toBe(404);
    // A lead of a pool's city still starts public there.
    const pooled = await bd.client.post(p('/records/lead'), { name: 'Nanjing lead', hotel: hotels.nanjing });
    expect(pooled.body).toMatchObject({ pool: 'leadPool', poolState: 'public', owner: null });
    ctx().setNow(null);
  });

  it('gives a public record an edit takes out of every pool to whoever made the edit; a hold stays its holder\'s', async () => {
    const { t, p, bd, steward, hotels } = await cityTenant();
    const publicId = (await t.admin.post(p('/records/lead'), { name: 'Misfiled', hotel: hotels.nanjing })).body.id as string;
    const heldId = (await t.admin.post(p('/records/lead'), { name: 'Held', hotel: hotels.suzhou })).body.id as string;
    expect((await bd.client.post(p('/pools/leadPool/claim'), { id: heldId })).status).toBe(200);

    // The steward corrects the hotel: the lead leaves the pool and is theirs (not the admin's, who imported it).
    const moved = await steward.client.patch(p(`/records/lead/${publicId}`), { hotel: hotels.beijing });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({ pool: null, poolState: null, owner: steward.id });
    expect((await steward.client.get(p(`/records/lead/${publicId}`))).status).toBe(200);
    const history = (await t.admin.get(p(`/records/lead/${publicId}/history`))).body.data;
    expect(history[0]).toMatchObject({ action: 'update', changes: { pool: ['leadPool', null], poolState: ['public', null], owner: [null, steward.id] } });
    expect(await seen(bd.client, p).get(publicId)).toBe(404);

    // A hold leaving every pool keeps its holder, who goes on working it; nothing takes it back
    // any more, so it has no claim, hold expiry or extension left to show.
    expect((await bd.client.post(p('/pools/leadPool/extend'), { id: heldId })).status).toBe(200);
    const out = await t.admin.patch(p(`/records/lead/${heldId}`), { hotel: hotels.beijing });
    expect(out.status, out.text).toBe(200);
    expect(out.body).toMatchObject({ pool: null, poolState: null, owner: bd.id, claimedAt: null, holdExpiresAt: null });
    expect((await bd.client.patch(p(`/records/lead/${heldId}`), { notes: 'still mine' })).status).toBe(200);
    const left = (await t.admin.get(p(`/records/lead/${heldId}/history`))).body.data.find((h: { changes: { pool?: unknown } }) => h.changes.pool);
    expect(left.changes).toMatchObject({ pool: ['leadPool', null], claimedAt: [start.toISOString(), null] });
    // Brought back, it is a new hold: from now, with its extension to take again.
    ctx().setNow(new Date(start.getTime() + 86400_000));
    expect((await t.admin.patch(p(`/records/lead/${heldId}`), { hotel: hotels.nanjing })).status).toBe(200);
    const back = (await bd.client.get(p('/pools/leadPool/mine'))).body.data.find((r: { id: string }) => r.id === heldId);
    expect(back).toMatchObject({ poolState: 'private', claimedAt: new Date(start.getTime() + 86400_000).toISOString(), extensionsLeft: 1 });
    ctx().setNow(null);
  });

  it('clears the claim, hold expiry and last release of the records a publish takes out of every pool', async () => {
    const { t, p, bd, hotels } = await cityTenant();
    const held = (await t.admin.post(p('/records/lead'), { name: 'Held', hotel: hotels.suzhou })).body.id as string;
    const released = (await t.admin.post(p('/records/lead'), { name: 'Released', hotel: hotels.suzhou })).body.id as string;
    for (const id of [held, released]) expect((await bd.client.post(p('/pools/leadPool/claim'), { id })).status).toBe(200);
    expect((await bd.client.post(p('/pools/leadPool/extend'), { id: held })).status).toBe(200);
    expect((await bd.client.post(p('/pools/leadPool/release'), { id: released, reason: 'no answer' })).status).toBe(200);

    expect((await publish(t, citiesPool(['nanjing']))).status).toBe(200);
    const read = async (id: string) => (await t.admin.get(p(`/records/lead/${id}`))).body;
    const cleared = { pool: null, poolState: null, claimedAt: null, holdExpiresAt: null, releasedAt: null, releaseReason: null, releasedBy: null };
    expect(await read(held)).toMatchObject({ ...cleared, owner: bd.id });
    expect(await read(released)).toMatchObject(cleared);
    // Not even a filter on the hold's end finds them.
    const due = await t.admin.get(p(`/records/lead?where=${encodeURIComponent(JSON.stringify({ holdExpiresAt: { $ne: null } }))}`));
    expect(due.body.data).toEqual([]);
    ctx().setNow(null);
  });

  it('gives the public records a narrower pool lets go to their creators, and leaves holds with their holders', async () => {
    const { t, p, bd, hotels } = await cityTenant();
    const byBd = (await bd.client.post(p('/records/lead'), { name: 'Found by the BD', hotel: hotels.suzhou })).body.id as string;
    const imported = (await t.admin.post(p('/records/lead'), { name: 'Imported', hotel: hotels.suzhou })).body;
    const byAdmin = imported.id as string;
    const held = (await t.admin.post(p('/records/lead'), { name: 'Claimed', hotel: hotels.suzhou })).body.id as string;
    const stays = (await t.admin.post(p('/records/lead'), { name: 'Stays', hotel: hotels.nanjing })).body.id as string;
    expect((await bd.client.post(p('/pools/leadPool/claim'), { id: held })).status).toBe(200);

    expect((await publish(t, citiesPool(['nanjing']))).status).toBe(200);
    const read = async (id: string) => (await t.admin.get(p(`/records/lead/${id}`))).body;
    expect(await read(byBd)).toMatchObject({ pool: null, poolState: null, owner: bd.id });
    expect(await read(byAdmin)).toMatchObject({ pool: null, poolState: null, owner: imported.createdBy });
    expect(await read(held)).toMatchObject({ pool: null, poolState: null, owner: bd.id });
    expect(await read(stays)).toMatchObject({ pool: 'leadPool', poolState: 'public', owner: null });
    expect(await seen(bd.client, p).names()).toEqual(['Claimed', 'Found by the BD', 'Stays']);
    ctx().setNow(null);
  });

  it('holds a record a publish moves to another pool until its claim plus the new pool\'s holdDays and the days it was extended', async () => {
    const { t, p, north, south, fromBd, crawled } = await twoTeams();
    const day = (n: number) => new Date(start.getTime() + n * 86400_000).toISOString();
    const read = async (id: string) => (await t.admin.get(p(`/records/lead/${id}`))).body;
    /** The partitioned document with the north pool taking `sources`, and holding without a time limit if `unlimited`. */
    const northTakes = (sources: string[], unlimited = false) => {
      const document = partitioned();
      const { holdDays, ...rest } = document.pools!.northPool!;
      document.pools!.northPool = { ...rest, ...(unlimited ? {} : { holdDays }), where: { source: { $in: sources } } };
      return document;
    };
    // South holds the crawled lead in the general pool (45 days), extended once by 15; north holds the referred one (20 days).
    expect((await south.client.post(p('/pools/leadPool/claim'), { id: crawled.id })).status).toBe(200);
    expect((await south.client.post(p('/pools/leadPool/extend'), { id: crawled.id })).status).toBe(200);
    expect((await north.client.post(p('/pools/northPool/claim'), { id: fromBd.id })).status).toBe(200);
    expect((await read(crawled.id)).holdExpiresAt).toBe(day(60));

    // The north pool takes crawled leads too: south's hold is under its 20 days now, extension kept.
    expect((await publish(t, northTakes(['bd', 'crawl']))).status).toBe(200);
    expect(await read(crawled.id)).toMatchObject({ pool: 'northPool', poolState: 'private', owner: south.id, claimedAt: start.toISOString(), holdExpiresAt: day(20 + 15) });
    expect(await read(fromBd.id)).toMatchObject({ pool: 'northPool', holdExpiresAt: day(20) });

    // Neither is the north pool's any more: both are held under the general pool's 45 days.
    expect((await publish(t, northTakes(['merchant']))).status).toBe(200);
    expect(await read(crawled.id)).toMatchObject({ pool: 'leadPool', owner: south.id, holdExpiresAt: day(45 + 15) });
    expect(await read(fromBd.id)).toMatchObject({ pool: 'leadPool', poolState: 'private', owner: north.id, claimedAt: start.toISOString(), holdExpiresAt: day(45) });

    // A pool without holdDays: no expiry.
    expect((await publish(t, northTakes(['bd', 'crawl'], true))).status).toBe(200);
    expect(await read(crawled.id)).toMatchObject({ pool: 'northPool', poolState: 'private', holdExpiresAt: null });
    expect(await read(fromBd.id)).toMatchObject({ pool: 'northPool', poolState: 'private', holdExpiresAt: null });
    ctx().setNow(null);
  });

  it('starts the hold of a record its creator owns outside every pool when a publish brings it into one', async () => {
    const { t, p, bd, hotels } = await cityTenant();
    const id = (await bd.client.post(p('/records/lead'), { name: 'Beijing lead', hotel: hotels.beijing })).body.id as string;
    expect((await publish(t, citiesPool(['nanjing', 'suzhou', 'beijing']))).status).toBe(200);
    const entered = (await t.admin.get(p(`/records/lead/${id}`))).body;
    expect(entered).toMatchObject({ pool: 'leadPool', poolState: 'private', owner: bd.id });
    // The publish runs on the server's own clock, not the test's.
    expect(Date.parse(entered.holdExpiresAt) - Date.parse(entered.claimedAt)).toBe(45 * 86400_000);
    expect((await bd.client.get(p('/pools/leadPool/mine'))).body.data.map((r: { id: string }) => r.id)).toEqual([id]);
    ctx().setNow(null);
  });
});
