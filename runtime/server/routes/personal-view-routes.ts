import { Hono, type Context } from 'hono';
import { ShoalError } from '../../../platform/errors.ts';
import type { CompiledObject } from '../../../platform/metadata/compile-metadata.ts';
import { objectOf, type RecordContext } from '../../../platform/records/record-context.ts';
import { changeView, createView, deleteView, getView, listViews, reorderViews, type PersonalView, type ViewOwner } from '../../../platform/views/personal-views.ts';
import { checkLabel, checkViewDefinition, parseViewChange, parseViewInput, parseViewOrder } from '../../../platform/views/view-definition.ts';
import type { AppEnv } from '../http/app-env.ts';
import { readJson, readQuery } from '../http/request-input.ts';
import { authenticate } from '../http/tenant-auth.ts';
import { parseIfMatch, recordContext } from './record-routes.ts';

/**
 * The caller's own saved views of an object's list (`/me/views/{o}`): they follow the user to
 * every browser. Nobody else's views are reachable here — another user's view id is a 404.
 */
export function personalViewRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/me/views/*', authenticate);

  app.get('/me/views/:o', async (c) => {
    readQuery(c, []);
    const { owner } = await viewScope(c);
    return c.json({ data: await c.var.kernel.storage.inTenant(owner.tenantId, (tx) => listViews(tx, owner), { readOnly: true }) });
  });

  app.post('/me/views/:o', async (c) => {
    readQuery(c, []);
    const input = parseViewInput(await readJson(c));
    const { ctx, object, owner } = await viewScope(c);
    const label = checkLabel(input.label);
    const definition = checkViewDefinition(ctx, object, input.definition);
    const view = await c.var.kernel.storage.inTenant(owner.tenantId, (tx) => createView(tx, owner, { label, definition }, ctx.now));
    c.header('location', `/api/t/${c.var.tenant.slug}/me/views/${object.key}/${view.id}`);
    return viewJson(c, view, 201);
  });

  app.put('/me/views/:o/order', async (c) => {
    readQuery(c, []);
    const { ids } = parseViewOrder(await readJson(c));
    const { owner } = await viewScope(c);
    return c.json({ data: await c.var.kernel.storage.inTenant(owner.tenantId, (tx) => reorderViews(tx, owner, ids)) });
  });

  app.get('/me/views/:o/:id', async (c) => {
    readQuery(c, []);
    const { owner } = await viewScope(c);
    return viewJson(c, await c.var.kernel.storage.inTenant(owner.tenantId, (tx) => getView(tx, owner, c.req.param('id')), { readOnly: true }), 200);
  });

  app.patch('/me/views/:o/:id', async (c) => {
    readQuery(c, []);
    const change = parseViewChange(await readJson(c));
    const { ctx, object, owner } = await viewScope(c);
    const ifMatch = parseIfMatch(c.req.header('if-match'));
    const checked = {
      ...(change.label !== undefined ? { label: checkLabel(change.label) } : {}),
      ...(change.definition !== undefined ? { definition: checkViewDefinition(ctx, object, change.definition) } : {}),
    };
    const view = await c.var.kernel.storage.inTenant(owner.tenantId, (tx) => changeView(tx, owner, c.req.param('id'), checked, { now: ctx.now, ...(ifMatch ? { ifMatch } : {}) }));
    return viewJson(c, view, 200);
  });

  app.delete('/me/views/:o/:id', async (c) => {
    readQuery(c, []);
    const { owner } = await viewScope(c);
    const ifMatch = parseIfMatch(c.req.header('if-match'));
    await c.var.kernel.storage.inTenant(owner.tenantId, (tx) => deleteView(tx, owner, c.req.param('id'), ifMatch ? { ifMatch } : {}));
    return c.body(null, 204);
  });

  return app;
}

/** The object of the path, if the caller may read it at all (else 404, as for its records), and whose views these are. */
async function viewScope(c: Context<AppEnv>): Promise<{ ctx: RecordContext; object: CompiledObject; owner: ViewOwner }> {
  const ctx = await recordContext(c);
  const object = objectOf(ctx, c.req.param('o') ?? '');
  if (!ctx.policy.mayEver('read', object.key)) throw new ShoalError('not_found', `There is no object called ${object.key}`);
  return { ctx, object, owner: { tenantId: ctx.tenantId, userId: c.var.principal.user.id, object: object.key } };
}

/** A view as the answer, with its version as the entity tag (for the next `If-Match`). */
function viewJson(c: Context<AppEnv>, view: PersonalView, status: 200 | 201): Response {
  c.header('etag', `"${view.version}"`);
  return c.json(view, status);
}
