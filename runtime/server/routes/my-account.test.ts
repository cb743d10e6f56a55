import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { LoginRateLimiter } from '../../../platform/auth/login-rate-limiter.ts';
import { describeEachServer, type ApiClient, type TestTenant } from '../../testing/test-server.ts';

/**
 * A person's own account: their password (the current one first; every other session ends) and
 * the language of their screens, which follows them to every device.
 */
describeEachServer('my account', (ctx) => {
  let tenant: TestTenant;
  const api = (path: string) => `/api/t/${tenant.slug}${path}`;
  const password = 'user-password-1';

  beforeAll(async () => {
    tenant = await ctx().createTenant();
  });

  const signIn = async (email: string, secret: string): Promise<{ status: number; client?: ApiClient }> => {
    const res = await ctx().api.post(api('/auth/login'), { email, password: secret });
    return res.status === 200 ? { status: 200, client: ctx().api.withToken(res.body.token) } : { status: res.status };
  };

  it('changes the password with the current one: the old one stops working, other sessions end, this one goes on', async () => {
    const email = 'wang@account.test';
    const { client: laptop } = await ctx().createUser(tenant, { email, roles: ['admin'] });
    const phone = (await signIn(email, password)).client!;
    const changed = await laptop.post(api('/me/password'), { currentPassword: password, newPassword: 'a-new-secret-2' });
    expect(changed.status, changed.text).toBe(204);
    expect((await laptop.get(api('/me'))).status).toBe(200);
    expect((await phone.get(api('/me'))).status).toBe(401);
    expect((await signIn(email, password)).status).toBe(401);
    expect((await signIn(email, 'a-new-secret-2')).status).toBe(200);
  });

  it('revokes the person\'s API keys with the password when asked, and only then', async () => {
    const email = 'sun@account.test';
    const { client } = await ctx().createUser(tenant, { email, roles: ['admin'] });
    const kept = (await client.post(api('/api-keys'), { name: 'kept' })).body.key as string;
    expect((await client.post(api('/me/password'), { currentPassword: password, newPassword: 'second-secret-2' })).status).toBe(204);
    expect((await ctx().api.get(api('/me'), { token: kept })).status).toBe(200);
    const planted = (await client.post(api('/api-keys'), { name: 'made with a stolen password' })).body.key as string;
    const mine = (await tenant.admin.post(api('/api-keys'), { name: 'the admin\'s own' })).body.key as string;
    expect((await client.post(api('/me/password'), { currentPassword: 'second-secret-2', newPassword: 'third-secret-3', revokeApiKeys: true })).status).toBe(204);
    expect((await ctx().api.get(api('/me'), { token: planted })).status).toBe(401);
    expect((await ctx().api.get(api('/me'), { token: kept })).status).toBe(401);
    // Another person's keys are theirs.
    expect((await ctx().api.get(api('/me'), { token: mine })).status).toBe(200);
    expect((await client.get(api('/me'))).status).toBe(200);
  });

  it('refuses a wrong current password at its field, and stops guessing as a sign-in would', async () => {
    const email = 'li@account.test';
    const { client } = await ctx().createUser(tenant, { email, roles: ['admin'] });
    const wrong = await client.post(api('/me/password'), { currentPassword: 'not-it', newPassword: 'another-secret-3' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ path: '/currentPassword', code: 'wrong_password' })]);
    for (let i = 0; i < 4; i++) expect((await client.post(api('/me/password'), { currentPassword: `guess-${i}`, newPassword: 'another-secret-3' })).status).toBe(422);
    // Five wrong guesses from here: now even the right one waits, and the password is unchanged.
    const limited = await client.post(api('/me/password'), { currentPassword: password, newPassword: 'another-secret-3' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await signIn(email, password)).status).toBe(429);
    // When the limits have passed (cleared here, as 15 minutes would), the old password is still the one.
    const { id: tenantId } = await ctx().database.storage.inPlatform((tx) => tx.selectFrom('tenants').select('id').where('slug', '=', tenant.slug).executeTakeFirstOrThrow());
    await ctx().database.storage.inPlatform((tx) => sql`DELETE FROM login_failures WHERE key = ANY(${LoginRateLimiter.keys(tenantId, email, '127.0.0.1')}::text[])`.execute(tx));
    expect((await signIn(email, 'another-secret-3')).status).toBe(401);
    expect((await signIn(email, password)).status).toBe(200);
  });

  it('refuses the current password as the new one, a short one, and an API key', async () => {
    const email = 'zhao@account.test';
    const { client } = await ctx().createUser(tenant, { email, roles: ['admin'] });
    const same = await client.post(api('/me/password'), { currentPassword: password, newPassword: password });
    expect(same.status).toBe(422);
    expect(same.body.errors).toEqual([expect.objectContaining({ path: '/newPassword', code: 'unchanged' })]);
    // Under 8 characters, as for a password an administrator sets: the request's shape is wrong (400).
    const short = await client.post(api('/me/password'), { currentPassword: password, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.errors.map((e: { path: string }) => e.path)).toEqual(['/newPassword']);
    const key = await client.post(api('/api-keys'), { name: 'sync' });
    expect(key.status).toBe(201);
    const byKey = await ctx().api.post(api('/me/password'), { currentPassword: password, newPassword: 'a-key-secret-4' }, { token: key.body.key });
    expect(byKey.status).toBe(403);
    expect((await signIn(email, password)).status).toBe(200);
  });

  it('keeps the language a person chose with them, for every device, and only theirs', async () => {
    const email = 'chen@account.test';
    const { client } = await ctx().createUser(tenant, { email, roles: ['admin'] });
    expect((await client.get(api('/me'))).body.locale).toBeNull();
    const chosen = await client.patch(api('/me'), { locale: 'en' });
    expect(chosen.status, chosen.text).toBe(200);
    expect(chosen.body).toMatchObject({ email, locale: 'en' });
    // Another device of the same person.
    const other = (await signIn(email, password)).client!;
    expect((await other.get(api('/me'))).body.locale).toBe('en');
    // Not the administrator's.
    expect((await tenant.admin.get(api('/me'))).body.locale).toBeNull();
    expect((await client.patch(api('/me'), { locale: 'fr' })).status).toBe(400);
    // Only the language: a name or roles are the administrator's to change.
    expect((await client.patch(api('/me'), { locale: 'en', roles: ['admin', 'boss'] })).status).toBe(400);
    expect((await client.patch(api('/me'), { locale: null })).body.locale).toBeNull();
    expect((await other.get(api('/me'))).body.locale).toBeNull();
  });
});
