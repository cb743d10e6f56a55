import { useEffect } from 'react';
import type { ApiClient } from '../../shared/api-client.ts';
import { useDialogState } from '../forms/use-dialog-state.ts';
import { useSession } from '../session/tenant-session.tsx';
import { poolApi } from './pool-api.ts';

/**
 * How many records each person holds against the pool's limit, as the server counts it (private,
 * not won, in this pool; also people whose records the viewer may not read): the workload a
 * manager weighs before assigning. Asked afresh each time `active` turns on (a dialog opening):
 * undefined until the server answers (never the last opening's counts, which an assign since has
 * made wrong), null when the caller may not see them.
 */
export function useHeldCounts(active: boolean, pool: string): ReadonlyMap<string, number> | null | undefined {
  const { api } = useSession();
  const [counts, setCounts] = useDialogState<ReadonlyMap<string, number> | null | undefined>(active, undefined);
  useEffect(() => {
    if (!active) return;
    let live = true;
    poolApi(api, pool).holdings().then((answer) => {
      if (live) setCounts(new Map(answer.data.map((row) => [row.userId, row.held])));
    }, () => { if (live) setCounts(null); });
    return () => { live = false; };
  }, [active, api, pool, setCounts]);
  return counts;
}

/** How many records the user holds against the pool's limit (for "holding 20 of 150"). */
export function heldCount(api: ApiClient, pool: string, userId: string): Promise<number | undefined> {
  return poolApi(api, pool).holdings().then((answer) => answer.data.find((row) => row.userId === userId)?.held ?? 0);
}
