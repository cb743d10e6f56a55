import { Hono } from 'hono';
import { ShoalError } from '../../../platform/errors.ts';
import { listNotifications, markRead } from '../../../platform/notifications/notifications.ts';
import { decodeTimeIdCursor, encodeValuesCursor } from '../../../platform/records/cursor.ts';
import { isUuid } from '../../../platform/storage/storage.ts';
import { envelopeParser } from '../../../platform/validation/ajv.ts';
import type { AppEnv } from '../http/app-env.ts';
import { boolParam, dateTimeParam, intParam, parameterError, readJson, readQuery } from '../http/request-input.ts';
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
    const q = readQuery(c, ['unread', 'limit', 'cursor', 'before', 'beforeId']);
    const { kernel, tenant, principal } = c.var;
    const limit = intParam('limit', q.limit, { min: 1, max: 200, fallback: 50 });
    if (q.cursor !== undefined && q.before !== undefined) throw parameterError('before', 'give cursor or before, not both');
    // `cursor` (the nextCursor of the previous page, as on every other list) is the last one seen.
    const [cursorAt, cursorId] = q.cursor !== undefined ? decodeTimeIdCursor(q.cursor) : [];
    const before = cursorAt ?? dateTimeParam('before', q.before)?.toISOString();
    if (q.beforeId !== undefined && (q.before === undefined || !isUuid(q.beforeId))) {
      throw new ShoalError('bad_request', 'beforeId must be the id of a notification, given with before', { errors: [{ path: '?beforeId', message: 'must be a UUID, with before' }] });
    }
    const beforeId = cursorId ?? q.beforeId;
    const listed = await kernel.storage.inTenant(tenant.id, (tx) => listNotifications(tx, tenant.id, principal.user.id, {
      unreadOnly: boolParam('unread', q.unread) ?? false, limit: limit + 1, ...(before ? { before } : {}), ...(beforeId ? { beforeId } : {}),
    }), { readOnly: true });
    const data = listed.data.slice(0, limit);
    const last = listed.data.length > limit ? data[data.length - 1] : undefined;
    return c.json({ data, unread: listed.unread, nextCursor: last ? encodeValuesCursor([last.createdAt, last.id]) : null });
  });

  app.post('/notifications/read', async (c) => {
    readQuery(c, []);
    const body = parseRead(await readJson(c));
    const { kernel, tenant, principal } = c.var;
    const updated = await kernel.storage.inTenant(tenant.id, (tx) => markRead(tx, tenant.id, principal.user.id, body.all ? 'all' : body.ids ?? [], kernel.clock()));
    return c.json({ updated });
  });

  return app;
}
