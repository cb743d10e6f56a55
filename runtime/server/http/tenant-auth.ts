import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { ShoalError } from '../../../platform/errors.ts';
import type { AppEnv } from './app-env.ts';

export const sessionCookie = 'shoal_session';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Resolves `{t}` to a tenant; an unknown tenant is a 404 like any missing resource. */
export const resolveTenant: MiddlewareHandler<AppEnv> = async (c, next) => {
  const slug = c.req.param('t') ?? '';
  const tenant = await c.var.kernel.tenants.bySlug(slug);
  if (!tenant) throw new ShoalError('not_found', `Tenant ${slug} was not found`);
  c.set('tenant', tenant);
  await next();
  // A write refused because another metadata version went live: forget the tenant here too, so
  // the retry reads the live version even if this process missed the publish's notification.
  if (c.error instanceof ShoalError && c.error.code === 'metadata_changed') c.var.kernel.tenants.forget(slug);
};

/**
 * Authenticates the caller from `Authorization: Bearer` (token or API key) or the session
 * cookie. Cookie-authenticated writes must echo the session's CSRF token in `X-CSRF-Token`.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const tenant = c.var.tenant;
  const header = c.req.header('authorization');
  let secret: string | undefined;
  let viaCookie = false;
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new ShoalError('unauthenticated', 'Use "Authorization: Bearer <token>"');
    secret = match[1];
  } else {
    secret = getCookie(c, sessionCookie);
    viaCookie = secret !== undefined;
  }
  if (!secret) throw new ShoalError('unauthenticated', 'Sign in or send a bearer token');
  const principal = await c.var.kernel.auth.authenticate(tenant.id, secret);
  if (!principal) throw new ShoalError('unauthenticated', 'The token is not valid (expired, revoked or unknown)');
  if (viaCookie && !safeMethods.has(c.req.method)) {
    if (!principal.csrfToken || c.req.header('x-csrf-token') !== principal.csrfToken) {
      throw new ShoalError('csrf_failed', 'Cookie-authenticated changes need the X-CSRF-Token header from /me or the login response');
    }
  }
  c.set('principal', principal);
  await next();
};

/** Only tenant admins (role `admin`). */
export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.principal.roles.includes('admin')) throw new ShoalError('forbidden', 'Only administrators may do this');
  await next();
};

/** Loads the tenant's live compiled metadata for the route. */
export const requireMetadata: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('metadata', await c.var.kernel.metadataCache.live(c.var.tenant));
  await next();
};

export function isAdmin(c: Context<AppEnv>): boolean {
  return c.var.principal.roles.includes('admin');
}
