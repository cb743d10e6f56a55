import { useEffect, useState } from 'react';
import type { FilterJson, MetadataDocument } from '../../../../../platform/metadata/metadata-types.ts';
import type { ApiClient } from '../../shared/api-client.ts';
import type { ObjectInfo } from '../metadata/object-info.ts';
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
      where: heldWhere(info, document), groupBy: ['owner'], metrics: [{ fn: 'count' }],
    }).then((answer) => {
      if (live) setCounts(new Map(answer.data.filter((row) => row.owner).map((row) => [row.owner!, Number(row.count)])));
    }, () => undefined);
    return () => { live = false; };
  }, [active, api, object, info, document]);
  return counts;
}

/** Private records, without the won ones where the object has stages. */
export function heldWhere(object: Pick<ObjectInfo, 'stageField' | 'pipeline'>, document: MetadataDocument): FilterJson {
  const won = document.pipelines?.[object.pipeline ?? '']?.stages.filter((s) => s.kind === 'won').map((s) => s.key) ?? [];
  return object.stageField && won.length > 0 ? { poolState: 'private', [object.stageField]: { $nin: won } } : { poolState: 'private' };
}

/** How many records the user holds against the pool's limit (for "holding 20 of 150"). */
export function heldCount(api: ApiClient, object: ObjectInfo, document: MetadataDocument, userId: string): Promise<number | undefined> {
  return api.post<{ total?: number }>(`/records/${encodeURIComponent(object.key)}/query`, {
    where: { ...heldWhere(object, document), owner: userId }, limit: 1, fields: [], count: true,
  }).then((page) => page.total);
}
