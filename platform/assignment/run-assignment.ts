import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import { compileFilterSql, fieldSql } from '../filter/compile-filter-sql.ts';
import { evaluateFilter } from '../filter/evaluate-filter.ts';
import { userScope } from '../filter/filter-fields.ts';
import type { FilterContext } from '../filter/resolve-operand.ts';
import { notify } from '../notifications/notifications.ts';
import { notWonSql } from '../pools/pool-common.ts';
import type { RecordContext } from '../records/record-context.ts';
import { eventsInChunks, rowsForEvents, type RecordHooks } from '../records/record-hooks.ts';
import { sortSql } from '../records/list-records.ts';
import { toFullRecord } from '../records/record-shape.ts';
import { assignmentLockSql, tenantLiteral, type Tx } from '../storage/storage.ts';
import { addDays, localDate } from '../time/zoned-time.ts';
import type { SortKey } from '../metadata/order-by.ts';
import type { CompiledRule } from './compiled-rules.ts';
import { groupByReason, matchRecords, variance, type Cap, type MatchUser, type Unassigned } from './matching.ts';

export interface AssignmentOutcome {
  rule: string;
  asOf: string;
  dryRun: boolean;
  /** The recorded run (its entry in the rule's runs); null for a dry run, which leaves no trace. */
  runId: string | null;
  allocations: Array<{ recordId: string; userId: string; priority: number }>;
  unassigned: Array<Unassigned | { recordId: string; reason: 'claimed_meanwhile' }>;
  stats: {
    candidates: number;
    users: number;
    perUser: Record<string, { allocated: number; totalAfter: number }>;
    /** Variance of users' resulting totals (holdings after the run). */
    variance: number;
    /** Spread of per-run allocations across users (max − min). */
    spread: number;
    /** How many records the run allocates, and leaves unassigned (counted per reason and caps). */
    allocated: number;
    unassigned: number;
    unassignedByReason: Array<{ reason: string; caps?: Cap[]; count: number }>;
  };
}

/**
 * Runs one assignment rule as of `asOf`: recalls the records (include minus exclude, public in
 * the rule's pool), recalls the people (filter, pool membership, active) with their remaining
 * room (daily cap across all rules, total cap, pool limit), matches them, and — unless a dry
 * run — assigns every allocation as a pool assignment and opens a prioritised work order, all
 * in the caller's transaction. Other assignment runs of the tenant wait (advisory lock).
 *
 * `asOf` chooses what is recalled (relative dates in the filters, cooldowns); a real run hands
 * the records out now, so what it writes is dated by the clock (`ctx.now`) and its allocations
 * count against today's daily cap, however far back `asOf` is (as the sweep dates its
 * releases): a backdated run cannot fill a past day's cap to hand out more today, nor start
 * holds that are already partly over. A dry run previews the day of `asOf` throughout.
 * `leaveFor` are rules that come before it (lower priority, same object) and have not run with
 * it: the records they recall are left for them, as the conflict report says (a run by hand; a
 * scheduled slot runs those rules first instead).
 */
