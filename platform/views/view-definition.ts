import { ShoalError, validationFailed, type ProblemItem } from '../errors.ts';
import { parseFilterOrThrow } from '../filter/parse-filter.ts';
import type { CompiledObject } from '../metadata/compile-metadata.ts';
import { parseOrderBy } from '../metadata/order-by.ts';
import { fieldsAllowed, isReadable } from '../records/describe-objects.ts';
import { guardHiddenFields, hiddenFieldsFor } from '../records/read-records.ts';
import type { RecordContext } from '../records/record-context.ts';
import { envelopeParser } from '../validation/ajv.ts';

/** What a personal view shows: the list's filter, order, columns and display. */
export interface ViewDefinition {
  where?: Record<string, unknown>;
  orderBy?: string;
  columns?: string[];
  display?: 'table' | 'kanban';
}

export interface ViewInput {
  label: string;
  definition: ViewDefinition;
}

export interface ViewChange {
  label?: string;
  definition?: ViewDefinition;
}

export const maxLabelLength = 100;
/** A definition is a list's settings, not a document: 64 KB holds any filter the parser accepts in practice. */
const maxDefinitionBytes = 64 * 1024;

const definitionSchema = {
  type: 'object', additionalProperties: false,
  properties: {
    where: { type: 'object' },
    orderBy: { type: 'string', maxLength: 500 },
    columns: { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 200 },
    display: { enum: ['table', 'kanban'] },
  },
};

export const parseViewInput = envelopeParser<ViewInput>({
  type: 'object', required: ['label', 'definition'], additionalProperties: false,
  properties: { label: { type: 'string' }, definition: definitionSchema },
});

export const parseViewChange = envelopeParser<ViewChange>({
  type: 'object', minProperties: 1, additionalProperties: false,
  properties: { label: { type: 'string' }, definition: definitionSchema },
});

export const parseViewOrder = envelopeParser<{ ids: string[] }>({
  type: 'object', required: ['ids'], additionalProperties: false,
  properties: { ids: { type: 'array', uniqueItems: true, maxItems: 1000, items: { type: 'string', format: 'uuid' } } },
});

/**
 * A view's label as stored: trimmed, not blank, at most 100 characters (422 otherwise).
 *
 * @example
 * checkLabel('  我的杭州线索 '); // '我的杭州线索'
 */
export function checkLabel(label: string): string {
  const trimmed = label.trim();
  if (trimmed === '') throw validationFailed([{ path: '/label', message: 'must not be blank' }]);
  if ([...trimmed].length > maxLabelLength) throw validationFailed([{ path: '/label', message: `must be at most ${maxLabelLength} characters` }]);
  return trimmed;
}

/**
 * Checks a view's definition as a list of the object would check the same settings, so a view
 * saved here always opens: `where` through the filter parser (400 `invalid_filter`, pointers into
 * `/definition/where`), `orderBy` and `columns` against the fields the caller may read (400
 * `bad_request`), and a board only where the object has stages (422).
 *
 * @example
 * checkViewDefinition(ctx, lead, { where: { city: 'hangzhou' }, orderBy: '-score', columns: ['name', 'score'] });
 */
export function checkViewDefinition(ctx: RecordContext, object: CompiledObject, definition: ViewDefinition): ViewDefinition {
  if (Buffer.byteLength(JSON.stringify(definition)) > maxDefinitionBytes) {
    throw validationFailed([{ path: '/definition', message: `must be at most ${maxDefinitionBytes / 1024} KB of JSON` }]);
  }
  if (definition.where !== undefined) {
    guardHiddenFields(ctx, object, parseFilterOrThrow(definition.where, object.scope, { basePointer: '/definition/where' }));
  }
  const readable = fieldsAllowed(ctx.policy, object.key, 'read');
  const unreadable = (key: string): string | undefined => {
    const field = object.fields.get(key);
    if (!field) return `${key} is not a field of ${object.key}`;
    return isReadable(field, readable) ? undefined : `${key} is not a field you may read`;
  };
  const problems: ProblemItem[] = [];
  if (definition.orderBy !== undefined) {
    const { keys, errors } = parseOrderBy(definition.orderBy, object.scope);
    // What a list may be sorted on (read-records.ts): a view sorts its list, and a layout's default
    // order may name a field some roles do not read.
    const hiddenWhilePublic = hiddenFieldsFor(ctx, object);
    const hidden = keys.filter((k) => hiddenWhilePublic.has(k.path)).map((k) => `${k.path} cannot be sorted on (hidden while records are public)`);
    problems.push(...[...errors, ...hidden].map((message) => ({ path: '/definition/orderBy', message })));
  }
  (definition.columns ?? []).forEach((key, i) => {
    const message = unreadable(key);
    if (message) problems.push({ path: `/definition/columns/${i}`, message });
  });
  if (problems.length > 0) {
    throw new ShoalError('bad_request', `The view names ${problems.length === 1 ? 'a field' : 'fields'} it cannot show: ${problems.map((p) => p.message).join('; ')}`, { errors: problems });
  }
  if (definition.display === 'kanban' && !object.stageField) {
    throw validationFailed([{ path: '/definition/display', message: `${object.key} has no stages to show as a board` }]);
  }
  return definition;
}
