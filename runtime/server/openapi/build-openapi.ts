import type { CompiledMetadata } from '../../../platform/metadata/compile-metadata.ts';
import { components as componentCatalog } from '../../../platform/components/component-registry.ts';
import { sessionCookie } from '../http/tenant-auth.ts';
import { componentPaths, componentTags } from './component-paths.ts';
import { featureSchemas } from './feature-schemas.ts';
import { filterExamples, filterLanguage, filterSchema } from './filter-schema.ts';
import { labelTitle, NameAllocator } from './openapi-helpers.ts';
import type { JsonSchema, Method, OpenApiDocument, Paths, Tag } from './openapi-types.ts';
import { personalViewPaths, personalViewSchemas, personalViewsTag } from './personal-view-paths.ts';
import { platformPaths, platformTags } from './platform-paths.ts';
import { platformSchemas } from './platform-schemas.ts';
import { poolPaths, poolsTag } from './pool-paths.ts';
import { problemComponents, problemSchemas } from './problem-responses.ts';
import { recordOperationIds, recordPaths, type ObjectNaming } from './record-paths.ts';
import { objectSchemas, objectSchemaSuffixes } from './record-schemas.ts';
import { recordToolSchemas } from './record-tool-schemas.ts';
import { sharedParameters } from './list-parameters.ts';
import { pruneComponents } from './prune-components.ts';
import { webhookDeliveries } from './webhook-events.ts';

export interface OpenApiOptions {
  /** The tenant's slug: the server URL is `/api/t/{slug}`. */
  tenantSlug: string;
  /** Overrides the server URL (e.g. an absolute URL for clients generated elsewhere). */
  serverUrl?: string;
}

const methods: Method[] = ['get', 'put', 'post', 'patch', 'delete'];

/**
 * The OpenAPI 3.1 document of a tenant's live metadata: one schema per object (read shape,
 * create and update bodies, list page), every endpoint of the HTTP contract that applies to
 * the tenant (a disabled component has no section), the filter language and the security
 * schemes. Pure: the route caches it per metadata version with `compiled.memo`.
 *
 * @example
 * const document = buildOpenApi(compiled, { tenantSlug: 'hotel' });
 * document.paths['/records/lead'].get.operationId; // 'listLead'
 */
export function buildOpenApi(compiled: CompiledMetadata, options: OpenApiOptions): OpenApiDocument {
  const catalog: Record<string, JsonSchema> = {
    ...problemSchemas(), Filter: filterSchema(filterExamples(compiled)), ...recordToolSchemas(), ...platformSchemas(), ...personalViewSchemas(), ...featureSchemas([...compiled.objects.keys()]),
  };
  const platform = { ...platformPaths(), ...personalViewPaths([...compiled.objects.keys()]) };
  const features = componentPaths(compiled);
  const namings = nameObjects(compiled, [...Object.keys(catalog), 'WebhookEvent', ...operationIds(platform), ...operationIds(features)]);
  const schemas = { ...catalog };
  for (const naming of namings.values()) {
    Object.assign(schemas, objectSchemas(compiled, naming.object, naming.stem, (key) => namings.get(key)?.stem));
  }
  const paths: Paths = { ...platform };
  for (const naming of namings.values()) Object.assign(paths, recordPaths(compiled, naming));
  if (compiled.has('pools')) Object.assign(paths, poolPaths(compiled, (key) => namings.get(key)));
  Object.assign(paths, features);
  const deliveries = compiled.has('webhooks') ? webhookDeliveries(compiled, (key) => namings.get(key)!.stem) : undefined;
  if (deliveries) Object.assign(schemas, deliveries.schemas);
  uniqueOperationIds([paths, deliveries?.webhooks ?? {}]);

  const { responses, headers } = problemComponents();
  const components = pruneComponents([paths, deliveries?.webhooks ?? {}], { schemas, responses, parameters: sharedParameters(), headers });
  const name = compiled.document.name ?? options.tenantSlug;
  return {
    openapi: '3.1.0',
    info: { title: `${name} API`, version: `metadata-v${compiled.version}`, description: introduction(compiled, name) },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    servers: [{ url: options.serverUrl ?? `/api/t/${options.tenantSlug}`, description: `Tenant ${options.tenantSlug}` }],
    security: [{ bearerAuth: [] }, { cookieAuth: [] }],
    tags: usedTags(paths, [
      ...Object.values(platformTags),
      personalViewsTag,
      ...[...namings.values()].map(objectTag),
      poolsTag,
      ...Object.values(componentTags),
    ]),
    paths,
    ...(deliveries ? { webhooks: deliveries.webhooks } : {}),
    components: {
      ...components,
      securitySchemes: {
        bearerAuth: {
          type: 'http', scheme: 'bearer',
          description: 'A session token from `POST /auth/login`, or an API key from `POST /api-keys`: `Authorization: Bearer <token-or-key>`.',
        },
        cookieAuth: {
          type: 'apiKey', in: 'cookie', name: sessionCookie,
          description: 'The HttpOnly session cookie the login sets, for same-origin browser calls. Requests other than GET/HEAD must also send the session’s CSRF token as `X-CSRF-Token` (from the login response or `GET /me`).',
        },
      },
    },
  };
}

