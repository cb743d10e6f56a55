import { Hono } from 'hono';
import { ShoalError } from '../../../platform/errors.ts';
import { parseWebhook } from '../../../platform/webhooks/webhooks.ts';
import { isUuid } from '../../../platform/storage/storage.ts';
import type { AppEnv } from '../http/app-env.ts';
import { intParam, readJson, readQuery } from '../http/request-input.ts';
import { authenticate, requireAdmin, requireMetadata } from '../http/tenant-auth.ts';

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
    return c.json(hook, 201);
  });

  app.get('/webhooks', async (c) => {
    readQuery(c, []);
    return c.json({ data: await c.var.kernel.webhooks.list(c.var.tenant.id) });
  });

  app.delete('/webhooks/:id', async (c) => {
    readQuery(c, []);
    await c.var.kernel.webhooks.remove(c.var.tenant.id, c.req.param('id'));
    return c.body(null, 204);
  });

  app.get('/webhooks/:id/deliveries', async (c) => {
    const q = readQuery(c, ['limit']);
    const id = c.req.param('id');
    if (!isUuid(id)) throw new ShoalError('not_found', 'Webhook was not found');
    return c.json({ data: await c.var.kernel.webhooks.deliveries(c.var.tenant.id, id.toLowerCase(), intParam('limit', q.limit, { min: 1, max: 500, fallback: 100 })) });
  });

  return app;
}
