import { sql, type RawBuilder } from 'kysely';
import { ShoalError } from '../errors.ts';
import { notify } from '../notifications/notifications.ts';
import type { RecordContext } from '../records/record-context.ts';
import type { RecordHooks } from '../records/record-hooks.ts';
import { actionFlags, allowedFromFlags, loadVisibleRecord } from '../records/read-records.ts';
import { recordColumns, toFullRecord, type RecordRow } from '../records/record-shape.ts';
import { prepared } from '../storage/prepared-statements.ts';
import { isUuid, tenantLiteral, type Tx } from '../storage/storage.ts';
import { addDays, localDate, localDateTime } from '../time/zoned-time.ts';
import type { CompiledPool } from './compiled-pools.ts';
import { isPoolAdmin, notWonSql, userIsMember } from './pool-common.ts';
import { systemReleaseReason } from './release-reasons.ts';

/**
 * Claim: a member takes a public record into their private pool. Atomic under any number of
 * concurrent claims without a global lock: the claimer's own `pool_users` row is locked first
 * (so one person's claims run one after another and their counts are exact), then the record
 * is taken only if it is still public (a conditional UPDATE; the loser of a race sees 0 rows).
 * Two statements between BEGIN and COMMIT: read the record and lock the claimer's row; then
 * check the cooldown and the limit and take the record (its snapshot starts after the lock, so
 * the holdings it counts are exact).
 */
export async function claimRecord(tx: Tx, ctx: RecordContext, hooks: RecordHooks, pool: CompiledPool, id: string): Promise<RecordRow> {
  const object = ctx.compiled.objects.get(pool.object)!;
  const userId = ctx.actorId!;
  const counter = await lockClaimable(tx, ctx, pool, id, userId);
  const today = localDate(ctx.now, pool.timeZone);
  const claimsToday = counter.claim_day === today ? counter.claims_on_day : 0;
  if (pool.maxClaimsPerDay !== undefined && claimsToday >= pool.maxClaimsPerDay) {
    throw new ShoalError('daily_claim_limit_reached', `You have claimed ${claimsToday} leads today; the daily limit is ${pool.maxClaimsPerDay}`, { extra: { limit: pool.maxClaimsPerDay, day: today } });
  }
  const since = pool.reclaimCooldownDays > 0 ? addDays(ctx.now, -pool.reclaimCooldownDays).toISOString() : null;
  const outcome = await takeRecord(tx, ctx, pool, id, userId, 'claim', undefined, { day: today, claims: claimsToday + 1, cooldownSince: since });
  if (!outcome.taken) {
    if (outcome.cooldownFrom) {
      const until = addDays(outcome.cooldownFrom, pool.reclaimCooldownDays);
      // Days and times on the pool's calendar, as its cooldown counts them (the UTC date was a day early in Shanghai's morning).
      const zone = pool.timeZone;
      throw new ShoalError('cooldown', `You let this lead go on ${localDate(outcome.cooldownFrom, zone)}; you can claim it again after ${localDateTime(until, zone).slice(0, 16)} (${zone})`, { extra: { availableAt: until.toISOString() } });
    }
    if (pool.maxPerOwner !== undefined && outcome.held !== null && outcome.held >= pool.maxPerOwner) throw limitReached(pool, outcome.held);
    // Another claim won the race between our read and our update.
    throw new ShoalError('already_claimed', 'Someone else claimed this lead first');
  }
  await hooks.afterWrite(tx, ctx, [{ action: 'claim', object, id: outcome.taken.id, after: toFullRecord(outcome.taken, object) }]);
  return outcome.taken;
}

/**
 * Assign: a pool admin (or a holder of the `assign` permission on the record) gives a record
 * to a member. The assignee's limit applies unless a pool admin (or tenant admin) forces it. A
 * record held by someone else is transferred: the previous holder gets a cooldown entry and a
 * `release` pool event with reason `reassigned`, and the history's one `assign` entry says
 * whose it was (`owner: [previous, assignee]`).
 */
