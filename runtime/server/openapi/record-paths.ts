import type { CompiledMetadata, CompiledObject } from '../../../platform/metadata/compile-metadata.ts';
import { emptyResponse, headerRef, jsonBody, jsonResponse, labelTitle, locationHeader, parameterRef, queryParameter, schemaRef } from './openapi-helpers.ts';
import { expandParameter, fieldsParameter, listParameters, whereParameter } from './list-parameters.ts';
import type { Paths, Response } from './openapi-types.ts';
import { problems, readProblems, writeProblems } from './problem-responses.ts';

/** How an object appears in the document: its schema stem and its tag. */
export interface ObjectNaming {
  object: CompiledObject;
  stem: string;
  tag: string;
}

/** The operation ids `recordPaths` gives an object with schema stem `stem`. */
export function recordOperationIds(stem: string): string[] {
  return ['list', 'query', 'create', 'get', 'update', 'delete', 'restore', 'bulk', 'aggregate', 'import', 'transition']
    .map((verb) => `${verb}${stem}`)
    .concat(`get${stem}History`, `export${stem}Csv`);
}

/** A record in the body, its version in `ETag` (for the next `If-Match`). */
export function recordResponse(stem: string, description: string): Response {
  return jsonResponse(description, schemaRef(stem), { ETag: headerRef('ETag') });
}

/**
 * The records endpoints of one object: list, query, create, get, update, delete, restore,
 * history, bulk, aggregate; CSV import/export with the `import` component; the transition
 * when the object has a pipeline.
 */
export function recordPaths(compiled: CompiledMetadata, { object, stem, tag }: ObjectNaming): Paths {
  const base = `/records/${object.key}`;
  const title = labelTitle(object.label, object.key);
  const plural = labelTitle(object.pluralLabel, object.key);
  const tags = [tag];
  const paths: Paths = {
    [base]: {
      get: {
        operationId: `list${stem}`, tags, summary: `List ${plural}`,
        description: 'Records the caller may read, filtered and sorted, one keyset page at a time.',
        parameters: [...listParameters(object), queryParameter('linkable', { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9]*\\.[A-Za-z][A-Za-z0-9]*$' },
          `\`object.lookup\` of a lookup to ${object.key} (e.g. \`visit.lead\`): only the records you may create such a record on, as \`Shoal-Creatable\` would name it (a new record's picker). A page reads at most five times \`limit\` records; \`skipped\` says how many of them it left out, and \`nextCursor\` goes on after the last one read. Not with \`count\`.`)],
        responses: { 200: jsonResponse('A page of records', schemaRef(`${stem}List`)), ...problems(...readProblems) },
      },
      post: {
        operationId: `create${stem}`, tags, summary: `Create a ${title}`,
        parameters: [parameterRef('IdempotencyKey')],
        requestBody: jsonBody(schemaRef(`${stem}Create`)),
        responses: {
          201: jsonResponse('The new record', schemaRef(stem), {
            ETag: headerRef('ETag'),
            Location: locationHeader('the new record'),
          }),
          ...problems(...writeProblems, [409, 'duplicate', 'idempotency_conflict', 'metadata_changed']),
        },
      },
    },
    [`${base}/query`]: {
      post: {
        operationId: `query${stem}`, tags, summary: `List ${plural} (filter in the body)`,
        description: 'The list, with its parameters in the body — for filters too long for a URL.',
        requestBody: jsonBody(schemaRef('ListQuery')),
        responses: { 200: jsonResponse('A page of records', schemaRef(`${stem}List`)), ...problems(400, 401, 404, 413, 415, 503) },
      },
    },
    [`${base}/{id}`]: {
      get: {
        operationId: `get${stem}`, tags, summary: `Get a ${title}`,
        parameters: [parameterRef('RecordId'), parameterRef('IfNoneMatch'), fieldsParameter(object), expandParameter(object),
          queryParameter('include', { type: 'string', enum: ['creatable'] }, '`creatable`: also send `Shoal-Creatable`, the related records you may create pointing at this one (a screen offering "Add visit" asks; it costs a permission check per related object).')],
        responses: {
          200: jsonResponse('The record', schemaRef(stem), { ETag: headerRef('ETag'), Allow: headerRef('Allow'), 'Shoal-Creatable': headerRef('ShoalCreatable') }),
          304: emptyResponse('Not modified: the record is still at the version `If-None-Match` names', { ETag: headerRef('ETag'), Allow: headerRef('Allow') }),
          ...problems(...readProblems),
        },
      },
      patch: {
        operationId: `update${stem}`, tags, summary: `Update a ${title}`,
        description: 'A partial update; `null` clears a field. With `If-Match`, only if the record is still at that version.',
        parameters: [parameterRef('RecordId'), parameterRef('IfMatch')],
        requestBody: jsonBody(schemaRef(`${stem}Update`)),
        responses: { 200: recordResponse(stem, 'The updated record'), ...problems(...writeProblems, [409, 'duplicate', 'metadata_changed'], 412) },
      },
      delete: {
        operationId: `delete${stem}`, tags, summary: `Delete a ${title}`,
        description: 'A soft delete: the record is hidden from lists and can be restored. Records that refer to it with `onDelete: restrict` block it (409 `referenced`). With `If-Match`, only if the record is still at that version.',
        parameters: [parameterRef('RecordId'), parameterRef('IfMatch')],
        responses: { 204: emptyResponse('Deleted'), ...problems(400, 401, 403, 404, [409, 'referenced', 'metadata_changed'], 412, 503) },
      },
    },
    [`${base}/{id}/restore`]: {
      post: {
        operationId: `restore${stem}`, tags, summary: `Restore a deleted ${title}`,
        description: 'A record that is not deleted (e.g. on a retry) is a 409 `conflict`; a restore that would repeat a unique value of a live record, 409 `duplicate`; one whose lookup points at a record deleted since (a visit whose lead was deleted after it), 409 `refers_to_deleted` with an error per such field (`path` the field, `message` naming the deleted target): restore the target first.',
        parameters: [parameterRef('RecordId')],
        responses: { 200: recordResponse(stem, 'The restored record'), ...problems(400, 401, 403, 404, [409, 'conflict', 'duplicate', 'refers_to_deleted', 'metadata_changed'], 503) },
      },
    },
    [`${base}/{id}/history`]: {
      get: {
        operationId: `get${stem}History`, tags, summary: `History of a ${title}`,
        description: 'Every create, update, delete, restore, stage transition, claim, release, assignment and extension, newest first.',
        parameters: [
          parameterRef('RecordId'),
          queryParameter('limit', { type: 'integer', minimum: 1, maximum: 500, default: 100 }, 'Entries per page.'),
          parameterRef('Cursor'),
        ],
        responses: { 200: jsonResponse('History entries', schemaRef('History')), ...problems(...readProblems) },
      },
    },
    [`${base}/bulk`]: {
      post: {
        operationId: `bulk${stem}`, tags, summary: `Create, update, upsert or delete up to 1000 ${plural}`,
        description: 'Per record results; with `atomic: true` all or nothing. With `Idempotency-Key`, a retried call answers the first call’s results instead of writing again.',
        parameters: [parameterRef('IdempotencyKey')],
        requestBody: jsonBody(schemaRef('BulkRequest')),
        responses: { 200: jsonResponse('One result per record', schemaRef('BulkResult')), ...problems(...writeProblems, 409) },
      },
    },
    [`${base}/aggregate`]: {
      post: {
        operationId: `aggregate${stem}`, tags, summary: `Aggregate ${plural}`,
        description: '`count`, `sum`, `avg`, `min`, `max` over the records the caller may read, grouped and filtered. At most `limit` groups (default 1000, at most 5000) come back; `truncated: true` says more matched and were left out. There is no cursor: raise `limit` or narrow `where`.',
        requestBody: jsonBody(schemaRef('AggregateRequest')),
        responses: { 200: jsonResponse('One row per group', schemaRef('AggregateResult')), ...problems(400, 401, 404, 413, 415, 503) },
      },
    },
  };
  if (compiled.has('import')) Object.assign(paths, csvPaths(object, stem, tags, plural));
  if (object.pipelineKey && object.stageField) Object.assign(paths, transitionPath(object, stem, tags, title));
  return paths;
}

