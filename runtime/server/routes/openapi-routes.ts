import { Hono, type Context } from 'hono';
import { ShoalError } from '../../../platform/errors.ts';
import type { AppEnv } from '../http/app-env.ts';
import { namesTag } from '../http/entity-tags.ts';
import { readQuery } from '../http/request-input.ts';
import { jsonContentType } from '../http/response-headers.ts';
import { authenticate, requireMetadata } from '../http/tenant-auth.ts';
import { docsAsset, docsPageHtml, operatorDocsPageHtml } from '../openapi/docs-page.ts';
import { cachedOpenApi } from '../openapi/openapi-cache.ts';
import { cachedOperatorOpenApi } from '../openapi/operator-openapi.ts';

/**
 * Discovery for integrators: the tenant's OpenAPI 3.1 document (any signed-in user; cached per
 * metadata version) and the interactive reference page with its static assets (public: the
 * page itself asks for a sign-in before it shows anything of the tenant's API).
 */
export function openApiRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/openapi.json', authenticate, requireMetadata, (c) => {
    readQuery(c, []);
    return documentResponse(c, cachedOpenApi(c.var.metadata, c.var.tenant.slug), 'private, no-cache');
  });

  // A page people share by link: parameters a link picks up on the way (utm_source, a chat app's
  // share id) are ignored rather than refused with a JSON 400 the reader cannot make sense of.
  app.get('/docs', (c) => {
    c.header('cache-control', 'no-cache');
    return c.html(docsPageHtml({ tenantSlug: c.var.tenant.slug, tenantName: c.var.tenant.name }));
  });

  app.get('/docs/assets/:name', serveDocsAsset);

  return app;
}

/**
 * Discovery of the platform operator's API (`/api/tenants`, `/healthz`), mounted at `/api` as
 * the tenant's is at `/api/t/{t}`: `/api/openapi.json` and the reference page `/api/docs`.
 * Public, unlike a tenant's document: it is the same for every server and names no tenant.
 */
export function operatorOpenApiRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/openapi.json', (c) => {
    readQuery(c, []);
    return documentResponse(c, cachedOperatorOpenApi(), 'no-cache');
  });

  app.get('/docs', (c) => {
    c.header('cache-control', 'no-cache');
    return c.html(operatorDocsPageHtml());
  });

  app.get('/docs/assets/:name', serveDocsAsset);

  return app;
}

function serveDocsAsset(c: Context<AppEnv>): Response {
  const asset = docsAsset(c.req.param('name')!);
  if (!asset) throw new ShoalError('not_found', 'No such asset of the API reference');
  return c.body(asset.body, 200, { 'content-type': asset.contentType, 'cache-control': 'public, max-age=3600' });
}

/** An OpenAPI document with its ETag: 304 when the client holds that version. */
function documentResponse(c: Context<AppEnv>, { json, etag }: { json: string; etag: string }, cacheControl: string): Response {
  c.header('etag', etag);
  c.header('cache-control', cacheControl);
  if (namesTag(c.req.header('if-none-match'), etag)) return c.body(null, 304);
  return c.body(json, 200, { 'content-type': jsonContentType });
}