export async function assignRecord(tx: Tx, ctx: RecordContext, hooks: RecordHooks, pool: CompiledPool, id: string, assignee: string, options: { force?: boolean; reason?: string } = {}): Promise<RecordRow> {
  const object = ctx.compiled.objects.get(pool.object)!;
  if (!isPoolAdmin(ctx, pool)) await requireAction(tx, ctx, pool, id, 'assign');
  if (options.force && !isPoolAdmin(ctx, pool)) throw new ShoalError('forbidden', 'Only the pool’s administrators may assign past the limit');
  if (!(await userIsMember(tx, ctx, pool, assignee))) {
    throw new ShoalError('validation_failed', 'The assignee is not an active member of this pool', { errors: [{ path: '/userId', message: 'is not a member of the pool' }] });
  }
  await lockPoolUser(tx, ctx, pool, assignee);
  if (!options.force) await assertUnderLimit(tx, ctx, pool, assignee, `The assignee already holds the maximum`);
  const current = await loadVisibleRecord(tx, ctx, object, id, { lock: true });
  if (!current || current.pool !== pool.key) throw new ShoalError('not_found', `${object.key} ${id} is not in ${pool.key}`);
  if (current.owner === assignee && current.pool_state === 'private') throw new ShoalError('conflict', 'The record is already held by this user');
  const held = current.owner && current.pool_state === 'private' ? current.owner : null;
  if (held) await recordRelease(tx, ctx, pool, [{ id: current.id, owner: held }], 'reassigned');
  const { taken } = await takeRecord(tx, ctx, pool, id, assignee, 'assign', options.reason, undefined, { owner: held, poolState: current.pool_state });
  if (!taken) throw new ShoalError('conflict', 'The record changed meanwhile; try again');
  if (assignee !== ctx.actorId) {
    await notify(tx, ctx.tenantId, [{ userId: assignee, kind: 'assigned', title: `A ${object.key} was assigned to you`, object: object.key, recordId: taken.id, body: { by: ctx.actorId, pool: pool.key } }], ctx.now);
  }
  await hooks.afterWrite(tx, ctx, [{ action: 'assign', object, id: taken.id, before: toFullRecord(current, object), after: toFullRecord(taken, object) }]);
  return taken;
}

/**
 * Release: the holder returns a private record to the public pool with a reason (their roles
 * must grant `release`); a pool admin may release anyone's hold in the pool they can read,
 * whatever their role actions. The reason is theirs: never one the system stores (422).
 */
export async function releaseRecord(tx: Tx, ctx: RecordContext, hooks: RecordHooks, pool: CompiledPool, id: string, reason: string): Promise<RecordRow> {
  const object = ctx.compiled.objects.get(pool.object)!;
  assertPersonalReason(reason);
  const current = await loadVisibleRecord(tx, ctx, object, id, { lock: true });
  if (!current || current.pool !== pool.key) throw new ShoalError('not_found', `${object.key} ${id} is not in ${pool.key}`);
  // A lead already public is said as such (409), before whether the caller's role could release it.
  if (current.pool_state !== 'private' || !current.owner) throw new ShoalError('conflict', 'This record is not held privately');
  if (!isPoolAdmin(ctx, pool)) await requireAction(tx, ctx, pool, id, 'release');
  if (current.owner !== ctx.actorId && !isPoolAdmin(ctx, pool)) throw new ShoalError('forbidden', 'Only the holder or a pool administrator can release this record');
  const [released] = await releaseRows(tx, ctx, pool, [{ id: current.id, owner: current.owner }], reason, ctx.actorId);
  if (current.owner !== ctx.actorId) {
    await notify(tx, ctx.tenantId, [{ userId: current.owner, kind: 'released', title: `A ${object.key} you held was released`, object: object.key, recordId: current.id, body: { reason, by: ctx.actorId } }], ctx.now);
  }
  await hooks.afterWrite(tx, ctx, [{ action: 'release', object, id: current.id, before: toFullRecord(current, object), after: toFullRecord(released!, object) }]);
  return released!;
}