/** Gives each object a schema stem (`Lead`) that none of its derived names collides with. */
function nameObjects(compiled: CompiledMetadata, reserved: string[]): Map<string, ObjectNaming> {
  const allocator = new NameAllocator(reserved);
  const tags = new Set<string>([...Object.values(platformTags), personalViewsTag, poolsTag, ...Object.values(componentTags)].map((t) => t.name));
  const namings = new Map<string, ObjectNaming>();
  for (const object of compiled.objects.values()) {
    const stem = allocator.allocate(object.key, (s) => [...objectSchemaSuffixes.map((suffix) => `${s}${suffix}`), ...recordOperationIds(s)]);
    let tag = labelTitle(object.label, object.key);
    if (tags.has(tag)) tag = `${tag} [${object.key}]`;
    tags.add(tag);
    namings.set(object.key, { object, stem, tag });
  }
  return namings;
}

function objectTag({ object, tag }: ObjectNaming): Tag {
  const description = object.definition.description ? ` ${labelTitle(object.definition.description, '')}` : '';
  return { name: tag, description: `Records of \`${object.key}\`.${description}` };
}

function operationIds(paths: Paths): string[] {
  return Object.values(paths).flatMap((item) => methods.flatMap((m) => (item[m] ? [item[m].operationId] : [])));
}

/** Appends 2, 3, … to an operation id already used (earlier sections keep theirs). */
function uniqueOperationIds(sections: Paths[]): void {
  const seen = new Set<string>();
  for (const item of sections.flatMap((paths) => Object.values(paths))) {
    for (const method of methods) {
      const operation = item[method];
      if (!operation) continue;
      let candidate = operation.operationId;
      for (let n = 2; seen.has(candidate); n += 1) candidate = `${operation.operationId}${n}`;
      operation.operationId = candidate;
      seen.add(candidate);
    }
  }
}

function usedTags(paths: Paths, tags: Tag[]): Tag[] {
  const used = new Set(Object.values(paths).flatMap((item) => methods.flatMap((m) => item[m]?.tags ?? [])));
  return tags.filter((t) => used.has(t.name));
}

function introduction(compiled: CompiledMetadata, name: string): string {
  const enabled = [...compiled.components].map((key) => `${componentCatalog[key].label.en} (\`${key}\`)`);
  return `The HTTP API of **${name}**, generated from metadata version ${compiled.version}. It changes when the metadata is published.

**Authentication.** \`POST /auth/login\` returns a token; send it (or an API key from \`POST /api-keys\`) as
\`Authorization: Bearer <token>\`. Browsers on the same origin may use the session cookie instead, with the CSRF token
in \`X-CSRF-Token\` on writes.

**Bodies** are JSON in UTF-8, and answers say so: \`application/json; charset=utf-8\`.

**Methods.** Every path answers \`OPTIONS\` with 204 and \`Allow\` (the methods it takes), and \`HEAD\` wherever it answers \`GET\`
(the GET's status and headers, without the body). Another method is a 405 \`method_not_allowed\` with \`Allow\`.

**Errors.** Every 4xx/5xx is \`application/problem+json; charset=utf-8\` (RFC 9457) with a stable \`code\` and, for input problems,
\`errors: [{ path, message }]\` with JSON pointers into the body (\`/where/score/$gte\`), into a query parameter (\`?where/score/$gte\`,
\`?limit\`) or at a header (\`header:If-Match\`). 404 also means "not visible to you".

**Records.** Each object has list, query, create, get (\`If-None-Match\` with the \`ETag\` you hold: 304 while it is unchanged), update (\`If-Match\` for optimistic concurrency), delete,
restore, history, bulk and aggregate endpoints. Lists page by keyset: pass \`nextCursor\` back as \`cursor\`.

**Operators.** Creating and deleting tenants, and the health check, are the platform operator's: they are described in
\`/api/openapi.json\` ([reference](/api/docs)).

**Components enabled:** ${enabled.length > 0 ? enabled.join(', ') : 'none'}.

## Filter language

${filterLanguage(filterExamples(compiled))}`;
}
