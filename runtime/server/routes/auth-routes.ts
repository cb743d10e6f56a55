import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { ShoalError } from '../../../platform/errors.ts';
import { envelopeParser } from '../../../platform/validation/ajv.ts';
import { isUuid } from '../../../platform/storage/storage.ts';
import type { AppEnv } from '../http/app-env.ts';
import { boolParam, clientAddress, clientUsesHttps, readJson, readQuery } from '../http/request-input.ts';
import { authenticate, sessionCookie } from '../http/tenant-auth.ts';
import { getUserLocale, setUserLocale, userLocales, type UserLocale } from '../../../platform/users/users.ts';

const parseLogin = envelopeParser<{ email: string; password: string }>({
  type: 'object',
  required: ['email', 'password'],
  additionalProperties: false,
  properties: { email: { type: 'string', minLength: 1, maxLength: 254 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
});

const parsePasswordChange = envelopeParser<{ currentPassword: string; newPassword: string; revokeApiKeys?: boolean }>({
  type: 'object',
  required: ['currentPassword', 'newPassword'],
  additionalProperties: false,
  // The new password as an administrator's is (platform/users/users.ts): 8 to 200 characters.
  properties: { currentPassword: { type: 'string', minLength: 1, maxLength: 200 }, newPassword: { type: 'string', minLength: 8, maxLength: 200 }, revokeApiKeys: { type: 'boolean' } },
});

const parseMePatch = envelopeParser<{ locale: UserLocale | null }>({
  type: 'object',
  required: ['locale'],
  additionalProperties: false,
  properties: { locale: { enum: [...userLocales, null] } },
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

  const me = async (c: Context<AppEnv>, locale?: UserLocale | null) => {
    const { user, roles, via, csrfToken } = c.var.principal;
    const tenantId = c.var.tenant.id;
    const chosen = locale !== undefined ? locale : await c.var.kernel.storage.inTenant(tenantId, (tx) => getUserLocale(tx, tenantId, user.id), { readOnly: true });
    return c.json({
      id: user.id, email: user.email, name: user.name, roles, attributes: user.attributes, managerId: user.managerId,
      locale: chosen, authenticatedBy: via, ...(csrfToken ? { csrfToken } : {}),
      tenant: { slug: c.var.tenant.slug, name: c.var.tenant.name },
    });
  };

  app.get('/me', authenticate, (c) => {
    readQuery(c, []);
    return me(c);
  });

  // The caller's own settings: the language of the screens, which follows them to every device.
  app.patch('/me', authenticate, async (c) => {
    readQuery(c, []);
    const { locale } = parseMePatch(await readJson(c));
    const tenantId = c.var.tenant.id;
    await c.var.kernel.storage.inTenant(tenantId, (tx) => setUserLocale(tx, tenantId, c.var.principal.user.id, locale));
    return me(c, locale);
  });

  app.post('/me/password', authenticate, async (c) => {
    readQuery(c, []);
    const { currentPassword, newPassword, revokeApiKeys } = parsePasswordChange(await readJson(c));
    await c.var.kernel.auth.changePassword(c.var.principal, currentPassword, newPassword, clientAddress(c), { revokeApiKeys: revokeApiKeys === true });
    return c.body(null, 204);
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
    c.header('location', `/api/t/${c.var.tenant.slug}/api-keys/${created.id}`);
    return c.json({ id: created.id, key: created.key, name, roles: keyRoles, prefix: created.info.prefix, createdAt: created.info.createdAt }, 201);
  });

  app.get('/api-keys', authenticate, async (c) => {
    const { all } = readQuery(c, ['all']);
    const principal = c.var.principal;
    const everyone = boolParam('all', all) === true && principal.roles.includes('admin');
    const keys = await c.var.kernel.auth.listApiKeys(c.var.tenant.id, everyone ? null : principal.user.id);
    return c.json({ data: keys });
  });

  // Where the Location of a create points: the key as the list shows it (never the secret).
  app.get('/api-keys/:id', authenticate, async (c) => {
    readQuery(c, []);
    const id = c.req.param('id').toLowerCase();
    const principal = c.var.principal;
    const keys = isUuid(id) ? await c.var.kernel.auth.listApiKeys(c.var.tenant.id, principal.roles.includes('admin') ? null : principal.user.id) : [];
    const key = keys.find((k) => k.id === id);
    if (!key) throw new ShoalError('not_found', 'API key was not found');
    return c.json(key);
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