/**
 * A person's release reason may not be one the system stores (`hold_expired`, `reassigned` …):
 * the release would be counted as the sweep's or a reassignment's (the pool-health panel, the
 * closed work order's outcome). 422 at `/reason`, as the metadata refuses such a key for a pool.
 */
function assertPersonalReason(reason: string): void {
  const key = reason.trim();
  const system = systemReleaseReason(key);
  if (!system) return;
  throw new ShoalError('validation_failed', `A release by hand cannot give the reason ${key}: it is ${system}`, {
    errors: [{ path: '/reason', message: `${key} is ${system}; give your own reason, or one the pool offers` }], extra: { reason: key },
  });
}

/**
 * Extend: pushes back the hold expiry and the not-won deadline by the pool's extension days,
 * at most `maxTimes` per hold, by whom the pool allows (`by`: the owner, the owner's manager)
 * and always by the pool's admins and tenant admins, who need no `extend` role action. Visits
 * stay due. A hold without an expiry (a pool without `holdDays`) keeps none: an extension must
 * never make a record go back sooner.
 */
export async function extendHold(tx: Tx, ctx: RecordContext, hooks: RecordHooks, pool: CompiledPool, id: string): Promise<RecordRow> {
  const object = ctx.compiled.objects.get(pool.object)!;
  if (!pool.extension || pool.extension.maxTimes === 0) throw new ShoalError('extension_limit_reached', 'This pool does not allow extensions');
  const poolAdmin = isPoolAdmin(ctx, pool);
  const current = await loadVisibleRecord(tx, ctx, object, id, { lock: true });
  if (!current || current.pool !== pool.key) throw new ShoalError('not_found', `${object.key} ${id} is not in ${pool.key}`);
  if (current.pool_state !== 'private' || !current.owner) throw new ShoalError('conflict', 'Only a private hold can be extended');
  if (!poolAdmin) await requireAction(tx, ctx, pool, id, 'extend');
  const by = pool.extension.by;
  const owner = current.owner === ctx.actorId && by.includes('owner');
  if (!poolAdmin && !owner && !(by.includes('manager') && (await isManagerOf(tx, ctx.tenantId, ctx.actorId!, current.owner)))) {
    throw new ShoalError('forbidden', `Extensions are made by: ${[...by, 'the pool’s administrators'].join(', ')}`);
  }
  if (current.extended_times >= pool.extension.maxTimes) {
    throw new ShoalError('extension_limit_reached', `This hold was already extended ${current.extended_times} ${current.extended_times === 1 ? 'time' : 'times'} (the limit is ${pool.extension.maxTimes})`);
  }
  const days = pool.extension.days;
  const now = ctx.now.toISOString();
  const extended = (await sql<RecordRow>`
    WITH ext AS (
      UPDATE records AS r SET hold_expires_at = r.hold_expires_at + make_interval(days => ${days}::int),
             extended_times = r.extended_times + 1, extended_days = r.extended_days + ${days}::int, version = r.version + 1,
             updated_at = ${now}::timestamptz, updated_by = ${ctx.actorId}::uuid
       WHERE r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(object.key)} AND r.id = ${current.id}::uuid
      RETURNING ${sql.join(recordColumns.map((c) => sql.ref(c)))}
    ), history AS (
      INSERT INTO record_history (tenant_id, object, record_id, at, actor, action, changes)
      SELECT ${tenantLiteral(ctx.tenantId)}, ${object.key}, id, ${now}::timestamptz, ${ctx.actorId}::uuid, 'extend',
             ${current.hold_expires_at
               ? sql`jsonb_build_object('holdExpiresAt', jsonb_build_array(${current.hold_expires_at.toISOString()}::text, to_jsonb(hold_expires_at)))`
               : sql`'{}'::jsonb`} FROM ext
    ), event AS (
      INSERT INTO pool_events (tenant_id, pool, at, kind, record_id, user_id, actor)
      SELECT ${tenantLiteral(ctx.tenantId)}, ${pool.key}, ${now}::timestamptz, 'extend', id, owner, ${ctx.actorId}::uuid FROM ext
    )
    SELECT * FROM ext`.execute(tx)).rows[0]!;
  await hooks.afterWrite(tx, ctx, [{ action: 'extend', object, id: extended.id, before: toFullRecord(current, object), after: toFullRecord(extended, object) }]);
  return extended;
}

