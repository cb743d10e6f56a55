import type { CompiledObject } from '../../../platform/metadata/compile-metadata.ts';
import { parameterRef, queryParameter } from './openapi-helpers.ts';
import type { Parameter, Reference } from './openapi-types.ts';

const unsortableKinds = new Set(['multi', 'textArray', 'json']);

function keyList(keys: string[]): string {
  return keys.map((k) => `\`${k}\``).join(', ');
}

/** Parameters every list shares, referenced from `components.parameters`. */
export function sharedParameters(): Record<string, Parameter> {
  return {
    Limit: queryParameter('limit', { type: 'integer', minimum: 1, maximum: 500, default: 50 }, 'Page size, 1..500.'),
    Cursor: queryParameter('cursor', { type: 'string', maxLength: 4096 }, 'The `nextCursor` of the previous page (opaque; keyset paging).'),
    Count: queryParameter('count', { type: 'boolean' }, '`true` adds `total`, the number of matching records.'),
    RecordId: { name: 'id', in: 'path', required: true, description: 'The record id.', schema: { type: 'string', format: 'uuid' } },
    IfMatch: {
      name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, example: '"3"',
      description: 'The `ETag` (version) you last saw, e.g. `"3"`, or a list of them (`"3", "4"`): the write goes ahead only if the record is at one of them, else it is refused with 412 `version_mismatch`. Tags compare strongly (RFC 9110): a weak tag such as `W/"3"` never matches. `*` matches the record whatever its version. A value that is none of these is a 400 `bad_request` with an `errors` entry at `header:If-Match`.',
    },
    IfNoneMatch: {
      name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' }, example: '"3"',
      description: 'The `ETag` (version) you hold, e.g. `"3"` (or a list, or `*`): if the record is still at it, the answer is 304 Not Modified with no body, so a sync polling many records downloads only those that changed. Compared weakly (`W/"3"` names version 3). Ignored with `expand`: the related records it embeds change without this record\'s version. What you may see of a record can also change without its version, when your roles or the tenant\'s metadata change.',
    },
    IdempotencyKey: {
      name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 },
      description: 'Any unique string, per user. A retried create or bulk call with the same key returns the first answer for 24 h without writing again (an atomic bulk call that failed keeps no answer and may be retried); the same key with another body, or for another endpoint, is a 409 `idempotency_conflict`. A key longer than 200 characters is a 400 `bad_request` with an `errors` entry at `header:Idempotency-Key`.',
    },
  };
}

/** The `where` parameter: a URL-encoded JSON filter, with the object's fields named. */
export function whereParameter(object: CompiledObject): Parameter {
  const lookups = object.lookupFields.map((f) => `${f.key}.<field>`);
  return queryParameter('where', { type: 'string', contentMediaType: 'application/json', contentSchema: { $ref: '#/components/schemas/Filter' } },
    `A filter as URL-encoded JSON (see the \`Filter\` schema for the language); a problem in it is a 400 \`invalid_filter\` whose \`errors\` point into the parameter (\`?where/score/$gte\`). A condition on a field matches only records on which the caller may read that field (not one hidden while public, not one outside their role's field list); through a lookup (\`hotel.city\`) it reaches only related records on which the caller may read that field, others count as absent. Through a person (\`owner.attributes.team\`), anyone but an administrator may test only the attributes the tenant's roles, views, pools or rules use (400 \`invalid_filter\` otherwise). Fields: ${keyList([...object.fields.keys()])}${lookups.length ? `; through lookups: ${keyList(lookups)}` : ''}. The request line and headers may hold 16 KB: a longer filter (a long \`$in\` list) goes in the body of \`POST /records/${object.key}/query\` (431 \`headers_too_large\` otherwise).`,
    { example: '{"createdAt":{"$gte":"now-7d"}}' });
}

/** `where`, `orderBy`, `limit`, `cursor`, `fields`, `expand` and `count` of a record list. */
export function listParameters(object: CompiledObject): Array<Parameter | Reference> {
  return [
    whereParameter(object),
    orderByParameter(object),
    parameterRef('Limit'),
    parameterRef('Cursor'),
    fieldsParameter(object),
    expandParameter(object),
    parameterRef('Count'),
  ];
}

/**
 * `orderBy` of a list of the object: sortable fields, `-` for descending. `defaultOrder` names
 * another default than `-createdAt`, described by `defaultText` (a private pool's `releaseAt`).
 */
export function orderByParameter(object: CompiledObject, defaultOrder = '-createdAt', defaultText = ''): Parameter {
  const sortable = [...object.fields.values()].filter((f) => !unsortableKinds.has(f.kind)).map((f) => f.key);
  return queryParameter('orderBy', { type: 'string', maxLength: 500, default: defaultOrder },
    `Comma list of up to 5 fields, \`-\` for descending; ties are broken by \`id\`, empty values come last either way. A select or a stage sorts by the order of its options (as the metadata lists them), not alphabetically. ${defaultText}Sortable: ${keyList(sortable)}.`, { example: '-updatedAt' });
}

/** `fields`: which of the object's fields to return. */
export function fieldsParameter(object: CompiledObject): Parameter {
  const custom = object.customFields.map((f) => f.key);
  return queryParameter('fields', { type: 'string' }, `Comma list of fields to return (system fields always come): ${keyList(custom)}.`,
    custom.length ? { example: custom.slice(0, 3).join(',') } : {});
}

/** `expand`: lookups to inline as objects. */
export function expandParameter(object: CompiledObject): Parameter {
  const lookups = [...object.fields.values()].filter((f) => f.target).map((f) => f.key);
  return queryParameter('expand', { type: 'string' },
    `Comma list of lookup fields to inline as \`{ id, …readable fields }\` (one hop), returned even when \`fields\` does not name them: ${keyList(lookups)}.`);
}
