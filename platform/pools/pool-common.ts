import { sql, type RawBuilder } from 'kysely';
import { ShoalError } from '../errors.ts';
import { evaluateFilter } from '../filter/evaluate-filter.ts';
import type { RecordContext } from '../records/record-context.ts';
import type { Tx } from '../storage/storage.ts';
import { poolByKey, type CompiledPool } from './compiled-pools.ts';
import { administersPool, isPoolMember } from './pool-visibility.ts';

/** The pool of a request, or 404; non-members never learn it exists. */
export function poolFor(ctx: RecordContext, key: string): CompiledPool {
  const pool = poolByKey(ctx.compiled, key);
  if (!pool || !ctx.compiled.has('pools')) throw new ShoalError('not_found', `There is no pool called ${key}`);
  if (!isMember(ctx, pool) && !isPoolAdmin(ctx, pool)) throw new ShoalError('not_found', `There is no pool called ${key}`);
  return pool;
}

/** Whether the caller is in the pool's `members` (everyone when it has none). */
export function isMember(ctx: RecordContext, pool: CompiledPool): boolean {
  return isPoolMember(ctx.policy, pool);
}

/** Pool admins (its `admins.roles`, or tenant admins) assign, extend for others and force. */
export function isPoolAdmin(ctx: RecordContext, pool: CompiledPool): boolean {
  return administersPool(ctx.policy, pool);
}

/** Whether `userId` is in the pool's members, read from the users table. */
export async function userIsMember(tx: Tx, ctx: RecordContext, pool: CompiledPool, userId: string): Promise<boolean> {
  const user = await tx.selectFrom('users').select(['id', 'email', 'name', 'roles', 'attributes', 'manager_id', 'active']).where('tenant_id', '=', ctx.tenantId).where('id', '=', userId).executeTakeFirst();
  if (!user || !user.active) return false;
  if (!pool.members) return true;
  return evaluateFilter(pool.members, { ...user, managerId: user.manager_id }, ctx.policy.context);
}

/**
 * When each release rule would release a private record, as SQL over the alias `r`:
 * the hold expiry; the last visit (or claim, whichever is later) plus the no-visit days; the
 * claim plus the not-won days plus extensions, unless the record is won.
 */
export function releaseClocks(pool: CompiledPool): { holdExpired: RawBuilder<Date | null>; noVisit: RawBuilder<Date | null>; notWon: RawBuilder<Date | null> } {
  const won = pool.wonStages;
  return {
    holdExpired: sql`r.hold_expires_at`,
    noVisit: pool.releaseIfNoVisitDays
      ? sql`(greatest(r.last_visit_at, r.claimed_at) + make_interval(days => ${pool.releaseIfNoVisitDays}::int))`
      : sql`NULL::timestamptz`,
    notWon: pool.releaseIfNotWonDays
      ? sql`(CASE WHEN ${won.length ? sql`r.stage IS NOT NULL AND r.stage IN (${sql.join(won)})` : sql`FALSE`} THEN NULL
              ELSE r.claimed_at + make_interval(days => ${pool.releaseIfNotWonDays}::int + r.extended_days) END)`
      : sql`NULL::timestamptz`,
  };
}

/** The earliest release time of a private record and the rule that causes it. */
export function releaseDueSql(pool: CompiledPool): { at: RawBuilder<Date | null>; reason: RawBuilder<string | null> } {
  const c = releaseClocks(pool);
  const at = sql<Date | null>`least(${c.holdExpired}, ${c.noVisit}, ${c.notWon})`;
  const reason = sql<string | null>`CASE
      WHEN ${c.holdExpired} IS NOT NULL AND ${c.holdExpired} <= coalesce(${c.noVisit}, 'infinity') AND ${c.holdExpired} <= coalesce(${c.notWon}, 'infinity') THEN 'hold_expired'
      WHEN ${c.noVisit} IS NOT NULL AND ${c.noVisit} <= coalesce(${c.notWon}, 'infinity') THEN 'no_visit'
      WHEN ${c.notWon} IS NOT NULL THEN 'not_won'
      ELSE NULL END`;
  return { at, reason };
}

/** Stage keys that count as won, as a SQL condition (won leads do not count toward limits). */
export function notWonSql(pool: CompiledPool): RawBuilder<boolean> {
  if (pool.wonStages.length === 0) return sql<boolean>`TRUE`;
  return sql<boolean>`(r.stage IS NULL OR r.stage NOT IN (${sql.join(pool.wonStages)}))`;
}
