import { Hono } from 'hono';
import { ShoalError } from '../../../platform/errors.ts';
import type { AppEnv } from '../http/app-env.ts';
import { namesTag } from '../http/entity-tags.ts';
import { readQuery } from '../http/request-input.ts';
import { jsonContentType } from '../http/response-headers.ts';
import { authenticate, requireMetadata } from '../http/tenant-auth.ts';
import { docsAsset, docsPageHtml } from '../openapi/docs-page.ts';
import { cachedOpenApi } from '../openapi/openapi-cache.ts';

/**
 * Discovery for integrators: the tenant's OpenAPI 3.1 document (any signed-in user; cached per
 * metadata version) and the interactive reference page with its static assets (public: the
 * page itself asks for a sign-in before it shows anything of the tenant's API).
 */
export function openApiRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/openapi.json', authenticate, requireMetadata, (c) => {
    readQuery(c, []);
    const { json, etag } = cachedOpenApi(c.var.metadata, c.var.tenant.slug);
    c.header('etag', etag);
    c.header('cache-control', 'private, no-cache');
    if (namesTag(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    return c.body(json, 200, { 'content-type': jsonContentType });
  });

  // A page people share by link: parameters a link picks up on the way (utm_source, a chat app's
  // share id) are ignored rather than refused with a JSON 400 the reader cannot make sense of.
  app.get('/docs', (c) => {
    c.header('cache-control', 'no-cache');
    return c.html(docsPageHtml({ tenantSlug: c.var.tenant.slug, tenantName: c.var.tenant.name }));
  });

  app.get('/docs/assets/:name', (c) => {
    const asset = docsAsset(c.req.param('name'));
    if (!asset) throw new ShoalError('not_found', 'No such asset of the API reference');
    return c.body(asset.body, 200, { 'content-type': asset.contentType, 'cache-control': 'public, max-age=3600' });
  });

  return app;
}