async function isManagerOf(tx: Tx, tenantId: string, managerId: string, userId: string): Promise<boolean> {
  const user = await tx.selectFrom('users').select('manager_id').where('tenant_id', '=', tenantId).where('id', '=', userId).executeTakeFirst();
  return user?.manager_id === managerId;
}

/**
 * A claim needs a record of this pool that is public. A record that is already private answers
 * `already_claimed` even when the caller can no longer see it: they saw it in the public pool a
 * moment ago, and "someone was faster" is what they need to know. In the same statement, when
 * the record is public and readable, creates (if needed) and locks the (pool, user) row that
 * serialises one person's claims, and returns their claim counter (ON CONFLICT DO UPDATE locks
 * the existing row as SELECT … FOR UPDATE would).
 */
async function lockClaimable(tx: Tx, ctx: RecordContext, pool: CompiledPool, id: string, userId: string): Promise<{ claim_day: string | null; claims_on_day: number }> {
  const object = ctx.compiled.objects.get(pool.object)!;
  if (!isUuid(id)) throw new ShoalError('not_found', `${object.key} ${id} is not in ${pool.key}`);
  const { flags, rules } = actionFlags(ctx, object, 'claim');
  const row = (await sql<{ owner: string | null; pool_state: string | null; readable: boolean; claim_day: string | Date | null; claims_on_day: number | null } & Record<string, unknown>>`${prepared}
    WITH rec AS (
      SELECT r.owner, r.pool_state, (${ctx.policy.predicate('read', object.key, 'r')}) AS readable,
             ${sql.join(Object.entries(flags).map(([alias, predicate]) => sql`(${predicate}) AS ${sql.id(alias)}`))}
        FROM records AS r
       WHERE r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(object.key)} AND r.id = ${id}::uuid
         AND r.pool = ${pool.key} AND r.deleted_at IS NULL
    ), locked AS (
      ${lockPoolUserSql(ctx, pool, userId, sql`FROM rec WHERE rec.pool_state = 'public' AND rec.readable`)}
      RETURNING u.claim_day, u.claims_on_day
    )
    SELECT rec.*, locked.claim_day, locked.claims_on_day FROM rec LEFT JOIN locked ON TRUE`.execute(tx)).rows[0];
  if (!row) throw new ShoalError('not_found', `${object.key} ${id} is not in ${pool.key}`);
  if (row.pool_state === 'private') {
    throw new ShoalError('already_claimed', row.owner === ctx.actorId ? 'You already hold this lead' : 'Someone else claimed this lead first');
  }
  if (!row.readable) throw new ShoalError('not_found', `${object.key} ${id} is not in ${pool.key}`);
  if (!allowedFromFlags('claim', rules, row)) throw new ShoalError('forbidden', `You may not claim this ${object.key}`);
  return { claim_day: dayOf(row.claim_day), claims_on_day: row.claims_on_day ?? 0 };
}

const dayOf = (day: string | Date | null): string | null => day instanceof Date ? day.toISOString().slice(0, 10) : day;

/** The caller's role rules must grant `action` on this record (404 when they cannot even see it). */
async function requireAction(tx: Tx, ctx: RecordContext, pool: CompiledPool, id: string, action: 'claim' | 'release' | 'extend' | 'assign'): Promise<void> {
  const object = ctx.compiled.objects.get(pool.object)!;
  const { flags, rules } = actionFlags(ctx, object, action);
  const row = await loadVisibleRecord(tx, ctx, object, id, { flags, flagsOfPolicy: action });
  if (!row || row.pool !== pool.key) throw new ShoalError('not_found', `${object.key} ${id} is not in ${pool.key}`);
  if (!allowedFromFlags(action, rules, row)) throw new ShoalError('forbidden', `You may not ${action} this ${object.key}`);
}

