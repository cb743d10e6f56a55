import { useEffect, useState } from 'react';
import type { FilterJson } from '../../../../../platform/metadata/metadata-types.ts';
import { pipelineOf } from '../metadata/object-info.ts';
import { useSession } from '../session/tenant-session.tsx';

/**
 * How many private records of `object` each person holds (won ones do not count against the
 * pool's limit, so they are left out): the workload a manager weighs before assigning.
 * Undefined while unknown or when the caller may not count them.
 */
export function useHeldCounts(active: boolean, object: string): ReadonlyMap<string, number> | undefined {
  const { api, objectMap, document } = useSession();
  const [counts, setCounts] = useState<ReadonlyMap<string, number> | undefined>(undefined);
  const info = objectMap.get(object);
  useEffect(() => {
    if (!active || !info) return;
    let live = true;
    api.post<{ data: Array<{ owner: string | null; count: number }> }>(`/records/${encodeURIComponent(object)}/aggregate`, {
      where: heldWhere(info.stageField, pipelineOf(info, document)?.stages.filter((s) => s.kind === 'won').map((s) => s.key) ?? []),
      groupBy: ['owner'], metrics: [{ fn: 'count' }],
    }).then((answer) => {
      if (live) setCounts(new Map(answer.data.filter((row) => row.owner).map((row) => [row.owner!, Number(row.count)])));
    }, () => undefined);
    return () => { live = false; };
  }, [active, api, object, info, document]);
  return counts;
}

/** Private records, without the won ones where the object has stages. */
export function heldWhere(stageField: string | null, wonStages: string[]): FilterJson {
  return stageField && wonStages.length > 0 ? { poolState: 'private', [stageField]: { $nin: wonStages } } : { poolState: 'private' };
}