export async function runAssignment(tx: Tx, ctx: RecordContext, hooks: RecordHooks, rule: CompiledRule, options: { asOf: Date; dryRun: boolean; leaveFor?: CompiledRule[] }): Promise<AssignmentOutcome> {
  const asOf = options.asOf;
  // When the allocations happen: now for a real run (never before asOf: `assertRunNotAhead`), asOf for a preview.
  const at = options.dryRun ? asOf : ctx.now;
  if (!options.dryRun) await assignmentLockSql(ctx.tenantId).execute(tx);
  const object = ctx.compiled.objects.get(rule.object)!;
  const context = { ...ctx.policy.context, now: asOf, alias: 'r' };
  const conditions: RawBuilder<unknown>[] = [
    sql`r.tenant_id = ${tenantLiteral(ctx.tenantId)}`, sql`r.object = ${sql.lit(object.key)}`, sql`r.deleted_at IS NULL`,
  ];
  if (rule.pool) conditions.push(sql`r.pool = ${rule.pool.key}`, sql`r.pool_state = 'public'`);
  else conditions.push(notAllocatedSql(ctx, rule));
  // Whoever runs the rule may only hand out records they may assign: an administrator or the
  // pool's administrator any of the pool's, anyone else those their roles' `assign` covers.
  const poolAdmin = rule.pool !== undefined && ctx.policy.roles.some((r) => rule.pool!.adminRoles.includes(r));
  if (!ctx.policy.isAdmin && !poolAdmin) conditions.push(ctx.policy.predicate('assign', object.key, 'r'));
  if (rule.include) conditions.push(compileFilterSql(rule.include, object.scope, context));
  if (rule.exclude) conditions.push(sql`NOT COALESCE(${compileFilterSql(rule.exclude, object.scope, context)}, FALSE)`);
  for (const earlier of options.leaveFor ?? []) conditions.push(sql`NOT COALESCE(${recalledSql(ctx, earlier, context)}, FALSE)`);
  // Work-order priority may follow a lookup (hotel.roomNightsPerMonth): join the related rows.
  const joins: RawBuilder<unknown>[] = [];
  const expressions: RawBuilder<unknown>[] = [];
  const order = rule.order.map((key, i) => {
    let expression = fieldSql(key.field, 'r');
    if (key.via) {
      const alias = `p${i}`;
      const target = key.via.scope.table === 'users'
        ? sql`LEFT JOIN users AS ${sql.id(alias)} ON ${sql.ref(`${alias}.tenant_id`)} = r.tenant_id AND ${sql.ref(`${alias}.id`)} = ${key.via.field.kind === 'uuid' ? fieldSql(key.via.field, 'r') : sql`(${fieldSql(key.via.field, 'r', 'match')})::uuid`}`
        : sql`LEFT JOIN records AS ${sql.id(alias)} ON ${sql.ref(`${alias}.tenant_id`)} = r.tenant_id AND ${sql.ref(`${alias}.object`)} = ${sql.lit(key.via.scope.name)}
              AND ${sql.ref(`${alias}.id`)} = ${key.via.field.kind === 'uuid' ? fieldSql(key.via.field, 'r') : sql`(${fieldSql(key.via.field, 'r', 'match')})::uuid`}`;
      joins.push(target);
      expression = fieldSql(key.field, alias);
    }
    // A select sorts by its options' order (as lists do), not alphabetically.
    expression = sortSql(key.field, expression);
    expressions.push(expression);
    return sql`${expression} ${key.descending ? sql`DESC` : sql`ASC`} NULLS LAST`;
  });
  const priority = priorityKeySql(rule.order[0]!, expressions[0]!);
  const candidates = (await sql<{ id: string; priority: number | null }>`
    SELECT r.id, ${priority ?? sql`NULL::float8`} AS priority FROM records AS r ${sql.join(joins, sql` `)} WHERE ${sql.join(conditions, sql` AND `)}
     ORDER BY ${sql.join([...order, sql`r.id`])}`.execute(tx)).rows;
  const records = candidates.map((r) => r.id);
  const priorities = new Map(candidates.map((r) => [r.id, r.priority]));

  let users = await recallUsers(tx, ctx, rule, asOf, at);
  const receiving = users.filter((u) => u.capacity > 0);
  if (!options.dryRun && rule.pool && receiving.length > 0) {
    // Hold off the claims (see claimRecord) of the people with room before counting their
    // holdings, so a claim committed during the run cannot take anyone past a limit; then count
    // again. A claim can only take room away, so people without room need no lock.
    await lockPoolUsers(tx, ctx, rule.pool.key, receiving.map((u) => u.id));
    const locked = new Set(receiving.map((u) => u.id));
    users = (await recallUsers(tx, ctx, rule, asOf, at)).map((u) => (locked.has(u.id) ? u : { ...u, capacity: 0 }));
  }
  const excluded = await cooldowns(tx, ctx, rule, records, users.map((u) => u.id), asOf, at);
  const lastUser = rule.match === 'roundRobin' ? await roundRobinPosition(tx, ctx, rule.key) : null;
  const result = matchRecords({ records, users, strategy: rule.match, excluded, lastUser });

  const allocatedBy = new Map<string, number>();
  for (const a of result.allocations) allocatedBy.set(a.userId, (allocatedBy.get(a.userId) ?? 0) + 1);
  let allocations = result.allocations;
  const unassigned: AssignmentOutcome['unassigned'] = [...result.unassigned];
  if (!options.dryRun && allocations.length > 0) {
    const applied = await applyAllocations(tx, ctx, hooks, rule, allocations.map((a) => ({ ...a, priority: priorities.get(a.recordId) ?? a.rank })));
    for (const a of allocations) {
      if (!applied.has(a.recordId)) {
        unassigned.push({ recordId: a.recordId, reason: 'claimed_meanwhile' });
        allocatedBy.set(a.userId, allocatedBy.get(a.userId)! - 1);
      }
    }
    allocations = allocations.filter((a) => applied.has(a.recordId));
    if (rule.match === 'roundRobin') await saveRoundRobinPosition(tx, ctx, rule.key, result.lastUser);
  }
  const perUser = Object.fromEntries(users.map((u) => [u.id, { allocated: allocatedBy.get(u.id) ?? 0, totalAfter: u.holdings + (allocatedBy.get(u.id) ?? 0) }]));
  const perRun = users.filter((u) => u.capacity > 0).map((u) => allocatedBy.get(u.id) ?? 0);
  const outcome: AssignmentOutcome = {
    rule: rule.key,
    asOf: asOf.toISOString(),
    dryRun: options.dryRun,
    runId: options.dryRun ? null : randomUUID(),
    allocations: allocations.map((a) => ({ recordId: a.recordId, userId: a.userId, priority: a.rank })),
    unassigned,
    stats: {
      candidates: records.length,
      users: users.length,
      perUser,
      variance: Math.round(variance(Object.values(perUser).map((p) => p.totalAfter)) * 10000) / 10000,
      spread: perRun.length ? Math.max(...perRun) - Math.min(...perRun) : 0,
      allocated: allocations.length,
      unassigned: unassigned.length,
      unassignedByReason: groupByReason(unassigned).map(({ first, count }) => ({ reason: first.reason, ...('caps' in first ? { caps: first.caps } : {}), count })),
    },
  };
  if (!options.dryRun) {
    await sql`INSERT INTO assignment_runs (tenant_id, id, rule, as_of, dry_run, actor, allocations, stats, created_at)
              VALUES (${tenantLiteral(ctx.tenantId)}, ${outcome.runId}::uuid, ${rule.key}, ${asOf.toISOString()}::timestamptz, false, ${ctx.actorId}::uuid,
                      ${allocations.length}, ${JSON.stringify({ ...outcome.stats, perUser: undefined })}::jsonb, ${ctx.now.toISOString()}::timestamptz)`.execute(tx);
  }
  return outcome;
}

