import { sql } from 'kysely';
import { trueNode } from '../filter/filter-ast.ts';
import { compileFilterSql } from '../filter/compile-filter-sql.ts';
import { evaluateFilter } from '../filter/evaluate-filter.ts';
import type { PublishHook } from '../metadata/publish.ts';
import type { RecordHooks } from '../records/record-hooks.ts';
import { relatedRowsFor } from '../records/write-checks.ts';
import { tenantLiteral } from '../storage/storage.ts';
import { poolsOf } from './compiled-pools.ts';

/**
 * Which pool holds a record: the first pool of its object whose `where` it matches. New
 * records start in that pool's public sea (while the pools component is on: off, they belong to
 * their creator, as records of an object without a pool); a publish that changes pools re-sorts
 * existing records (set-based, one statement per object).
 */
export function registerPoolMembership(hooks: RecordHooks, onPublish: (hook: PublishHook) => void): void {
  hooks.onPrepareCreate(async (tx, ctx, object, record) => {
    const pools = poolsOf(ctx.compiled, object.key);
    if (pools.length === 0) return {};
    const resolve = pools.some((p) => p.where) ? await relatedRowsFor(tx, ctx, object, [record], pools.flatMap((p) => (p.where ? [p.where] : []))) : undefined;
    const context = { ...ctx.policy.context, ...(resolve ? { resolve } : {}) };
    const pool = pools.find((p) => evaluateFilter(p.where ?? trueNode, record, context));
    return pool ? { pool: pool.key, poolState: 'public' as const, owner: null } : { pool: null, poolState: null, owner: null };
  });

  onPublish(async (tx, { tenantId, before, after, now }) => {
    // Switched off, pools act on nothing: what records hold stays stored for when they are back
    // (switched on again, `before` has no pools, so records created meanwhile enter theirs).
    if (!after.has('pools')) return;
    const objects = new Set([...(before ? [...before.objects.keys()] : []), ...after.objects.keys()]);
    for (const objectKey of objects) {
      const object = after.objects.get(objectKey);
      const pools = object ? poolsOf(after, objectKey) : [];
      const previous = before && before.objects.has(objectKey) ? poolsOf(before, objectKey) : [];
      if (JSON.stringify(pools.map((p) => [p.key, p.definition.where])) === JSON.stringify(previous.map((p) => [p.key, p.definition.where]))) continue;
      const context = { now, timeZone: after.timeZone, alias: 'r' };
      const choice = pools.length === 0
        ? sql`NULL`
        : sql`CASE ${sql.join(pools.map((p) => sql`WHEN ${compileFilterSql(p.where ?? trueNode, object!.scope, context)} THEN ${p.key}`), sql` `)} ELSE NULL END`;
      // Records leaving every pool lose their pool state; records entering one start public,
      // or private to their owner (whose hold starts now) when they have one.
      await sql`
        UPDATE records AS r SET pool = x.pool,
               pool_state = CASE WHEN x.pool IS NULL THEN NULL WHEN r.pool_state IS NOT NULL THEN r.pool_state
                                 WHEN r.owner IS NOT NULL THEN 'private' ELSE 'public' END,
               claimed_at = CASE WHEN x.pool IS NOT NULL AND r.pool_state IS NULL AND r.owner IS NOT NULL THEN ${now.toISOString()}::timestamptz ELSE r.claimed_at END
          FROM (SELECT r.id, ${choice} AS pool FROM records AS r
                 WHERE r.tenant_id = ${tenantLiteral(tenantId)} AND r.object = ${objectKey}) AS x
         WHERE r.tenant_id = ${tenantLiteral(tenantId)} AND r.object = ${objectKey} AND r.id = x.id
           AND (r.pool IS DISTINCT FROM x.pool OR (x.pool IS NOT NULL AND r.pool_state IS NULL))`.execute(tx);
    }
  });
}
