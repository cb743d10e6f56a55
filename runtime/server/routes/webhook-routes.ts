import { Hono } from 'hono';
import { ShoalError } from '../../../platform/errors.ts';
import type { JobQueue } from '../../../platform/jobs/job-queue.ts';
import { wakeWebhookSender } from '../../../platform/webhooks/webhook-delivery.ts';
import { parseWebhook, parseWebhookChange } from '../../../platform/webhooks/webhooks.ts';
import type { AppEnv } from '../http/app-env.ts';
import { intParam, readJson, readQuery, withCursorPointer } from '../http/request-input.ts';
import { authenticate, requireAdmin, requireMetadata } from '../http/tenant-auth.ts';

/** Wakes the sender after a write that queued deliveries; if that fails, the scheduler's next tick sends them. */
const wakeSender = (jobs: JobQueue, tenantId: string) => wakeWebhookSender(jobs, tenantId).catch(() => undefined);

/** Webhook subscriptions and their delivery log (the `webhooks` component; admins). */
export function webhookRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const path of ['/webhooks', '/webhooks/*']) {
    app.use(path, authenticate, requireAdmin, requireMetadata, async (c, next) => {
      if (!c.var.metadata.has('webhooks')) throw new ShoalError('not_found', 'Webhooks are not enabled for this tenant');
      await next();
    });
  }

  app.post('/webhooks', async (c) => {
    readQuery(c, []);
    const input = parseWebhook(await readJson(c));
    const { kernel, tenant, principal, metadata } = c.var;
    const hook = await kernel.webhooks.create(tenant.id, principal.user.id, input, new Set(metadata.objects.keys()), kernel.clock());
    c.header('location', `/api/t/${tenant.slug}/webhooks/${hook.id}`);
    return c.json(hook, 201);
  });

  app.get('/webhooks', async (c) => {
    readQuery(c, []);
    return c.json({ data: await c.var.kernel.webhooks.list(c.var.tenant.id) });
  });

  app.get('/webhooks/:id', async (c) => {
    readQuery(c, []);
    return c.json(await c.var.kernel.webhooks.get(c.var.tenant.id, c.req.param('id')));
  });

  app.patch('/webhooks/:id', async (c) => {
    readQuery(c, []);
    const change = parseWebhookChange(await readJson(c));
    const { kernel, tenant, metadata } = c.var;
    const hook = await kernel.webhooks.update(tenant.id, c.req.param('id'), change, new Set(metadata.objects.keys()));
    // Resumed: what waited while it was paused goes out now.
    if (change.active === true) await wakeSender(kernel.jobs, tenant.id);
    return c.json(hook);
  });

  app.post('/webhooks/:id/rotate-secret', async (c) => {
    readQuery(c, []);
    return c.json(await c.var.kernel.webhooks.rotateSecret(c.var.tenant.id, c.req.param('id')));
  });

  app.delete('/webhooks/:id', async (c) => {
    readQuery(c, []);
    await c.var.kernel.webhooks.remove(c.var.tenant.id, c.req.param('id'));
    return c.body(null, 204);
  });

  app.get('/webhooks/:id/deliveries', async (c) => {
    const q = readQuery(c, ['limit', 'cursor']);
    const limit = intParam('limit', q.limit, { min: 1, max: 500, fallback: 100 });
    try {
      return c.json(await c.var.kernel.webhooks.deliveries(c.var.tenant.id, c.req.param('id'), { limit, ...(q.cursor ? { cursor: q.cursor } : {}) }));
    } catch (error) {
      throw withCursorPointer(error, c.req.url);
    }
  });

  // A redelivery and a test ping join the outbox; the sender is woken to post them now.
  app.post('/webhooks/:id/deliveries/:deliveryId/redeliver', async (c) => {
    readQuery(c, []);
    const { kernel, tenant } = c.var;
    const delivery = await kernel.webhooks.redeliver(tenant.id, c.req.param('id'), c.req.param('deliveryId'), kernel.clock());
    await wakeSender(kernel.jobs, tenant.id);
    return c.json(delivery, 202);
  });

  app.post('/webhooks/:id/ping', async (c) => {
    readQuery(c, []);
    const { kernel, tenant, principal } = c.var;
    const delivery = await kernel.webhooks.ping(tenant.id, c.req.param('id'), principal.user.id, kernel.clock());
    await wakeSender(kernel.jobs, tenant.id);
    return c.json(delivery, 202);
  });

  return app;
}
