import type { CompiledMetadata, CompiledObject } from '../../../platform/metadata/compile-metadata.ts';
import type { ModelField } from '../../../platform/metadata/object-model.ts';
import type { JsonSchema } from './openapi-types.ts';

/** Filters in a tenant's own fields, on one of its objects, that its metadata accepts. */
export interface FilterExamples {
  object: string;
  /** The first combines the language's parts; the others show one part each. */
  filters: Array<Record<string, unknown>>;
  /** Won this month, by the object's won stage (if its pipeline has one). */
  won?: Record<string, unknown>;
  /** The private records of the object's first pool (if it has one). */
  privateOfPool?: Record<string, unknown>;
  /** One choice field equal to one of its options (if it has such a field). */
  equals?: Record<string, unknown>;
}

const genericParts = {
  won: { stage: 'signed', stageEnteredAt: { $gte: 'startOfMonth' } },
  privateOfPool: { pool: 'leadPool', poolState: 'private' },
  equals: { city: 'beijing' },
};

const genericExample = `{ "stage": "qualified",
  "score": { "$gte": 50, "$lt": 90 },
  "city": { "$in": ["beijing", "shanghai"] },
  "$or": [ { "name": { "$contains": "hotel" } }, { "hotel.stars": { "$gte": 4 } } ],
  "lastVisitAt": { "$lt": "now-15d" },
  "owner": "$user.id" }`;

const genericExamples = [
  { stage: 'new' },
  { score: { $gte: 50, $lt: 90 }, city: { $in: ['beijing', 'shanghai'] } },
  { $or: [{ name: { $contains: 'hotel' } }, { 'hotel.stars': { $gte: 4 } }] },
  { lastVisitAt: { $lt: 'now-15d' }, owner: '$user.id' },
  { tags: { $any: ['vip', 'chain'] } },
];

/**
 * Examples an integrator can send as they are: on the tenant's first object with a pipeline (else
 * its first object), with its choice, number, text and lookup fields, so the reference page shows
 * no field the tenant does not have. Undefined for a tenant without objects.
 */
export function filterExamples(compiled: CompiledMetadata): FilterExamples | undefined {
  const objects = [...compiled.objects.values()];
  const object = objects.find((o) => o.pipelineKey) ?? objects[0];
  if (!object) return undefined;
  const fields = object.customFields;
  const choice = fields.find((f) => f.kind === 'text' && f.options?.length);
  const number = fields.find((f) => f.kind === 'number');
  const text = fields.find((f) => f.kind === 'text' && !f.options);
  const multi = fields.find((f) => f.kind === 'multi' && f.options?.length);
  const choiceOf = (f: ModelField) => ({ [f.key]: { $in: f.options!.slice(0, 2) } });
  const either = [
    ...(text ? [{ [text.key]: { $contains: 'a' } }] : []),
    ...throughLookup(compiled, object),
  ];
  const parts = [
    ...(choice ? [choiceOf(choice)] : []),
    ...(number ? [{ [number.key]: { $gte: 1 } }] : []),
    ...(either.length > 1 ? [{ $or: either }] : []),
    { createdAt: { $gte: 'now-30d' }, owner: '$user.id' },
    ...(multi ? [{ [multi.key]: { $any: multi.options!.slice(0, 2) } }] : []),
  ];
  const wonStage = object.pipelineKey ? compiled.document.pipelines?.[object.pipelineKey]?.stages.find((st) => st.kind === 'won') : undefined;
  const pool = Object.entries(compiled.document.pools ?? {}).find(([, p]) => p.object === object.key)?.[0];
  return {
    object: object.key, filters: [Object.assign({}, ...parts), ...parts],
    ...(wonStage && object.stageField ? { won: { [object.stageField.key]: wonStage.key, stageEnteredAt: { $gte: 'startOfMonth' } } } : {}),
    ...(pool ? { privateOfPool: { pool, poolState: 'private' } } : {}),
    ...(choice ? { equals: { [choice.key]: choice.options![0] } } : {}),
  };
}

/** A condition through the object's first lookup to another object (`hotel.roomCount`), if any. */
function throughLookup(compiled: CompiledMetadata, object: CompiledObject): Array<Record<string, unknown>> {
  for (const lookup of object.lookupFields) {
    const target = lookup.target ? compiled.objects.get(lookup.target) : undefined;
    const field = target?.customFields.find((f) => f.kind === 'number') ?? target?.customFields.find((f) => f.kind === 'text' && !f.options);
    if (field) return [{ [`${lookup.key}.${field.key}`]: field.kind === 'number' ? { $gte: 1 } : { $contains: 'a' } }];
  }
  return [];
}

