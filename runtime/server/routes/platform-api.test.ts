import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachServer, operatorToken } from '../../testing/test-server.ts';

describeEachServer('tenants, auth, users and API keys', (ctx) => {
  it('creates, lists and deletes tenants with the operator token only', async () => {
    const { api } = ctx();
    const body = { slug: 'acme-co', name: 'Acme', admin: { email: 'boss@acme.test', password: 'long-password' } };
    expect((await api.post('/api/tenants', body)).status).toBe(401);
    expect((await api.post('/api/tenants', body, { token: 'wrong' })).status).toBe(401);
    const created = await api.post('/api/tenants', body, { token: operatorToken });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: 'acme-co', metadataVersion: 1 });
    const duplicate = await api.post('/api/tenants', body, { token: operatorToken });
    expect(duplicate.status).toBe(409);
    const badSlug = await api.post('/api/tenants', { ...body, slug: 'Bad Slug' }, { token: operatorToken });
    expect(badSlug.status).toBe(400);
    const list = await api.get('/api/tenants', { token: operatorToken });
    expect(list.body.data.map((t: { slug: string }) => t.slug)).toContain('acme-co');

    const admin = await ctx().login('acme-co', 'boss@acme.test', 'long-password');
    expect((await admin.get('/api/t/acme-co/me')).body.roles).toEqual(['admin']);
    // Rows of the append-only tables (no foreign key to tenants) go with the tenant too.
    const tenantId = (await ctx().server.kernel.tenants.bySlugFresh('acme-co'))!.id;
    const appendOnly = ['record_history', 'notifications'];
    const countRows = () => ctx().database.storage.inTenant(tenantId, async (tx) => {
      let n = 0;
      for (const table of appendOnly) n += Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(tx)).rows[0]!.n);
      return n;
    });
    await ctx().database.storage.inTenant(tenantId, async (tx) => {
      await sql`INSERT INTO record_history (tenant_id, object, record_id, at, action, changes) VALUES (${tenantId}::uuid, 'lead', gen_random_uuid(), now(), 'create', '{}')`.execute(tx);
      await sql`INSERT INTO notifications (tenant_id, id, user_id, kind, title, created_at) VALUES (${tenantId}::uuid, gen_random_uuid(), gen_random_uuid(), 'test', 'Hello', now())`.execute(tx);
    });
    expect(await countRows()).toBe(2);
    expect((await api.delete('/api/tenants/acme-co', { token: operatorToken })).status).toBe(204);
    expect(await countRows()).toBe(0);
    expect((await admin.get('/api/t/acme-co/me')).status).toBe(404);
    expect((await api.get('/api/tenants', { token: operatorToken })).body.data.map((t: { slug: string }) => t.slug)).not.toContain('acme-co');
  });

  it('logs in, reports the caller, and refuses a logged-out token', async () => {
    const { api } = ctx();
    const tenant = await ctx().createTenant();
    const base = `/api/t/${tenant.slug}`;
    const login = await api.post(`${base}/auth/login`, { email: tenant.adminEmail.toUpperCase(), password: tenant.adminPassword });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email: tenant.adminEmail, roles: ['admin'] });
    expect(login.body.user.passwordHash).toBeUndefined();
    expect(login.headers.get('set-cookie')).toMatch(/shoal_session=.*HttpOnly/i);
    const token = login.body.token;
    const me = await api.get(`${base}/me`, { token });
    expect(me.body).toMatchObject({ email: tenant.adminEmail, roles: ['admin'], attributes: {}, managerId: null });
    const unknownParameter = await api.post(`${base}/auth/logout?everywhere=true`, undefined, { token });
    expect([unknownParameter.status, unknownParameter.body.code]).toEqual([400, 'unknown_parameter']);
    expect((await api.get(`${base}/me`, { token })).status).toBe(200);
    expect((await api.post(`${base}/auth/logout`, undefined, { token })).status).toBe(204);
    const after = await api.get(`${base}/me`, { token });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('unauthenticated');
    // Every 401 names the scheme it wants (RFC 9110), with or without credentials, operator API too.
    expect(after.headers.get('www-authenticate')).toBe('Bearer realm="shoal"');
    expect((await api.get(`${base}/me`)).headers.get('www-authenticate')).toBe('Bearer realm="shoal"');
    expect((await api.get('/api/tenants')).headers.get('www-authenticate')).toBe('Bearer realm="shoal"');
  });

  it('names the workspace for its sign-in page without a session, and only a workspace that exists', async () => {
    const { api } = ctx();
    const created = await api.post('/api/tenants', { slug: 'sign-in-name', name: 'Hotel BD 华东', admin: { email: 'a@sign.test', password: 'long-password' } }, { token: operatorToken });
    expect(created.status).toBe(201);
    const res = await api.get('/api/t/sign-in-name/auth/tenant');
    expect([res.status, res.body]).toEqual([200, { slug: 'sign-in-name', name: 'Hotel BD 华东' }]);
    expect((await api.get('/api/t/no-such-workspace/auth/tenant')).status).toBe(404);
    expect((await api.get('/api/t/sign-in-name/auth/tenant?x=1')).status).toBe(400);
  });

  it('answers a wrong password and an unknown e-mail identically, and rate-limits guessing', async () => {
    const { api } = ctx();
    const tenant = await ctx().createTenant();
    const base = `/api/t/${tenant.slug}`;
    const wrong = await api.post(`${base}/auth/login`, { email: tenant.adminEmail, password: 'not-it' });
    const unknown = await api.post(`${base}/auth/login`, { email: 'nobody@example.com', password: 'not-it' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined });
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
    let last = wrong;
    for (let i = 0; i < 6; i++) last = await api.post(`${base}/auth/login`, { email: tenant.adminEmail, password: `guess-${i}` });
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right password waits out the lock.
    expect((await api.post(`${base}/auth/login`, { email: tenant.adminEmail, password: tenant.adminPassword })).status).toBe(429);
  });

  it('protects cookie sessions against CSRF', async () => {
    const { api } = ctx();
    const tenant = await ctx().createTenant();
    const base = `/api/t/${tenant.slug}`;
    const login = await api.post(`${base}/auth/login`, { email: tenant.adminEmail, password: tenant.adminPassword });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect((await api.get(`${base}/me`, { headers: { cookie } })).status).toBe(200);
    const noHeader = await api.post(`${base}/api-keys`, { name: 'k' }, { headers: { cookie } });
    expect(noHeader.status).toBe(403);
    expect(noHeader.body.code).toBe('csrf_failed');
    const withHeader = await api.post(`${base}/api-keys`, { name: 'k' }, { headers: { cookie, 'x-csrf-token': login.body.csrfToken } });
    expect(withHeader.status).toBe(201);
  });

  it('manages users as an admin and deactivation ends their access', async () => {
    const { api } = ctx();
    const tenant = await ctx().createTenant();
    const base = `/api/t/${tenant.slug}`;
    const created = await tenant.admin.post(`${base}/users`, {
      email: 'bd1@example.com', name: '王小明', password: 'bd-password', roles: ['admin'], attributes: { team: 'hotel-bd', city: 'nanjing' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'bd1@example.com', name: '王小明', attributes: { team: 'hotel-bd' }, active: true });
    const duplicate = await tenant.admin.post(`${base}/users`, { email: 'BD1@example.com', name: 'x', password: 'bd-password', roles: [] });
    expect(duplicate.status).toBe(409);
    const unknownRole = await tenant.admin.post(`${base}/users`, { email: 'x@example.com', name: 'x', roles: ['wizard'] });
    expect(unknownRole.status).toBe(422);
    expect(unknownRole.body.errors[0].path).toBe('/roles/0');

    const bd = await ctx().login(tenant.slug, 'bd1@example.com', 'bd-password');
    const patched = await tenant.admin.patch(`${base}/users/${created.body.id}`, { roles: [], attributes: { team: 'food-bd' } });
    expect(patched.body).toMatchObject({ roles: [], attributes: { team: 'food-bd' } });
    // The role change applies to an existing session at once.
    expect((await bd.get(`${base}/me`)).body.roles).toEqual([]);
    expect((await bd.get(`${base}/users`)).status).toBe(403);

    const listed = await tenant.admin.get(`${base}/users?q=王`);
    expect(listed.body.data.map((u: { email: string }) => u.email)).toEqual(['bd1@example.com']);
    expect((await tenant.admin.delete(`${base}/users/${created.body.id}`)).status).toBe(204);
    expect((await bd.get(`${base}/me`)).status).toBe(401);
    expect((await api.post(`${base}/auth/login`, { email: 'bd1@example.com', password: 'bd-password' })).status).toBe(401);
    expect((await tenant.admin.get(`${base}/users/${created.body.id}`)).body.active).toBe(false);
    expect((await tenant.admin.get(`${base}/users/not-a-uuid`)).status).toBe(404);
  });

  it('refuses a manager that would make a reporting cycle, also under concurrent changes', async () => {
    const tenant = await ctx().createTenant();
    const base = `/api/t/${tenant.slug}`;
    const user = async (name: string, managerId?: string) => {
      const res = await tenant.admin.post(`${base}/users`, { email: `${name.toLowerCase()}@example.com`, name, roles: [], ...(managerId ? { managerId } : {}) });
      expect(res.status, res.text).toBe(201);
      return res.body.id as string;
    };
    const ann = await user('Ann');
    const bob = await user('Bob', ann);
    const cai = await user('Cai', bob);
    const setManager = (id: string, managerId: string | null) => tenant.admin.patch(`${base}/users/${id}`, { managerId });
    const refused = async (id: string, managerId: string, loop: string) => {
      const res = await setManager(id, managerId);
      expect(res.status, res.text).toBe(422);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors).toEqual([{ path: '/managerId', message: `would make a reporting cycle (${loop})` }]);
    };
    await refused(ann, bob, 'Ann → Bob → Ann');
    await refused(ann, cai, 'Ann → Cai → Bob → Ann');
    expect((await setManager(ann, ann)).body.errors).toEqual([{ path: '/managerId', message: 'cannot be the user themself' }]);
    expect((await tenant.admin.get(`${base}/users/${ann}`)).body.managerId).toBeNull();
    // Moving someone within the tree, or clearing a manager, is no cycle.
    expect((await setManager(cai, ann)).status).toBe(200);
    expect((await setManager(bob, null)).status).toBe(200);
    expect((await setManager(ann, bob)).status).toBe(200);
    // Two admins each closing half of a loop at once: one of them is refused.
    const dan = await user('Dan');
    const eve = await user('Eve');
    const both = await Promise.all([setManager(dan, eve), setManager(eve, dan)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 422]);
    // A loop saved before loops were refused: the user can still be edited with the manager sent back as it is.
    await ctx().database.storage.executeRaw(`UPDATE users SET manager_id = '${eve}' WHERE id = '${dan}'`);
    await ctx().database.storage.executeRaw(`UPDATE users SET manager_id = '${dan}' WHERE id = '${eve}'`);
    const renamed = await tenant.admin.patch(`${base}/users/${dan}`, { name: 'Daniel', managerId: eve });
    expect([renamed.status, renamed.body.name]).toEqual([200, 'Daniel']);
    // …and taken out of the loop by a new manager.
    expect((await setManager(dan, cai)).status).toBe(200);
  });

  it('pages users with cursor, as every other list pages, and still with after', async () => {
    const tenant = await ctx().createTenant();
    const base = `/api/t/${tenant.slug}`;
    for (const n of [1, 2, 3, 4]) {
      expect((await tenant.admin.post(`${base}/users`, { email: `u${n}@example.com`, name: `User ${n}`, roles: [] })).status).toBe(201);
    }
    const everyone = (await tenant.admin.get(`${base}/users`)).body.data.map((u: { id: string }) => u.id);
    expect(everyone).toHaveLength(5);
    // A generic pager: send back nextCursor as cursor until it is null.
    const walk = async (name: 'cursor' | 'after') => {
      const seen: string[] = [];
      let next: string | null = null;
      do {
        const url: string = `${base}/users?limit=2${next ? `&${name}=${next}` : ''}`;
        const page = await tenant.admin.get(url);
        expect(page.status, page.text).toBe(200);
        seen.push(...page.body.data.map((u: { id: string }) => u.id));
        next = page.body.nextCursor as string | null;
      } while (next);
      return seen;
    };
    expect(await walk('cursor')).toEqual(everyone);
    expect(await walk('after')).toEqual(everyone);
    const both = await tenant.admin.get(`${base}/users?cursor=${everyone[0]}&after=${everyone[0]}`);
    expect([both.status, both.body.errors?.[0]?.path]).toEqual([400, '?after']);
    const bad = await tenant.admin.get(`${base}/users?cursor=nope`);
    expect([bad.status, bad.body.errors?.[0]?.path]).toEqual([400, '?cursor']);
  });

  it('issues API keys shown once, narrowed by roles, and refuses revoked keys', async () => {
    const { api } = ctx();
    const tenant = await ctx().createTenant();
    const base = `/api/t/${tenant.slug}`;
    const full = await tenant.admin.post(`${base}/api-keys`, { name: 'integration' });
    expect(full.status).toBe(201);
    expect(full.body.key).toMatch(/^shk_/);
    const viaKey = await api.get(`${base}/me`, { token: full.body.key });
    expect(viaKey.body).toMatchObject({ email: tenant.adminEmail, roles: ['admin'], authenticatedBy: 'api_key' });

    const narrowed = await tenant.admin.post(`${base}/api-keys`, { name: 'read-only', roles: [] });
    expect((await api.get(`${base}/me`, { token: narrowed.body.key })).body.roles).toEqual([]);
    expect((await api.get(`${base}/users`, { token: narrowed.body.key })).status).toBe(403);
    // A narrowed key cannot make itself a key with more: not by naming a role, nor by naming none.
    const asNarrowed = api.withToken(narrowed.body.key);
    expect((await asNarrowed.post(`${base}/api-keys`, { name: 'escalate', roles: ['admin'] })).status).toBe(403);
    const minted = await asNarrowed.post(`${base}/api-keys`, { name: 'escalate' });
    expect([minted.status, minted.body.roles]).toEqual([201, []]);
    expect((await api.get(`${base}/me`, { token: minted.body.key })).body.roles).toEqual([]);
    expect((await api.get(`${base}/users`, { token: minted.body.key })).status).toBe(403);
    expect((await tenant.admin.delete(`${base}/api-keys/${minted.body.id}`)).status).toBe(204);

    // A parameter the endpoint does not have is refused like everywhere else, and makes no key.
    const misspelt = await tenant.admin.post(`${base}/api-keys?role=bd`, { name: 'misspelt' });
    expect([misspelt.status, misspelt.body.code]).toEqual([400, 'unknown_parameter']);

    const listed = await tenant.admin.get(`${base}/api-keys`);
    expect(listed.body.data).toHaveLength(2);
    expect(JSON.stringify(listed.body)).not.toContain(full.body.key);

    // Signing out with a key would leave it working: refused, saying how a key is revoked.
    const loggedOut = await api.withToken(full.body.key).post(`${base}/auth/logout`);
    expect([loggedOut.status, loggedOut.body.detail]).toEqual([400, expect.stringContaining('revoke it with DELETE /api-keys/{id}')]);
    expect((await api.get(`${base}/me`, { token: full.body.key })).status).toBe(200);
    expect((await tenant.admin.delete(`${base}/api-keys/${full.body.id}`)).status).toBe(204);
    expect((await api.get(`${base}/me`, { token: full.body.key })).status).toBe(401);
    expect((await tenant.admin.delete(`${base}/api-keys/${full.body.id}`)).status).toBe(404);
  });

  it('answers every create with 201 and the Location of what it made (tenant, user, API key)', async () => {
    const { api } = ctx();
    const created = await api.post('/api/tenants', { slug: 'located-co', name: 'Located', admin: { email: 'boss@located.test', password: 'long-password' } }, { token: operatorToken });
    expect([created.status, created.headers.get('location')]).toEqual([201, '/api/tenants/located-co']);
    const admin = await ctx().login('located-co', 'boss@located.test', 'long-password');
    const user = await admin.post('/api/t/located-co/users', { email: 'bd@located.test', name: 'BD', roles: [] });
    expect([user.status, user.headers.get('location')]).toEqual([201, `/api/t/located-co/users/${user.body.id}`]);
    expect((await admin.get(user.headers.get('location')!)).body).toEqual(user.body);
    const key = await admin.post('/api/t/located-co/api-keys', { name: 'sync' });
    expect([key.status, key.headers.get('location')]).toEqual([201, `/api/t/located-co/api-keys/${key.body.id}`]);
    expect((await admin.delete(key.headers.get('location')!)).status).toBe(204);
    expect((await api.delete(created.headers.get('location')!, { token: operatorToken })).status).toBe(204);
  });

  it('lists every user\'s API keys for an admin who asks with all (true or 1), and refuses a value that is no yes or no', async () => {
    const tenant = await ctx().createTenant();
    const base = `/api/t/${tenant.slug}`;
    const bd = await ctx().createUser(tenant, { email: `bd@${tenant.slug}.test`, roles: [] });
    await bd.client.post(`${base}/api-keys`, { name: 'theirs' });
    await tenant.admin.post(`${base}/api-keys`, { name: 'mine' });
    const names = async (query: string) => (await tenant.admin.get(`${base}/api-keys${query}`)).body.data.map((k: { name: string }) => k.name).sort();
    expect(await names('')).toEqual(['mine']);
    expect(await names('?all=false')).toEqual(['mine']);
    expect(await names('?all=true')).toEqual(['mine', 'theirs']);
    expect(await names('?all=1')).toEqual(['mine', 'theirs']);
    const misspelt = await tenant.admin.get(`${base}/api-keys?all=yes`);
    expect([misspelt.status, misspelt.body.errors]).toEqual([400, [{ path: '?all', message: 'must be true or false' }]]);
    // Not an admin: their own keys, whatever they ask.
    expect((await bd.client.get(`${base}/api-keys?all=true`)).body.data.map((k: { name: string }) => k.name)).toEqual(['theirs']);
  });

  it('never accepts a token of one tenant in another', async () => {
    const { api } = ctx();
    const a = await ctx().createTenant();
    const b = await ctx().createTenant();
    expect((await api.get(`/api/t/${b.slug}/me`, { token: a.adminToken })).status).toBe(401);
    const key = (await a.admin.post(`/api/t/${a.slug}/api-keys`, { name: 'k' })).body.key;
    expect((await api.get(`/api/t/${b.slug}/users`, { token: key })).status).toBe(401);
  });
});
