import { Hono, type MiddlewareHandler } from 'hono';
import { ShoalError } from '../../../platform/errors.ts';
import { migrationsSchema, parseMigrations, type DataMigration } from '../../../platform/metadata/data-migrations.ts';
import type { PublishResult } from '../../../platform/metadata/publish.ts';
import { envelopeParser } from '../../../platform/validation/ajv.ts';
import type { AppEnv } from '../http/app-env.ts';
import { parseEntityTags } from '../http/entity-tags.ts';
import { headerError, jsonParam, readJson, readQuery } from '../http/request-input.ts';
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
const maxVersion = 2_147_483_647;
const parseRollback = envelopeParser<{ version: number; confirmDestructive?: boolean; migrations?: DataMigration[] }>({
  type: 'object', required: ['version'], additionalProperties: false,
  properties: { version: { type: 'integer', minimum: 1, maximum: maxVersion }, confirmDestructive: { type: 'boolean' }, migrations: migrationsSchema },
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
    const { etag, ...draft } = await c.var.kernel.metadata.draft(c.var.tenant);
    c.header('etag', `"${etag}"`);
    return c.json(draft);
  });

  // If-Match is optional (clients written before it keep saving unconditionally); the studio always sends it.
  app.put('/meta/draft', async (c) => {
    readQuery(c, []);
    const ifMatch = parseDraftIfMatch(c.req.header('if-match'));
    const { document } = parseDocumentBody(await readJson(c));
    const { etag } = await c.var.kernel.metadata.saveDraft(c.var.tenant, document, c.var.principal.user.id, ifMatch ? { ifMatch } : {});
    c.header('etag', `"${etag}"`);
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
    const { etag, ...diff } = await c.var.kernel.metadata.diff(c.var.tenant, migrations);
    c.header('etag', `"${etag}"`);
    return c.json(diff);
  });

  app.post('/meta/diff', async (c) => {
    readQuery(c, []);
    const body = parsePublish(await readJson(c, { optional: true }));
    const { etag, ...diff } = await c.var.kernel.metadata.diff(c.var.tenant, body.migrations ?? []);
    c.header('etag', `"${etag}"`);
    return c.json(diff);
  });

  // If-Match (the ETag of the diff that was reviewed) is optional as on PUT /meta/draft; the studio always sends it.
  app.post('/meta/publish', async (c) => {
    readQuery(c, []);
    const ifMatch = parseDraftIfMatch(c.req.header('if-match'));
    const body = parsePublish(await readJson(c, { optional: true }));
    const result = await c.var.kernel.metadata.publish(c.var.tenant, {
      actorId: c.var.principal.user.id,
      confirmDestructive: body.confirmDestructive ?? false,
      migrations: body.migrations ?? [],
      ...(ifMatch ? { ifMatch } : {}),
    });
    return c.json(publishResponse(result));
  });

  app.get('/meta/versions', async (c) => {
    readQuery(c, []);
    return c.json({ data: await c.var.kernel.metadata.versions(c.var.tenant) });
  });

  app.get('/meta/versions/:version', async (c) => {
    readQuery(c, []);
    // Versions are int4 in the database; anything else is a version that does not exist.
    const text = c.req.param('version');
    const version = /^\d{1,10}$/.test(text) ? Number(text) : -1;
    return c.json(await c.var.kernel.metadata.version(c.var.tenant, version));
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

/** The draft tags an `If-Match` names (strong ones: a weak tag never matches a precondition); undefined for none or `*`. */
function parseDraftIfMatch(header: string | undefined): string[] | undefined {
  if (header === undefined) return undefined;
  const tags = parseEntityTags(header);
  if (tags === '*') return undefined;
  if (!tags) throw headerError('If-Match', 'must be * or entity tags such as "3.q1Vb3kPz"', 'If-Match must be * or the ETag of the draft as GET /meta/draft or /meta/diff gave it, e.g. "3.q1Vb3kPz"');
  return tags.filter((tag) => !tag.weak).map((tag) => tag.opaque);
}

function publishResponse(result: PublishResult): Record<string, unknown> {
  return { version: result.version, changes: result.changes, indexes: result.indexes };
}
