import { Hono } from 'hono';
import { ShoalError } from '../../../platform/errors.ts';
import { listNotifications, markRead } from '../../../platform/notifications/notifications.ts';
import { isUuid } from '../../../platform/storage/storage.ts';
import { envelopeParser } from '../../../platform/validation/ajv.ts';
import type { AppEnv } from '../http/app-env.ts';
import { boolParam, dateTimeParam, intParam, readJson, readQuery } from '../http/request-input.ts';
import { authenticate } from '../http/tenant-auth.ts';

const parseRead = envelopeParser<{ ids?: string[]; all?: boolean }>({
  type: 'object', additionalProperties: false,
  properties: { ids: { type: 'array', items: { type: 'string', format: 'uuid' }, maxItems: 500 }, all: { type: 'boolean' } },
});

/** The caller's in-app notifications (release warnings, releases, assignments). */
export function notificationRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/notifications', authenticate);
  app.use('/notifications/*', authenticate);

  app.get('/notifications', async (c) => {
    const q = readQuery(c, ['unread', 'limit', 'before', 'beforeId']);
    const { kernel, tenant, principal } = c.var;
    const limit = intParam('limit', q.limit, { min: 1, max: 200, fallback: 50 });
    const before = dateTimeParam('before', q.before)?.toISOString();
    if (q.beforeId !== undefined && (q.before === undefined || !isUuid(q.beforeId))) {
      throw new ShoalError('bad_request', 'beforeId must be the id of a notification, given with before', { errors: [{ path: '?beforeId', message: 'must be a UUID, with before' }] });
    }
    return c.json(await kernel.storage.inTenant(tenant.id, (tx) => listNotifications(tx, principal.user.id, {
      unreadOnly: boolParam('unread', q.unread) ?? false, limit, ...(before ? { before } : {}), ...(q.beforeId ? { beforeId: q.beforeId } : {}),
    }), { readOnly: true }));
  });

  app.post('/notifications/read', async (c) => {
    readQuery(c, []);
    const body = parseRead(await readJson(c));
    const { kernel, tenant, principal } = c.var;
    const updated = await kernel.storage.inTenant(tenant.id, (tx) => markRead(tx, principal.user.id, body.all ? 'all' : body.ids ?? [], kernel.clock()));
    return c.json({ updated });
  });

  return app;
}
