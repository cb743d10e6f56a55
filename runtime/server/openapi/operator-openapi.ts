import { createHash } from 'node:crypto';
import { createTenantSchema } from '../../../platform/tenants/tenant-service.ts';
import { emptyResponse, jsonBody, jsonResponse, locationHeader, pathParameter, schemaRef } from './openapi-helpers.ts';
import type { JsonSchema, OpenApiDocument, Operation, Paths } from './openapi-types.ts';
import { problemComponents, problems, problemSchemas } from './problem-responses.ts';
import { pruneComponents } from './prune-components.ts';

/** Where the platform document and its reference page are served (the tenant's are under `/api/t/{t}`). */
export const operatorDocsBase = '/api';

const tags = {
  tenants: { name: 'Tenants', description: 'Create, list and delete tenants. The platform operator only (`SHOAL_ADMIN_TOKEN`).' },
  health: { name: 'Health', description: 'Whether the server can reach its database (for load balancers and monitors).' },
  discovery: { name: 'Discovery', description: 'This OpenAPI document and its reference page.' },
} as const;

const slugPattern = '^[a-z][a-z0-9-]{1,39}$';
const public_: Pick<Operation, 'security'> = { security: [] };

function op(tag: string, operation: Omit<Operation, 'tags'>): Operation {
  return { tags: [tag], ...operation };
}

function schemas(): Record<string, JsonSchema> {
  const slug = { type: 'string', pattern: slugPattern, description: 'The tenant’s slug: its API is at `/api/t/{slug}`.' };
  return {
    TenantCreate: {
      ...createTenantSchema,
      description: 'A new tenant with its first administrator (role `admin`), empty or from a template.',
      properties: {
        ...createTenantSchema.properties,
        slug,
        template: { ...createTenantSchema.properties.template, description: 'A template to start from (`hotel`, `food-delivery`); without it the tenant starts with no objects. An unknown one is 422 at `/template`.', examples: ['hotel'] },
        sampleData: { ...createTenantSchema.properties.sampleData, default: true, description: 'With a template: also load its demo users and sample records.' },
      },
      examples: [{ slug: 'acme-hotels', name: 'Acme Hotels', template: 'hotel', sampleData: false, admin: { email: 'admin@acme.example', password: 'a-long-password', name: 'Ada' } }],
    },
    TenantCreated: {
      type: 'object', required: ['slug', 'metadataVersion', 'name'], additionalProperties: false,
      properties: { slug, metadataVersion: { type: 'integer', minimum: 1, description: 'The live metadata version (1 for a new tenant).' }, name: { type: 'string' } },
    },
    Tenant: {
      type: 'object', required: ['slug', 'name', 'metadataVersion', 'timeZone', 'createdAt'], additionalProperties: false,
      properties: {
        slug,
        name: { type: 'string' },
        metadataVersion: { type: ['integer', 'null'], minimum: 1, description: 'The live metadata version; null only while a tenant is being created.' },
        timeZone: { type: 'string', description: 'IANA time zone of the tenant’s calendar days.', examples: ['Asia/Shanghai'] },
        createdAt: { type: 'string', format: 'date-time' },
      },
    },
    TenantList: { type: 'object', required: ['data'], additionalProperties: false, properties: { data: { type: 'array', items: schemaRef('Tenant') } } },
    Health: {
      type: 'object', required: ['status'], additionalProperties: false,
      properties: { status: { type: 'string', enum: ['ok', 'unavailable'], description: '`ok` when the database answers.' } },
    },
  };
}

