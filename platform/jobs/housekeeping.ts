import { sql } from 'kysely';
import { tenantLiteral } from '../storage/storage.ts';
import type { ScheduledWork } from './scheduler.ts';

/** Once a day, at 03:17 UTC. */
const housekeepingSchedule = '17 3 * * *';

/** An idempotency key answers retries for 24 hours; after a day more nothing can replay it. */
const keptIdempotencyMs = 48 * 3600_000;
/** An ended session (expired, signed out, or revoked) is kept a day, then forgotten. */
const keptEndedSessionMs = 24 * 3600_000;

/**
 * A tenant's daily clean-up of rows nothing reads any more: idempotency replies past their
 * 24 hours (each holds a whole response body, and an integrator sending a key with every write
 * would otherwise grow the table by a row per write for ever) and sessions that ended. Runs as
 * the tenant's scheduled work, so once per day per tenant however many processes tick.
 */
export function housekeepingWork(): ScheduledWork {
  return {
    kind: 'housekeeping',
    schedules: () => [{ key: 'daily', cron: housekeepingSchedule, timeZone: 'UTC' }],
    run: async (tx, compiled, _key, slot) => {
      const tenant = tenantLiteral(compiled.tenantId);
      const idempotency = await sql`
        DELETE FROM idempotency_keys WHERE tenant_id = ${tenant} AND created_at < ${new Date(slot.getTime() - keptIdempotencyMs)}`.execute(tx);
      const sessionsBefore = new Date(slot.getTime() - keptEndedSessionMs);
      const sessions = await sql`
        DELETE FROM sessions WHERE tenant_id = ${tenant} AND (expires_at < ${sessionsBefore} OR revoked_at < ${sessionsBefore})`.execute(tx);
      return { idempotencyKeys: Number(idempotency.numAffectedRows ?? 0), sessions: Number(sessions.numAffectedRows ?? 0) };
    },
  };
}
