import { sql, type RawBuilder } from 'kysely';
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
 * their creator, as records of an object without a pool); a record matching no pool belongs to
 * its creator too, as it would on an object without pools (ownerless outside every pool, nobody
 * but an administrator could read it, claim it or be assigned it). A publish that changes pools
 * re-sorts existing records (set-based, one statement per object), and one that changes a pool's
 * `holdDays` re-dates the holds in it (one statement per pool).
 */
export function registerPoolMembership(hooks: RecordHooks, onPublish: (hook: PublishHook) => void): void {
  hooks.onPrepareCreate(async (tx, ctx, object, record) => {
    if (poolsOf(ctx.compiled, object.key).length === 0) return {};
    const pool = await choosePool(tx, ctx, object, record);
    // Outside every pool the owner is left to the create itself: the creator, as without pools.
    return pool ? { pool: pool.key, poolState: 'public' as const, owner: null } : { pool: null, poolState: null };
  });

  // An update (one, bulk or imported) or a stage move that changes a field some pool's filter
  // reads chooses the record's pool again, as a create does.
  hooks.onPrepareUpdate(async (tx, ctx, object, row, after, changed) => {
    const read = poolFieldsOf(ctx.compiled, object.key);
    if (!changed.some((key) => read.has(key))) return undefined;
    return poolMove(ctx, row, await choosePool(tx, ctx, object, after));
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
      if (JSON.stringify(pools.map((p) => [p.key, p.definition.where])) !== JSON.stringify(previous.map((p) => [p.key, p.definition.where]))) {
        const context = { now, timeZone: after.timeZone, alias: 'r' };
        const choice = pools.length === 0
          ? sql<string | null>`NULL`
          : sql<string | null>`CASE ${sql.join(pools.map((p) => sql`WHEN ${compileFilterSql(p.where ?? trueNode, object!.scope, context)} THEN ${p.key}`), sql` `)} ELSE NULL END`;
        await resortRecords(tx, tenantId, objectKey, pools, choice, now);
      }
      for (const pool of pools) {
        if (previous.find((p) => p.key === pool.key)?.holdDays !== pool.holdDays) await redateHolds(tx, tenantId, pool);
      }
    }
  });
}

/**
 * Sorts the records of `objectKey` into its pools again after a publish changed them (`choice`:
 * the key of the pool a record `r` now matches, NULL for none). Records
 * leaving every pool lose their pool state and what only a pool gives (claim, hold expiry,
 * extensions, last release); one nobody held goes to its creator, as a record created outside
 * every pool is theirs (nobody else made this change). Records entering one start public, or
 * private to their owner (whose hold starts now) when they have one. Either way a private
 * record's hold expires by its new pool's `holdDays` (none without), from its claim plus the days
 * it was extended, as an edit moving it does. The version (the record's ETag) moves with them.
 */
async function resortRecords(tx: Tx, tenantId: string, objectKey: string, pools: CompiledPool[], choice: RawBuilder<string | null>, now: Date): Promise<void> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const left = sql`x.pool IS NULL`;
  await sql`
    UPDATE records AS r SET pool = x.pool, version = r.version + 1,
           pool_state = CASE WHEN ${left} THEN NULL WHEN r.pool_state IS NOT NULL THEN r.pool_state
                             WHEN r.owner IS NOT NULL THEN 'private' ELSE 'public' END,
           owner = CASE WHEN ${left} THEN coalesce(r.owner, r.created_by) ELSE r.owner END,
           claimed_at = CASE WHEN ${left} THEN NULL WHEN x.entering THEN ${at} ELSE r.claimed_at END,
           hold_expires_at = CASE WHEN ${left} THEN NULL
                                  WHEN x.entering THEN ${at} + make_interval(days => x.hold_days)
                                  WHEN x.held THEN r.claimed_at + make_interval(days => x.hold_days + r.extended_days)
                                  ELSE r.hold_expires_at END,
           extended_times = CASE WHEN ${left} THEN 0 ELSE r.extended_times END,
           extended_days = CASE WHEN ${left} THEN 0 ELSE r.extended_days END,
           released_at = CASE WHEN ${left} THEN NULL ELSE r.released_at END,
           release_reason = CASE WHEN ${left} THEN NULL ELSE r.release_reason END,
           released_by = CASE WHEN ${left} THEN NULL ELSE r.released_by END
      FROM (SELECT c.id, c.pool, ${holdDaysSql(pools, sql`c.pool`)} AS hold_days,
                   c.pool IS NOT NULL AND c.pool_state IS NULL AND c.owner IS NOT NULL AS entering,
                   c.pool IS NOT NULL AND c.pool_state = 'private' AND c.claimed_at IS NOT NULL AS held
              FROM (SELECT r.id, r.pool_state, r.owner, r.claimed_at, ${choice} AS pool FROM records AS r
                     WHERE r.tenant_id = ${tenantLiteral(tenantId)} AND r.object = ${objectKey}) AS c) AS x
     WHERE r.tenant_id = ${tenantLiteral(tenantId)} AND r.object = ${objectKey} AND r.id = x.id
       AND (r.pool IS DISTINCT FROM x.pool OR (x.pool IS NOT NULL AND r.pool_state IS NULL))`.execute(tx);
}

