import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { deliverDue } from '../../../platform/webhooks/webhook-delivery.ts';
import { openTestDatabase, type TestDatabase } from '../../../platform/testing/test-databases.ts';
import { ApiClient } from '../../testing/test-server.ts';
import { configFromEnvironment } from '../config.ts';
import { startServer, type RunningServer } from '../server.ts';

/**
 * Secrets never reach the logs: a real server with request logging on (as
 * `SHOAL_LOG_REQUESTS=1` configures it) goes through a realistic session — tenant creation,
 * logins, failed logins, users, a password change, API keys, bearer and cookie requests, a
 * webhook with its signed delivery, malformed bodies, logout — while everything the process
 * writes (console and stdout/stderr) is captured and then searched for every secret it handled.
 */
describe('secrets are never logged (request logging on)', () => {
  const operatorToken = `op_${'s3cr3t'.repeat(6)}`;
  let database: TestDatabase;
  let server: RunningServer;
  let output = '';
  let baseUrl = '';
  const restore: Array<() => void> = [];
  const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = 204;
      res.end();
    });
  });

  function capture(): void {
    for (const method of ['log', 'error', 'warn', 'info', 'debug'] as const) {
      const original = console[method];
      console[method] = (...args: unknown[]) => {
        output += `${args.map((a) => (a instanceof Error ? `${a.stack} ${JSON.stringify(a)}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}\n`;
      };
      restore.push(() => { console[method] = original; });
    }
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
        return original(chunk, ...(rest as []));
      }) as typeof stream.write;
      restore.push(() => { stream.write = original as typeof stream.write; });
    }
  }

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    database = await openTestDatabase('pglite');
    capture();
    server = await startServer(
      { ...configFromEnvironment({ SHOAL_LOG_REQUESTS: '1', SHOAL_ADMIN_TOKEN: operatorToken, SHOAL_DEMO: '0', SHOAL_JOBS: '0', PORT: '0' }) },
      { storage: database.storage, host: '127.0.0.1', allowPrivateWebhookUrls: true },
    );
    baseUrl = server.url;
  });

  afterAll(async () => {
    for (const undo of restore.reverse()) undo();
    await server?.close();
    await database?.dispose();
    receiver.close();
  });

  it('a full session leaves no token, password, API key or webhook secret in the logs', async () => {
    const api = new ApiClient(baseUrl);
    const secrets: Record<string, string> = { operatorToken };
    const slug = 'secrets-co';
    const adminPassword = 'Adm1n-Pa55word-xyz';
    const userPassword = 'Us3r-Pa55word-abc';
    const wrongPassword = 'Wr0ng-Pa55word-zzz';
    Object.assign(secrets, { adminPassword, userPassword, wrongPassword });

    const tenant = await api.post('/api/tenants', { slug, name: 'Secrets Co', admin: { email: 'admin@secrets.test', password: adminPassword } }, { token: operatorToken });
    expect(tenant.status, tenant.text).toBe(201);
    const p = (x: string) => `/api/t/${slug}${x}`;
    const login = await api.post(p('/auth/login'), { email: 'admin@secrets.test', password: adminPassword });
    expect(login.status).toBe(200);
    secrets.adminToken = login.body.token;
    secrets.adminCsrf = login.body.csrfToken;
    const admin = api.withToken(login.body.token);
    expect((await admin.put(p('/meta/draft'), { document: testDocument() })).status).toBe(200);
    expect((await admin.post(p('/meta/publish'), {})).status).toBe(200);

    const user = await admin.post(p('/users'), { email: 'bd@secrets.test', name: 'BD', password: userPassword, roles: ['bd'] });
    expect(user.status).toBe(201);
    expect((await api.post(p('/auth/login'), { email: 'bd@secrets.test', password: wrongPassword })).status).toBe(401);
    expect((await api.post(p('/auth/login'), { email: 'nobody@secrets.test', password: wrongPassword })).status).toBe(401);
    const bdLogin = await api.post(p('/auth/login'), { email: 'bd@secrets.test', password: userPassword });
    secrets.bdToken = bdLogin.body.token;
    const changed = await admin.patch(p(`/users/${user.body.id}`), { password: `${userPassword}-2` });
    expect(changed.status, changed.text).toBe(200);
    secrets.changedPassword = `${userPassword}-2`;

    const key = await admin.post(p('/api-keys'), { name: 'integration' });
    expect(key.status).toBe(201);
    secrets.apiKey = key.body.key;
    const integration = api.withToken(key.body.key);
    expect((await integration.get(p('/me'))).status).toBe(200);
    expect((await integration.get(p('/records/lead?limit=5'))).status).toBe(200);
    // A key or token sent where it does not belong, or mangled, is refused (and not echoed).
    expect((await api.get(p('/me'), { headers: { authorization: `Bearer ${key.body.key}x` } })).status).toBe(401);
    expect((await api.get(p('/me'), { headers: { authorization: `Basic ${Buffer.from(`admin:${adminPassword}`).toString('base64')}` } })).status).toBe(401);
    expect((await api.get(`/api/t/other-tenant/me`, { token: key.body.key })).status).toBe(404);
    // Cookie session, with and without the CSRF token.
    const cookieLogin = await fetch(`${baseUrl}${p('/auth/login')}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@secrets.test', password: adminPassword }) });
    const cookieBody = await cookieLogin.json() as { token: string; csrfToken: string };
    secrets.cookieToken = cookieBody.token;
    secrets.cookieCsrf = cookieBody.csrfToken;
    const cookie = (cookieLogin.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect((await api.post(p('/records/hotel'), { name: 'via cookie' }, { headers: { cookie } })).status).toBe(403);
    expect((await api.post(p('/records/hotel'), { name: 'via cookie' }, { headers: { cookie, 'x-csrf-token': cookieBody.csrfToken } })).status).toBe(201);

    const port = (receiver.address() as AddressInfo).port;
    const hook = await admin.post(p('/webhooks'), { url: `http://127.0.0.1:${port}/hook?token=not-a-secret`, events: ['record.created'] });
    expect(hook.status, hook.text).toBe(201);
    secrets.webhookSecret = hook.body.secret;
    expect((await admin.post(p('/records/lead'), { name: 'Hooked lead' })).status).toBe(201);
    const tenantId = (await server.kernel.tenants.bySlug(slug))!.id;
    for (let i = 0; i < 50 && received.length === 0; i++) {
      await deliverDue(database.storage, tenantId, () => new Date(Date.now() + 60_000), { allowPrivateUrls: true });
      if (received.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(received.length, 'the webhook was delivered').toBeGreaterThan(0);
    secrets.webhookSignature = String(received[0]!.headers['x-shoal-signature']).split(/[,=]/).pop()!;

    // Malformed input and failures are logged as lines, not with the bodies that carried secrets.
    await api.request('POST', p('/auth/login'), { rawBody: `{"email":"admin@secrets.test","password":"${adminPassword}"`, headers: { 'content-type': 'application/json' } });
    expect((await admin.post(p('/auth/logout'))).status).toBe(204);
    expect((await admin.get(p('/me'))).status).toBe(401);
    await api.post(p('/auth/login'), { email: 'admin@secrets.test', password: 'x' });

    // Stop capturing before asserting (so a failure message cannot itself hold a secret).
    for (const undo of restore.splice(0).reverse()) undo();

    // Request logging was on and saw the session.
    expect(output).toMatch(new RegExp(`POST /api/t/${slug}/auth/login 200`));
    expect(output).toMatch(new RegExp(`POST /api/t/${slug}/auth/login 401`));
    expect(output).toMatch(new RegExp(`GET /api/t/${slug}/me 200`));
    for (const [name, secret] of Object.entries(secrets)) {
      expect(typeof secret === 'string' && secret.length >= 8, `${name} was captured`).toBe(true);
      expect(output.includes(secret), `${name} appears in the server's log`).toBe(false);
      // Nor a recognisable part of it.
      expect(output.includes(secret.slice(-12)), `the end of ${name} appears in the server's log`).toBe(false);
    }
    expect(output).not.toMatch(/authorization|bearer\s+\S{12}|set-cookie|shoal_session=|password["'\s:=]+\S/i);
  });
});
