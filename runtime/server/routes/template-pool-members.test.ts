import { beforeAll, expect, it } from 'vitest';
import { describeEachServer, type ApiClient, type TestTenant } from '../../testing/test-server.ts';

/**
 * The hotel template's lead pool is its members' (BDs and managers): an operator, who reads and
 * exports every lead someone holds, does not see the public pool's leads on any endpoint, as
 * tenants/README.md says; a BD does.
 */
describeEachServer('the hotel template\'s pool members', (ctx) => {
  let tenant: TestTenant;
  const api = (path: string) => `/api/t/${tenant.slug}${path}`;
  const where = (filter: unknown) => encodeURIComponent(JSON.stringify(filter));
  const count = async (client: ApiClient, filter: unknown) => (await client.get(api(`/records/lead?count=true&limit=1&where=${where(filter)}`))).body.total as number;

  beforeAll(async () => {
    tenant = await ctx().createTenant({ template: 'hotel', sampleData: true });
  });

  it('shows the public leads to a BD, not to an operator, who still reads and exports the held ones', async () => {
    const publicLeads = await count(tenant.admin, { poolState: 'public' });
    const held = await count(tenant.admin, { poolState: 'private' });
    expect(publicLeads).toBeGreaterThan(0);
    expect(held).toBeGreaterThan(0);
    const bd = await ctx().login(tenant.slug, 'bd1@hotel.demo', 'shoal-demo');
    expect(await count(bd, { poolState: 'public' })).toBe(publicLeads);
    const operator = await ctx().login(tenant.slug, 'operator@hotel.demo', 'shoal-demo');
    expect(await count(operator, { poolState: 'public' })).toBe(0);
    expect(await count(operator, { poolState: 'private' })).toBe(held);
    const exported = await operator.get(api('/records/lead/export.csv'));
    expect(exported.status).toBe(200);
    expect(exported.text.trim().split('\n').length - 1).toBe(held + await count(tenant.admin, { poolState: null }));
    const lead = (await tenant.admin.get(api(`/records/lead?limit=1&where=${where({ poolState: 'public' })}`))).body.data[0] as { id: string };
    expect((await operator.get(api(`/records/lead/${lead.id}`))).status).toBe(404);
  });
});