/** Creates (if needed) and locks the (pool, user) row that serialises one person's pool changes (one statement). */
async function lockPoolUser(tx: Tx, ctx: RecordContext, pool: CompiledPool, userId: string): Promise<void> {
  await lockPoolUserSql(ctx, pool, userId).execute(tx);
}

/**
 * The statement behind `lockPoolUser` (alias `u`), for the rows `source` yields (a FROM …
 * WHERE … clause; one row when empty). ON CONFLICT DO UPDATE locks the existing row as
 * SELECT … FOR UPDATE would.
 */
function lockPoolUserSql(ctx: RecordContext, pool: CompiledPool, userId: string, source: RawBuilder<unknown> = sql``) {
  return sql`
    INSERT INTO pool_users AS u (tenant_id, pool, user_id) SELECT ${tenantLiteral(ctx.tenantId)}, ${pool.key}, ${userId}::uuid ${source}
    ON CONFLICT (tenant_id, pool, user_id) DO UPDATE SET claims_on_day = u.claims_on_day`;
}

/** The records that count against `maxPerOwner`: private and not won, in this pool (SQL, alias r). */
function heldRecordsSql(ctx: RecordContext, pool: CompiledPool) {
  return sql<boolean>`r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(pool.object)} AND r.deleted_at IS NULL
       AND r.pool = ${pool.key} AND r.pool_state = 'private' AND ${notWonSql(pool)}`;
}

/** How many private, not-won records a user holds in a pool (SQL). */
function heldSql(ctx: RecordContext, pool: CompiledPool, userId: string) {
  return sql<number>`SELECT count(*)::int FROM records AS r WHERE ${heldRecordsSql(ctx, pool)} AND r.owner = ${userId}::uuid`;
}

/**
 * What each person holds against the pool's limit, counted as the limit counts it. Pool
 * administrators see everyone who holds any (to weigh an assignment); others only themselves.
 */
export async function poolHoldings(tx: Tx, ctx: RecordContext, pool: CompiledPool): Promise<{ limit: number | null; data: Array<{ userId: string; held: number }> }> {
  const admin = isPoolAdmin(ctx, pool);
  const mine = admin ? sql`` : sql`AND r.owner = ${ctx.actorId}::uuid`;
  const rows = (await sql<{ owner: string; held: number }>`
    SELECT r.owner, count(*)::int AS held FROM records AS r WHERE ${heldRecordsSql(ctx, pool)} ${mine} GROUP BY r.owner ORDER BY r.owner`.execute(tx)).rows;
  const data = rows.map((r) => ({ userId: r.owner, held: r.held }));
  if (!admin && data.length === 0 && ctx.actorId) data.push({ userId: ctx.actorId, held: 0 });
  return { limit: pool.maxPerOwner ?? null, data };
}

function limitReached(pool: CompiledPool, held: number, prefix = 'You already hold'): ShoalError {
  return new ShoalError('claim_limit_reached', `${prefix} ${held} private leads (the limit is ${pool.maxPerOwner}); release one first`, { extra: { limit: pool.maxPerOwner, held } });
}

/** The private, not-won records a user holds in a pool must stay under `maxPerOwner`. */
async function assertUnderLimit(tx: Tx, ctx: RecordContext, pool: CompiledPool, userId: string, prefix = 'You already hold'): Promise<void> {
  if (pool.maxPerOwner === undefined) return;
  const held = (await sql<{ n: number }>`SELECT (${heldSql(ctx, pool, userId)}) AS n`.execute(tx)).rows[0]?.n ?? 0;
  if (held >= pool.maxPerOwner) throw limitReached(pool, held, prefix);
}

/**
 * Makes a public (or just released) record private to `userId`, with history and a pool event.
 * A claim passes its counter and cooldown: the record is then taken only when the claimer is
 * outside the cooldown and under `maxPerOwner`, and the answer says which check failed.
 * `before` is the record as the caller found it (a reassignment's holder, released just now by
 * `recordRelease`): the history shows the change from it, not from the public moment between.
 */
