import { sql } from 'kysely';
import { leavesOf, trueNode } from '../filter/filter-ast.ts';
import { compileFilterSql } from '../filter/compile-filter-sql.ts';
import { evaluateFilter, type Row } from '../filter/evaluate-filter.ts';
import type { CompiledMetadata, CompiledObject } from '../metadata/compile-metadata.ts';
import type { PublishHook } from '../metadata/publish.ts';
import type { RecordContext } from '../records/record-context.ts';
import type { MovedColumns, RecordHooks } from '../records/record-hooks.ts';
import type { RecordRow } from '../records/record-shape.ts';
import { relatedRowsFor } from '../records/write-checks.ts';
import { tenantLiteral, type Tx } from '../storage/storage.ts';
import { addDays } from '../time/zoned-time.ts';
import { poolsOf, type CompiledPool } from './compiled-pools.ts';

/**
 * Which pool holds a record: the first pool of its object whose `where` it matches. New
 * records start in that pool's public sea (while the pools component is on: off, they belong to
 * their creator, as records of an object without a pool); a publish that changes pools re-sorts
 * existing records (set-based, one statement per object).
 */
export function registerPoolMembership(hooks: RecordHooks, onPublish: (hook: PublishHook) => void): void {
  hooks.onPrepareCreate(async (tx, ctx, object, record) => {
    if (poolsOf(ctx.compiled, object.key).length === 0) return {};
    const pool = await choosePool(tx, ctx, object, record);
    return pool ? { pool: pool.key, poolState: 'public' as const, owner: null } : { pool: null, poolState: null, owner: null };
  });

  // An update (one, bulk or imported) or a stage move that changes a field some pool's filter
  // reads chooses the record's pool again, as a create does.
  hooks.onPrepareUpdate(async (tx, ctx, object, row, after, changed) => {
    const read = poolFieldsOf(ctx.compiled, object.key);
    if (!changed.some((key) => read.has(key))) return undefined;
    return poolMove(row, await choosePool(tx, ctx, object, after), ctx.now);
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

/** The first pool of the record's object whose `where` the record matches (its lookups read as the system). */
async function choosePool(tx: Tx, ctx: RecordContext, object: CompiledObject, record: Row): Promise<CompiledPool | undefined> {
  const pools = poolsOf(ctx.compiled, object.key);
  const resolve = pools.some((p) => p.where) ? await relatedRowsFor(tx, ctx, object, [record], pools.flatMap((p) => (p.where ? [p.where] : []))) : undefined;
  const context = { ...ctx.policy.context, ...(resolve ? { resolve } : {}) };
  return pools.find((p) => evaluateFilter(p.where ?? trueNode, record, context));
}

/** The fields of `object` its pools' filters read (a path through a lookup reads the lookup); empty when no pool has a filter. */
function poolFieldsOf(compiled: CompiledMetadata, object: string): Set<string> {
  return compiled.memo(`pools:fields:${object}`, () =>
    new Set(poolsOf(compiled, object).flatMap((p) => (p.where ? leavesOf(p.where) : [])).map((leaf) => (leaf.via ? leaf.via.field.key : leaf.field.key))));
}

/**
 * What moves when a record now matches pool `to` (undefined: none) rather than its own. A public
 * record is public in its new pool (seen and claimed by that pool's members). A private hold
 * keeps its owner, its claim time and the extensions it was granted: a BD correcting a lead's
 * source keeps the lead they work on, and a move does not restart (nor end) a hold. From then
 * on the new pool's rules apply to it as to its own holds: its hold expiry is recomputed from the
 * claim (`holdDays` + days extended), its sweep applies its visit and not-won clocks and
 * exemptions, and it counts toward the owner's `maxPerOwner` there (a limit checked when claiming
 * or assigning, so a move is never refused for it). A record leaving every pool, or entering one
 * with an owner, is treated as a publish treats it (pool state cleared; private to the owner
 * with the hold starting now).
 */
function poolMove(row: RecordRow, to: CompiledPool | undefined, now: Date): MovedColumns | undefined {
  const key = to?.key ?? null;
  if (key === row.pool && (key === null || row.pool_state !== null)) return undefined;
  if (!to) return { pool: null, poolState: null };
  if (row.pool_state === 'public' || row.owner === null) return { pool: key, poolState: 'public' };
  const held = row.pool_state === 'private' && row.claimed_at !== null;
  const claimedAt = held ? row.claimed_at! : now;
  const days = to.holdDays === undefined ? undefined : to.holdDays + (held ? row.extended_days : 0);
  return { pool: key, poolState: 'private', claimedAt, holdExpiresAt: days === undefined ? null : addDays(claimedAt, days) };
}
