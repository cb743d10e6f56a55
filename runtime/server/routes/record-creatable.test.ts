import { beforeAll, expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer, type ApiClient, type TestTenant } from '../../testing/test-server.ts';

/**
 * `Shoal-Creatable` on a record (asked with `include=creatable`) tells which related records the
 * caller may add to it, by their create rules applied to a record pointing at it: a BD's visits
 * need `lead.owner` to be them.
 */
describeEachServer('Shoal-Creatable', (ctx) => {
  let tenant: TestTenant;
  let bd1: { id: string; client: ApiClient };
  let manager: { id: string; client: ApiClient };
  const p = (x: string) => `/api/t/${tenant.slug}${x}`;
  const creatable = async (client: ApiClient, path: string) => {
    const res = await client.get(p(`${path}?include=creatable`));
    expect(res.status).toBe(200);
    return res.headers.get('shoal-creatable');
  };

  beforeAll(async () => {
    tenant = await ctx().createTenantWith(testDocument());
    bd1 = await ctx().createUser(tenant, { email: 'bd1@t.test', roles: ['bd'], attributes: { team: 'north' } });
    manager = await ctx().createUser(tenant, { email: 'm@t.test', roles: ['manager'], attributes: { team: 'north' } });
  });

  it('names a visit on the BD\'s own lead, not on a public one; the manager may add visits and contracts to either', async () => {
    const lead = (await tenant.admin.post(p('/records/lead'), { name: 'Lead A' })).body.id as string;
    expect(await creatable(bd1.client, `/records/lead/${lead}`)).toBe('');
    expect(await creatable(manager.client, `/records/lead/${lead}`)).toBe('visit.lead, contract.lead');

    expect((await bd1.client.post(p('/pools/leadPool/claim'), { id: lead })).status).toBe(200);
    expect(await creatable(bd1.client, `/records/lead/${lead}`)).toBe('visit.lead');
    // What the header promises, the create keeps.
    expect((await bd1.client.post(p('/records/visit'), { lead, visitedAt: new Date().toISOString() })).status).toBe(201);
    // A lead the BD adds to a hotel starts in the public pool, which their lead rule allows.
    const hotel = (await tenant.admin.post(p('/records/hotel'), { name: 'Hotel H' })).body.id as string;
    expect(await creatable(bd1.client, `/records/hotel/${hotel}`)).toBe('lead.hotel');
    expect(await creatable(tenant.admin, `/records/hotel/${hotel}`)).toBe('lead.hotel, contract.hotel');
  });

  it('is sent only when asked: a plain get (an integrator\'s sync) does not pay for the check', async () => {
    const lead = (await tenant.admin.post(p('/records/lead'), { name: 'Lead B' })).body.id as string;
    const plain = await manager.client.get(p(`/records/lead/${lead}`));
    expect(plain.status).toBe(200);
    expect(plain.headers.get('shoal-creatable')).toBeNull();
    const bad = await manager.client.get(p(`/records/lead/${lead}?include=everything`));
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: '?include' })]);
  });
});
