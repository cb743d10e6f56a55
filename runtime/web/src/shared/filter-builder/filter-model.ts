import type { FilterJson } from './filter-builder-types.ts';

/**
 * The builder's editable form of a filter: groups of rows. A group is either a conjunction
 * written as one JSON object (`form: 'object'`, its rows merge into the object's keys) or an
 * explicit `$and` / `$or` list (`form: 'array'`). Whatever has no row form stays a raw item.
 */
export type Conjunction = 'and' | 'or';

export const rowOperators = [
  '$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$contains', '$startsWith', '$null', '$all', '$any',
] as const;
export type RowOperator = (typeof rowOperators)[number];

export interface FilterRow {
  type: 'row';
  id: string;
  /** Field path, '' while the user has not picked one. */
  field: string;
  op: RowOperator;
  value: unknown;
  /** `{ city: 'x' }` rather than `{ city: { $eq: 'x' } }`; kept so the JSON round-trips. */
  bare?: boolean;
}

export interface FilterGroup {
  type: 'group';
  id: string;
  conjunction: Conjunction;
  /** How an AND group is written: merged into one object, or as a `$and` list. */
  form: 'object' | 'array';
  children: FilterItem[];
}

export interface FilterRaw {
  type: 'raw';
  id: string;
  json: FilterJson;
}

export type FilterItem = FilterRow | FilterGroup | FilterRaw;

let counter = 0;

/** A key for React lists; unique within the page. */
export function newItemId(): string {
  counter += 1;
  return `fi${counter}`;
}

export function emptyRoot(): FilterGroup {
  return { type: 'group', id: newItemId(), conjunction: 'and', form: 'object', children: [] };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ $gte: 1, $lt: 5 }`: a non-empty object whose keys are all operators. */
export function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

export const listOperators: ReadonlySet<RowOperator> = new Set(['$in', '$nin', '$all', '$any']);

/** A `$user.*` variable as the filter language knows them. */
export const userVariablePattern = /^\$user\.(id|email|name|roles|managerId|attributes\.[A-Za-z_][A-Za-z0-9_-]{0,63})$/;

export function isVariable(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('$user.');
}
