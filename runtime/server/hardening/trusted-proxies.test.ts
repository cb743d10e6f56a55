import { beforeAll, expect, it } from 'vitest';
import { parseTrustedProxies } from '../http/client-address.ts';
import { answerFrom, ApiClient, describeEachServer, postFrom, type TestTenant } from '../../testing/test-server.ts';

/**
 * Login limits behind a reverse proxy: with `SHOAL_TRUSTED_PROXIES` naming the proxy (here the
 * test's own address, 127.0.0.1), each client `X-Forwarded-For` names is limited on its own, so
 * one person's wrong passwords do not stop everyone behind the proxy. Peers that are not named
 * cannot choose their address with the header.
 */
describeEachServer('login limits behind a trusted proxy', (ctx) => {
  let tenant: TestTenant;
  const owner = { email: 'owner@proxy.test', password: 'user-password-1' };
  const path = () => `/api/t/${tenant.slug}/auth/login`;

  beforeAll(async () => {
    tenant = await ctx().createTenant();
    await ctx().createUser(tenant, { email: owner.email, roles: ['admin'] });
  });

  it('stops the client that guessed, not the account\'s owner behind the same proxy', async () => {
    const proxy = new ApiClient(ctx().server.url);
    const loginFor = (client: string, password: string) => proxy.post(path(), { email: owner.email, password }, { headers: { 'x-forwarded-for': client } });
    for (let i = 0; i < 5; i++) expect((await loginFor('203.0.113.5', `guess-${i}`)).status).toBe(401);
    const limited = await loginFor('203.0.113.5', owner.password);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Writing another address left of the one the proxy adds does not get the guesser out.
    expect((await loginFor('203.0.113.9, 203.0.113.5', owner.password)).status).toBe(429);
    // The owner, at another address behind the same proxy, signs in.
    expect((await loginFor('203.0.113.9', owner.password)).status).toBe(200);
  });

  it('does not let a peer that is not a trusted proxy choose its address with X-Forwarded-For', async () => {
    const from = (client: string, password: string) => postFrom(ctx().server.url, '127.0.0.2', path(), { email: tenant.adminEmail, password }, { 'x-forwarded-for': client });
    for (let i = 0; i < 5; i++) expect(await from(`198.51.100.${i}`, `guess-${i}`)).toBe(401);
    expect(await from('198.51.100.99', tenant.adminPassword)).toBe(429);
    // The failures counted against 127.0.0.2, not the addresses it claimed: through the proxy, 198.51.100.99 signs in.
    expect(await postFrom(ctx().server.url, '127.0.0.1', path(), { email: tenant.adminEmail, password: tenant.adminPassword }, { 'x-forwarded-for': '198.51.100.99' })).toBe(200);
  });

  it('marks the session cookie Secure when the trusted proxy says the client came over HTTPS, and only then', async () => {
    const login = (from: string, proto?: string) => answerFrom(ctx().server.url, from, path(), { email: owner.email, password: owner.password }, proto ? { 'x-forwarded-proto': proto } : {});
    const cookie = (answer: { headers: { 'set-cookie'?: string[] } }) => (answer.headers['set-cookie'] ?? []).join('; ');
    const https = await login('127.0.0.1', 'https');
    expect(https.status).toBe(200);
    expect(cookie(https)).toMatch(/; Secure/);
    // Plain HTTP to the proxy, or the header from a peer that is not a trusted proxy: not Secure.
    expect(cookie(await login('127.0.0.1', 'http'))).not.toMatch(/Secure/);
    const untrusted = await login('127.0.0.2', 'https');
    expect(untrusted.status).toBe(200);
    expect(cookie(untrusted)).not.toMatch(/Secure/);
  });
}, { trustedProxies: parseTrustedProxies('127.0.0.1') });
