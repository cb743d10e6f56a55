import { sql } from 'kysely';
import { compileFilterSql } from '../filter/compile-filter-sql.ts';
import { labelText } from '../metadata/metadata-types.ts';
import type { RecordContext } from '../records/record-context.ts';
import { eventsInChunks, rowsForEvents, type RecordHooks } from '../records/record-hooks.ts';
import { toFullRecord } from '../records/record-shape.ts';
import { tenantLiteral, type Tx } from '../storage/storage.ts';
import { addDays } from '../time/zoned-time.ts';
import type { CompiledPool } from './compiled-pools.ts';
import { releaseDueSql } from './pool-common.ts';

export interface SweepResult {
  pool: string;
  asOf: string;
  dryRun: boolean;
  released: number;
  byReason: { hold_expired: number; no_visit: number; not_won: number };
  warned: number;
}

/** Due rows read per round; each round is split among the parallel workers. */
const roundSize = 100_000;

/**
 * Where a sweep runs: `tx` reads what is due and writes the warnings. With `parallel`, the
 * releases run in transactions of their own, `workers` at a time; without it, in `tx`. A
 * release is CPU work of one server process (a new row version and an entry in every index of
 * `records`, plus four inserts), so two connections release about twice as fast on a server
 * with a spare core. Each part is all or nothing; parts are disjoint (by row address).
 */
export interface SweepPlace {
  tx: Tx;
  /** After-write hooks (webhooks' record.released): given each release only when one listens. */
  hooks?: RecordHooks;
  parallel?: { workers: number; inTenant: <T>(work: (tx: Tx) => Promise<T>) => Promise<T> };
}

/**
 * The scheduled recycling of a pool, as of `asOf`: every private record whose earliest release
 * rule is due (and that is not exempt) goes back to the public pool with that rule as its
 * reason, and owners of holds due within `warnDaysBefore` are warned once; only records the
 * caller may read, unless the system or a tenant admin sweeps. What it writes is dated
 * `ctx.now` (a real run's `asOf` is never later: `PoolService.sweep`). Set-based: one
 * statement reads the due rows' addresses (in physical order); one statement per part of them
 * releases the records and writes their history, cooldown entries, pool events and the
 * owners' notifications, each part all or nothing; one statement writes the warnings. Running
 * it again for the same moment releases nothing more (idempotent), so a sweep cut short by a
 * crash is completed by the next one.
 */
