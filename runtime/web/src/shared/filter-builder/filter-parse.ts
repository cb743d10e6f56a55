import type { FieldKind, FilterFieldInfo, FilterJson } from './filter-builder-types.ts';
import { acceptedOperators } from './filter-operators.ts';
import { rowIsComplete } from './filter-serialize.ts';
import {
  isOperatorObject, isPlainObject, isVariable, listOperators, newItemId, rowOperators,
  type FilterGroup, type FilterItem, type FilterRow, type RowOperator,
} from './filter-model.ts';

/**
 * Reads a filter (shared/api.md's language) into groups and rows. Whatever has no row form —
 * unknown fields, `$not`, nulls, operators the field does not take — becomes a raw item
 * holding its JSON unchanged, so `filterFromTree(filterToTree(x))` gives back `x`.
 *
 * @example
 * filterToTree({ score: { $gte: 50 }, $or: [{ city: 'nanjing' }, { city: 'suzhou' }] }, fields)
 * // → AND group: row score ≥ 50, OR group (city = nanjing, city = suzhou)
 */
export function filterToTree(json: FilterJson | undefined, fields: FilterFieldInfo[]): FilterGroup {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const children = isPlainObject(json) ? entriesToItems(json, byKey) : [];
  return { type: 'group', id: newItemId(), conjunction: 'and', form: 'object', children };
}

type FieldMap = Map<string, FilterFieldInfo>;

function entriesToItems(json: Record<string, unknown>, fields: FieldMap): FilterItem[] {
  const items: FilterItem[] = [];
  for (const [key, value] of Object.entries(json)) {
    if ((key === '$or' || key === '$and') && isListOfObjects(value)) {
      items.push({
        type: 'group', id: newItemId(), conjunction: key === '$or' ? 'or' : 'and', form: 'array',
        children: value.map((branch) => branchToItem(branch, fields)),
      });
      continue;
    }
    const rows = key.startsWith('$') ? undefined : fieldRows(key, value, fields.get(key));
    if (rows) items.push(...rows);
    else items.push(raw({ [key]: value }));
  }
  return items;
}

/** One element of a `$and`/`$or` list: a single condition stays itself, several become an AND group. */
function branchToItem(branch: Record<string, unknown>, fields: FieldMap): FilterItem {
  if (Object.keys(branch).length === 0) return raw(branch);
  const items = entriesToItems(branch, fields);
  if (items.length === 1 && Object.keys(branch).length === 1) {
    const only = items[0]!;
    // A lone `$and` list inside a list keeps its own brackets when written back.
    return only;
  }
  return { type: 'group', id: newItemId(), conjunction: 'and', form: 'object', children: items };
}

function fieldRows(key: string, value: unknown, field: FilterFieldInfo | undefined): FilterRow[] | undefined {
  if (!field) return undefined;
  const accepted = acceptedOperators(field);
  if (isOperatorObject(value)) {
    const rows: FilterRow[] = [];
    for (const [op, operand] of Object.entries(value)) {
      if (!isRowOperator(op) || !accepted.includes(op) || !operandFits(op, operand, field.kind)) return undefined;
      rows.push({ type: 'row', id: newItemId(), field: key, op, value: operand });
    }
    // A row the builder would leave out as unfinished (an empty text) must stay raw.
    return rows.every(rowIsComplete) ? rows : undefined;
  }
  if (!accepted.includes('$eq') || !operandFits('$eq', value, field.kind)) return undefined;
  const row: FilterRow = { type: 'row', id: newItemId(), field: key, op: '$eq', value, bare: true };
  return rowIsComplete(row) ? [row] : undefined;
}

function isRowOperator(op: string): op is RowOperator {
  return (rowOperators as readonly string[]).includes(op);
}

/** Whether a row's value editor can show this operand without changing it. */
export function operandFits(op: RowOperator, operand: unknown, kind: FieldKind): boolean {
  if (op === '$null') return typeof operand === 'boolean';
  if (listOperators.has(op)) {
    if (isVariable(operand)) return true;
    return Array.isArray(operand) && operand.length > 0 && operand.every((item) => scalarFits(item, kind));
  }
  if (isVariable(operand)) return true;
  if (op === '$contains' || op === '$startsWith') return typeof operand === 'string';
  return scalarFits(operand, kind);
}

function scalarFits(value: unknown, kind: FieldKind): boolean {
  if (isVariable(value)) return false;
  switch (kind) {
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'boolean': return typeof value === 'boolean';
    case 'json': return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
    default: return typeof value === 'string';
  }
}

function isListOfObjects(value: unknown): value is Array<Record<string, unknown>> {
  return Array.isArray(value) && value.length > 0 && value.every(isPlainObject);
}

function raw(json: FilterJson): FilterItem {
  return { type: 'raw', id: newItemId(), json };
}
