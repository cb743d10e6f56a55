/**
 * The parts of OpenAPI 3.1 the Shoal generator writes. Schemas are plain JSON Schema 2020-12
 * objects; everything else is typed just enough to keep the builders honest.
 */

export type JsonSchema = Record<string, unknown>;

/** A `$ref` (a type alias, so that it is also a `JsonSchema`). */
export type Reference = { $ref: string };

export interface Parameter {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  description?: string;
  required?: boolean;
  schema: JsonSchema;
  example?: unknown;
}

export interface MediaType {
  schema: JsonSchema;
  example?: unknown;
  examples?: Record<string, { summary?: string; value: unknown }>;
}

export interface RequestBody {
  description?: string;
  required?: boolean;
  content: Record<string, MediaType>;
}

export interface Header {
  description?: string;
  /** `false`: sent only in some answers (e.g. when a parameter asks for it). */
  required?: boolean;
  schema: JsonSchema;
}

export interface Response {
  description: string;
  headers?: Record<string, Header | Reference>;
  content?: Record<string, MediaType>;
}

export type Responses = Record<string, Response | Reference>;

export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: Array<Parameter | Reference>;
  requestBody?: RequestBody;
  responses: Responses;
  security?: Array<Record<string, string[]>>;
}

export type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';
export type PathItem = Partial<Record<Method, Operation>>;
export type Paths = Record<string, PathItem>;

export interface Tag {
  name: string;
  description?: string;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  jsonSchemaDialect: string;
  servers: Array<{ url: string; description?: string }>;
  security: Array<Record<string, string[]>>;
  tags: Tag[];
  paths: Paths;
  /** What Shoal sends to subscribers (OpenAPI 3.1 `webhooks`), with the `webhooks` component. */
  webhooks?: Paths;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, Response>;
    parameters: Record<string, Parameter>;
    headers: Record<string, Header>;
    securitySchemes: Record<string, Record<string, unknown>>;
  };
}