/**
 * The people a rule may give records to (its filter as of `asOf`), with how many more each may
 * receive on the day of `at` (the daily cap's day, in the rule's time zone).
 */
async function recallUsers(tx: Tx, ctx: RecordContext, rule: CompiledRule, asOf: Date, at: Date): Promise<MatchUser[]> {
  const userFilter = rule.users ? compileFilterSql(rule.users, userScopeOf(), { ...ctx.policy.context, now: asOf, alias: 'u' }) : sql<boolean>`TRUE`;
  const day = localDate(at, rule.timeZone);
  const pool = rule.pool;
  const rows = (await sql<{ id: string; email: string; name: string; roles: string[]; attributes: Record<string, unknown>; manager_id: string | null; holdings: string; today: string }>`
    SELECT u.id, u.email, u.name, u.roles, u.attributes, u.manager_id,
           (SELECT count(*) FROM records AS r WHERE r.tenant_id = u.tenant_id AND r.object = ${sql.lit(rule.object)} AND r.deleted_at IS NULL
               AND r.owner = u.id ${pool ? sql`AND r.pool_state = 'private' AND r.pool = ${pool.key} AND ${notWonSql(pool)}` : sql``}) AS holdings,
           coalesce((SELECT allocated FROM assignment_counters AS c WHERE c.tenant_id = u.tenant_id AND c.user_id = u.id AND c.day = ${day}::date), 0) AS today
      FROM users AS u
     WHERE u.tenant_id = ${tenantLiteral(ctx.tenantId)} AND u.active AND ${userFilter}
     ORDER BY u.id`.execute(tx)).rows;
  return rows
    .filter((u) => !pool?.members || evaluateFilter(pool.members, { ...u, managerId: u.manager_id, active: true }, ctx.policy.context))
    .map((u) => {
      const holdings = Number(u.holdings);
      const room: Array<[Cap, number]> = [];
      if (rule.maxPerDay !== undefined) room.push(['maxPerDay', rule.maxPerDay - Number(u.today)]);
      if (rule.maxTotal !== undefined) room.push(['maxTotal', rule.maxTotal - holdings]);
      if (pool?.maxPerOwner !== undefined) room.push(['maxPerOwner', pool.maxPerOwner - holdings]);
      const least = Math.min(...room.map(([, n]) => n));
      const capacity = room.length ? Math.max(0, least) : 1_000_000;
      const limits = room.filter(([, n]) => n === least).map(([cap]) => cap);
      return { id: u.id, capacity, holdings, weight: weightOf(u.attributes?.weight), today: Number(u.today), limits };
    });
}

