import { Hono, type MiddlewareHandler } from 'hono';
import { ShoalError } from '../../../platform/errors.ts';
import { migrationsSchema, parseMigrations, type DataMigration } from '../../../platform/metadata/data-migrations.ts';
import type { PublishResult } from '../../../platform/metadata/publish.ts';
import { envelopeParser } from '../../../platform/validation/ajv.ts';
import type { AppEnv } from '../http/app-env.ts';
import { jsonParam, readJson, readQuery } from '../http/request-input.ts';
import { authenticate, requireAdmin } from '../http/tenant-auth.ts';

/** Replaces the request's cached tenant with the database's (one indexed read). */
const freshTenant: MiddlewareHandler<AppEnv> = async (c, next) => {
  const tenant = await c.var.kernel.tenants.bySlugFresh(c.var.tenant.slug);
  if (!tenant) throw new ShoalError('not_found', `Tenant ${c.var.tenant.slug} was not found`);
  c.set('tenant', tenant);
  await next();
};

const parseDocumentBody = envelopeParser<{ document: unknown }>({
  type: 'object', required: ['document'], additionalProperties: false, properties: { document: {} },
});
const parsePublish = envelopeParser<{ confirmDestructive?: boolean; migrations?: DataMigration[] }>({
  type: 'object', additionalProperties: false,
  properties: { confirmDestructive: { type: 'boolean' }, migrations: migrationsSchema },
});
const parseRollback = envelopeParser<{ version: number; confirmDestructive?: boolean; migrations?: DataMigration[] }>({
  type: 'object', required: ['version'], additionalProperties: false,
  properties: { version: { type: 'integer', minimum: 1 }, confirmDestructive: { type: 'boolean' }, migrations: migrationsSchema },
});

/**
 * The studio's metadata API. Reading the live version is open to every user; the rest is admin-only.
 *
 * These calls read the tenant's live version from the database rather than the per-process cache:
 * behind a load balancer, a publish through one process must be what the next studio call sees,
 * through any process (a draft saved against a stale base, or a `GET /meta` one version behind,
 * would be wrong). What they read refreshes the cache; otherwise the record endpoints follow
 * within the NOTIFY that every publish sends.
 */
export function metaRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Hono's `/meta/*` also matches `/meta`: the live version stays readable by every user.
  app.use('/meta/*', authenticate, async (c, next) => (c.req.path.endsWith('/meta') ? next() : requireAdmin(c, next)), freshTenant);

  app.get('/meta', async (c) => {
    readQuery(c, []);
    const live = await c.var.kernel.metadata.live(c.var.tenant);
    return c.json(live);
  });

  app.get('/meta/schema', (c) => {
    readQuery(c, []);
    return c.json(c.var.kernel.metadata.schema());
  });

  app.get('/meta/draft', async (c) => {
    readQuery(c, []);
    return c.json(await c.var.kernel.metadata.draft(c.var.tenant));
  });

  app.put('/meta/draft', async (c) => {
    readQuery(c, []);
    const { document } = parseDocumentBody(await readJson(c));
    await c.var.kernel.metadata.saveDraft(c.var.tenant, document, c.var.principal.user.id);
    return c.json({ valid: true, errors: [] });
  });

  app.delete('/meta/draft', async (c) => {
    readQuery(c, []);
    await c.var.kernel.metadata.discardDraft(c.var.tenant);
    return c.body(null, 204);
  });

  app.post('/meta/draft/validate', async (c) => {
    readQuery(c, []);
    const { document } = parseDocumentBody(await readJson(c));
    const errors = c.var.kernel.metadata.validate(document);
    return c.json({ valid: errors.length === 0, errors });
  });

  app.get('/meta/diff', async (c) => {
    const q = readQuery(c, ['migrations']);
    const migrations = q.migrations ? jsonParam('migrations', q.migrations, parseMigrations) : [];
    return c.json(await c.var.kernel.metadata.diff(c.var.tenant, migrations));
  });

  app.post('/meta/diff', async (c) => {
    readQuery(c, []);
    const body = parsePublish(await readJson(c, { optional: true }));
    return c.json(await c.var.kernel.metadata.diff(c.var.tenant, body.migrations ?? []));
  });

  app.post('/meta/publish', async (c) => {
    readQuery(c, []);
    const body = parsePublish(await readJson(c, { optional: true }));
    const result = await c.var.kernel.metadata.publish(c.var.tenant, {
      actorId: c.var.principal.user.id,
      confirmDestructive: body.confirmDestructive ?? false,
      migrations: body.migrations ?? [],
    });
    return c.json(publishResponse(result));
  });

  app.get('/meta/versions', async (c) => {
    readQuery(c, []);
    return c.json({ data: await c.var.kernel.metadata.versions(c.var.tenant) });
  });

  app.get('/meta/versions/:version', async (c) => {
    readQuery(c, []);
    const version = Number(c.req.param('version'));
    return c.json(await c.var.kernel.metadata.version(c.var.tenant, Number.isInteger(version) ? version : -1));
  });

  app.post('/meta/rollback', async (c) => {
    readQuery(c, []);
    const body = parseRollback(await readJson(c));
    const result = await c.var.kernel.metadata.rollback(c.var.tenant, body.version, {
      actorId: c.var.principal.user.id, confirmDestructive: body.confirmDestructive ?? false, migrations: body.migrations ?? [],
    });
    return c.json(publishResponse(result));
  });

  return app;
}

function publishResponse(result: PublishResult): Record<string, unknown> {
  return { version: result.version, changes: result.changes, indexes: result.indexes };
}
