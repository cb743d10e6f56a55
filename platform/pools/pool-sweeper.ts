import { sql } from 'kysely';
import { compileFilterSql } from '../filter/compile-filter-sql.ts';
import { labelText } from '../metadata/metadata-types.ts';
import { notify, type NotificationInput } from '../notifications/notifications.ts';
import type { RecordContext } from '../records/record-context.ts';
import { tenantLiteral, type Tx } from '../storage/storage.ts';
import { addDays } from '../time/zoned-time.ts';
import type { CompiledPool } from './compiled-pools.ts';
import { releaseRows } from './pool-actions.ts';
import { releaseDueSql } from './pool-common.ts';

export interface SweepResult {
  pool: string;
  asOf: string;
  dryRun: boolean;
  released: number;
  byReason: { hold_expired: number; no_visit: number; not_won: number };
  warned: number;
}

const batchSize = 20_000;

/**
 * The scheduled recycling of a pool, as of `asOf`: every private record whose earliest release
 * rule is due (and that is not exempt) goes back to the public pool with that rule as its
 * reason, and owners of holds due within `warnDaysBefore` are warned once. Set-based SQL in
 * batches; running it twice for the same moment releases nothing more (idempotent).
 */
export async function sweepPool(tx: Tx, ctx: RecordContext, pool: CompiledPool, options: { asOf: Date; dryRun: boolean }): Promise<SweepResult> {
  const object = ctx.compiled.objects.get(pool.object)!;
  const due = releaseDueSql(pool);
  const asOf = options.asOf.toISOString();
  const exempt = pool.exempt ? compileFilterSql(pool.exempt, object.scope, { ...ctx.policy.context, now: options.asOf, alias: 'r' }) : undefined;
  const candidates = sql`
    r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(object.key)} AND r.pool = ${pool.key}
    AND r.pool_state = 'private' AND r.deleted_at IS NULL AND r.owner IS NOT NULL
    ${exempt ? sql`AND NOT COALESCE(${exempt}, FALSE)` : sql``}`;
  const byReason = { hold_expired: 0, no_visit: 0, not_won: 0 };
  let released = 0;
  const sweepContext: RecordContext = { ...ctx, now: options.asOf };
  for (;;) {
    const rows = (await sql<{ id: string; owner: string; reason: 'hold_expired' | 'no_visit' | 'not_won' }>`
      SELECT r.id, r.owner, ${due.reason} AS reason FROM records AS r
       WHERE ${candidates} AND ${due.at} <= ${asOf}::timestamptz
       ORDER BY r.id LIMIT ${batchSize}`.execute(tx)).rows;
    if (rows.length === 0) break;
    for (const row of rows) byReason[row.reason] += 1;
    released += rows.length;
    if (options.dryRun) break;
    const done = await releaseRows(tx, sweepContext, pool, rows, 'hold_expired', null);
    await notify(tx, ctx.tenantId, done.map((r) => releasedNotice(ctx, pool, r.id, (r as unknown as { previous_owner: string }).previous_owner, r.release_reason!)), options.asOf);
    if (rows.length < batchSize) break;
  }
  const warned = options.dryRun || pool.warnDaysBefore <= 0 ? 0 : await warnOwners(tx, ctx, pool, candidates, options.asOf);
  return { pool: pool.key, asOf, dryRun: options.dryRun, released, byReason, warned };
}

function releasedNotice(ctx: RecordContext, pool: CompiledPool, recordId: string, owner: string, reason: string): NotificationInput {
  const object = ctx.compiled.objects.get(pool.object)!;
  return {
    userId: owner, kind: 'released', object: object.key, recordId,
    title: `A ${labelText(object.label, 'en', object.key)} you held went back to the public pool (${reason.replace('_', ' ')})`,
    body: { reason, pool: pool.key },
  };
}

/** Warns owners once per hold and deadline of releases due within `warnDaysBefore`. */
async function warnOwners(tx: Tx, ctx: RecordContext, pool: CompiledPool, candidates: ReturnType<typeof sql>, asOf: Date): Promise<number> {
  const due = releaseDueSql(pool);
  const horizon = addDays(asOf, pool.warnDaysBefore).toISOString();
  const rows = (await sql<{ id: string; owner: string; at: Date; reason: string; claimed_at: Date }>`
    SELECT r.id, r.owner, ${due.at} AS at, ${due.reason} AS reason, r.claimed_at FROM records AS r
     WHERE ${candidates} AND ${due.at} > ${asOf.toISOString()}::timestamptz AND ${due.at} <= ${horizon}::timestamptz`.execute(tx)).rows;
  const object = ctx.compiled.objects.get(pool.object)!;
  const items: NotificationInput[] = rows.map((r) => ({
    userId: r.owner, kind: 'release_warning', object: object.key, recordId: r.id,
    title: `A ${labelText(object.label, 'en', object.key)} you hold goes back to the public pool on ${r.at.toISOString().slice(0, 10)} (${r.reason.replace('_', ' ')})`,
    body: { releaseAt: r.at.toISOString(), releaseDueTo: r.reason, pool: pool.key },
    dedupeKey: `warn:${r.id}:${r.claimed_at?.toISOString()}:${r.reason}:${r.at.toISOString()}`,
  }));
  return notify(tx, ctx.tenantId, items, asOf);
}