/**
 * A rule without a pool gives each record once: to whoever it allocates it, with a work order.
 * It recalls the records (of whatever owner) that it has never opened a work order for, so a
 * record it assigned is not handed on again by the next run.
 */
export function notAllocatedSql(ctx: RecordContext, rule: CompiledRule): RawBuilder<unknown> {
  return sql`NOT EXISTS (SELECT 1 FROM work_orders AS w WHERE w.tenant_id = ${tenantLiteral(ctx.tenantId)} AND w.object = r.object AND w.record_id = r.id AND w.rule = ${rule.key})`;
}

/**
 * A work order's priority, lower first: the rule's `workOrderPriority` value (or the record's
 * creation time), negated when descending, so orders of different runs, and of rules ordering
 * by the same field, compare in one queue. Numbers as they are, dates and times as epoch
 * seconds, a select's value as its option's position; a record without a value comes last
 * (Infinity). Other kinds (free text, booleans) give null: the order's rank in its run is used.
 */
function priorityKeySql(key: SortKey, expression: RawBuilder<unknown>): RawBuilder<unknown> | null {
  let value: RawBuilder<unknown>;
  switch (key.field.kind) {
    case 'number': value = sql`(${expression})::float8`; break;
    case 'date': value = sql`extract(epoch from (${expression})::date)::float8`; break;
    case 'datetime': value = sql`extract(epoch from (${expression})::timestamptz)::float8`; break;
    case 'timestamp': value = sql`extract(epoch from ${expression})::float8`; break;
    case 'text':
      // A select's expression is already its option's position (see the candidates' order).
      if (!key.field.options?.length) return null;
      value = sql`(${expression})::float8`;
      break;
    default: return null;
  }
  return sql`coalesce(${key.descending ? sql`-` : sql``}(${value}), 'Infinity'::float8)`;
}

/** `attributes.weight`: a number (or numeric text) ≥ 0; anything else counts as 1. */
function weightOf(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : 1;
}

/** Takes the people's pool rows (created if missing) in id order, as a claim takes its claimer's. */
async function lockPoolUsers(tx: Tx, ctx: RecordContext, pool: string, ids: string[]): Promise<void> {
  const users = [...ids].sort();
  await sql`INSERT INTO pool_users (tenant_id, pool, user_id) SELECT ${tenantLiteral(ctx.tenantId)}, ${pool}, id FROM unnest(${users}::uuid[]) AS id
            ON CONFLICT DO NOTHING`.execute(tx);
  await sql`SELECT 1 FROM pool_users WHERE tenant_id = ${tenantLiteral(ctx.tenantId)} AND pool = ${pool} AND user_id = ANY(${users}::uuid[])
            ORDER BY user_id FOR UPDATE`.execute(tx);
}

/**
 * Nobody receives a record they released or lost within the pool's cooldown: the cooldown of
 * `asOf`, and releases since then up to `at` (when a real run hands the records out, now), so a
 * backdated run does not give back a lead its holder let go after `asOf`.
 */
async function cooldowns(tx: Tx, ctx: RecordContext, rule: CompiledRule, records: string[], users: string[], asOf: Date, at: Date): Promise<Map<string, Set<string>>> {
  const excluded = new Map<string, Set<string>>();
  if (!rule.pool || rule.pool.reclaimCooldownDays <= 0 || records.length === 0 || users.length === 0) return excluded;
  const since = addDays(asOf, -rule.pool.reclaimCooldownDays).toISOString();
  const rows = (await sql<{ record_id: string; user_id: string }>`
    SELECT record_id, user_id FROM pool_releases
     WHERE tenant_id = ${tenantLiteral(ctx.tenantId)} AND object = ${rule.object} AND released_at > ${since}::timestamptz
       AND released_at <= ${at.toISOString()}::timestamptz`.execute(tx)).rows;
  const wanted = new Set(records);
  for (const row of rows) {
    if (!wanted.has(row.record_id)) continue;
    const set = excluded.get(row.record_id) ?? new Set<string>();
    set.add(row.user_id);
    excluded.set(row.record_id, set);
  }
  return excluded;
}

