import { sql } from 'kysely';
import type { RecordHooks } from '../records/record-hooks.ts';
import { tenantLiteral } from '../storage/storage.ts';
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
