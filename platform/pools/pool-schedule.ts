import { AccessPolicy } from '../access/access-policy.ts';
import type { ScheduledWork } from '../jobs/scheduler.ts';
import { compiledPools } from './compiled-pools.ts';
import type { PoolService } from './pool-service.ts';

/** The default sweep schedule: every 15 minutes. */
export const defaultSweepSchedule = '*/15 * * * *';

/** Each pool's sweep (releases and warnings) as scheduled work, as the system. */
export function poolSweepWork(clock: () => Date, pools: PoolService): ScheduledWork {
  return {
    kind: 'sweep',
    schedules: (compiled) => (compiled.has('pools') ? compiledPools(compiled) : []).map((pool) => ({
      key: pool.key, cron: pool.definition.sweepSchedule ?? defaultSweepSchedule, timeZone: pool.timeZone,
    })),
    run: async (tx, compiled, key) => {
      const pool = compiledPools(compiled).find((p) => p.key === key);
      if (!pool) return { skipped: 'pool no longer exists' };
      const now = clock();
      const ctx = { tenantId: compiled.tenantId, compiled, policy: AccessPolicy.system(compiled, now), actorId: null, now };
      return pools.sweepIn(tx, ctx, pool, { asOf: now, dryRun: false });
    },
  };
}
