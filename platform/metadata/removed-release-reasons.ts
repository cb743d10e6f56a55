import type { ProblemItem } from '../errors.ts';
import { offeredReleaseReasons } from '../pools/release-reasons.ts';
import type { DataMigration } from './data-migrations.ts';
import { maxRemovedReleaseReasons, type MetadataDocument, type PoolDefinition, type ReleaseReasonDefinition } from './metadata-types.ts';

/**
 * The reasons pool `before` offers that `after` (the same pool in the next version) no longer
 * does, in `before`'s order: records released for one of them keep its key unless a
 * `moveReleaseReason` migration gives them another.
 *
 * @example droppedReleaseReasons({ object: 'lead' }, { object: 'lead', releaseReasons: [] }).map((r) => r.key) // the built-in four
 */
export function droppedReleaseReasons(before: PoolDefinition, after: PoolDefinition): ReleaseReasonDefinition[] {
  const offered = new Set(offeredReleaseReasons(after).map((r) => r.key));
  return offeredReleaseReasons(before).filter((r) => !offered.has(r.key));
}

/**
 * Problems of a `moveReleaseReason` migration (pointing under `at`): its pool is in both
 * versions, `from` is a reason the pool stops offering, `to` one it offers in the draft.
 * The studio drops a migration with problems before it publishes.
 */
export function reasonMoveProblems(live: MetadataDocument | undefined, draft: MetadataDocument, m: Extract<DataMigration, { op: 'moveReleaseReason' }>, at = ''): ProblemItem[] {
  const before = live?.pools?.[m.pool];
  const after = draft.pools?.[m.pool];
  if (!before || !after) return [{ path: `${at}/pool`, message: `${m.pool} must be a pool before and after publishing` }];
  const problems: ProblemItem[] = [];
  if (!droppedReleaseReasons(before, after).some((r) => r.key === m.from)) problems.push({ path: `${at}/from`, message: `${m.from} must be a release reason of ${m.pool} in the live version that the draft no longer offers` });
  if (!offeredReleaseReasons(after).some((r) => r.key === m.to)) problems.push({ path: `${at}/to`, message: `${m.to} is not a release reason of ${m.pool} in the draft` });
  return problems;
}

/**
 * The document a publish of `draft` makes live: each pool of both versions keeps, in
 * `removedReleaseReasons`, the words of the reasons of its own that it stops offering, so records
 * released for one (and their history) still read in words; a reason offered again leaves the
 * list. The list is the server's alone: derived from the live version (its reasons this publish
 * removes, then the list it kept), whatever a draft says of it, so a hand-written list cannot
 * give a key (a sweep's, or one the pool offers) other words. The built-in reasons need none:
 * their words are always known.
 *
 * @example keepRemovedReleaseReasons(live, draft).pools.shopPool.removedReleaseReasons // [{ key: 'budgetFrozen', label: { zh: '预算冻结' } }]
 */
export function keepRemovedReleaseReasons(live: MetadataDocument | undefined, draft: MetadataDocument): MetadataDocument {
  if (!draft.pools) return draft;
  const pools: Record<string, PoolDefinition> = {};
  for (const [key, pool] of Object.entries(draft.pools)) {
    const was = live?.pools?.[key];
    const { removedReleaseReasons: _, ...rest } = pool;
    const kept = was ? keptWords(was, pool) : [];
    pools[key] = kept.length > 0 ? { ...rest, removedReleaseReasons: kept } : rest;
  }
  return { ...draft, pools };
}

/** The latest removed first: those this publish removes, then those the live version kept. */
function keptWords(was: PoolDefinition, pool: PoolDefinition): ReleaseReasonDefinition[] {
  const offered = new Set(offeredReleaseReasons(pool).map((r) => r.key));
  const seen = new Set<string>();
  return [...(was.releaseReasons ?? []), ...(was.removedReleaseReasons ?? [])]
    .filter((r) => !offered.has(r.key) && !seen.has(r.key) && Boolean(seen.add(r.key)))
    .slice(0, maxRemovedReleaseReasons);
}
