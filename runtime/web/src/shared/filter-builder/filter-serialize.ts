import type { FilterJson } from './filter-builder-types.ts';
import { isOperatorObject, isVariable, listOperators, type FilterGroup, type FilterItem, type FilterRow } from './filter-model.ts';

/**
 * Writes groups and rows back as the filter language. Rows still being filled in (no field,
 * no value) are left out; an empty filter is `undefined`.
 */
export function treeToFilter(root: FilterGroup): FilterJson | undefined {
  const json = objectOf(root);
  return json && Object.keys(json).length > 0 ? json : undefined;
}

/** Whether the tree holds a row still being filled in, or a group without anything in it yet. */
export function hasUnfinished(item: FilterItem, root = true): boolean {
  if (item.type === 'row') return !rowIsComplete(item);
  if (item.type === 'raw') return false;
  return (!root && item.children.length === 0) || item.children.some((child) => hasUnfinished(child, false));
}

/** Whether a row is complete enough to be part of the filter. */
export function rowIsComplete(row: FilterRow): boolean {
  if (!row.field) return false;
  if (row.op === '$null') return typeof row.value === 'boolean';
  if (listOperators.has(row.op)) return isVariable(row.value) || (Array.isArray(row.value) && row.value.length > 0);
  if (row.value === undefined || row.value === null) return false;
  return !(typeof row.value === 'string' && row.value === '');
}

function objectOf(item: FilterItem): FilterJson | undefined {
  switch (item.type) {
    case 'raw': return item.json;
    case 'row': return rowIsComplete(item) ? { [item.field]: conditionOf(item) } : undefined;
    case 'group': {
      if (item.conjunction === 'and' && item.form === 'object') return mergeAll(item.children);
      const list = listOf(item);
      return list ? { [item.conjunction === 'or' ? '$or' : '$and']: list } : undefined;
    }
  }
}

function listOf(group: FilterGroup): FilterJson[] | undefined {
  const list = group.children.map(objectOf).filter((j): j is FilterJson => j !== undefined);
  return list.length > 0 ? list : undefined;
}

function conditionOf(row: FilterRow): unknown {
  return row.bare && row.op === '$eq' ? row.value : { [row.op]: row.value };
}

/** The children of an object-form AND group as one object; collisions go into `$and`. */
function mergeAll(children: FilterItem[]): FilterJson | undefined {
  const out: Record<string, unknown> = {};
  const overflow: FilterJson[] = [];
  let any = false;
  const add = (key: string, value: unknown) => {
    any = true;
    if (!(key in out)) {
      out[key] = value;
      return;
    }
    const existing = out[key];
    if (!key.startsWith('$') && isOperatorObject(existing) && isOperatorObject(value)
      && Object.keys(value).every((op) => !(op in existing))) {
      out[key] = { ...existing, ...value };
      return;
    }
    overflow.push({ [key]: value });
  };
  for (const child of children) {
    if (child.type === 'group' && child.conjunction === 'and') {
      const list = listOf(child);
      if (list) add('$and', list);
      continue;
    }
    const json = objectOf(child);
    if (!json) continue;
    for (const [key, value] of Object.entries(json)) add(key, value);
  }
  if (overflow.length > 0) {
    const existing = !('$and' in out) ? [] : Array.isArray(out.$and) ? (out.$and as FilterJson[]) : [{ $and: out.$and }];
    out.$and = [...existing, ...overflow];
  }
  return any ? out : undefined;
}
