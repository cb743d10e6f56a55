import type { CompiledMetadata } from '../../../platform/metadata/compile-metadata.ts';
import { cachedOpenApi } from '../openapi/openapi-cache.ts';

/** Served below every tenant and documented nowhere: the reference page's scripts and styles. */
const undocumented = /^\/docs\/assets\/[^/]+\/?$/;

/**
 * Whether a tenant's API has `path` (below `/api/t/{t}`) at all. The route table has
 * `/pools/:p/claim` for every tenant; the tenant's OpenAPI document lists only the endpoints its
 * metadata gives it (its objects, pools, pipelines and rules, the components it enabled), so a
 * path it does not list is not there, whatever the method.
 *
 * @example
 * tenantHasPath(compiled, 'hotel', '/pools/leadPool/claim'); // true
 * tenantHasPath(compiled, 'hotel', '/pools/noSuchPool/claim'); // false
 */
export function tenantHasPath(compiled: CompiledMetadata, tenantSlug: string, path: string): boolean {
  const documented = compiled.memo(`openapi-paths:${tenantSlug}`, () => {
    const { paths } = JSON.parse(cachedOpenApi(compiled, tenantSlug).json) as { paths: Record<string, unknown> };
    return Object.keys(paths).map(templatePattern);
  });
  return undocumented.test(path) || documented.some((pattern) => pattern.test(path));
}

/** `/records/lead/{id}` → a pattern of the paths it names (a parameter is one segment). */
function templatePattern(template: string): RegExp {
  const source = template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+');
  return new RegExp(`^${source}/?$`);
}