/**
 * Assigns allocations set-based: records still public become private to their person (a
 * claim that got there first wins), with history, pool events, daily counters, one work order
 * each, and one notification per person. All dated now (`ctx.now`), and counted on today's cap,
 * whatever the run's `asOf`: that is when the records change hands.
 */
async function applyAllocations(tx: Tx, ctx: RecordContext, hooks: RecordHooks, rule: CompiledRule, allocations: Array<{ recordId: string; userId: string; rank: number; priority: number }>): Promise<Set<string>> {
  const now = ctx.now.toISOString();
  const pool = rule.pool;
  const object = ctx.compiled.objects.get(rule.object)!;
  // Webhooks (record.assigned) and other hooks get each assignment with the record before and
  // after, like a manual assignment's; the rows are read (and locked) only when one listens.
  const ids = allocations.map((a) => a.recordId);
  const before = await hooks.wants(tx, ctx, 'assign', object) ? await rowsForEvents(tx, ctx.tenantId, sql`r.object = ${sql.lit(rule.object)} AND r.id = ANY(${ids}::uuid[]) FOR UPDATE`) : undefined;
  if (!pool && !before) {
    // The history's previous owner is read in the UPDATE below: nobody may change it meanwhile.
    await sql`SELECT 1 FROM records WHERE tenant_id = ${tenantLiteral(ctx.tenantId)} AND object = ${sql.lit(rule.object)} AND id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`.execute(tx);
  }
  const hold = pool?.holdDays !== undefined ? `${pool.holdDays} days` : null;
  // The statement below is the server's own, over records already recalled: the 30 s limit every
  // statement has (against a hostile filter, postgres-storage.ts) would fail a large run on a slow
  // disk (100,000 leads took 23-37 s on one machine of the bench's kind), so it gets 10 minutes.
  await sql`SET LOCAL statement_timeout = '10min'`.execute(tx);
  // JSON has no Infinity (a record without a priority value): float8 reads the text.
  const payload = JSON.stringify(allocations.map((a) => ({ record: a.recordId, user: a.userId, rank: a.rank, priority: Number.isFinite(a.priority) ? a.priority : 'Infinity' })));
  const assigned = (await sql<{ id: string; owner: string; rank: number }>`
    WITH input AS (SELECT * FROM jsonb_to_recordset(${payload}::jsonb) AS x(record uuid, "user" uuid, rank int, priority float8)),
    assigned AS (${pool ? sql`
      UPDATE records AS r SET owner = input."user", pool_state = 'private',
             claimed_at = ${now}::timestamptz, hold_expires_at = ${hold ? sql`${now}::timestamptz + ${hold}::interval` : sql`NULL`},
             extended_times = 0, extended_days = 0, released_at = NULL, release_reason = NULL, released_by = NULL,
             version = r.version + 1, updated_at = ${now}::timestamptz, updated_by = ${ctx.actorId}::uuid
        FROM input
       WHERE r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(rule.object)} AND r.id = input.record
         AND r.deleted_at IS NULL AND r.pool = ${pool.key} AND r.pool_state = 'public'
      RETURNING r.id, r.owner, NULL::uuid AS previous_owner, input.rank, input.priority` : sql`
      UPDATE records AS r SET owner = input."user", version = r.version + 1, updated_at = ${now}::timestamptz, updated_by = ${ctx.actorId}::uuid
        FROM input, records AS o
       WHERE r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(rule.object)} AND r.id = input.record
         AND o.tenant_id = r.tenant_id AND o.object = r.object AND o.id = r.id
         AND r.deleted_at IS NULL AND ${notAllocatedSql(ctx, rule)}
      RETURNING r.id, r.owner, o.owner AS previous_owner, input.rank, input.priority`}
    ), history AS (
      INSERT INTO record_history (tenant_id, object, record_id, at, actor, action, changes, note)
      SELECT ${tenantLiteral(ctx.tenantId)}, ${rule.object}, id, ${now}::timestamptz, ${ctx.actorId}::uuid, 'assign',
             jsonb_build_object('owner', jsonb_build_array(previous_owner::text, owner::text)), ${`assignment rule ${rule.key}`} FROM assigned
    ), events AS (
      INSERT INTO pool_events (tenant_id, pool, at, kind, record_id, user_id, actor, reason)
      SELECT ${tenantLiteral(ctx.tenantId)}, ${pool?.key ?? ''}, ${now}::timestamptz, 'assign', id, owner, ${ctx.actorId}::uuid, ${`rule:${rule.key}`}
        FROM assigned WHERE ${pool ? sql`TRUE` : sql`FALSE`}
    ), orders AS (
      INSERT INTO work_orders (tenant_id, id, object, record_id, assignee, rule, priority, rank, state, created_at, updated_at)
      SELECT ${tenantLiteral(ctx.tenantId)}, gen_random_uuid(), ${rule.object}, id, owner, ${rule.key}, priority, rank, 'open', ${now}::timestamptz, ${now}::timestamptz
        FROM assigned
    )
    SELECT id, owner, rank FROM assigned`.execute(tx)).rows;
  if (before) {
    await eventsInChunks(assigned.map((a) => a.id), async (chunk) => {
      const after = await rowsForEvents(tx, ctx.tenantId, sql`r.object = ${sql.lit(rule.object)} AND r.id = ANY(${chunk}::uuid[])`);
      await hooks.afterWrite(tx, ctx, chunk.map((id) => ({ action: 'assign' as const, object, id, before: toFullRecord(before.get(id)!, object), after: toFullRecord(after.get(id)!, object) })));
    });
  }
  const perUser = new Map<string, number>();
  for (const a of assigned) perUser.set(a.owner, (perUser.get(a.owner) ?? 0) + 1);
  const day = localDate(ctx.now, rule.timeZone);
  if (perUser.size > 0) {
    await sql`
      INSERT INTO assignment_counters (tenant_id, user_id, day, allocated)
      SELECT ${tenantLiteral(ctx.tenantId)}, x.user_id, ${day}::date, x.n FROM jsonb_to_recordset(${JSON.stringify([...perUser].map(([user_id, n]) => ({ user_id, n })))}::jsonb) AS x(user_id uuid, n int)
      ON CONFLICT (tenant_id, user_id, day) DO UPDATE SET allocated = assignment_counters.allocated + excluded.allocated`.execute(tx);
    await notify(tx, ctx.tenantId, [...perUser].map(([userId, n]) => ({
      userId, kind: 'work_orders', title: `${n} new ${n === 1 ? 'work order' : 'work orders'} (${rule.key})`,
      object: object.key, body: { rule: rule.key, count: n },
    })), ctx.now);
  }
  return new Set(assigned.map((a) => a.id));
}

