import type { CompiledMetadata, CompiledObject } from '../../../platform/metadata/compile-metadata.ts';
import { fieldTypeSpecs } from '../../../platform/metadata/field-types.ts';
import { isMomentDefault } from '../../../platform/metadata/field-defaults.ts';
import { startingStages } from '../../../platform/pipelines/stage-requirements.ts';
import type { ModelField } from '../../../platform/metadata/object-model.ts';
import { systemReleaser } from '../../../platform/records/record-shape.ts';
import type { SelectOption } from '../../../platform/metadata/metadata-types.ts';
import { labelTitle, nullable, schemaRef } from './openapi-helpers.ts';
import type { JsonSchema } from './openapi-types.ts';

/** Schema names derived from an object's stem: read shape, create body, update body, list page. */
export const objectSchemaSuffixes = ['', 'Create', 'Update', 'List'] as const;

/** Resolves the schema stem of an object key (for lookups that point at it). */
export type StemOf = (objectKey: string) => string | undefined;

const systemDescriptions: Record<string, string> = {
  id: 'The record id.',
  version: 'Starts at 1 and grows with every change. The `ETag` of the record; send it in `If-Match`.',
  createdAt: 'When the record was created.',
  updatedAt: 'When the record last changed.',
  createdBy: 'The user who created the record.',
  updatedBy: 'The user who last changed the record.',
  owner: 'The owning user. A record in a pool gets and loses its owner only through the pool endpoints (claim, assign, release) and the sweep; null while public. A record outside every pool (of an object without pools, or matching none of its pools) belongs to its creator; a public record an edit or a publish takes out of every pool goes to whoever made the edit (to its creator after a publish), a private one keeps its holder.',
  stageEnteredAt: 'When the record entered its current stage (by `transition`, or its first stage on create). For a record in a won stage: when it was won.',
  pool: 'The key of the pool holding the record (the first pool of the object whose `where` it matches); null when none does (the record is then its `owner`’s, as on an object without pools).',
  poolState: '`public`: in the public pool (公海), anyone allowed may claim it; `private`: held by `owner` (私海).',
  claimedAt: 'When the current owner claimed or was assigned the record; null while public and for a record outside every pool (an edit or a publish that takes a record out of every pool clears it, with `holdExpiresAt`, `releasedAt` and `releaseReason`).',
  holdExpiresAt: 'When the private hold ends and the record returns to the public pool: the claim plus the pool’s `holdDays` and the days it was extended (recomputed under the new pool’s `holdDays` when an edit or a publish moves the record to another pool, and under the pool’s new `holdDays` when a publish changes it); null when the pool has no `holdDays` and for a record outside every pool.',
  lastVisitAt: 'Time of the latest visit recorded for the record.',
  releasedAt: 'When the record was last released to the public pool.',
  releaseReason: 'Why the record was last released: `hold_expired`, `no_visit` or `not_won` (the sweep); one of the reasons the record’s pool offers, by key (its own `releaseReasons`, else `no_interest`, `kp_unreachable`, `competitor_signed` or `wrong_info`; records released before 2026-12-06 may hold the latter’s Chinese or English words); or the words a person or an API client gave.',
  releasedBy: 'Who released the record last: the user, or `system` for a release by the scheduled recycling (the sweep); null while the record was never released (or since it was claimed or assigned again).',
};

/** The read shape, create body, update body and list page of one object. */
export function objectSchemas(compiled: CompiledMetadata, object: CompiledObject, stem: string, stemOf: StemOf): Record<string, JsonSchema> {
  const title = labelTitle(object.label, object.key);
  const description = object.definition.description ? labelTitle(object.definition.description, '') : undefined;
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const field of object.fields.values()) {
    if (field.system) {
      properties[field.key] = systemFieldSchema(field);
      if (!field.readsAs) required.push(field.key);
    } else {
      properties[field.key] = readFieldSchema(compiled, object, field, stemOf);
    }
  }
  return {
    [stem]: {
      type: 'object',
      title,
      description: `${description ? `${description}\n\n` : ''}A ${title} record: system fields, then the object's fields. Fields the caller may not read are absent (not null); readable empty fields are null.`,
      required,
      properties,
      'x-shoal-object': object.key,
    },
    [`${stem}Create`]: createSchema(compiled, object, title),
    [`${stem}Update`]: updateSchema(compiled, object, title),
    [`${stem}List`]: {
      type: 'object',
      title: `A page of ${labelTitle(object.pluralLabel, object.key)}`,
      required: ['data', 'nextCursor'],
      properties: {
        data: { type: 'array', items: schemaRef(stem) },
        nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page; null on the last page.' },
        total: { type: 'integer', minimum: 0, description: 'Every matching record (only with `count=true`).' },
        skipped: { type: 'integer', minimum: 0, description: 'With `linkable`: the records this page read and left out (you may not create that record on them).' },
      },
      additionalProperties: false,
    },
  };
}