async function takeRecord(tx: Tx, ctx: RecordContext, pool: CompiledPool, id: string, userId: string, kind: 'claim' | 'assign', note?: string,
  claim?: { day: string; claims: number; cooldownSince: string | null },
  before: { owner: string | null; poolState: string | null } = { owner: null, poolState: 'public' }): Promise<{ taken?: RecordRow; cooldownFrom: Date | null; held: number | null }> {
  const now = ctx.now.toISOString();
  // Changed fields only: a handover from one holder to another leaves the record private.
  const changes = { owner: [before.owner, userId], ...(before.poolState !== 'private' ? { poolState: [before.poolState, 'private'] } : {}) };
  const hold = pool.holdDays !== undefined ? addDays(ctx.now, pool.holdDays).toISOString() : null;
  const since = claim?.cooldownSince ?? null;
  const limit = claim ? pool.maxPerOwner : undefined;
  const result = await sql<RecordRow & { check_cooldown_from: Date | null; check_held: number | null }>`${prepared}
    WITH checks AS (
      SELECT ${since === null ? sql`NULL::timestamptz` : sql`(
               SELECT max(released_at) FROM pool_releases WHERE tenant_id = ${tenantLiteral(ctx.tenantId)} AND object = ${pool.object}
                  AND record_id = ${id}::uuid AND user_id = ${userId}::uuid AND released_at > ${since}::timestamptz)`} AS cooldown_from,
             ${limit === undefined ? sql`NULL::int` : sql`(${heldSql(ctx, pool, userId)})`} AS held
    ), taken AS (
      UPDATE records AS r SET owner = ${userId}::uuid, pool_state = 'private', claimed_at = ${now}::timestamptz, hold_expires_at = ${hold}::timestamptz,
             extended_times = 0, extended_days = 0, released_at = NULL, release_reason = NULL, released_by = NULL,
             version = r.version + 1, updated_at = ${now}::timestamptz, updated_by = ${ctx.actorId}::uuid
       WHERE r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(pool.object)} AND r.id = ${id}::uuid
         AND r.pool = ${pool.key} AND r.pool_state = 'public' AND r.deleted_at IS NULL
         AND (SELECT cooldown_from IS NULL ${limit === undefined ? sql`` : sql`AND held < ${limit}::int`} FROM checks)
      RETURNING ${sql.join(recordColumns.map((c) => sql.ref(c)))}
    ), history AS (
      INSERT INTO record_history (tenant_id, object, record_id, at, actor, action, changes, note)
      SELECT ${tenantLiteral(ctx.tenantId)}, ${pool.object}, id, ${now}::timestamptz, ${ctx.actorId}::uuid, ${kind},
             ${JSON.stringify(changes)}::jsonb, ${note ?? null} FROM taken
    ), event AS (
      INSERT INTO pool_events (tenant_id, pool, at, kind, record_id, user_id, actor)
      SELECT ${tenantLiteral(ctx.tenantId)}, ${pool.key}, ${now}::timestamptz, ${kind}, id, ${userId}::uuid, ${ctx.actorId}::uuid FROM taken
    )${claim ? sql`, counter AS (
      UPDATE pool_users SET claim_day = ${claim.day}::date, claims_on_day = ${claim.claims}
       WHERE tenant_id = ${tenantLiteral(ctx.tenantId)} AND pool = ${pool.key} AND user_id = ${userId}::uuid AND EXISTS (SELECT 1 FROM taken)
    )` : sql``}
    SELECT checks.cooldown_from AS check_cooldown_from, checks.held AS check_held, taken.* FROM checks LEFT JOIN taken ON TRUE`.execute(tx);
  const { check_cooldown_from: cooldownFrom, check_held: held, ...row } = result.rows[0]!;
  return { ...(row.id ? { taken: row as RecordRow } : {}), cooldownFrom, held };
}

/**
 * Returns private records to the public pool, set-based: history, cooldown entries and pool
 * events for every row in the same statement batch. Used by manual releases and the sweep.
 */
