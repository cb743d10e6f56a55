import type { FilterJson, MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { listedRoleRules } from '../../../platform/metadata/role-definition.ts';

/**
 * Rewrites the field paths of a filter (`name`, `shop.city`) through `map`, keeping
 * operators, values and nesting (`$and`, `$or`, `$not`) as they are.
 */
export function mapFilterKeys(filter: FilterJson, map: (key: string) => string): FilterJson {
  return mapConditions(filter, (key, value) => [map(key), value]);
}

/**
 * Replaces the value `from` by `to` in the conditions on the paths `names` accepts
 * (`{ stage: 'new' }`, `{ stage: { $in: ['new', 'won'] } }`), through `$and`, `$or` and `$not`.
 */
export function mapFilterValue(filter: FilterJson, names: (key: string) => boolean, from: string, to: string): FilterJson {
  const swap = (value: unknown): unknown => {
    if (value === from) return to;
    if (Array.isArray(value)) return value.map(swap);
    if (isPlain(value)) return Object.fromEntries(Object.entries(value).map(([op, v]) => [op, op.startsWith('$') ? swap(v) : v]));
    return value;
  };
  return mapConditions(filter, (key, value) => [key, names(key) ? swap(value) : value]);
}

/**
 * Rebuilds a filter with each condition on a field path (its path and value) through
 * `condition`, keeping operators and nesting (`$and`, `$or`, `$not`) as they are.
 */
function mapConditions(filter: FilterJson, condition: (key: string, value: unknown) => [string, unknown]): FilterJson {
  const out: FilterJson = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' || key === '$or') out[key] = Array.isArray(value) ? value.map((v) => (isPlain(v) ? mapConditions(v, condition) : v)) : value;
    else if (key === '$not') out[key] = isPlain(value) ? mapConditions(value, condition) : value;
    else if (key.startsWith('$')) out[key] = value;
    else {
      const [path, next] = condition(key, value);
      out[path] = next;
    }
  }
  return out;
}

function isPlain(value: unknown): value is FilterJson {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The key mapper for renaming `object.from` to `object.to` in a filter over `scope`: the field
 * itself when the filter is over that object, and one-hop paths through lookups to it.
 */
export function fieldRenameMapper(document: MetadataDocument, scope: string, object: string, from: string, to: string): (key: string) => string {
  const fields = document.objects[scope]?.fields ?? {};
  return (key) => {
    const [head, ...tail] = key.split('.');
    if (head === undefined) return key;
    if (tail.length === 0) return scope === object && head === from ? to : key;
    const lookup = fields[head];
    const renamedHead = scope === object && head === from ? to : head;
    const renamedTail = lookup?.type === 'lookup' && lookup.object === object && tail.length === 1 && tail[0] === from ? [to] : tail;
    return [renamedHead, ...renamedTail].join('.');
  };
}

/**
 * Whether a filter path over `scope` names field `field` of `object`: the field itself when the
 * filter is over that object, or one hop through a lookup to it (`hotel.city`).
 */
export function namesField(document: MetadataDocument, scope: string, object: string, field: string): (key: string) => boolean {
  const fields = document.objects[scope]?.fields ?? {};
  return (key) => {
    const [head, ...tail] = key.split('.');
    if (tail.length === 0) return scope === object && head === field;
    const lookup = fields[head ?? ''];
    return lookup?.type === 'lookup' && lookup.object === object && tail.length === 1 && tail[0] === field;
  };
}

/** Every filter in the document with the object its fields belong to (user filters are skipped). */
export function* documentFilters(document: MetadataDocument): Generator<{ scope: string; get: () => FilterJson | undefined; set: (f: FilterJson) => void }> {
  for (const pool of Object.values(document.pools ?? {})) {
    for (const prop of ['where', 'exempt'] as const) {
      if (pool[prop]) yield { scope: pool.object, get: () => pool[prop], set: (f) => { pool[prop] = f; } };
    }
  }
  for (const view of Object.values(document.views ?? {})) {
    if (view.where) yield { scope: view.object, get: () => view.where, set: (f) => { view.where = f; } };
  }
  for (const role of Object.values(document.roles ?? {})) {
    for (const rule of listedRoleRules(role)) {
      if (!rule.where) continue;
      for (const scope of Array.isArray(rule.object) ? rule.object : [rule.object]) {
        yield { scope, get: () => rule.where, set: (f) => { rule.where = f; } };
      }
    }
  }
  for (const rule of Object.values(document.assignmentRules ?? {})) {
    for (const prop of ['include', 'exclude'] as const) {
      if (rule.records?.[prop]) yield { scope: rule.object, get: () => rule.records[prop], set: (f) => { rule.records[prop] = f; } };
    }
  }
}
