import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { ShoalError } from '../../platform/errors.ts';
import type { Kernel } from '../../platform/kernel.ts';
import type { AppEnv } from './http/app-env.ts';
import { toProblem } from './http/problem.ts';
import { resolveTenant } from './http/tenant-auth.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { metaRoutes } from './routes/meta-routes.ts';
import { tenantRoutes } from './routes/tenant-routes.ts';
import { discoveryRoutes, recordRoutes } from './routes/record-routes.ts';
import { notificationRoutes } from './routes/notification-routes.ts';
import { openApiRoutes } from './routes/openapi-routes.ts';
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

  app.onError((error, c) => {
    const problem = toProblem(error, c.req.path);
    // 503s: a lost database is reported by the health check; a busy one (timeouts, deadlocks) is logged.
    if (problem.status >= 500 && (problem.status !== 503 || problem.body.code === 'database_busy')) {
      console.error(`[${c.get('requestId') ?? '-'}] ${c.req.method} ${c.req.path}:`, error);
    }
    return c.body(JSON.stringify(problem.body), problem.status as 400, problem.headers);
  });
  app.notFound((c) => {
    const problem = toProblem(new ShoalError('not_found', `No route for ${c.req.method} ${c.req.path}`), c.req.path);
    return c.body(JSON.stringify(problem.body), 404, problem.headers);
  });

  app.use('*', async (c, next) => {
    const started = performance.now();
    c.set('kernel', kernel);
    c.set('requestId', c.req.header('x-request-id')?.slice(0, 64) ?? randomUUID());
    await next();
    c.header('x-request-id', c.get('requestId'));
    log?.(`${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`);
  });
  app.use('*', secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      workerSrc: ["'self'", 'blob:'],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
    },
    crossOriginEmbedderPolicy: false,
    // The same as frame-ancestors 'none', for browsers that only know the older header.
    xFrameOptions: 'DENY',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [] },
  }));
  app.use('/api/*', async (c, next) => {
    await next();
    // API answers carry tokens and tenant data: no shared or browser cache may keep them,
    // unless a route chose its own policy (the docs page's static assets).
    if (!c.res.headers.has('cache-control')) c.header('cache-control', 'no-store');
  });
  app.use('/api/*', async (c, next) => {
    // Imports stream into the database with their own limit; everything else is JSON.
    if (c.req.path.endsWith('/import')) {
      const length = Number(c.req.header('content-length') ?? 0);
      if (length > maxImport) throw new ShoalError('payload_too_large', `The file is larger than ${Math.round(maxImport / 1024 / 1024)} MB`);
      return next();
    }
    const limit = maxJson;
    return bodyLimit({
      maxSize: limit,
      onError: () => {
        throw new ShoalError('payload_too_large', `The body is larger than ${Math.round(limit / 1024 / 1024)} MB`);
      },
    })(c, next);
  });

  app.get('/healthz', async (c) => {
    const ok = await kernel.storage.ping();
    return c.json({ status: ok ? 'ok' : 'unavailable' }, ok ? 200 : 503);
  });

  app.route('/api/tenants', tenantRoutes());
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
  tenantApi.route('/', assignmentRoutes());
  tenantApi.route('/', webhookRoutes());
  tenantApi.route('/', discoveryRoutes());
  tenantApi.route('/', openApiRoutes());
  app.route('/api/t/:t', tenantApi);

  app.route('/', webAppRoutes());
  return app;
}
