import { beforeAll, expect, it } from 'vitest';
import { AccessPolicy } from '../../../platform/access/access-policy.ts';
import { CompiledMetadata } from '../../../platform/metadata/compile-metadata.ts';
import { compiledPools } from '../../../platform/pools/compiled-pools.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer, publish, type ApiClient, type TestTenant } from '../../testing/test-server.ts';

/**
 * A component that is not enabled has no endpoints and no screens (metadata.md), and no
 * behaviour either: with pools off no record enters a pool or is masked; with visits off no
 * hold goes back for want of a visit nobody can record.
 */
describeEachServer('pools and visits switched off', (ctx) => {
  let tenant: TestTenant;
  let bd: { id: string; client: ApiClient };
  const p = (x: string) => `/api/t/${tenant.slug}${x}`;
  const start = new Date('2026-03-02T02:00:00.000Z');
  const withComponents = (enabled: string[]) => testDocument({ components: { enabled } });

  beforeAll(async () => {
    ctx().setNow(start);
    tenant = await ctx().createTenantWith(testDocument());
    bd = await ctx().createUser(tenant, { email: 'bd@t.test', roles: ['bd'] });
  });

  it('with pools off, a new record belongs to its creator, in no pool, and no field is masked; switched on again, it enters its pool and masks return', async () => {
    const listed = (await tenant.admin.post(p('/records/lead'), { name: 'Listed while on', contactPhone: '+86 138 0000 0001' })).body.id as string;
    const held = (await tenant.admin.post(p('/records/lead'), { name: 'Held while on' })).body.id as string;
    expect((await bd.client.post(p('/pools/leadPool/claim'), { id: held })).status).toBe(200);
    expect((await bd.client.get(p(`/records/lead/${listed}`))).body).not.toHaveProperty('contactPhone');

    expect((await publish(tenant, withComponents(['reports', 'import']))).status).toBe(200);
    // What records held stays stored; nothing masks a field any more.
    const seen = await bd.client.get(p(`/records/lead/${listed}`));
    expect(seen.body).toMatchObject({ poolState: 'public', contactPhone: '+86 138 0000 0001' });
    expect((await bd.client.get(p(`/records/lead?where=${encodeURIComponent(JSON.stringify({ contactPhone: '+86 138 0000 0001' }))}`))).body.data.map((r: { id: string }) => r.id)).toEqual([listed]);
    expect((await bd.client.get(p(`/records/lead/${held}`))).body).toMatchObject({ poolState: 'private', owner: bd.id });
    // A new record is its creator's, as on an object without a pool: not public, where nobody could claim it.
    const created = await bd.client.post(p('/records/lead'), { name: 'Made while off', contactPhone: '+86 138 0000 0002' });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ pool: null, poolState: null, owner: bd.id, contactPhone: '+86 138 0000 0002' });
    expect((await bd.client.post(p('/pools/leadPool/claim'), { id: created.body.id })).status).toBe(404);

    expect((await publish(tenant, testDocument())).status).toBe(200);
    const entered = (await bd.client.get(p(`/records/lead/${created.body.id}`))).body;
    expect(entered).toMatchObject({ pool: 'leadPool', poolState: 'private', owner: bd.id });
    // Its hold starts with the publish (on the server's clock) and lasts the pool's holdDays, as a claim's would: the sweep will release it.
    expect(Date.parse(entered.holdExpiresAt) - Date.parse(entered.claimedAt)).toBe(45 * 86400_000);
    expect((await bd.client.get(p(`/records/lead/${listed}`))).body).not.toHaveProperty('contactPhone');
    expect((await bd.client.get(p(`/records/lead/${held}`))).body).toMatchObject({ poolState: 'private', owner: bd.id, claimedAt: start.toISOString() });
  });

  it('refuses a no-visit release with pools on and visits off, and accepts the pool without it', async () => {
    const refused = await tenant.admin.put(p('/meta/draft'), { document: withComponents(['pools', 'reports']) });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ path: '/pools/leadPool/releaseIfNoVisitDays', message: expect.stringMatching(/needs the visits component enabled/) }]);
    const document = withComponents(['pools', 'reports']);
    delete document.pools!.leadPool!.releaseIfNoVisitDays;
    expect((await publish(tenant, document)).status).toBe(200);
    expect((await publish(tenant, testDocument())).status).toBe(200);
  });

  it('releases nothing for want of a visit under a version with visits off (published before that was refused)', async () => {
    ctx().setNow(start);
    const own = await ctx().createTenantWith(testDocument());
    const holder = await ctx().createUser(own, { email: 'holder@t.test', roles: ['bd'] });
    const id = (await own.admin.post(`/api/t/${own.slug}/records/lead`, { name: 'Never visited' })).body.id as string;
    expect((await holder.client.post(`/api/t/${own.slug}/pools/leadPool/claim`, { id })).status).toBe(200);
    const kernel = ctx().server.kernel;
    const info = (await kernel.tenants.bySlugFresh(own.slug))!;
    const asOf = new Date(start.getTime() + 16 * 86400_000);
    const sweep = (document: ReturnType<typeof testDocument>) => {
      const compiled = new CompiledMetadata(info.id, 1, document);
      const system = { tenantId: info.id, compiled, policy: AccessPolicy.system(compiled, asOf), actorId: null, now: asOf };
      return ctx().database.storage.inTenant(info.id, (tx) => kernel.pools.sweepIn(tx, system, compiledPools(compiled)[0]!, { asOf, dryRun: true }));
    };
    expect(await sweep(testDocument())).toMatchObject({ released: 1, byReason: { no_visit: 1 } });
    expect(await sweep(withComponents(['pools', 'reports']))).toMatchObject({ released: 0, byReason: { no_visit: 0, hold_expired: 0, not_won: 0 } });
    // Nor does the pool's own list say a visit is due.
    expect(compiledPools(new CompiledMetadata(info.id, 1, withComponents(['pools'])))[0]!.releaseIfNoVisitDays).toBeUndefined();
    expect(compiledPools(new CompiledMetadata(info.id, 1, withComponents(['reports'])))).toEqual([]);
    ctx().setNow(start);
  });
});