async function roundRobinPosition(tx: Tx, ctx: RecordContext, rule: string): Promise<string | null> {
  const row = (await sql<{ state: { lastUser?: string } }>`SELECT state FROM assignment_state WHERE tenant_id = ${tenantLiteral(ctx.tenantId)} AND rule = ${rule}`.execute(tx)).rows[0];
  return row?.state.lastUser ?? null;
}

async function saveRoundRobinPosition(tx: Tx, ctx: RecordContext, rule: string, lastUser: string | null): Promise<void> {
  await sql`INSERT INTO assignment_state (tenant_id, rule, state) VALUES (${tenantLiteral(ctx.tenantId)}, ${rule}, ${JSON.stringify({ lastUser })}::jsonb)
            ON CONFLICT (tenant_id, rule) DO UPDATE SET state = excluded.state`.execute(tx);
}

const users = userScope();
function userScopeOf() {
  return users;
}

/** The records a rule recalls (its pool's public ones, or those it has not allocated; its include and exclude), on `r`. */
export function recalledSql(ctx: RecordContext, rule: CompiledRule, context: FilterContext & { alias: string } = { ...ctx.policy.context, alias: 'r' }): RawBuilder<unknown> {
  const object = ctx.compiled.objects.get(rule.object)!;
  const parts = [rule.pool ? sql`(r.pool = ${rule.pool.key} AND r.pool_state = 'public')` : notAllocatedSql(ctx, rule)];
  if (rule.include) parts.push(compileFilterSql(rule.include, object.scope, context));
  if (rule.exclude) parts.push(sql`NOT COALESCE(${compileFilterSql(rule.exclude, object.scope, context)}, FALSE)`);
  return sql`(${sql.join(parts, sql` AND `)})`;
}