function systemFieldSchema(field: ModelField): JsonSchema {
  let schema: JsonSchema;
  switch (field.kind) {
    case 'uuid': schema = { type: 'string', format: 'uuid' }; break;
    case 'number': schema = { type: 'integer', minimum: 1 }; break;
    case 'timestamp': schema = { type: 'string', format: 'date-time' }; break;
    default: schema = field.options ? { type: 'string', enum: [...field.options] } : { type: 'string' };
  }
  const told = field.readsAs ? ` It tells what the pools' \`where\` tests, so it is absent where the caller may not read ${field.readsAs.map((k) => `\`${k}\``).join(', ')}.` : '';
  const notes = { title: labelTitle(field.label, field.key), description: `${systemDescriptions[field.key] ?? 'Set by the system.'}${told}`, readOnly: true };
  if (field.target === 'user') {
    const system = field.key === 'releasedBy' ? [{ type: 'string', const: systemReleaser }] : [];
    return { ...notes, description: `${notes.description} With \`expand=${field.key}\`: \`{ id, name, email }\`.`, anyOf: [schema, ...system, schemaRef('UserRef'), { type: 'null' }] };
  }
  return field.notNull ? { ...schema, ...notes } : nullable({ ...schema, ...notes });
}

/** JSON Schema of a field's non-null value (the validator's, or the type's for generated fields). */
function valueSchema(compiled: CompiledMetadata, object: CompiledObject, field: ModelField): JsonSchema {
  if (field.type === 'stage') return field.options?.length ? { type: 'string', enum: [...field.options] } : { type: 'string' };
  const fromValidator = object.validator.valueSchema(field.key);
  if (fromValidator) return { ...fromValidator };
  const definition = field.definition!;
  return { ...fieldTypeSpecs[definition.type].valueSchema(definition) };
}

function annotations(compiled: CompiledMetadata, object: CompiledObject, field: ModelField, mode: 'read' | 'write'): JsonSchema {
  const definition = field.definition!;
  const notes: string[] = [];
  if (definition.description) notes.push(labelTitle(definition.description, ''));
  const options = optionNotes(compiled, object, field);
  if (options) notes.push(options);
  if (definition.type === 'currency') notes.push(`Amount${definition.currency ? ` in ${definition.currency}` : ''}, at most ${definition.scale ?? 2} decimal places.`);
  if (definition.type === 'decimal' || definition.type === 'percent') notes.push(`At most ${definition.scale ?? (definition.type === 'percent' ? 2 : 6)} decimal places.`);
  if (definition.type === 'lookup') {
    const target = definition.object === 'user' ? 'a user' : `a ${definition.object} record`;
    notes.push(mode === 'read' ? `The id of ${target}; with \`expand=${field.key}\` the related record itself (\`{ id, …readable fields }\`).` : `The id of ${target}.`);
    if (definition.onDelete === 'clear') notes.push('Cleared when the related record is deleted.');
  }
  if (definition.type === 'autonumber') notes.push(`Assigned on create${definition.format ? ` (format \`${definition.format}\`)` : ''}.`);
  if (definition.type === 'stage') notes.push(mode === 'read' ? 'Changes only through the `transition` endpoint.' : 'The initial stage: an open stage, with the fields it (and the open stages before it) require (default: the pipeline’s first open stage); won and lost stages, and stages that create a record, are entered through `transition`. An administrator (a role with full access) may create a record at any stage, to bring records in from elsewhere; nothing is converted then.');
  if (definition.notBefore) notes.push(`Not earlier than \`${definition.notBefore}\` (a write that makes it so is a 422 at this field, or at \`${definition.notBefore}\` when the write changed only that one).`);
  if (definition.unique) notes.push(`Unique among ${object.key} records.`);
  if (definition.required) notes.push('Required.');
  if (definition.readOnly) notes.push('Read-only after create.');
  return {
    title: labelTitle(field.label, field.key),
    ...(notes.length > 0 ? { description: notes.join(' ') } : {}),
    'x-shoal-type': definition.type,
  };
}