function csvPaths(object: CompiledObject, stem: string, tags: string[], plural: string): Paths {
  const base = `/records/${object.key}`;
  const csv = { schema: { type: 'string' } };
  return {
    [`${base}/import`]: {
      post: {
        operationId: `import${stem}`, tags, summary: `Import ${plural} from CSV`,
        description: 'A background job (follow it at `GET /jobs/{job}`, also in `Location`). The header row names the fields by key or label; per-row errors are reported on the job (a bad cell quoted up to 60 characters). '
          + 'Each row is written as the caller would write it by hand (the create or update rules) and within the `import` rules: a row whose record is, or would become, outside their conditions, or that writes a field their lists leave out, is a row error. '
          + 'A lookup may name its record by title, matched among the records whose title the caller may read. A cell that an export guarded against spreadsheet formulas (a `\'` before `=`, `+`, `-`, `@`, tab or carriage return) is read without that quote. A date and time without an offset (`2026-12-06 14:30`, `2026/12/6 9:05`, or a date alone) is on the tenant’s clock; one with `Z` or an offset is that instant. '
          + 'A row with an `id` (or matched by `upsertKey`) updates that record: its stage, autonumbers and read-only fields, which updates never write, are no change where the file has the record’s own values (an export imported back) and a row error where it changes them. A row that changes nothing counts in the job’s `unchanged`. '
          + 'A `version` column (an export’s) is the condition of a row that updates by `id`, as `If-Match` is of a PATCH: a row whose record has changed since (another version) is not written but a row error with `code` `version_mismatch` (export again), so importing an edited export cannot undo changes made after it was exported; an empty cell updates without the condition. With `upsertKey` the `version` column is skipped, as other system columns always are. '
          + 'Upserts by the same value of `upsertKey` at the same time (two imports, or an import and a bulk upsert) take turns: the second one finds and updates the record the first one created. '
          + 'Files up to 512 MB, rows up to 2 MB each: a longer row (or a quote left open) is refused with 413. The file is UTF-8 (a byte-order mark is fine) or GBK (GB18030), which Excel on a Chinese Windows writes as “CSV”: the first megabyte decides, and GBK is read as the Chinese it is. A file in neither (or UTF-8 with a few bytes of another encoding) is refused with 400 naming the first row that is not UTF-8; one whose first megabyte is plain ASCII is taken as UTF-8.',
        parameters: [queryParameter('upsertKey', { type: 'string' }, 'Update the record whose value of this (best unique) field matches, instead of creating one. Only records the caller may read, with that field, are matched; for the others a row is a create.')],
        requestBody: { required: true, content: { 'text/csv': csv, 'application/csv': csv, 'text/plain': csv } },
        responses: {
          202: jsonResponse('The job was queued', schemaRef('ImportAccepted'), { Location: locationHeader('the job') }),
          ...problems(...writeProblems),
        },
      },
    },
    [`${base}/export.csv`]: {
      get: {
        operationId: `export${stem}Csv`, tags, summary: `Export ${plural} as CSV`,
        description: 'Streams every matching record the caller may read (UTF-8 with BOM, opens in Excel). Needs the `export` action, and only what its rules allow is written: records meeting one of their conditions, the fields they list (a cell a field list does not allow for its record is empty). '
          + 'Against CSV injection (OWASP), a text cell (or header) that a spreadsheet would take for a formula — starting with `=`, `+`, `-`, `@`, a tab or a carriage return, e.g. `=HYPERLINK(…)` or a phone number `+86 …` — is written with a leading `\'`, and so is text already starting with such quotes before one of those; '
          + 'numbers stay numbers (`-5`). The import removes that one quote, so an exported file imported back gives the values it was written from.',
        parameters: [
          whereParameter(object),
          queryParameter('orderBy', { type: 'string', maxLength: 500, default: '-createdAt' }, 'Comma list of fields, `-` for descending.'),
          queryParameter('fields', { type: 'string' }, 'Comma list of the fields to write (default: every readable field), in the document’s order after the system columns (id, version, created, updated, owner and, for a pool’s records, its pool columns).'),
          queryParameter('columns', { type: 'string' }, 'Comma list of the columns in the order to write them, system fields too (a list’s columns as on screen, e.g. `name,owner,stage`); `id` and `version`, which an import of the file back updates by, come first. Not with `fields`.'),
          queryParameter('header', { type: 'string', enum: ['keys', 'labels'] }, '`keys` (default): columns by field key, values as the API stores them (option keys, ids). `labels`: written for people — columns by label, options and stages by label, yes/no, lookups by their record’s title, people by name, dates and times on the tenant’s clock (`2026-12-06 14:30:00`). The file is named `<object>-<the tenant’s date>.csv`. The import reads either back; its `id` and `version` say which record a row updates and at which version (a record changed since is a row error), other system columns (owner, pool …) are skipped there.'),
          queryParameter('lang', { type: 'string', enum: ['en', 'zh'] }, 'The language of `labels` (default the tenant’s).'),
        ],
        responses: { 200: { description: 'CSV', content: { 'text/csv': csv } }, ...problems(...readProblems, 403) },
      },
    },
  };
}

