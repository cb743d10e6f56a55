import type { Label } from '../../../platform/metadata/metadata-types.ts';
import type { Header, JsonSchema, Parameter, Reference, RequestBody, Response } from './openapi-types.ts';

/** `{ $ref }` to a schema under `components.schemas`. */
export function schemaRef(name: string): Reference {
  return { $ref: `#/components/schemas/${name}` };
}

/** `{ $ref }` to a parameter under `components.parameters`. */
export function parameterRef(name: string): Reference {
  return { $ref: `#/components/parameters/${name}` };
}

/** `{ $ref }` to a response under `components.responses`. */
export function responseRef(name: string): Reference {
  return { $ref: `#/components/responses/${name}` };
}

/** `{ $ref }` to a header under `components.headers`. */
export function headerRef(name: string): Reference {
  return { $ref: `#/components/headers/${name}` };
}

/** The `Location` of a 201 (or 202): where the new resource (or the job) is, e.g. `locationHeader('the new user')`. */
export function locationHeader(what: string): Header {
  return { description: `The URL of ${what}.`, schema: { type: 'string' } };
}

/**
 * A label as one line for English readers with the Chinese kept beside it.
 *
 * @example
 * labelTitle({ en: 'Hotel', zh: '酒店' }, 'hotel') // 'Hotel (酒店)'
 */
export function labelTitle(label: Label | undefined, fallback: string): string {
  if (label === undefined) return fallback;
  if (typeof label === 'string') return label || fallback;
  const en = label.en?.trim();
  const zh = label.zh?.trim();
  if (en && zh && en !== zh) return `${en} (${zh})`;
  return en || zh || Object.values(label).find((v) => v) || fallback;
}

/**
 * The schema that also accepts `null` (OpenAPI 3.1 has no `nullable`): a type list where the
 * schema has a single type (an enum gains `null` too), else `anyOf` with `null`.
 */
export function nullable(schema: JsonSchema): JsonSchema {
  const { type, enum: values } = schema;
  if (typeof type === 'string') {
    return { ...schema, type: [type, 'null'], ...(Array.isArray(values) ? { enum: [...values, null] } : {}) };
  }
  const annotations = pick(schema, ['title', 'description', 'readOnly', 'x-shoal-type', 'x-shoal-default']);
  const inner = Object.fromEntries(Object.entries(schema).filter(([k]) => !(k in annotations)));
  return { ...annotations, anyOf: [inner, { type: 'null' }] };
}

function pick(schema: JsonSchema, keys: string[]): JsonSchema {
  return Object.fromEntries(keys.filter((k) => schema[k] !== undefined).map((k) => [k, schema[k]]));
}

/** A required JSON request body. */
export function jsonBody(schema: JsonSchema | Reference, description?: string, options: { required?: boolean; example?: unknown } = {}): RequestBody {
  return {
    ...(description ? { description } : {}),
    required: options.required ?? true,
    content: { 'application/json': { schema, ...(options.example !== undefined ? { example: options.example } : {}) } },
  };
}

/** A JSON response. */
export function jsonResponse(description: string, schema: JsonSchema | Reference, headers?: Record<string, Header | Reference>): Response {
  return { description, ...(headers ? { headers } : {}), content: { 'application/json': { schema } } };
}

/** A response without a body (204). */
export function emptyResponse(description: string, headers?: Response['headers']): Response {
  return headers ? { description, headers } : { description };
}

/** A query parameter. */
export function queryParameter(name: string, schema: JsonSchema, description: string, extra: Partial<Parameter> = {}): Parameter {
  return { name, in: 'query', description, schema, ...extra };
}

/** A required path parameter. */
export function pathParameter(name: string, schema: JsonSchema, description: string): Parameter {
  return { name, in: 'path', required: true, description, schema };
}

/**
 * `leadPool` → `LeadPool`, `east-china_rule` → `EastChinaRule`: the stem of schema names and
 * operation ids.
 */
export function pascalCase(key: string): string {
  return key.split(/[^A-Za-z0-9]+/).filter(Boolean).map((part) => part[0]!.toUpperCase() + part.slice(1)).join('') || 'X';
}

/**
 * Hands out name stems so that no derived name (`Lead`, `LeadCreate`, `listLead`, …) collides
 * with a taken one: a stem whose names collide gets `Record`, `Record2`, … appended.
 */
export class NameAllocator {
  readonly #taken: Set<string>;

  constructor(reserved: Iterable<string>) {
    this.#taken = new Set(reserved);
  }

  /** A free stem for `key`; the names `derive` makes from it are taken from now on. */
  allocate(key: string, derive: (stem: string) => string[]): string {
    const base = pascalCase(key);
    for (let i = 0; ; i += 1) {
      const stem = i === 0 ? base : `${base}Record${i === 1 ? '' : i}`;
      const names = derive(stem);
      if (names.some((n) => this.#taken.has(n))) continue;
      for (const n of names) this.#taken.add(n);
      return stem;
    }
  }
}
