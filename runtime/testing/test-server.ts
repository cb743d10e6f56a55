import { randomBytes } from 'node:crypto';
import { request, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe } from 'vitest';
import type { Storage } from '../../platform/storage/storage.ts';
import { availableDatabases, openTestDatabase, type DatabaseKind, type TestDatabase } from '../../platform/testing/test-databases.ts';
import type { ServerConfig } from '../server/config.ts';
import { startServer, type RunningServer } from '../server/server.ts';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as-is (no JSON encoding). */
  rawBody?: string | Uint8Array;
  token?: string;
  headers?: Record<string, string>;
}

/** A small HTTP client for tests: JSON in, parsed JSON (or text) out. */
export class ApiClient {
  constructor(readonly baseUrl: string, readonly defaultToken?: string) {}

  withToken(token: string): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token ?? this.defaultToken;
    if (token && !headers.authorization) headers.authorization = `Bearer ${token}`;
    let body: BodyInit | undefined;
    if (options.rawBody !== undefined) body = options.rawBody as BodyInit;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get<T = any>(path: string, options?: RequestOptions) { return this.request<T>('GET', path, options); }
  post<T = any>(path: string, body?: unknown, options?: RequestOptions) { return this.request<T>('POST', path, { ...options, ...(body !== undefined ? { body } : {}) }); }
  put<T = any>(path: string, body?: unknown, options?: RequestOptions) { return this.request<T>('PUT', path, { ...options, ...(body !== undefined ? { body } : {}) }); }
  patch<T = any>(path: string, body?: unknown, options?: RequestOptions) { return this.request<T>('PATCH', path, { ...options, ...(body !== undefined ? { body } : {}) }); }
  delete<T = any>(path: string, options?: RequestOptions) { return this.request<T>('DELETE', path, options); }
}

export interface TestTenant {
  slug: string;
  adminEmail: string;
  adminPassword: string;
  /** A client authenticated as the tenant's admin. */
  admin: ApiClient;
  adminToken: string;
}

export interface TestContext {
  database: TestDatabase;
  server: RunningServer;
  /** Unauthenticated client. */
  api: ApiClient;
  operatorToken: string;
  createTenant(options?: { template?: string; sampleData?: boolean; slug?: string }): Promise<TestTenant>;
  login(slug: string, email: string, password: string): Promise<ApiClient>;
  /** A new tenant whose live metadata is `document` (published through the API). */
  createTenantWith(document: unknown): Promise<TestTenant>;
  /** Freezes the server's clock (null: real time again). */
  setNow(now: Date | string | null): void;
  /** Creates a user and returns a client logged in as them. */
  createUser(tenant: TestTenant, user: { email: string; roles: string[]; attributes?: Record<string, unknown>; name?: string; managerId?: string }): Promise<{ id: string; client: ApiClient }>;
}

/** Saves `document` as the draft and publishes it; throws with the server's answer if refused. */
export async function publish(tenant: TestTenant, document: unknown, options: { confirmDestructive?: boolean; migrations?: unknown[] } = {}): Promise<ApiResponse> {
  const saved = await tenant.admin.put(`/api/t/${tenant.slug}/meta/draft`, { document });
  if (saved.status !== 200) throw new Error(`saving the draft failed: ${saved.status} ${saved.text}`);
  return tenant.admin.post(`/api/t/${tenant.slug}/meta/publish`, options);
}

export const operatorToken = 'test-operator-token';

/** Starts a server on a random port over the given storage (`config` overrides the test settings). */
export async function startTestServer(storage: Storage, clock?: () => Date, config: Partial<ServerConfig> = {}): Promise<RunningServer> {
  return startServer(
    { port: 0, databaseUrl: undefined, dataDir: '', adminToken: operatorToken, demo: false, logRequests: false, jobs: false, tickSeconds: 30, ...config },
    { storage, host: '127.0.0.1', allowPrivateWebhookUrls: true, ...(clock ? { clock } : {}) },
  );
}

export async function createTestContext(kind: DatabaseKind, config: Partial<ServerConfig> = {}): Promise<TestContext> {
  const database = await openTestDatabase(kind);
  let frozen: Date | null = null;
  const server = await startTestServer(database.storage, () => frozen ?? new Date(), config);
  const api = new ApiClient(server.url);
  const login = async (slug: string, email: string, password: string) => {
    const res = await api.post(`/api/t/${slug}/auth/login`, { email, password });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${res.text}`);
    return api.withToken(res.body.token);
  };
  const context: TestContext = {
    database, server, api, operatorToken, login,
    setNow(now) {
      frozen = now === null ? null : new Date(now);
    },
    async createTenantWith(document) {
      const tenant = await context.createTenant();
      const published = await publish(tenant, document);
      if (published.status !== 200) throw new Error(`publish failed: ${published.status} ${published.text}`);
      return tenant;
    },
    async createUser(tenant, user) {
      const password = 'user-password-1';
      const res = await tenant.admin.post(`/api/t/${tenant.slug}/users`, { name: user.name ?? user.email, password, ...user });
      if (res.status !== 201) throw new Error(`create user failed: ${res.status} ${res.text}`);
      return { id: res.body.id, client: await login(tenant.slug, user.email, password) };
    },
    async createTenant(options = {}) {
      const slug = options.slug ?? `t-${randomBytes(4).toString('hex')}`;
      const adminEmail = `admin@${slug}.test`;
      const adminPassword = 'admin-password-1';
      const res = await api.post('/api/tenants', {
        slug, name: `Tenant ${slug}`, admin: { email: adminEmail, password: adminPassword },
        ...(options.template ? { template: options.template } : {}),
        ...(options.sampleData !== undefined ? { sampleData: options.sampleData } : {}),
      }, { token: operatorToken });
      if (res.status !== 201) throw new Error(`create tenant failed: ${res.status} ${res.text}`);
      const admin = await login(slug, adminEmail, adminPassword);
      return { slug, adminEmail, adminPassword, admin, adminToken: admin.defaultToken! };
    },
  };
  return context;
}

/**
 * Runs a suite against a server on each database kind (`config` overrides the test settings).
 *
 * @example
 * describeEachServer('users', (ctx) => {
 *   it('creates a user', async () => { const t = await ctx().createTenant(); … });
 * });
 */
export function describeEachServer(name: string, suite: (context: () => TestContext) => void, config: Partial<ServerConfig> = {}): void {
  for (const kind of ['pglite', 'postgres'] as const) {
    const run = availableDatabases().includes(kind) ? describe : describe.skip;
    run(`${name} [${kind}]`, () => {
      let context: TestContext | undefined;
      beforeAll(async () => {
        context = await createTestContext(kind, config);
      });
      afterAll(async () => {
        await context?.server.close();
        await context?.database.dispose();
      });
      suite(() => {
        if (!context) throw new Error('server not started yet');
        return context;
      });
    });
  }
}

/**
 * The status of a JSON POST sent from another loopback address (`localAddress`), as a client
 * elsewhere (or a reverse proxy on another address) would send it.
 */
export async function postFrom(serverUrl: string, localAddress: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<number> {
  return (await answerFrom(serverUrl, localAddress, path, body, headers)).status;
}

/** The status and headers of a JSON POST sent from another loopback address (see `postFrom`). */
export function answerFrom(serverUrl: string, localAddress: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, serverUrl);
    const payload = JSON.stringify(body);
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}
