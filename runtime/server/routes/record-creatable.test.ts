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

  it('lists only the leads a new visit may point at (linkable=visit.lead) in one request, saying how many it read and left out', async () => {
    const names = ['Linkable A', 'Linkable B', 'Linkable C'];
    const [a, b, c] = await Promise.all(names.map(async (name) => (await tenant.admin.post(p('/records/lead'), { name })).body.id as string));
    for (const id of [a, c]) expect((await bd1.client.post(p('/pools/leadPool/claim'), { id })).status).toBe(200);
    const where = encodeURIComponent(JSON.stringify({ name: { $startsWith: 'Linkable' } }));
    const list = async (client: ApiClient, query: string) => {
      const res = await client.get(p(`/records/lead?where=${where}&orderBy=name&fields=name&${query}`));
      expect(res.status, res.text).toBe(200);
      return res.body as { data: Array<{ id: string; name: string }>; nextCursor: string | null; skipped: number };
    };
    // The BD reads all three (B is public), but may add a visit to their own two only.
    expect((await list(bd1.client, 'limit=10')).data.map((r) => r.name)).toEqual(names);
    const mine = await list(bd1.client, 'limit=10&linkable=visit.lead');
    expect(mine.data.map((r) => r.name)).toEqual(['Linkable A', 'Linkable C']);
    expect(mine).toMatchObject({ skipped: 1, nextCursor: null });
    // What the list offers, Shoal-Creatable names and the create keeps.
    for (const r of mine.data) expect(await creatable(bd1.client, `/records/lead/${r.id}`)).toBe('visit.lead');
    expect(await creatable(bd1.client, `/records/lead/${b}`)).toBe('');
    // Page by page, nothing passed over: A; then B read and left out, and C.
    const first = await list(bd1.client, 'limit=1&linkable=visit.lead');
    expect(first).toMatchObject({ data: [{ name: 'Linkable A' }], skipped: 0 });
    const second = await list(bd1.client, `limit=1&linkable=visit.lead&cursor=${first.nextCursor}`);
    expect(second).toMatchObject({ data: [{ name: 'Linkable C' }], skipped: 1 });
    // The same in a query's body (a filter too long for a URL).
    const queried = await bd1.client.post(p('/records/lead/query'), { where: { name: { $startsWith: 'Linkable' } }, orderBy: 'name', fields: ['name'], limit: 10, linkable: 'visit.lead' });
    expect(queried.status, queried.text).toBe(200);
    expect(queried.body).toMatchObject({ data: [{ name: 'Linkable A' }, { name: 'Linkable C' }], skipped: 1, nextCursor: null });
    expect((await bd1.client.post(p('/records/lead/query'), { linkable: 'visit.visitedAt' })).status).toBe(400);
    // The manager may add visits to all three.
    expect((await list(manager.client, 'limit=10&linkable=visit.lead')).data.map((r) => r.name)).toEqual(names);
    // Not a lookup to leads: 400 at the parameter.
    for (const bad of ['visit.visitedAt', 'contract.hotel', 'nothing.lead', 'visit']) {
      const res = await bd1.client.get(p(`/records/lead?linkable=${bad}`));
      expect(res.status, bad).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: '?linkable' })]);
    }
  });
});
