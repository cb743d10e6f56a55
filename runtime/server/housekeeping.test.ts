import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { testDocument } from '../../platform/testing/fixtures.ts';
import { describeEachServer } from '../testing/test-server.ts';

describeEachServer('daily housekeeping', (ctx) => {
  it('forgets idempotency replies past their 24 hours and ended sessions, once a day, and nothing still in use', async () => {
    const tenant = await ctx().createTenantWith(testDocument());
    const other = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${tenant.slug}${x}`;
    const { kernel } = ctx().server;
    const tenantId = (await kernel.tenants.bySlugFresh(tenant.slug))!.id;
    const otherId = (await kernel.tenants.bySlugFresh(other.slug))!.id;
    const storage = ctx().database.storage;
    const count = async (query: ReturnType<typeof sql<{ n: number }>>) => (await storage.inPlatform((tx) => query.execute(tx))).rows[0]!.n;

    // Two keyed creates: one made three days ago, one just now; and one in another tenant, old too.
    const created = async (client: typeof tenant.admin, slug: string, key: string, name: string) =>
      client.post(`/api/t/${slug}/records/hotel`, { name }, { headers: { 'idempotency-key': key } });
    expect((await created(tenant.admin, tenant.slug, 'old', 'Old hotel')).status).toBe(201);
    const recent = await created(tenant.admin, tenant.slug, 'recent', 'Recent hotel');
    expect(recent.status).toBe(201);
    expect((await created(other.admin, other.slug, 'old', 'Their hotel')).status).toBe(201);
    await storage.inPlatform((tx) => sql`UPDATE idempotency_keys SET created_at = now() - interval '3 days' WHERE key = 'old'`.execute(tx));

    // Sessions: one that expired two days ago, one signed out two days ago, and the admin's, in use.
    const ann = await ctx().createUser(tenant, { email: 'ann@house.test', roles: ['admin'] });
    const expired = await ctx().createUser(tenant, { email: 'eve@house.test', roles: ['admin'] });
    const signedOut = await ctx().createUser(tenant, { email: 'sam@house.test', roles: ['admin'] });
    await storage.inPlatform(async (tx) => {
      await sql`UPDATE sessions SET expires_at = now() - interval '2 days' WHERE user_id = ${expired.id}::uuid`.execute(tx);
      await sql`UPDATE sessions SET revoked_at = now() - interval '2 days' WHERE user_id = ${signedOut.id}::uuid`.execute(tx);
    });
    const sessionsOf = (tenantKey: string) => sql<{ n: number }>`SELECT count(*)::int AS n FROM sessions WHERE tenant_id = ${tenantKey}::uuid`;
    expect(await count(sessionsOf(tenantId))).toBe(4);

    const slot = new Date();
    slot.setUTCHours(3, 17, 0, 0);
    if (slot > new Date()) slot.setUTCDate(slot.getUTCDate() - 1);
    const job = { tenantId, kind: 'housekeeping', key: 'daily', slot: slot.toISOString() };
    expect(await kernel.scheduler.runSlot(job)).toBe(true);
    expect(await kernel.scheduler.runSlot(job), 'a slot runs once').toBe(false);

    const keys = await storage.inPlatform((tx) => sql<{ tenant_id: string; key: string }>`SELECT tenant_id, key FROM idempotency_keys ORDER BY key`.execute(tx));
    expect(keys.rows).toEqual([{ tenant_id: otherId, key: 'old' }, { tenant_id: tenantId, key: 'recent' }]);
    // The recent key still answers a retry with the first answer, and still refuses another body.
    const retried = await created(tenant.admin, tenant.slug, 'recent', 'Recent hotel');
    expect(retried.body.id).toBe(recent.body.id);
    expect((await created(tenant.admin, tenant.slug, 'recent', 'Another hotel')).status).toBe(409);

    expect(await count(sessionsOf(tenantId))).toBe(2);
    expect((await ann.client.get(p('/me'))).status).toBe(200);
    expect((await tenant.admin.get(p('/me'))).status).toBe(200);
    expect((await expired.client.get(p('/me'))).status).toBe(401);
    expect((await signedOut.client.get(p('/me'))).status).toBe(401);
    // The job recorded what it removed.
    const result = await storage.inPlatform((tx) => sql<{ result: unknown }>`SELECT result FROM job_slots WHERE tenant_id = ${tenantId}::uuid AND kind = 'housekeeping'`.execute(tx));
    expect(result.rows).toEqual([{ result: { idempotencyKeys: 1, sessions: 2 } }]);
  });

  it('is due once a day, at 03:17 UTC, for every tenant', async () => {
    const tenant = await ctx().createTenantWith(testDocument());
    const { kernel } = ctx().server;
    const tenantId = (await kernel.tenants.bySlugFresh(tenant.slug))!.id;
    const slot = new Date();
    slot.setUTCDate(slot.getUTCDate() + 1);
    slot.setUTCHours(3, 17, 0, 0);
    const slots = async () => (await ctx().database.storage.inPlatform((tx) =>
      sql<{ slot: Date }>`SELECT slot FROM job_slots WHERE tenant_id = ${tenantId}::uuid AND kind = 'housekeeping'`.execute(tx))).rows.map((r) => new Date(r.slot).toISOString());
    // Without background workers a due slot runs in this process as the tick enqueues it.
    await kernel.scheduler.tick(new Date(slot.getTime() - 60_000));
    await kernel.jobs.idle();
    expect(await slots()).toEqual([]);
    await kernel.scheduler.tick(new Date(slot.getTime() + 13 * 60_000));
    await kernel.jobs.idle();
    await kernel.scheduler.tick(new Date(slot.getTime() + 28 * 60_000));
    await kernel.jobs.idle();
    expect(await slots()).toEqual([slot.toISOString()]);
  });
});
