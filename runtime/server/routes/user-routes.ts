import { Hono, type Context } from 'hono';
import { hashPassword } from '../../../platform/auth/passwords.ts';
import { ShoalError } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/storage/storage.ts';
import { getUser, insertUser, listUsers, parseNewUser, parseUserPatch, updateUser } from '../../../platform/users/users.ts';
import type { AppEnv } from '../http/app-env.ts';
import { boolParam, intParam, parameterError, readJson, readQuery } from '../http/request-input.ts';
import { authenticate, requireAdmin } from '../http/tenant-auth.ts';

/** Tenant admins manage users. Deleting deactivates (history keeps pointing at the user). */
export function userRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/users', authenticate, requireAdmin);
  app.use('/users/*', authenticate, requireAdmin);

  app.post('/users', async (c) => {
    readQuery(c, []);
    const input = parseNewUser(await readJson(c));
    await assertRolesExist(c, input.roles);
    const { tenant, kernel } = c.var;
    const passwordHash = input.password ? await hashPassword(input.password) : undefined;
    const user = await kernel.storage.inTenant(tenant.id, (tx) => insertUser(tx, tenant.id, { ...input, ...(passwordHash ? { passwordHash } : {}) }));
    c.header('location', `/api/t/${tenant.slug}/users/${user.id}`);
    return c.json(user, 201);
  });

  app.get('/users', async (c) => {
    const q = readQuery(c, ['limit', 'q', 'active', 'cursor', 'after']);
    const limit = intParam('limit', q.limit, { min: 1, max: 500, fallback: 100 });
    const active = boolParam('active', q.active);
    // `cursor`, as on every other list; `after` is its older name.
    if (q.cursor !== undefined && q.after !== undefined) throw parameterError('after', 'give cursor or after, not both');
    const after = q.cursor ?? q.after;
    if (after !== undefined && !isUuid(after)) throw parameterError(q.cursor !== undefined ? 'cursor' : 'after', 'must be the nextCursor of the previous page');
    const { tenant, kernel } = c.var;
    const users = await kernel.storage.inTenant(tenant.id, (tx) => listUsers(tx, tenant.id, {
      limit: limit + 1, ...(q.q ? { search: q.q } : {}), ...(active !== undefined ? { active } : {}), ...(after ? { after } : {}),
    }), { readOnly: true });
    const page = users.slice(0, limit);
    return c.json({ data: page, nextCursor: users.length > limit ? page[page.length - 1]!.id : null });
  });

  app.get('/users/:id', async (c) => {
    readQuery(c, []);
    const id = userId(c);
    const { tenant, kernel } = c.var;
    const user = await kernel.storage.inTenant(tenant.id, (tx) => getUser(tx, tenant.id, id), { readOnly: true });
    if (!user) throw new ShoalError('not_found', 'User was not found');
    return c.json(user);
  });

  app.patch('/users/:id', async (c) => {
    readQuery(c, []);
    const id = userId(c);
    const patch = parseUserPatch(await readJson(c));
    if (patch.roles) await assertRolesExist(c, patch.roles);
    const { tenant, kernel, principal } = c.var;
    if (id === principal.user.id && (patch.active === false || (patch.roles && !patch.roles.includes('admin')))) {
      throw new ShoalError('conflict', 'You cannot deactivate yourself or remove your own admin role');
    }
    const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
    const user = await kernel.storage.inTenant(tenant.id, (tx) => updateUser(tx, tenant.id, id, { ...patch, ...(passwordHash ? { passwordHash } : {}) }));
    await kernel.auth.userChanged(tenant.id, id, { revokeSessions: patch.active === false || patch.password !== undefined });
    return c.json(user);
  });

  app.delete('/users/:id', async (c) => {
    readQuery(c, []);
    const id = userId(c);
    const { tenant, kernel, principal } = c.var;
    if (id === principal.user.id) throw new ShoalError('conflict', 'You cannot deactivate yourself');
    await kernel.storage.inTenant(tenant.id, (tx) => updateUser(tx, tenant.id, id, { active: false }));
    await kernel.auth.userChanged(tenant.id, id, { revokeSessions: true });
    return c.body(null, 204);
  });

  return app;
}

function userId(c: Context<AppEnv>): string {
  const id = c.req.param('id') ?? '';
  if (!isUuid(id)) throw new ShoalError('not_found', 'User was not found');
  return id.toLowerCase();
}

async function assertRolesExist(c: Context<AppEnv>, roles: string[]): Promise<void> {
  const { tenant, kernel } = c.var;
  const known = tenant.liveVersion === null ? new Set(['admin']) : new Set(['admin', ...Object.keys((await kernel.metadataCache.live(tenant)).document.roles ?? {})]);
  const unknown = roles.map((r, i) => ({ r, i })).filter(({ r }) => !known.has(r));
  if (unknown.length > 0) {
    throw new ShoalError('validation_failed', `Unknown roles: ${unknown.map((u) => u.r).join(', ')}`, {
      errors: unknown.map(({ r, i }) => ({ path: `/roles/${i}`, message: `is not a role of this tenant (${r})` })),
    });
  }
}
