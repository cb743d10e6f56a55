import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ShoalError } from '../../platform/errors.ts';
import type { Kernel } from '../../platform/kernel.ts';
import type { TenantInfo } from '../../platform/tenants/tenant-directory.ts';
import { allowedMethods, routesRun } from './http/allowed-methods.ts';
import type { AppEnv } from './http/app-env.ts';
import { noTrustedProxies, type TrustedProxies } from './http/client-address.ts';
import { toProblem } from './http/problem.ts';
import { withCursorPointer } from './http/request-input.ts';
import { setResponseHeaders } from './http/response-headers.ts';
import { tenantHasPath } from './http/tenant-paths.ts';
import { authenticate, resolveTenant } from './http/tenant-auth.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { metaRoutes } from './routes/meta-routes.ts';
import { tenantRoutes } from './routes/tenant-routes.ts';
import { discoveryRoutes, recordRoutes } from './routes/record-routes.ts';
import { notificationRoutes } from './routes/notification-routes.ts';
import { personalViewRoutes } from './routes/personal-view-routes.ts';
import { openApiRoutes, operatorOpenApiRoutes } from './routes/openapi-routes.ts';
import { dataRoutes, maxImportBytes } from './routes/data-routes.ts';
import { assignmentRoutes } from './routes/assignment-routes.ts';
import { webhookRoutes } from './routes/webhook-routes.ts';
import { pipelineRoutes } from './routes/pipeline-routes.ts';
import { poolRoutes } from './routes/pool-routes.ts';
import { userRoutes } from './routes/user-routes.ts';
import { webAppRoutes } from './web-apps.ts';

export interface AppOptions {
  /** Largest JSON body accepted (bytes). */
  maxJsonBytes?: number;
  /** Largest CSV import accepted (bytes). */
  maxImportBytes?: number;
  log?: (line: string) => void;
  /** The reverse proxies whose `X-Forwarded-For` names the client (none by default). */
  trustedProxies?: TrustedProxies;
}

function tooLarge(file: boolean, limit: number): ShoalError {
  return new ShoalError('payload_too_large', `The ${file ? 'file' : 'body'} is larger than ${Math.round(limit / 1024 / 1024)} MB`);
}

/**
 * The HTTP application: problem responses from one error handler, a body-size limit, security
 * headers, the platform and tenant APIs, and the two web apps.
 */
export function createApp(kernel: Kernel, options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const maxJson = options.maxJsonBytes ?? 10 * 1024 * 1024;
  const maxImport = options.maxImportBytes ?? maxImportBytes;
  const log = options.log;
  const trustedProxies = options.trustedProxies ?? noTrustedProxies;

  app.onError((error, c) => {
    const problem = toProblem(withCursorPointer(error, c.req.url), c.req.path);
    // 503s: a lost database is reported by the health check; a busy one (timeouts, deadlocks) is logged.
    if (problem.status >= 500 && (problem.status !== 503 || problem.body.code === 'database_busy')) {
      console.error(`[${c.get('requestId') ?? '-'}] ${c.req.method} ${c.req.path}:`, error);
    }
    return c.body(JSON.stringify(problem.body), problem.status as 400, problem.headers);
  });
  const allowedFor = allowedMethods(app);
  const authenticates = routesRun(app, authenticate);
  const existsForTenant = async (c: Context<AppEnv>): Promise<boolean> => {
    const tenant = c.get('tenant') as TenantInfo | undefined;
    if (!tenant) return true;
    // Whether a tenant has a pool, pipeline or rule is for its users to learn: a path whose
    // routes authenticate asks for the caller first, as a call with the right method would.
    if (!c.get('principal') && authenticates(c.req.path)) await authenticate(c, async () => {});
    return tenantHasPath(await kernel.metadataCache.live(tenant), tenant.slug, c.req.path.replace(/^\/api\/t\/[^/]+/, ''));
  };
  app.notFound(async (c) => {
    // A path the API serves, with another method: 405 and the methods it takes (RFC 9110), or
    // for OPTIONS, 204 and those methods. A tenant path its metadata does not give it (no such
    // pool, a component it did not enable) is a 404 for every method, as a GET would say: its
    // Allow would name methods that 404 too.
    const routed = c.req.path.startsWith('/api/') || c.req.path === '/healthz' ? allowedFor(c.req.path) : [];
    const allowed = routed.length > 0 && (await existsForTenant(c)) ? [...routed, 'OPTIONS'] : [];
    if (allowed.length > 0 && c.req.method === 'OPTIONS') return c.body(null, 204, { allow: allowed.join(', ') });
    const error = allowed.length > 0
      ? new ShoalError('method_not_allowed', `${c.req.method} is not supported here; use ${allowed.join(', ')}`)
      : new ShoalError('not_found', `No route for ${c.req.method} ${c.req.path}`);
    const problem = toProblem(error, c.req.path);
    return c.body(JSON.stringify(problem.body), problem.status as 404, { ...problem.headers, ...(allowed.length > 0 ? { allow: allowed.join(', ') } : {}) });
  });

  app.use('*', async (c, next) => {
    const started = performance.now();
    const requestId = c.req.header('x-request-id')?.slice(0, 64) ?? randomUUID();
    c.set('kernel', kernel);
    c.set('requestId', requestId);
    c.set('trustedProxies', trustedProxies);
    await setResponseHeaders(c, requestId, next);
    // hono answers a HEAD with its GET's status and headers and drops the body unread: a streamed
    // body (a CSV export) would wait forever for a reader, so it is stopped here.
    if (c.req.method === 'HEAD') await c.res.body?.cancel();
    log?.(`${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`);
  });
  app.use('/api/*', async (c, next) => {
    // Imports stream into the database with their own limit; everything else is JSON. A body
    // that declares its length is judged by it (readJson then reads it straight off the
    // socket); only a chunked body is counted as it streams.
    // A GET or HEAD has no body to limit (hono's bodyLimit would build a full fetch Request
    // for every one of them, about 6 % of a get by id's CPU under @hono/node-server).
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const importing = c.req.path.endsWith('/import');
    const limit = importing ? maxImport : maxJson;
    const declared = c.req.header('content-length');
    if (declared !== undefined) {
      if (Number(declared) > limit) throw tooLarge(importing, limit);
      return next();
    }
    if (importing) return next();
    return bodyLimit({ maxSize: limit, onError: () => { throw tooLarge(false, limit); } })(c, next);
  });

  app.get('/healthz', async (c) => {
    const ok = await kernel.storage.ping();
    return c.json({ status: ok ? 'ok' : 'unavailable' }, ok ? 200 : 503);
  });

  app.route('/api/tenants', tenantRoutes());
  app.route('/api', operatorOpenApiRoutes());
  const tenantApi = new Hono<AppEnv>();
  tenantApi.use('*', resolveTenant);
  tenantApi.route('/', authRoutes());
  tenantApi.route('/', userRoutes());
  tenantApi.route('/', metaRoutes());
  tenantApi.route('/', dataRoutes());
  tenantApi.route('/', pipelineRoutes());
  tenantApi.route('/', recordRoutes());
  tenantApi.route('/', poolRoutes());
  tenantApi.route('/', notificationRoutes());
  tenantApi.route('/', personalViewRoutes());
  tenantApi.route('/', assignmentRoutes());
  tenantApi.route('/', webhookRoutes());
  tenantApi.route('/', discoveryRoutes());
  tenantApi.route('/', openApiRoutes());
  app.route('/api/t/:t', tenantApi);

  app.route('/', webAppRoutes());
  return app;
}
