import type { FieldKind, FilterFieldInfo } from './filter-builder-types.ts';
import type { RowOperator } from './filter-model.ts';

const ordering: RowOperator[] = ['$gt', '$gte', '$lt', '$lte'];
const equality: RowOperator[] = ['$eq', '$ne', '$in', '$nin'];

/** Every operator the filter language accepts on a kind of field (as the server's parser does). */
const acceptedByKind: Record<FieldKind, RowOperator[]> = {
  text: [...equality, '$contains', '$startsWith', ...ordering, '$null'],
  number: [...equality, ...ordering, '$null'],
  boolean: ['$eq', '$ne', '$null'],
  date: [...equality, ...ordering, '$null'],
  datetime: [...equality, ...ordering, '$null'],
  timestamp: [...equality, ...ordering, '$null'],
  uuid: [...equality, '$null'],
  reference: [...equality, '$null'],
  multi: ['$any', '$all', ...equality, '$null'],
  textArray: ['$eq', '$ne', '$any', '$all', '$in', '$nin', '$null'],
  json: [...equality, '$contains', '$startsWith', ...ordering, '$any', '$all', '$null'],
};

/** Operators the language accepts on this field; a row with another one stays raw JSON. */
export function acceptedOperators(field: FilterFieldInfo): RowOperator[] {
  return acceptedByKind[field.kind] ?? [];
}

/** The operators offered in the menu: the accepted ones that make sense for the field. */
export function offeredOperators(field: FilterFieldInfo): RowOperator[] {
  if (field.options && field.kind === 'text') return ['$eq', '$ne', '$in', '$nin', '$null'];
  if (field.options && field.kind === 'multi') return ['$any', '$all', '$nin', '$null'];
  return acceptedOperators(field);
}

export function defaultOperator(field: FilterFieldInfo): RowOperator {
  if (field.kind === 'multi') return '$any';
  if (field.kind === 'text' && !field.options) return '$contains';
  return '$eq';
}

export const dateKinds: ReadonlySet<FieldKind> = new Set(['date', 'datetime', 'timestamp']);
