/**
 * A copy of `items` with the item at `from` moved to `to` (clamped to the list); the list as it
 * is when `from` names no item.
 *
 * @example
 * moveItem(['a', 'b', 'c'], 2, 0); // ['c', 'a', 'b']
 */
export function moveItem<T>(items: T[], from: number, to: number): T[] {
  const copy = [...items];
  const [moved] = copy.splice(from, 1);
  if (moved === undefined) return items;
  copy.splice(Math.max(0, Math.min(to, copy.length)), 0, moved);
  return copy;
}