export async function releaseRows(tx: Tx, ctx: RecordContext, pool: CompiledPool, rows: Array<{ id: string; owner: string; reason?: string }>, reason: string, actor: string | null): Promise<RecordRow[]> {
  if (rows.length === 0) return [];
  const now = ctx.now.toISOString();
  const input = JSON.stringify(rows.map((r) => ({ id: r.id, owner: r.owner, reason: r.reason ?? reason })));
  const released = await sql<RecordRow>`
    WITH input AS (SELECT * FROM jsonb_to_recordset(${input}::jsonb) AS x(id uuid, owner uuid, reason text)),
    released AS (
      UPDATE records AS r SET owner = NULL, pool_state = 'public', released_at = ${now}::timestamptz, release_reason = input.reason,
             released_by = ${actor}::uuid, claimed_at = NULL, hold_expires_at = NULL, extended_times = 0, extended_days = 0,
             version = r.version + 1, updated_at = ${now}::timestamptz, updated_by = ${actor}::uuid
        FROM input
       WHERE r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(pool.object)} AND r.id = input.id
         AND r.pool_state = 'private' AND r.owner = input.owner
      RETURNING ${sql.join(recordColumns.map((c) => sql.ref(c)))}, input.owner AS previous_owner
    ), history AS (
      INSERT INTO record_history (tenant_id, object, record_id, at, actor, action, changes, note)
      SELECT ${tenantLiteral(ctx.tenantId)}, ${pool.object}, id, ${now}::timestamptz, ${actor}::uuid, 'release',
             jsonb_build_object('owner', jsonb_build_array(previous_owner::text, NULL), 'poolState', jsonb_build_array('private', 'public')), release_reason
        FROM released
    ), cooldown AS (
      INSERT INTO pool_releases (tenant_id, object, record_id, user_id, released_at, reason, released_by)
      SELECT ${tenantLiteral(ctx.tenantId)}, ${pool.object}, id, previous_owner, ${now}::timestamptz, release_reason, ${actor}::uuid FROM released
    ), event AS (
      INSERT INTO pool_events (tenant_id, pool, at, kind, record_id, user_id, actor, reason)
      SELECT ${tenantLiteral(ctx.tenantId)}, ${pool.key}, ${now}::timestamptz, 'release', id, previous_owner, ${actor}::uuid, release_reason FROM released
    )
    SELECT * FROM released`.execute(tx);
  return released.rows;
}

/**
 * A cooldown entry and pool event for a holder losing a record without it becoming public (the
 * event is a `release` with the reason, as the sweep's and a person's are: the pool's events
 * then say who lost each record, and why). Its history is the taking's (`takeRecord`).
 */
async function recordRelease(tx: Tx, ctx: RecordContext, pool: CompiledPool, rows: Array<{ id: string; owner: string }>, reason: string): Promise<void> {
  const now = ctx.now.toISOString();
  for (const row of rows) {
    await sql`
      WITH cooldown AS (
        INSERT INTO pool_releases (tenant_id, object, record_id, user_id, released_at, reason, released_by)
        VALUES (${tenantLiteral(ctx.tenantId)}, ${pool.object}, ${row.id}::uuid, ${row.owner}::uuid, ${now}::timestamptz, ${reason}, ${ctx.actorId}::uuid)
        ON CONFLICT DO NOTHING
      )
      INSERT INTO pool_events (tenant_id, pool, at, kind, record_id, user_id, actor, reason)
      VALUES (${tenantLiteral(ctx.tenantId)}, ${pool.key}, ${now}::timestamptz, 'release', ${row.id}::uuid, ${row.owner}::uuid, ${ctx.actorId}::uuid, ${reason})`.execute(tx);
    // The reason lets the holder's open work order close as `reassigned` (a trigger on owner
    // changes), with whoever reassigns it as the history's actor.
    await sql`UPDATE records SET pool_state = 'public', owner = NULL, release_reason = ${reason}, updated_at = ${now}::timestamptz, updated_by = ${ctx.actorId}::uuid
               WHERE tenant_id = ${tenantLiteral(ctx.tenantId)} AND object = ${pool.object} AND id = ${row.id}::uuid`.execute(tx);
  }
}
