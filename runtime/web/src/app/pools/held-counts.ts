import { useEffect, useState } from 'react';
import type { ApiClient } from '../../shared/api-client.ts';
import { useSession } from '../session/tenant-session.tsx';
import { poolApi } from './pool-api.ts';

/**
 * How many records each person holds against the pool's limit, as the server counts it (private,
 * not won, in this pool; also people whose records the viewer may not read): the workload a
 * manager weighs before assigning. Undefined while unknown or when the caller may not see it.
 */
export function useHeldCounts(active: boolean, pool: string): ReadonlyMap<string, number> | undefined {
  const { api } = useSession();
  const [counts, setCounts] = useState<ReadonlyMap<string, number> | undefined>(undefined);
  useEffect(() => {
    if (!active) return;
    let live = true;
    poolApi(api, pool).holdings().then((answer) => {
      if (live) setCounts(new Map(answer.data.map((row) => [row.userId, row.held])));
    }, () => undefined);
    return () => { live = false; };
  }, [active, api, pool]);
  return counts;
}

/** How many records the user holds against the pool's limit (for "holding 20 of 150"). */
export function heldCount(api: ApiClient, pool: string, userId: string): Promise<number | undefined> {
  return poolApi(api, pool).holdings().then((answer) => answer.data.find((row) => row.userId === userId)?.held ?? 0);
}
