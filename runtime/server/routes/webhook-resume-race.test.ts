import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { insertDeliveries } from '../../../platform/webhooks/webhook-outbox.ts';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { describeEachServer } from '../../testing/test-server.ts';

/**
 * A delivery queued for a paused webhook (a redelivery) while an admin resumes it: the resume
 * waits for the queuing transaction, so it releases that delivery too. Without the wait the
 * delivery stayed held on an active webhook, never sent, and its event could not be redelivered.
 */
describeEachServer('webhooks: a resume racing a redelivery', (ctx) => {
  it('leaves no delivery held on a webhook that has been resumed', async () => {
    // PGlite runs one transaction at a time: the race needs two connections.
    if (ctx().database.kind !== 'postgres') return;
    const tenant = await ctx().createTenantWith(testDocument());
    const p = (x: string) => `/api/t/${tenant.slug}${x}`;
    const hook = await tenant.admin.post(p('/webhooks'), { url: 'http://127.0.0.1:9/race', events: ['record.created'], object: 'lead' });
    const url = p(`/webhooks/${hook.body.id}`);
    const tenantId = (await ctx().server.kernel.tenants.bySlugFresh(tenant.slug))!.id;
    expect((await tenant.admin.patch(url, { active: false })).status).toBe(200);
    const id = randomUUID();
    let resumed: Promise<{ status: number }> | undefined;
    // What a redelivery does in its transaction; the admin's resume is sent before it commits.
    await ctx().database.storage.inTenant(tenantId, async (tx) => {
      await insertDeliveries(tx, tenantId, [{ id, webhook_id: hook.body.id, event: 'record.created', payload: { id } }], new Date());
      resumed = tenant.admin.patch(url, { active: true });
      await new Promise((r) => setTimeout(r, 500));
    });
    expect((await resumed!).status).toBe(200);
    const delivery = (await tenant.admin.get(`${url}/deliveries`)).body.data.find((d: { id: string }) => d.id === id);
    expect(delivery.state).not.toBe('held');
  });
});