function optionNotes(compiled: CompiledMetadata, object: CompiledObject, field: ModelField): string | undefined {
  const definition = field.definition!;
  let options: Array<{ value: string; label?: SelectOption['label'] }> | undefined;
  if (definition.type === 'select' || definition.type === 'multiselect') {
    options = (definition.options ?? []).map((o) => (typeof o === 'string' ? { value: o } : o));
  } else if (definition.type === 'stage' && object.pipelineKey) {
    options = (compiled.document.pipelines?.[object.pipelineKey]?.stages ?? []).map((s) => ({ value: s.key, ...(s.label ? { label: s.label } : {}) }));
  }
  if (!options?.some((o) => o.label)) return undefined;
  return `Options: ${options.map((o) => `\`${o.value}\`${o.label ? ` ${labelTitle(o.label, o.value)}` : ''}`).join('; ')}.`;
}

function readFieldSchema(compiled: CompiledMetadata, object: CompiledObject, field: ModelField, stemOf: StemOf): JsonSchema {
  const notes = annotations(compiled, object, field, 'read');
  const readOnly = field.type === 'autonumber' || field.definition?.readOnly === true ? { readOnly: true } : {};
  if (field.type === 'lookup') {
    const target = field.target === 'user' ? 'UserRef' : field.target ? stemOf(field.target) : undefined;
    const id = { type: 'string', format: 'uuid' };
    return { ...notes, ...readOnly, anyOf: [id, ...(target ? [schemaRef(target)] : []), { type: 'null' }] };
  }
  return nullable({ ...valueSchema(compiled, object, field), ...notes, ...readOnly });
}

/** The value schema of a writable field in a request body: nullable unless required. */
function writeFieldSchema(compiled: CompiledMetadata, object: CompiledObject, field: ModelField, withDefault: boolean): JsonSchema {
  const definition = field.definition!;
  const schema: JsonSchema = { ...valueSchema(compiled, object, field), ...annotations(compiled, object, field, 'write') };
  // A new record starts in an open stage that converts nothing; the others are entered by `transition`
  // (an administrator may create at any stage, to bring records in), so the words say which.
  if (withDefault && field.type === 'stage' && object.pipelineKey) {
    const pipeline = compiled.document.pipelines?.[object.pipelineKey];
    const starts = pipeline ? startingStages(pipeline).map((s) => `\`${s.key}\``) : [];
    if (starts.length > 0) schema.description = `${schema.description ? `${schema.description} ` : ''}A new record may start in ${starts.join(', ')}.`;
  }
  // The stage of a new record is the given one or the first open stage; a field default does not
  // apply. The default is told in words and as `x-shoal-default`, not with `default`: generators
  // (openapi-typescript) would make the property required in the generated type.
  if (withDefault && definition.default !== undefined && field.type !== 'stage') {
    const told = !isMomentDefault(definition) ? `\`${JSON.stringify(definition.default)}\``
      : field.type === 'date' ? `the day the record is created, in the tenant's time zone (${compiled.timeZone})` : 'the moment the record is created';
    schema.description = `${schema.description ? `${schema.description} ` : ''}Default: ${told}.`;
    schema['x-shoal-default'] = definition.default;
  }
  return definition.required ? schema : nullable(schema);
}

function isGenerated(field: ModelField): boolean {
  return !field.definition || fieldTypeSpecs[field.definition.type]?.generated === true;
}

function createSchema(compiled: CompiledMetadata, object: CompiledObject, title: string): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    id: { type: 'string', format: 'uuid', description: 'Optional: choose the new record’s id (e.g. to make retries safe without `Idempotency-Key`).' },
  };
  const required: string[] = [];
  for (const field of object.customFields) {
    if (isGenerated(field)) continue;
    properties[field.key] = writeFieldSchema(compiled, object, field, true);
    if (field.definition?.required && field.definition.default === undefined) required.push(field.key);
  }
  return {
    type: 'object',
    title: `New ${title}`,
    description: 'The fields of a new record. System fields and generated fields are set by the server; a field your roles may not write is a 403 `field_forbidden`.',
    ...(required.length > 0 ? { required } : {}),
    properties,
    additionalProperties: false,
  };
}

function updateSchema(compiled: CompiledMetadata, object: CompiledObject, title: string): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const field of object.customFields) {
    if (!object.writableFields.has(field.key) || field.definition?.readOnly) continue;
    properties[field.key] = writeFieldSchema(compiled, object, field, false);
  }
  return {
    type: 'object',
    title: `Changes to a ${title}`,
    description: 'A partial update: only the fields given change; `null` clears a field (required fields cannot be cleared). A field your roles may not write, or one its pool hides until the record is claimed (`hiddenWhilePublic`, unless you administer the pool), is a 403 `field_forbidden`.',
    properties,
    additionalProperties: false,
  };
}
