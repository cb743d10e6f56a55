import type { FilterNode, LeafNode } from './filter-ast.ts';
import type { FilterField, FilterScope } from './filter-fields.ts';
import { compareValues } from './filter-values.ts';
import { leafMatchesEmpty, resolveLeafValues, type FilterContext, type Scalar } from './resolve-operand.ts';

/** A row as the evaluator reads it: the flat record shape of the API, or a user. */
export type Row = Record<string, unknown>;

export interface EvaluationContext extends FilterContext {
  /** Finds the row a lookup points at (`hotel.city`, `owner.attributes.team`), if it exists. */
  resolve?: (target: string, id: string) => Row | undefined;
}

/**
 * Evaluates a filter tree against one row in memory, with exactly the semantics of the SQL the
 * compiler emits (the property tests hold the two to each other). Used for permission checks
 * on a single record and as the test oracle.
 *
 * @example
 * evaluateFilter(node, { stage: 'new', score: 70 }, { now: new Date(), timeZone: 'UTC' }); // true
 */
export function evaluateFilter(node: FilterNode, row: Row, context: EvaluationContext): boolean {
  switch (node.kind) {
    case 'constant': return node.value;
    case 'and': return node.children.every((c) => evaluateFilter(c, row, context));
    case 'or': return node.children.some((c) => evaluateFilter(c, row, context));
    case 'not': return !evaluateFilter(node.child, row, context);
    case 'leaf': return evaluateLeaf(node, row, context);
  }
}

function evaluateLeaf(leaf: LeafNode, row: Row, context: EvaluationContext): boolean {
  const values = resolveLeafValues(leaf, context);
  if (values === undefined) return false;
  if (leaf.via) {
    const id = row[leaf.via.field.key];
    const target = typeof id === 'string' ? context.resolve?.(leaf.via.scope.name, id) : undefined;
    if (!target) return leafMatchesEmpty(leaf, values);
    return matches(leaf, readValue(target, leaf.field), values);
  }
  return matches(leaf, readValue(row, leaf.field), values);
}

/** Reads a field's value from a row; user attributes are read from `attributes`. */
export function readValue(row: Row, field: FilterField): unknown {
  if ('jsonColumn' in field.storage) {
    const container = row[field.storage.jsonColumn];
    return container && typeof container === 'object' ? (container as Record<string, unknown>)[field.storage.key] : undefined;
  }
  return row[field.key];
}

function matches(leaf: LeafNode, raw: unknown, values: Scalar[]): boolean {
  const kind = leaf.field.kind;
  if (kind === 'multi' || kind === 'textArray' || kind === 'json') return matchesElements(leaf, raw, values);
  const value = isEmpty(raw) ? undefined : normalize(raw);
  switch (leaf.op) {
    case '$null': return (value === undefined) === values[0];
    case '$eq':
    case '$in': return value !== undefined && values.some((v) => compareValues(value, v) === 0);
    case '$ne':
    case '$nin': return value === undefined || !values.some((v) => compareValues(value, v) === 0);
    case '$gt': return value !== undefined && compareValues(value, values[0]!) > 0;
    case '$gte': return value !== undefined && compareValues(value, values[0]!) >= 0;
    case '$lt': return value !== undefined && compareValues(value, values[0]!) < 0;
    case '$lte': return value !== undefined && compareValues(value, values[0]!) <= 0;
    case '$contains': return typeof value === 'string' && value.toLowerCase().includes(String(values[0]).toLowerCase());
    case '$startsWith': return typeof value === 'string' && value.toLowerCase().startsWith(String(values[0]).toLowerCase());
    default: return false;
  }
}

/** Multi-selects, role lists and untyped attributes: a condition holds for any element. */
function matchesElements(leaf: LeafNode, raw: unknown, values: Scalar[]): boolean {
  const present = !isEmpty(raw);
  const elements: unknown[] = !present ? [] : Array.isArray(raw) ? raw : [raw];
  const has = (v: Scalar) => elements.some((e) => e === v);
  const scalar = present && !Array.isArray(raw) ? raw : undefined;
  switch (leaf.op) {
    case '$null': return !present === values[0];
    case '$eq':
    case '$in': return values.some(has);
    case '$ne':
    case '$nin': return !values.some(has);
    case '$all': return values.every(has);
    case '$gt': return sameType(scalar, values[0]) && compareValues(scalar as Scalar, values[0]!) > 0;
    case '$gte': return sameType(scalar, values[0]) && compareValues(scalar as Scalar, values[0]!) >= 0;
    case '$lt': return sameType(scalar, values[0]) && compareValues(scalar as Scalar, values[0]!) < 0;
    case '$lte': return sameType(scalar, values[0]) && compareValues(scalar as Scalar, values[0]!) <= 0;
    case '$contains': return typeof scalar === 'string' && scalar.toLowerCase().includes(String(values[0]).toLowerCase());
    case '$startsWith': return typeof scalar === 'string' && scalar.toLowerCase().startsWith(String(values[0]).toLowerCase());
    default: return false;
  }
}

function sameType(a: unknown, b: unknown): boolean {
  return a !== undefined && a !== null && typeof a === typeof b;
}

function isEmpty(raw: unknown): boolean {
  return raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0);
}

function normalize(raw: unknown): Scalar | undefined {
  if (raw instanceof Date) return raw.toISOString();
  if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') return raw;
  return undefined;
}

/** A scope's rows can be evaluated without a resolver only if no leaf follows a lookup. */
export function needsResolver(node: FilterNode, _scope?: FilterScope): boolean {
  switch (node.kind) {
    case 'leaf': return node.via !== undefined;
    case 'and': case 'or': return node.children.some((c) => needsResolver(c));
    case 'not': return needsResolver(node.child);
    case 'constant': return false;
  }
}
