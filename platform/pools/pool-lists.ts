import { sql } from 'kysely';
import { compileFilterSql } from '../filter/compile-filter-sql.ts';
import type { Row } from '../filter/evaluate-filter.ts';
import { decodeOptionalTimeIdCursor, encodeValuesCursor } from '../records/cursor.ts';
import type { RecordContext } from '../records/record-context.ts';
import { expandLookups, listForCaller, parseListRequest, readableFor, type ListRequest } from '../records/read-records.ts';
import { recordColumns, toApiRecord, type RecordRow } from '../records/record-shape.ts';
import { tenantLiteral, type Tx } from '../storage/storage.ts';
import { addDays } from '../time/zoned-time.ts';
import type { CompiledPool } from './compiled-pools.ts';
import { releaseDueSql } from './pool-common.ts';

/**
 * The public pool (公海): same parameters as record lists, only this pool's public records. Each
 * record carries `cooldownUntil`: when the caller let it go less than the pool's re-claim
 * cooldown ago, the time from which they may claim it again (a claim before answers 409
 * `cooldown`); else null.
 */
export async function listPublic(tx: Tx, ctx: RecordContext, pool: CompiledPool, request: ListRequest) {
  const object = ctx.compiled.objects.get(pool.object)!;
  const parsed = parseListRequest(ctx, object, request, { orderBy: '-createdAt' });
  const page = await listForCaller(tx, ctx, object, parsed, [sql<boolean>`r.pool = ${pool.key}`, sql<boolean>`r.pool_state = 'public'`]);
  const until = await cooldownsUntil(tx, ctx, pool, page.data.map((r) => String(r.id)));
  return { ...page, data: page.data.map((r) => ({ ...r, cooldownUntil: until.get(String(r.id)) ?? null })) };
}

/**
 * Until when the caller may not claim each of `ids` again, for those they released less than the
 * pool's cooldown ago: their last release plus the cooldown, as the claim checks it.
 */
async function cooldownsUntil(tx: Tx, ctx: RecordContext, pool: CompiledPool, ids: string[]): Promise<Map<string, string>> {
  const until = new Map<string, string>();
  if (pool.reclaimCooldownDays <= 0 || !ctx.actorId || ids.length === 0) return until;
  const since = addDays(ctx.now, -pool.reclaimCooldownDays).toISOString();
  const rows = (await sql<{ record_id: string; released_at: Date }>`
    SELECT record_id, max(released_at) AS released_at FROM pool_releases
     WHERE tenant_id = ${tenantLiteral(ctx.tenantId)} AND object = ${pool.object} AND user_id = ${ctx.actorId}::uuid
       AND record_id = ANY(${ids}::uuid[]) AND released_at > ${since}::timestamptz
     GROUP BY record_id`.execute(tx)).rows;
  for (const row of rows) until.set(row.record_id, addDays(new Date(row.released_at), pool.reclaimCooldownDays).toISOString());
  return until;
}

/** What a private pool list is asked for, beyond a record list's where, limit, cursor, fields and count. */
export interface MineRequest extends ListRequest {
  /** Another member's private pool, or `any`: every holder's (pool administrators). */
  owner?: string;
  /** Only records going back to the public pool within this many days from now (none exempt). */
  releaseWithinDays?: number;
}

/** The order of a private pool that nothing asks for: what goes back to the public pool first. */
export const releaseOrder = 'releaseAt';

/**
 * The caller's private pool (私海) — or, for a pool administrator, one member's or every holder's
 * (`owner: 'any'`). Each record carries `releaseAt` and `releaseDueTo` (the rule that releases it
 * first), or nulls for exempt records, and `extensionsLeft` (how many more times its hold may be
 * extended); `total` with `count`. Ordered by `orderBy` as a record list is (same keys, same
 * checks, its keyset cursor), or by default (`releaseAt`) by what goes back to the public pool
 * first, exempt records last, keyset-paged on (releaseAt, id).
 */