export async function sweepPool(place: SweepPlace, ctx: RecordContext, pool: CompiledPool, options: { asOf: Date; dryRun: boolean }): Promise<SweepResult> {
  const { tx } = place;
  const object = ctx.compiled.objects.get(pool.object)!;
  const due = releaseDueSql(pool);
  const asOf = options.asOf.toISOString();
  const exempt = pool.exempt ? compileFilterSql(pool.exempt, object.scope, { ...ctx.policy.context, now: options.asOf, alias: 'r' }) : undefined;
  const tenant = tenantLiteral(ctx.tenantId);
  // What is written is dated by the clock, whatever moment the due rows are chosen for (the
  // service refuses a real run later than now): a release, its cooldown and its history are true.
  const at = ctx.now.toISOString();
  const readable = readableSql(ctx, object.key);
  const dueNow = sql`
    r.tenant_id = ${tenant} AND r.object = ${sql.lit(object.key)} AND r.pool = ${pool.key}
    AND r.pool_state = 'private' AND r.deleted_at IS NULL AND r.owner IS NOT NULL
    ${exempt ? sql`AND NOT COALESCE(${exempt}, FALSE)` : sql``}${readable}
    AND ${due.at} <= ${asOf}::timestamptz`;
  const byReason = { hold_expired: 0, no_visit: 0, not_won: 0 };
  if (options.dryRun) {
    const rows = (await sql<{ reason: keyof typeof byReason; n: number }>`
      SELECT ${due.reason} AS reason, count(*)::int AS n FROM records AS r WHERE ${dueNow} GROUP BY 1`.execute(tx)).rows;
    for (const row of rows) byReason[row.reason] += row.n;
    return { pool: pool.key, asOf, dryRun: true, released: rows.reduce((sum, r) => sum + r.n, 0), byReason, warned: 0 };
  }
  const title = `A ${labelText(object.label, 'en', object.key)} you held went back to the public pool (`;
  // A part is found by physical address (a TID scan), so no index choice made on statistics
  // that predate the holds can turn its key lookups into range scans, and the rows are visited
  // in the order they lie on disk. The due condition is checked again on the row the UPDATE
  // changes; a row updated by a concurrent transaction since it was read has moved to a new
  // address and is skipped, and the next round reads it again if it is still due.
  const listening = place.hooks ? await place.hooks.wants(tx, ctx, 'release', object) : false;
  const releasePart = async (partTx: Tx, rows: string[]) => {
    // Only when a hook listens: the rows as they were (locked), and after, for its events.
    const before = listening ? await rowsForEvents(partTx, ctx.tenantId, sql`r.ctid = ANY(${rows}::tid[]) FOR UPDATE`) : undefined;
    const result = (await sql<{ by_reason: Partial<Record<keyof typeof byReason, number>>; ids: string[] | null }>`
      WITH due AS (
        SELECT r.ctid AS row, r.owner, ${due.reason} AS reason FROM records AS r WHERE r.ctid = ANY(${rows}::tid[]) AND ${dueNow}
      ), released AS (
        UPDATE records AS r SET owner = NULL, pool_state = 'public', released_at = ${at}::timestamptz, release_reason = due.reason,
               released_by = NULL, claimed_at = NULL, hold_expires_at = NULL, extended_times = 0, extended_days = 0,
               version = r.version + 1, updated_at = ${at}::timestamptz, updated_by = NULL
          FROM due
         WHERE r.ctid = due.row AND r.owner = due.owner AND ${dueNow}
        RETURNING r.id, due.owner AS previous_owner, due.reason
      ), history AS (
        INSERT INTO record_history (tenant_id, object, record_id, at, actor, action, changes, note)
        SELECT ${tenant}, ${object.key}, id, ${at}::timestamptz, NULL, 'release',
               jsonb_build_object('owner', jsonb_build_array(previous_owner::text, NULL), 'poolState', jsonb_build_array('private', 'public')), reason
          FROM released
      ), cooldown AS (
        INSERT INTO pool_releases (tenant_id, object, record_id, user_id, released_at, reason, released_by)
        SELECT ${tenant}, ${object.key}, id, previous_owner, ${at}::timestamptz, reason, NULL FROM released
      ), event AS (
        INSERT INTO pool_events (tenant_id, pool, at, kind, record_id, user_id, actor, reason)
        SELECT ${tenant}, ${pool.key}, ${at}::timestamptz, 'release', id, previous_owner, NULL, reason FROM released
      ), notice AS (
        INSERT INTO notifications (tenant_id, id, user_id, kind, title, body, object, record_id, created_at)
        SELECT ${tenant}, gen_random_uuid(), previous_owner, 'released', ${title}::text || replace(reason, '_', ' ') || ')',
               jsonb_build_object('reason', reason, 'pool', ${pool.key}::text), ${object.key}, id, ${at}::timestamptz
          FROM released
      )
      SELECT coalesce(jsonb_object_agg(reason, n), '{}') AS by_reason, ${listening ? sql`(SELECT array_agg(id) FROM released)` : sql`NULL::uuid[]`} AS ids
        FROM (SELECT reason, count(*)::int AS n FROM released GROUP BY reason) AS counts`.execute(partTx)).rows[0]!;
    if (before && result.ids?.length) {
      await eventsInChunks(result.ids.filter((id) => before.has(id)), async (chunk) => {
        const after = await rowsForEvents(partTx, ctx.tenantId, sql`r.object = ${sql.lit(object.key)} AND r.id = ANY(${chunk}::uuid[])`);
        await place.hooks!.afterWrite(partTx, ctx, chunk.map((id) => ({ action: 'release' as const, object, id, before: toFullRecord(before.get(id)!, object), after: toFullRecord(after.get(id)!, object) })));
      });
    }
    return result.by_reason;
  };
  let released = 0;
  for (;;) {
    const rows = (await sql<{ row: string }>`
      SELECT r.ctid::text AS row FROM records AS r WHERE ${dueNow} ORDER BY r.ctid LIMIT ${roundSize}`.execute(tx)).rows.map((r) => r.row);
    if (rows.length === 0) break;
    // Parts of at least ~1,000 rows: a small round is not worth a transaction per part.
    const workers = place.parallel ? Math.min(place.parallel.workers, Math.ceil(rows.length / 1000)) : 1;
    const size = Math.ceil(rows.length / workers);
    const counts = workers > 1
      ? await Promise.all(Array.from({ length: workers }, (_, i) => place.parallel!.inTenant((partTx) => releasePart(partTx, rows.slice(i * size, (i + 1) * size)))))
      : [await releasePart(tx, rows)];
    let n = 0;
    for (const [reason, k] of counts.flatMap((count) => Object.entries(count)) as Array<[keyof typeof byReason, number]>) {
      byReason[reason] += k;
      n += k;
    }
    released += n;
    // Done when the round was the last one and none of it moved meanwhile; a round that
    // released nothing (rows changed under every attempt) ends the run, the next sweep retries.
    if ((rows.length < roundSize && n === rows.length) || n === 0) break;
  }
  const warned = pool.warnDaysBefore <= 0 ? 0 : await warnOwners(tx, ctx, pool, exempt, options.asOf, readable);
  return { pool: pool.key, asOf, dryRun: false, released, byReason, warned };
}

