import { createHash } from 'node:crypto';
import type { CompiledMetadata } from '../../../platform/metadata/compile-metadata.ts';
import { buildOpenApi } from './build-openapi.ts';

/** The serialised document of a metadata version, with its entity tag. */
export interface CachedOpenApi {
  json: string;
  etag: string;
}

/**
 * The tenant's OpenAPI document, built once per metadata version (`compiled.memo`) and kept
 * serialised: a publish compiles a new version, so the document follows without invalidation.
 */
export function cachedOpenApi(compiled: CompiledMetadata, tenantSlug: string): CachedOpenApi {
  return compiled.memo(`openapi:${tenantSlug}`, () => {
    const json = JSON.stringify(buildOpenApi(compiled, { tenantSlug }));
    const hash = createHash('sha256').update(json).digest('base64url').slice(0, 22);
    return { json, etag: `"${compiled.version}-${hash}"` };
  });
}
