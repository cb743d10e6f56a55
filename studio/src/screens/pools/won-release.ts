import type { MetadataDocument } from '../../../../platform/metadata/metadata-types.ts';
import type { Edit } from '../../document/draft-state.ts';
import { ptr } from '../../document/json-pointer.ts';
import { setAt } from '../../document/section-ops.ts';

/** The won stages of a pool's records that its sweep would release, and the stage field that holds them. */
export interface WonReleased {
  field: string;
  stages: string[];
}

/**
 * Whether pool `poolKey` hands won records back to the public pool: the sweep releases a
 * private record when its hold ends (or visits stop) whatever its stage, unless the pool's
 * `exempt` filter keeps it, and a new pool has none. A signed customer then goes back for
 * anyone to claim. Undefined when the pool has no such clock, its object no won stage, or the
 * owner wrote an `exempt` of their own (which the studio does not second-guess).
 *
 * @example wonReleased(document, 'leadPool') // { field: 'stage', stages: ['won'] }
 */
export function wonReleased(document: MetadataDocument, poolKey: string): WonReleased | undefined {
  const pool = document.pools?.[poolKey];
  if (!pool || (pool.exempt && Object.keys(pool.exempt).length > 0)) return undefined;
  if (!pool.holdDays && !pool.releaseIfNoVisitDays) return undefined;
  const pipeline = Object.values(document.pipelines ?? {}).find((p) => p.object === pool.object);
  const stages = (pipeline?.stages ?? []).filter((s) => s.kind === 'won').map((s) => s.key);
  return pipeline && stages.length > 0 ? { field: pipeline.field, stages } : undefined;
}

/** Keeps a pool's won records with their holders: its `exempt` filter names the won stages. */
export function keepWon(poolKey: string, won: WonReleased): Edit {
  return setAt(`${ptr('pools', poolKey)}/exempt`, { [won.field]: { $in: won.stages } });
}