/** A filter as JSON on one line, spaced as the language's text writes it: `{ "pool": "leadPool", "poolState": "private" }`. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value && typeof value === 'object') return `{ ${Object.entries(value).map(([key, v]) => `${JSON.stringify(key)}: ${inline(v)}`).join(', ')} }`;
  return JSON.stringify(value);
}

/** A filter as JSON with each top-level condition on its own line, as the language's example reads. */
function oneKeyALine(filter: Record<string, unknown>): string {
  return `{ ${Object.entries(filter).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(',\n  ')} }`;
}

/** The filter language, as Markdown: one text for the `Filter` schema and the document intro. */
export function filterLanguage(examples?: FilterExamples): string {
  const example = examples ? `On \`${examples.object}\` records of this tenant, for example:

\`\`\`json
${oneKeyALine(examples.filters[0]!)}
\`\`\`` : `\`\`\`json
${genericExample}
\`\`\``;
  // The tenant's own stage, pool and option where it has them (a gym has no 'signed' stage, no 'leadPool').
  const parts = examples ?? genericParts;
  const equals = parts.equals;
  const said = [
    ...(parts.won ? [`won this month is \`${inline(parts.won)}\``] : []),
    ...(parts.privateOfPool ? [`the private records of one pool \`${inline(parts.privateOfPool)}\``] : []),
  ];
  const fieldExamples = said.length > 0 ? `: ${said.join(', ')}` : '';
  return `A JSON tree in the MongoDB/CASL style. The same language is used by API filters, saved views,
permission conditions, pool visibility and assignment rules.

${example}

- **Fields** are the object's field keys and system fields (\`id\`, \`owner\`, \`createdAt\`, …, on objects
  with a pipeline \`stageEnteredAt\`, and on pool objects \`pool\`, \`poolState\`, \`holdExpiresAt\`, …)${fieldExamples}. \`a.b\` follows the lookup field \`a\` into the related
  object's field \`b\` (one hop).
- **Operators:** \`$eq\`${equals ? ` (implicit: \`${inline(equals)}\`)` : ''}, \`$ne\`, \`$gt\`, \`$gte\`, \`$lt\`, \`$lte\`, \`$in\`, \`$nin\`,
  \`$contains\` (case-insensitive substring), \`$startsWith\`, \`$null\` (\`true\` | \`false\`; \`null\` as a value, also in an \`$in\` or \`$nin\` list, means empty); multi-select fields
  also take \`$all\` and \`$any\`. Combine with \`$and\`, \`$or\` (arrays of filters) and \`$not\` (a filter).
  Several keys in one object are ANDed.
- **Dates:** date and date-time values accept ISO strings and \`now\`, \`today\`, \`yesterday\`, \`tomorrow\`,
  \`startOfWeek\`, \`startOfMonth\`, \`startOfYear\`, each optionally shifted: \`now-15d\`, \`now+2h\`,
  \`startOfMonth-1M\` (units \`s m h d w M y\`). The relative ones are in the tenant's time zone (\`today\` is
  its midnight); a fixed date-time without a zone, or a bare date given for a date-time field, is UTC, so
  send the offset for a local time: \`"2026-12-06T00:00:00+08:00"\`.
- **Variables:** \`$user.id\`, \`$user.roles\`, \`$user.attributes.<key>\` are replaced with the caller's values.
- **Checks:** every value is checked against its field's type. A bad field name, operator or value is a
  400 \`invalid_filter\` whose \`errors\` give the JSON pointer of each offending node. Limits: depth 10,
  200 conditions, 1000 values per list.

In a query string, send the filter URL-encoded: \`?where=%7B%22stage%22%3A%22new%22%7D\`. For long filters
use \`POST …/query\` with the filter in the body.`;
}

/** The `Filter` schema: an open object documented by the language above, with examples in the tenant's fields. */
export function filterSchema(examples?: FilterExamples): JsonSchema {
  return {
    type: 'object',
    title: 'Filter',
    description: filterLanguage(examples),
    additionalProperties: true,
    examples: examples?.filters ?? genericExamples,
  };
}
