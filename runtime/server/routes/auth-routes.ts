import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { ShoalError } from '../../../platform/errors.ts';
import { envelopeParser } from '../../../platform/validation/ajv.ts';
import { isUuid } from '../../../platform/storage/storage.ts';
import type { AppEnv } from '../http/app-env.ts';
import { clientAddress, clientUsesHttps, readJson, readQuery } from '../http/request-input.ts';
import { authenticate, sessionCookie } from '../http/tenant-auth.ts';

const parseLogin = envelopeParser<{ email: string; password: string }>({
  type: 'object',
  required: ['email', 'password'],
  additionalProperties: false,
  properties: { email: { type: 'string', minLength: 1, maxLength: 254 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
});

const parseApiKey = envelopeParser<{ name: string; roles?: string[] }>({
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, roles: { type: 'array', items: { type: 'string' }, maxItems: 50, uniqueItems: true } },
});

/** Login, logout, the caller, and API keys. Mounted under `/api/t/:t` after tenant resolution. */
export function authRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/auth/login', async (c) => {
    readQuery(c, []);
    const { email, password } = parseLogin(await readJson(c));
    const tenant = c.var.tenant;
    const result = await c.var.kernel.auth.login(tenant.id, email, password, clientAddress(c));
    setCookie(c, sessionCookie, result.token, {
      path: `/api/t/${tenant.slug}`,
      httpOnly: true,
      sameSite: 'Lax',
      secure: clientUsesHttps(c),
      expires: result.expiresAt,
    });
    return c.json({ token: result.token, csrfToken: result.csrfToken, expiresAt: result.expiresAt, user: result.user });
  });

  // The workspace's name for its sign-in page (the address only has its slug). Public, like the
  // sign-in page itself: anyone who can reach the login can read it there.
  app.get('/auth/tenant', (c) => {
    readQuery(c, []);
    return c.json({ slug: c.var.tenant.slug, name: c.var.tenant.name });
  });

  app.post('/auth/logout', authenticate, async (c) => {
    readQuery(c, []);
    await c.var.kernel.auth.logout(c.var.principal);
    deleteCookie(c, sessionCookie, { path: `/api/t/${c.var.tenant.slug}` });
    return c.body(null, 204);
  });

  app.get('/me', authenticate, (c) => {
    readQuery(c, []);
    const { user, roles, via, csrfToken } = c.var.principal;
    return c.json({
      id: user.id, email: user.email, name: user.name, roles, attributes: user.attributes, managerId: user.managerId,
      authenticatedBy: via, ...(csrfToken ? { csrfToken } : {}),
      tenant: { slug: c.var.tenant.slug, name: c.var.tenant.name },
    });
  });

  app.post('/api-keys', authenticate, async (c) => {
    readQuery(c, []);
    const { name, roles } = parseApiKey(await readJson(c));
    const principal = c.var.principal;
    // The roles in effect, not the user's: a key narrowed to some roles makes keys with no more than those
    // (without `roles`, exactly those), never one acting with every role of the person behind it.
    const notMine = (roles ?? []).filter((r) => !principal.roles.includes(r));
    if (notMine.length > 0) throw new ShoalError('forbidden', `You cannot give a key roles you do not have: ${notMine.join(', ')}`);
    const keyRoles = roles ?? (principal.via === 'api_key' ? principal.roles : null);
    const created = await c.var.kernel.auth.createApiKey(c.var.tenant.id, principal.user.id, name, keyRoles);
    return c.json({ id: created.id, key: created.key, name, roles: keyRoles, prefix: created.info.prefix, createdAt: created.info.createdAt }, 201);
  });

  app.get('/api-keys', authenticate, async (c) => {
    const { all } = readQuery(c, ['all']);
    const principal = c.var.principal;
    const everyone = all === 'true' && principal.roles.includes('admin');
    const keys = await c.var.kernel.auth.listApiKeys(c.var.tenant.id, everyone ? null : principal.user.id);
    return c.json({ data: keys });
  });

  app.delete('/api-keys/:id', authenticate, async (c) => {
    readQuery(c, []);
    const id = c.req.param('id');
    if (!isUuid(id)) throw new ShoalError('not_found', 'API key was not found');
    const principal = c.var.principal;
    await c.var.kernel.auth.revokeApiKey(c.var.tenant.id, id, { userId: principal.user.id, asAdmin: principal.roles.includes('admin') });
    return c.body(null, 204);
  });

  return app;
}
