import { createAjv2020 } from '../../../platform/validation/ajv.ts';
import type { Header, Method, OpenApiDocument, Reference, Response } from './openapi-types.ts';

/** What a conformance check needs of an HTTP answer. */
export interface ObservedResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** Checks one answer of the operation `method path` (a path of the document, e.g. `/records/lead/{id}`). */
export type ConformanceCheck = (method: Method, path: string, res: ObservedResponse) => string[];

const escape = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Checks real answers against a tenant's OpenAPI document, as a client generated from it would
 * rely on them: the status is one the operation declares, the content type one declared for that
 * status, a JSON body fits its schema (JSON Schema 2020-12, with the document's components) and
 * declares `charset=utf-8` (the contract's; the document's media types name no parameters), a
 * response declared without content has no body, and every header the response declares is sent.
 * Each mismatch is a line naming the operation; none is an empty list.
 *
 * @example
 * const check = responseConformance(document);
 * expect(check('get', '/records/lead/{id}', await client.get(`/api/t/x/records/lead/${id}`))).toEqual([]);
 */
export function responseConformance(document: OpenApiDocument): ConformanceCheck {
  const ajv = createAjv2020();
  ajv.addSchema(document as unknown as object, 'openapi');
  const resolve = <T>(item: T | Reference): { value: T; pointer: string | undefined } => {
    if (!item || typeof item !== 'object' || !('$ref' in item)) return { value: item as T, pointer: undefined };
    const pointer = item.$ref;
    const value = pointer.slice(2).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, token) => (node as Record<string, unknown>)[token], document);
    return { value: value as T, pointer };
  };

  return (method, path, res) => {
    const where = `${method.toUpperCase()} ${path} → ${res.status}`;
    const operation = document.paths[path]?.[method];
    if (!operation) return [`${where}: the document has no such operation`];
    const declared = operation.responses[String(res.status)] ?? operation.responses.default;
    if (!declared) return [`${where}: status not declared (${Object.keys(operation.responses).join(', ')}): ${res.text.slice(0, 200)}`];
    const { value: response, pointer } = resolve<Response>(declared);
    const base = pointer ?? `#/paths/${escape(path)}/${method}/responses/${res.status in operation.responses ? res.status : 'default'}`;
    const failures: string[] = [];
    const contentType = res.headers.get('content-type') ?? '';
    const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
    if (!response.content) {
      if (res.text !== '') failures.push(`${where}: a body where the document declares none: ${res.text.slice(0, 100)}`);
    } else if (!response.content[mediaType]) {
      failures.push(`${where}: content type ${mediaType || '(none)'} not declared (${Object.keys(response.content).join(', ')})`);
    } else if (/[/+]json$/.test(mediaType)) {
      if (!/;\s*charset="?utf-8"?\s*(?:;|$)/i.test(contentType)) failures.push(`${where}: ${contentType} does not declare charset=utf-8`);
      const validate = ajv.getSchema(`openapi${base}/content/${escape(mediaType)}/schema`);
      if (!validate) failures.push(`${where}: no schema at ${base}`);
      else if (!validate(res.body)) {
        failures.push(...(validate.errors ?? []).slice(0, 5).map((e) => `${where}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`));
      }
    }
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      const value = res.headers.get(name);
      const { value: declaredHeader } = resolve<Header>(header);
      if (value === null) {
        if (declaredHeader.required !== false) failures.push(`${where}: declared header ${name} missing`);
      } else if (declaredHeader.schema.type === 'integer' && !/^\d+$/.test(value)) failures.push(`${where}: header ${name}: ${value} is not an integer`);
    }
    return failures;
  };
}
