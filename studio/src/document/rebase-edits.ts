/**
 * Re-applies edits made on one version of a document to a newer version of it (a three-way
 * merge): what the edits changed from `base` is taken from `mine`, everything else from `theirs`.
 * Objects merge key by key, in `theirs`'s order with keys only `mine` added after them; a key
 * one side removed and the other left alone is removed. Where both changed the same value
 * (or a list), `mine` wins: the owner asked to re-apply their edits.
 *
 * @example
 * rebaseEdits({ a: 1, b: 1 }, { a: 2, b: 1 }, { a: 1, b: 1, wifi: true }); // { a: 2, b: 1, wifi: true }
 */
export function rebaseEdits<T>(base: T, mine: T, theirs: T): T {
  return merge(base, mine, theirs) as T;
}

function merge(base: unknown, mine: unknown, theirs: unknown): unknown {
  if (same(mine, base)) return theirs;
  if (same(theirs, base) || same(mine, theirs)) return mine;
  if (!isRecord(mine) || !isRecord(theirs)) return mine;
  const origin = isRecord(base) ? base : {};
  const out: Record<string, unknown> = {};
  for (const key of [...Object.keys(theirs), ...Object.keys(mine).filter((k) => !(k in theirs))]) {
    const value = merge(origin[key], mine[key], theirs[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function same(a: unknown, b: unknown): boolean {
  return a === b || (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
