import type { PoolDefinition } from '../../../../platform/metadata/metadata-types.ts';
import { moveKey, mutate, type Edit } from '../../document/draft-state.ts';

/**
 * Moves the pool at `from` to `to` in the document's pools: the first pool of an object whose
 * `where` a record matches holds the record, so this order is what decides between pools.
 */
export function movePool(from: number, to: number): Edit {
  return mutate((d) => {
    if (d.pools) d.pools = moveKey(d.pools, from, to);
  });
}

/**
 * Whether a pool's `where` holds every record: none, `{}`, or only groups that hold every
 * record (`$and` of such, `$or` with one such). A field condition may match them all too, but
 * that depends on the data, which the studio does not judge.
 */
export function holdsEveryRecord(where: unknown): boolean {
  if (where === undefined || where === null) return true;
  if (typeof where !== 'object' || Array.isArray(where)) return false;
  return Object.entries(where).every(([key, value]) => {
    if (!Array.isArray(value) || value.length === 0) return false;
    if (key === '$and') return value.every(holdsEveryRecord);
    if (key === '$or') return value.some(holdsEveryRecord);
    return false;
  });
}

/**
 * The pools no record can reach, each with the earlier pool of its object that holds every
 * record before it: `{ cityPool: 'allLeads' }` when `allLeads` (no condition) comes first.
 *
 * @example unreachablePools({ all: { object: 'lead' }, nanjing: { object: 'lead', where: { city: 'nanjing' } } }) // Map { 'nanjing' => 'all' }
 */
export function unreachablePools(pools: Record<string, PoolDefinition>): Map<string, string> {
  const catchAll = new Map<string, string>();
  const unreachable = new Map<string, string>();
  for (const [key, pool] of Object.entries(pools)) {
    const earlier = catchAll.get(pool.object);
    if (earlier !== undefined) unreachable.set(key, earlier);
    else if (holdsEveryRecord(pool.where)) catchAll.set(pool.object, key);
  }
  return unreachable;
}