function transitionPath(object: CompiledObject, stem: string, tags: string[], title: string): Paths {
  const stages = object.stageField?.options ?? [];
  return {
    [`/records/${object.key}/{id}/transition`]: {
      post: {
        operationId: `transition${stem}`, tags, summary: `Move a ${title} to another stage`,
        description: `Pipeline \`${object.pipelineKey}\`. Refused with 422 when the pipeline forbids the move or the target stage's required fields are empty (listed in \`errors\`): its own \`requires\` and those of every open stage before it, so a move that skips a stage still needs what that stage asks for; a lost stage asks only for its own. Entering a converting stage also creates the linked record (\`$created\`), with the fields its \`creates\` map copies; its only lookup to this object points at this record unless the map fills that lookup. With \`If-Match\`, the move (and the values saved with it) happens only if the record is still at that version (412 otherwise).`,
        parameters: [parameterRef('RecordId'), parameterRef('IfMatch')],
        requestBody: jsonBody({
          type: 'object', required: ['to'], additionalProperties: false,
          properties: {
            to: { type: 'string', ...(stages.length ? { enum: [...stages] } : {}), description: 'The target stage.' },
            note: { type: 'string', maxLength: 4000, description: 'Why; required by some stages (e.g. lost).' },
            values: { ...schemaRef(`${stem}Update`), description: 'Values for the target stage’s required fields, saved with the move.' },
          },
        }),
        responses: {
          200: jsonResponse('The record in its new stage', {
            allOf: [schemaRef(stem), { type: 'object', properties: { $created: schemaRef('TransitionCreated') } }],
          }, { ETag: headerRef('ETag') }),
          ...problems(...writeProblems, 409, 412),
        },
      },
    },
  };
}
