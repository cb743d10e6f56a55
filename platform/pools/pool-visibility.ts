import { evaluateFilter } from '../filter/evaluate-filter.ts';
import type { FilterContext } from '../filter/resolve-operand.ts';
import type { CompiledMetadata } from '../metadata/compile-metadata.ts';
import { poolsOf, type CompiledPool } from './compiled-pools.ts';

/** Who looks at a pool: the parts of a caller's access policy that membership depends on. */
export interface PoolViewer {
  readonly isAdmin: boolean;
  readonly roles: readonly string[];
  readonly context: FilterContext;
}

/** Pool admins (its `admins.roles`, or tenant admins) see it whole, assign, extend for others and force. */
export function administersPool(viewer: PoolViewer, pool: CompiledPool): boolean {
  return viewer.isAdmin || viewer.roles.some((r) => pool.adminRoles.includes(r));
}

/** Whether the viewer is in the pool's `members` (everyone when it has none; the system always). */
export function isPoolMember(viewer: PoolViewer, pool: CompiledPool): boolean {
  const user = viewer.context.user;
  if (!pool.members || !user) return true;
  return evaluateFilter(pool.members, { ...user, active: true }, viewer.context);
}

/**
 * The pools of `object` whose public records the viewer may not see: those with `members` they
 * are not in and do not administer. Their private records stay visible as the role rules say (a
 * hold is its owner's, whichever pool it is in).
 *
 * @example
 * poolsHiddenFrom(policy, compiled, 'lead') // ['northPool'] for a BD of team south
 */
export function poolsHiddenFrom(viewer: PoolViewer, compiled: CompiledMetadata, object: string): string[] {
  return poolsOf(compiled, object).filter((p) => !administersPool(viewer, p) && !isPoolMember(viewer, p)).map((p) => p.key);
}