function paths(): Paths {
  const operatorOnly = 'Operator only: `Authorization: Bearer <SHOAL_ADMIN_TOKEN>`.';
  return {
    '/api/tenants': {
      post: op(tags.tenants.name, {
        operationId: 'createTenant', summary: 'Create a tenant',
        description: `${operatorOnly} Creates the tenant, its administrator and its first metadata version (and a template's sample data) together: a failure leaves nothing behind. A slug that is taken is 409 at \`/slug\`; a body that breaks the schema is 400 with each problem in \`errors\`.`,
        requestBody: jsonBody(schemaRef('TenantCreate')),
        responses: {
          201: jsonResponse('Created', schemaRef('TenantCreated'), { Location: locationHeader('the new tenant (to read it, or delete it with `DELETE`)') }),
          ...problems(400, 401, [409, 'duplicate'], 413, 415, [422, 'validation_failed', 'invalid_metadata'], 503),
        },
      }),
      get: op(tags.tenants.name, {
        operationId: 'listTenants', summary: 'List the tenants', description: operatorOnly,
        responses: { 200: jsonResponse('Every tenant, by slug', schemaRef('TenantList')), ...problems(400, 401, 503) },
      }),
    },
    '/api/tenants/{t}': {
      get: op(tags.tenants.name, {
        operationId: 'getTenant', summary: 'A tenant', description: `${operatorOnly} What the list says of it (where a create's \`Location\` points).`,
        parameters: [pathParameter('t', { type: 'string', pattern: slugPattern }, 'The tenant’s slug.')],
        responses: { 200: jsonResponse('The tenant', schemaRef('Tenant')), ...problems(400, 401, 404, 503) },
      }),
      delete: op(tags.tenants.name, {
        operationId: 'deleteTenant', summary: 'Delete a tenant',
        description: `${operatorOnly} Its records, users, history and metadata are gone: irreversible.`,
        parameters: [pathParameter('t', { type: 'string', pattern: slugPattern }, 'The tenant’s slug.')],
        responses: { 204: emptyResponse('Deleted'), ...problems(400, 401, 404, 503) },
      }),
    },
    '/healthz': {
      get: op(tags.health.name, {
        operationId: 'getHealth', summary: 'Health check', ...public_,
        description: 'Public. 200 while the database answers, 503 otherwise; either way the same small JSON body (not a problem), for probes that read it.',
        responses: {
          200: jsonResponse('The database answers', schemaRef('Health')),
          503: jsonResponse('The database does not answer', schemaRef('Health')),
        },
      }),
    },
    '/api/openapi.json': {
      get: op(tags.discovery.name, {
        operationId: 'getOperatorOpenApi', summary: 'This OpenAPI document', ...public_,
        description: 'Public: it describes the endpoints, not any tenant. Changes only with the server version (see its `ETag`).',
        responses: {
          200: jsonResponse('OpenAPI 3.1', { type: 'object' }, { ETag: { description: 'Changes when the document changes.', schema: { type: 'string' } } }),
          304: emptyResponse('Not modified (`If-None-Match`)'),
          ...problems(400, 503),
        },
      }),
    },
    '/api/docs': {
      get: op(tags.discovery.name, {
        operationId: 'getOperatorApiReference', summary: 'This reference as a web page', ...public_,
        description: 'An interactive reference (Swagger UI); its Authorize button takes the operator token for the calls you try.',
        responses: { 200: { description: 'HTML', content: { 'text/html': { schema: { type: 'string' } } } } },
      }),
    },
  };
}

function introduction(): string {
  return `The platform operator's endpoints of a Shoal server: tenants and the health check. Each tenant's own API (records, pipelines, pools, metadata, users…) has its own document at \`/api/t/{t}/openapi.json\`, generated from the tenant's metadata, and its reference at \`/api/t/{t}/docs\`.

**Authentication.** The operator sends the token of \`SHOAL_ADMIN_TOKEN\` (printed once when the server generated it) as \`Authorization: Bearer <token>\`. There is no session or cookie for the operator. A missing or wrong token is 401 with \`WWW-Authenticate: Bearer realm="shoal"\`.

**Errors.** Every 4xx/5xx of \`/api/…\` is \`application/problem+json; charset=utf-8\` (RFC 9457) with a stable \`code\`, and for input problems \`errors: [{ path, message }]\` with JSON pointers. An unknown query parameter is 400 (\`unknown_parameter\`).`;
}

/**
 * The OpenAPI 3.1 document of the platform operator's API (`/api/tenants`, `/healthz`) and of
 * its own discovery: the same for every server, unlike a tenant's, so it is built once.
 *
 * @example
 * buildOperatorOpenApi().paths['/api/tenants'].post.operationId; // 'createTenant'
 */
export function buildOperatorOpenApi(): OpenApiDocument {
  const operatorPaths = paths();
  const { responses, headers } = problemComponents();
  const components = pruneComponents([operatorPaths], { schemas: { ...problemSchemas(), ...schemas() }, responses, parameters: {}, headers });
  return {
    openapi: '3.1.0',
    info: { title: 'Shoal platform operator API', version: '1', description: introduction() },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    servers: [{ url: '/', description: 'This Shoal server' }],
    security: [{ operatorToken: [] }],
    tags: Object.values(tags),
    paths: operatorPaths,
    components: {
      ...components,
      securitySchemes: {
        operatorToken: {
          type: 'http', scheme: 'bearer',
          description: 'The platform operator token (`SHOAL_ADMIN_TOKEN`): `Authorization: Bearer <token>`. Compared with the stored hash; tenant sessions and API keys are not accepted here.',
        },
      },
    },
  };
}

let cached: { json: string; etag: string } | undefined;

/** The operator document serialised once, with its entity tag. */
export function cachedOperatorOpenApi(): { json: string; etag: string } {
  if (!cached) {
    const json = JSON.stringify(buildOperatorOpenApi());
    cached = { json, etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 22)}"` };
  }
  return cached;
}