export async function listMine(tx: Tx, ctx: RecordContext, pool: CompiledPool, request: MineRequest): Promise<{ data: Row[]; nextCursor: string | null; total?: number }> {
  const object = ctx.compiled.objects.get(pool.object)!;
  const byRelease = request.orderBy === undefined || request.orderBy === releaseOrder;
  const parsed = parseListRequest(ctx, object, byRelease ? { ...request, orderBy: '-createdAt' } : request, { privateOnly: true });
  const due = releaseDueSql(pool);
  const owner = request.owner ?? ctx.actorId!;
  const exempt = pool.exempt ? compileFilterSql(pool.exempt, object.scope, { ...ctx.policy.context, alias: 'r' }) : sql<boolean>`FALSE`;
  const at = sql`(CASE WHEN COALESCE(${exempt}, FALSE) THEN NULL ELSE ${due.at} END)`;
  const dueTo = sql`CASE WHEN COALESCE(${exempt}, FALSE) THEN NULL ELSE ${due.reason} END`;
  const within = request.releaseWithinDays !== undefined ? sql<boolean>`${at} < ${addDays(ctx.now, request.releaseWithinDays).toISOString()}::timestamptz` : undefined;
  const held = [
    sql<boolean>`r.pool = ${pool.key}`, sql<boolean>`r.pool_state = 'private'`,
    ...(owner === 'any' ? [] : [sql<boolean>`r.owner = ${owner}::uuid`]), ...(within ? [within] : []),
  ];
  const releaseFields = (row: RecordRow & { release_at?: Date | null; release_due_to?: string | null }) => ({
    releaseAt: row.release_at?.toISOString() ?? null,
    releaseDueTo: row.release_due_to ?? null,
    extensionsLeft: Math.max(0, (pool.extension?.maxTimes ?? 0) - row.extended_times),
  });
  if (!byRelease) return listForCaller(tx, ctx, object, parsed, held, { columns: { release_at: at, release_due_to: dueTo }, decorate: releaseFields });
  const limit = parsed.limit;
  const [afterAt, afterId] = parsed.cursor ? decodeOptionalTimeIdCursor(parsed.cursor) : [];
  const after = afterId === undefined ? undefined : { at: afterAt ?? null, id: afterId };
  const keyset = after
    ? after.at === null
      ? sql`AND ${at} IS NULL AND r.id > ${after.id}::uuid`
      : sql`AND (${at} > ${after.at}::timestamptz OR ${at} IS NULL OR (${at} = ${after.at}::timestamptz AND r.id > ${after.id}::uuid))`
    : sql``;
  const fieldRules = ctx.policy.fieldRules('read', object.key, 'r');
  const flags = (fieldRules ?? []).map((r, i) => sql`(${r.condition}) AS ${sql.id(`__read${i}`)}`);
  const matching = sql`r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(object.key)} AND r.deleted_at IS NULL
       AND ${sql.join(held, sql` AND `)}
       AND ${ctx.policy.predicate('read', object.key, 'r')}
       ${parsed.filter.length ? sql`AND ${sql.join(parsed.filter, sql` AND `)}` : sql``}`;
  const rows = (await sql<RecordRow & { release_at: Date | null; release_due_to: string | null } & Record<string, unknown>>`
    SELECT ${sql.join([...recordColumns.map((c) => sql.ref(c)), ...flags])}, ${at} AS release_at, ${dueTo} AS release_due_to
      FROM records AS r
     WHERE ${matching}
       ${keyset}
     ORDER BY ${at} ASC NULLS LAST, r.id ASC
     LIMIT ${limit + 1}`.execute(tx)).rows;
  const total = request.count ? Number((await sql<{ n: string }>`SELECT count(*) AS n FROM records AS r WHERE ${matching}`.execute(tx)).rows[0]!.n) : undefined;
  const page = rows.slice(0, limit);
  const data = page.map((row) => ({ ...toApiRecord(row, object, readableFor(ctx, object, fieldRules, row), parsed.fields), ...releaseFields(row) }));
  if (parsed.expand.length > 0) await expandLookups(tx, ctx, object, parsed.expand, data);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? encodeValuesCursor([last.release_at?.toISOString() ?? null, last.id]) : null;
  return { data, nextCursor, ...(total !== undefined ? { total } : {}) };
}
