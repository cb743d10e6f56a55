import type { FilterField, FilterScope } from '../filter/filter-fields.ts';

export interface SortKey {
  path: string;
  field: FilterField;
  descending: boolean;
  /** For a one-hop sort (`hotel.roomNightsPerMonth`): the lookup followed. */
  via?: { field: FilterField; scope: FilterScope };
}

const unsortable = new Set(['multi', 'textArray', 'json']);

/** How many keys one sort may have. */
export const maxSortKeys = 5;

/**
 * Parses `-score,name` into sort keys checked against a scope. Paths through a lookup are
 * allowed only where the caller can join (`allowPaths`).
 */
export function parseOrderBy(text: string, scope: FilterScope, options: { allowPaths?: boolean } = {}): { keys: SortKey[]; errors: string[] } {
  const keys: SortKey[] = [];
  const errors: string[] = [];
  // An empty entry (`name,` or `,name`) is passed over, as it always was: stored views and
  // integrators' URLs may hold one, and refusing it now would break them.
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) errors.push('must name at least one field');
  if (parts.length > maxSortKeys) errors.push(`can sort by at most ${maxSortKeys} fields`);
  const seen = new Set<string>();
  for (const part of parts.slice(0, maxSortKeys)) {
    const descending = part.startsWith('-');
    const sign = descending ? '-' : part.startsWith('+') ? '+' : '';
    const path = part.slice(sign.length).trim();
    if (path === '') {
      errors.push(`needs a field name after '${sign}'`);
      continue;
    }
    if (/^[-+]/.test(path)) {
      errors.push(`${part}: put one '-' (descending) or nothing before a field name`);
      continue;
    }
    if (seen.has(path)) {
      errors.push(`sorts by ${path} twice`);
      continue;
    }
    seen.add(path);
    const key = resolveSortPath(path, scope, options.allowPaths ?? false);
    if (typeof key === 'string') errors.push(key);
    else if (unsortable.has(key.field.kind)) errors.push(`cannot sort by ${path} (${key.field.kind === 'json' ? 'a JSON value' : 'a list of values'})`);
    else keys.push({ ...key, descending });
  }
  return { keys, errors };
}

function resolveSortPath(path: string, scope: FilterScope, allowPaths: boolean): Omit<SortKey, 'descending'> | string {
  const field = scope.field(path);
  if (field) return { path, field };
  const dot = path.indexOf('.');
  if (dot > 0 && allowPaths) {
    const head = scope.field(path.slice(0, dot));
    const related = head?.target ? scope.related(head.target) : undefined;
    const target = related?.field(path.slice(dot + 1));
    if (head && related && target && !target.target) return { path, field: target, via: { field: head, scope: related } };
  }
  return `${path} is not a field of ${scope.name}`;
}
