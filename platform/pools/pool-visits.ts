import { sql } from 'kysely';
import type { RecordHooks } from '../records/record-hooks.ts';
import { tenantLiteral, type Tx } from '../storage/storage.ts';
import { compiledPools } from './compiled-pools.ts';

/**
 * Visits move the no-visit clock: whenever a record of a pool's visit object is written (or
 * deleted, or restored), the visited record's `lastVisitAt` becomes the latest time among its
 * live visits (none later than now).
 */
export function registerPoolVisits(hooks: RecordHooks): void {
  hooks.onAfterWrite(async (tx, ctx, events) => {
    if (!ctx.compiled.has('visits')) return;
    for (const pool of compiledPools(ctx.compiled)) {
      const visit = pool.definition.visit;
      if (!visit) continue;
      const targets = new Set<string>();
      for (const event of events) {
        if (event.object.key !== visit.object) continue;
        for (const record of [event.before, event.after]) {
          const target = record?.[visit.field];
          if (typeof target === 'string') targets.add(target);
        }
      }
      if (targets.size === 0) continue;
      // The ids come twice, as uuids for the records and as text for the visits' lookup field:
      // a cast in the visits' condition (t.id::text) is not LEAKPROOF, so under row-level security
      // it could not use the field's index and read every visit of the tenant for each write.
      // A visit dated later than it was logged counts as made when it was logged: one dated 2099
      // must not stop the no-visit clock for good (nor move it again on each later write). The record's version and updatedAt move with its lastVisitAt,
      // so its ETag and an integrator's `updatedAt >= since` sync see the change.
      const now = ctx.now.toISOString();
      await lockVisited(tx, ctx.tenantId, pool.object, [...targets]);
      await sql`
        UPDATE records AS r SET last_visit_at = v.at, version = r.version + 1, updated_at = ${now}::timestamptz
          FROM (SELECT t.id, (SELECT max(CASE WHEN (vr.data ->> ${sql.lit(visit.at)})::timestamptz > vr.created_at THEN vr.created_at
                                           ELSE (vr.data ->> ${sql.lit(visit.at)})::timestamptz END) FROM records AS vr
                               WHERE vr.tenant_id = ${tenantLiteral(ctx.tenantId)} AND vr.object = ${sql.lit(visit.object)} AND vr.deleted_at IS NULL
                                 AND (shoal_text(vr.data, ${sql.lit(visit.field)}) COLLATE "C") = t.key) AS at
                  FROM unnest(${[...targets]}::uuid[], ${[...targets]}::text[]) AS t(id, key)) AS v
         WHERE r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(pool.object)} AND r.id = v.id
           AND r.last_visit_at IS DISTINCT FROM v.at`.execute(tx);
    }
  }, (_tx, ctx, _action, object) => ctx.compiled.has('visits') && compiledPools(ctx.compiled).some((pool) => pool.definition.visit?.object === object.key));
}

/**
 * Locks the visited records (in id order, against deadlocks between two such writes) before
 * their `lastVisitAt` is worked out. The UPDATE that follows is a statement of its own, so at
 * READ COMMITTED it reads the visits as of after the lock: a write of another visit of the same
 * record that held the lock first has committed by then and is counted. Worked out in one
 * statement, the latest visit was read before waiting for the record, and a visit dated 1 June
 * written at the same moment as one of today could set the record back to 1 June after today's
 * was counted (and the sweep release it as not visited). Not `greatest(…)`: deleting a visit,
 * or moving its date back, must move `lastVisitAt` back too. FOR NO KEY UPDATE, as the UPDATE
 * takes: the visit's own write holds the record FOR KEY SHARE (its lookup, `checkLookups`).
 */
async function lockVisited(tx: Tx, tenantId: string, object: string, ids: string[]): Promise<void> {
  await sql`
    SELECT 1 FROM records AS r
     WHERE r.tenant_id = ${tenantLiteral(tenantId)} AND r.object = ${sql.lit(object)} AND r.id = ANY(${ids}::uuid[])
     ORDER BY r.id FOR NO KEY UPDATE`.execute(tx);
}
