import { Hono, type MiddlewareHandler } from 'hono';
import { ShoalError } from '../../../platform/errors.ts';
import type { TenantInfo } from '../../../platform/tenants/tenant-directory.ts';
import { parseCreateTenant } from '../../../platform/tenants/tenant-service.ts';
import type { AppEnv } from '../http/app-env.ts';
import { readJson, readQuery } from '../http/request-input.ts';

/** The platform operator's API, guarded by the admin token. */
export function tenantRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const operatorOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    if (!match || !c.var.kernel.adminToken.verify(match[1]!)) {
      throw new ShoalError('unauthenticated', 'The platform operator token (SHOAL_ADMIN_TOKEN) is required');
    }
    await next();
  };
  app.use('*', operatorOnly);

  app.post('/', async (c) => {
    readQuery(c, []);
    const input = parseCreateTenant(await readJson(c));
    const created = await c.var.kernel.tenantService.create(input);
    c.header('location', `/api/tenants/${created.slug}`);
    return c.json({ slug: created.slug, metadataVersion: created.metadataVersion, name: created.tenant.name }, 201);
  });

  app.get('/', async (c) => {
    readQuery(c, []);
    const tenants = await c.var.kernel.tenantService.list();
    return c.json({ data: tenants.map(tenantJson) });
  });

  // Where the Location of a create points: the tenant, as the list shows it.
  app.get('/:t', async (c) => {
    readQuery(c, []);
    const tenant = await c.var.kernel.tenants.bySlugFresh(c.req.param('t'));
    if (!tenant) throw new ShoalError('not_found', `Tenant ${c.req.param('t')} was not found`);
    return c.json(tenantJson(tenant));
  });

  app.delete('/:t', async (c) => {
    readQuery(c, []);
    await c.var.kernel.tenantService.delete(c.req.param('t'));
    return c.body(null, 204);
  });
  return app;
}

function tenantJson(t: TenantInfo): Record<string, unknown> {
  return { slug: t.slug, name: t.name, metadataVersion: t.liveVersion, timeZone: t.timeZone, createdAt: t.createdAt };
}