/**
 * After a publish changed a pool's `holdDays` (set, changed or removed), every private hold in it
 * expires by the new rule, as the sweep's other clocks already follow it: its claim plus the new
 * `holdDays` plus the days it was extended; no expiry when the pool has none. The version (the
 * record's ETag) moves with it; no history entry, as for the publish's other pool moves.
 */
async function redateHolds(tx: Tx, tenantId: string, pool: CompiledPool): Promise<void> {
  const expires = pool.holdDays === undefined ? sql`NULL::timestamptz` : sql`r.claimed_at + make_interval(days => ${pool.holdDays}::int + r.extended_days)`;
  await sql`
    UPDATE records AS r SET hold_expires_at = ${expires}, version = r.version + 1
     WHERE r.tenant_id = ${tenantLiteral(tenantId)} AND r.object = ${pool.object} AND r.pool = ${pool.key}
       AND r.pool_state = 'private' AND r.claimed_at IS NOT NULL AND r.hold_expires_at IS DISTINCT FROM ${expires}`.execute(tx);
}

/** The `holdDays` of the pool named by `key` (an SQL text), NULL for a pool without (or no pool). */
function holdDaysSql(pools: CompiledPool[], key: RawBuilder<unknown>): RawBuilder<number | null> {
  const held = pools.filter((p) => p.holdDays !== undefined);
  if (held.length === 0) return sql`NULL::int`;
  return sql`CASE ${key} ${sql.join(held.map((p) => sql`WHEN ${p.key} THEN ${p.holdDays}::int`), sql` `)} ELSE NULL END`;
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

/** What a record leaving every pool loses: the clocks, extensions and last release only a pool gives. */
const leftPoolColumns = {
  claimedAt: null, holdExpiresAt: null, extendedTimes: 0, extendedDays: 0, releasedAt: null, releaseReason: null, releasedBy: null,
} satisfies Partial<MovedColumns>;

/**
 * What moves when a record now matches pool `to` (undefined: none) rather than its own. A public
 * record is public in its new pool (seen and claimed by that pool's members). A private hold
 * keeps its owner, its claim time and the extensions it was granted: a BD correcting a lead's
 * source keeps the lead they work on, and a move does not restart (nor end) a hold. From then
 * on the new pool's rules apply to it as to its own holds: its hold expiry is recomputed from the
 * claim (`holdDays` + days extended), its sweep applies its visit and not-won clocks and
 * exemptions, and it counts toward the owner's `maxPerOwner` there (a limit checked when claiming
 * or assigning, so a move is never refused for it). A record entering a pool with an owner is
 * treated as a publish treats it (private to the owner, the hold starting now).
 *
 * A record leaving every pool loses its pool state and what only a pool gives it (its claim, hold
 * expiry, extensions and last release: nothing will take it back, so no date may say when) and
 * keeps its owner; one nobody held (public) becomes the record of whoever made the change, as a
 * record created outside every pool is its
 * creator's: the person who just corrected the lead's city keeps seeing and working it (the
 * creator may be an importer or an integration that never works leads), where an ownerless
 * record outside every pool would be out of everyone's reach but an administrator's. A change
 * made by the system (no actor) gives it to its creator.
 */
function poolMove(ctx: RecordContext, row: RecordRow, to: CompiledPool | undefined): MovedColumns | undefined {
  const key = to?.key ?? null;
  if (key === row.pool && (key === null || row.pool_state !== null)) return undefined;
  if (!to) return { pool: null, poolState: null, ...leftPoolColumns, ...(row.owner === null ? { owner: ctx.actorId ?? row.created_by } : {}) };
  if (row.pool_state === 'public' || row.owner === null) return { pool: key, poolState: 'public' };
  const held = row.pool_state === 'private' && row.claimed_at !== null;
  const claimedAt = held ? row.claimed_at! : ctx.now;
  const days = to.holdDays === undefined ? undefined : to.holdDays + (held ? row.extended_days : 0);
  return { pool: key, poolState: 'private', claimedAt, holdExpiresAt: days === undefined ? null : addDays(claimedAt, days) };
}