/** Warns owners once per hold and deadline of releases due within `warnDaysBefore` (one statement). */
async function warnOwners(tx: Tx, ctx: RecordContext, pool: CompiledPool, exempt: ReturnType<typeof sql> | undefined, asOf: Date, readable: ReturnType<typeof sql>): Promise<number> {
  const object = ctx.compiled.objects.get(pool.object)!;
  const due = releaseDueSql(pool);
  const horizon = addDays(asOf, pool.warnDaysBefore).toISOString();
  const iso = (value: ReturnType<typeof sql>) => sql`to_char(${value} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const result = await sql`
    WITH soon AS (
      SELECT r.id, r.owner, r.claimed_at, ${due.at} AS at, ${due.reason} AS reason FROM records AS r
       WHERE r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(object.key)} AND r.pool = ${pool.key}
         AND r.pool_state = 'private' AND r.deleted_at IS NULL AND r.owner IS NOT NULL
         ${exempt ? sql`AND NOT COALESCE(${exempt}, FALSE)` : sql``}${readable}
         AND ${due.at} > ${asOf.toISOString()}::timestamptz AND ${due.at} <= ${horizon}::timestamptz
    )
    INSERT INTO notifications (tenant_id, id, user_id, kind, title, body, object, record_id, dedupe_key, created_at)
    SELECT ${tenantLiteral(ctx.tenantId)}, gen_random_uuid(), owner, 'release_warning',
           ${`A ${labelText(object.label, 'en', object.key)} you hold goes back to the public pool on `}::text
             || to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ' (' || replace(reason, '_', ' ') || ')',
           jsonb_build_object('releaseAt', ${iso(sql`at`)}, 'releaseDueTo', reason, 'pool', ${pool.key}::text), ${object.key}, id,
           'warn:' || id || ':' || coalesce(${iso(sql`claimed_at`)}, 'undefined') || ':' || reason || ':' || ${iso(sql`at`)},
           ${ctx.now.toISOString()}::timestamptz
      FROM soon
    ON CONFLICT (tenant_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * The holds a sweep may act on beyond the due ones: all for the system and tenant admins; for a
 * pool's other administrators, those they may read (as a release by hand: `loadVisibleRecord`).
 * `release` is not asked of them: a pool's admins may release anyone's hold in their pool.
 */
function readableSql(ctx: RecordContext, object: string): ReturnType<typeof sql> {
  return ctx.policy.isAdmin ? sql`` : sql`
    AND (${ctx.policy.predicate('read', object, 'r')})`;
}
