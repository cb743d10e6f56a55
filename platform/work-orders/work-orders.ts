import { sql, type RawBuilder } from 'kysely';
import { compiledRules } from '../assignment/compiled-rules.ts';
import { ShoalError } from '../errors.ts';
import { decodeTimeIdCursor, decodeValuesCursor, encodeValuesCursor, queueCursorValues } from '../records/cursor.ts';
import type { RecordContext } from '../records/record-context.ts';
import { readableWithFieldSql } from '../records/read-records.ts';
import { isUuid, tenantLiteral, type Tx } from '../storage/storage.ts';
import { startOfInZone } from '../time/zoned-time.ts';
import { envelopeParser } from '../validation/ajv.ts';

export interface WorkOrderView {
  id: string;
  object: string;
  recordId: string;
  /** The record's title (its title field), so a queue reads without opening each record. */
  title: string | null;
  assignee: string;
  rule: string | null;
  /**
   * Lower first within its rule (the queue goes by the rule's run order before it): the rule's
   * workOrderPriority value (negated when descending), or the order's rank in its run; null when
   * the record had no value (such orders come last in their rule).
   */
  priority: number | null;
  /** Position in the run that opened it (1 first). */
  rank: number | null;
  state: 'open' | 'done' | 'skipped';
  outcome: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export const parseWorkOrderPatch = envelopeParser<{ state: 'done' | 'skipped' | 'open'; outcome?: string }>({
  type: 'object', required: ['state'], additionalProperties: false,
  properties: { state: { enum: ['done', 'skipped', 'open'] }, outcome: { type: 'string', maxLength: 2000 } },
});

/**
 * A person's work orders. The open queue goes by the rule that opened them, in the order
 * rules run (rule `priority`, lower first, then key; orders of a rule no longer published after),
 * then by the order's priority within its rule (lower first), then age, then their rank in the run
 * that opened them (the rule's later sort keys): each rule's priority is its own field (room nights,
 * a score…), so priorities of different rules never compare. Closed ones (`done`,
 * `skipped`) most recently closed first, as a record of what was done; `all` (and one record's
 * orders) the open ones first, in the queue's order, then the closed ones, the last closed first. Assignees see their own;
 * tenant admins and a person's manager may look at theirs. The open queue holds only records the
 * person still owns. A record leaving its holder (released, swept, reassigned) closes their open
 * order as `skipped` in the same statement, with a `workOrder` entry in the record's history (a
 * trigger on `records.owner`, migrations 0013 and 0014); an
 * order whose record was deleted leaves the open queue but is still listed under `all`. A title
 * is given only when the viewer may read it, so a null title means: show it without a link.
 *
 * `assignee: 'team'` lists the orders of everyone whose queue the caller may look at (the people
 * of {@link listQueues}) as one list, in the same order and paged by the same cursor; someone
 * with no reports who is not an admin gets their own.
 *
 * @example
 * await listWorkOrders(tx, ctx, { assignee: 'team', state: 'open', limit: 50 }) // { data: [...], nextCursor: '…' }
 */
export async function listWorkOrders(tx: Tx, ctx: RecordContext, options: { assignee: string | 'team'; state: 'open' | 'done' | 'skipped' | 'all'; limit: number; cursor?: string; recordId?: string }): Promise<{ data: WorkOrderView[]; nextCursor: string | null }> {
  if (options.assignee !== 'team') await assertMayView(tx, ctx, options.assignee);
  const closed = options.state === 'done' || options.state === 'skipped';
  const rows = options.state === 'all' || options.recordId ? await oneStatementRows(tx, ctx, options)
    : closed ? await closedRows(tx, ctx, { ...options, state: options.state as 'done' | 'skipped' })
    : await queueRows(tx, ctx, options);
  const page = rows.slice(0, options.limit);
  const data = page.map((w) => {
    const titleField = ctx.compiled.objects.get(w.object)?.titleField;
    const title = titleField && w.data ? (w.data[titleField] as string | undefined) ?? null : null;
    return {
      id: w.id, object: w.object, recordId: w.record_id, title, assignee: w.assignee, rule: w.rule,
      priority: Number.isFinite(w.priority) ? w.priority : null, rank: w.rank,
      state: w.state, outcome: w.outcome, createdAt: w.created_at.toISOString(), updatedAt: w.updated_at.toISOString(),
      closedAt: w.closed_at?.toISOString() ?? null,
    };
  });
  const last = page[page.length - 1];
  const cursor = !last || rows.length <= options.limit ? undefined
    : last.state !== 'open' ? [last.closed_at!.toISOString(), last.id]
    : [last.rule, Number.isFinite(last.priority) ? last.priority : null, last.created_at.toISOString(), last.rank ?? 0, last.id];
  return { data, nextCursor: cursor ? encodeValuesCursor(cursor) : null };
}

type WorkOrderRow = { id: string; object: string; record_id: string; assignee: string; rule: string | null; priority: number; rank: number | null; state: WorkOrderView['state']; outcome: string | null; created_at: Date; updated_at: Date; closed_at: Date | null; data: Record<string, unknown> | null };

/**
 * `all` states, or one record's orders: a person's orders of every state, or one record's, are
 * few, so they are read and sorted whole. `all` lists the open ones first, in the queue's order,
 * then the closed ones, the last closed first: a page is read from the open ones and, when they
 * run out, filled from the closed ones. A cursor that stopped among the closed ones is theirs
 * ([closed at, id], see {@link closedOrder}); one that stopped among the open ones is the queue's.
 */
async function oneStatementRows(tx: Tx, ctx: RecordContext, options: { assignee: string | 'team'; state: 'open' | 'done' | 'skipped' | 'all'; limit: number; cursor?: string; recordId?: string }): Promise<WorkOrderRow[]> {
  if (options.state !== 'all') return stateRows(tx, ctx, options, options.state);
  const inClosed = options.cursor !== undefined && decodeValuesCursor(options.cursor).length === 2;
  const open = inClosed ? [] : await stateRows(tx, ctx, options, 'open');
  if (open.length > options.limit) return open;
  return [...open, ...await stateRows(tx, ctx, { ...options, limit: options.limit - open.length, cursor: inClosed ? options.cursor : undefined }, 'closed')];
}

/** The orders of one state (`closed`: done and skipped) in its order, from the cursor on: at most `limit` + 1. */
async function stateRows(tx: Tx, ctx: RecordContext, options: { assignee: string | 'team'; state: 'open' | 'done' | 'skipped' | 'all'; limit: number; cursor?: string; recordId?: string }, state: 'open' | 'done' | 'skipped' | 'closed'): Promise<WorkOrderRow[]> {
  const whose = options.assignee === 'team' ? teamOrdersSql(ctx) : sql`w.assignee = ${options.assignee}::uuid`;
  const order = state === 'open' ? queueOrder(ctx, options.cursor) : closedOrder(options.cursor);
  const states = state === 'closed' ? sql`w.state IN ('done', 'skipped')` : sql`w.state = ${state}`;
  return (await sql<WorkOrderRow>`
    SELECT w.*, CASE WHEN ${titleReadableSql(ctx)} THEN r.data END AS data FROM work_orders AS w
      LEFT JOIN records AS r ON r.tenant_id = w.tenant_id AND r.object = w.object AND r.id = w.record_id
     WHERE w.tenant_id = ${tenantLiteral(ctx.tenantId)} AND ${whose} AND ${states}
       ${options.state === 'open' ? sql`AND ${heldByAssignee}` : sql``}
       ${options.recordId ? sql`AND w.record_id = ${options.recordId}::uuid` : sql``}
       ${order.after ?? sql``}
     ORDER BY ${order.by}
     LIMIT ${options.limit + 1}`.execute(tx)).rows;
}

/** Done and skipped orders: the last closed first; the cursor is the last row's [closed at, id]. */
function closedOrder(cursor: string | undefined): { by: RawBuilder<unknown>; after?: RawBuilder<unknown> } {
  const after = cursor ? decodeTimeIdCursor(cursor) : undefined;
  return { by: closedKeys, after: after && closedKeysAfter(after) };
}

/** The queue's order in one statement: the rule's place, then {@link queueKeys}. */
function queueOrder(ctx: RecordContext, cursor: string | undefined): { by: RawBuilder<unknown>; after?: RawBuilder<unknown> } {
  const { place, after } = queuePosition(ctx, cursor);
  return {
    by: sql`${place}, ${queueKeys}`,
    after: after && sql`AND (${place}, ${queueKeys}) > (${sql.lit(after.place)}, ${queueKeysAfter(after)})`,
  };
}

/**
 * The open queue, a page at a time in time proportional to the page: each rule's next rows come
 * from an index in the queue's order within the rule (`work_orders_open_by_rule` for everyone's,
 * `work_orders_by_person` per person of a team), and the rules' few rows are merged by the
 * rule's place. Rules no longer published (and orders without one) share the last place.
 */
async function queueRows(tx: Tx, ctx: RecordContext, options: { assignee: string | 'team'; limit: number; cursor?: string }): Promise<WorkOrderRow[]> {
  const tenant = tenantLiteral(ctx.tenantId);
  const { rules, after } = queuePosition(ctx, options.cursor);
  const people = whosePeople(ctx, options.assignee);
  const limit = options.limit + 1;
  const lane = (place: number, rule: RawBuilder<unknown>, by: RawBuilder<unknown> = queueKeys) => {
    const keyset = after?.place === place ? sql`AND (${queueKeys}) > (${queueKeysAfter(after)})` : sql``;
    return sql`(SELECT w.*, ${sql.lit(place)}::int AS place FROM (${laneSql(tenant, sql`w.state = 'open' AND ${rule} ${keyset} AND ${heldRecord}`, by, limit, people)}) AS w)`;
  };
  const present = await openRules(tx, tenant);
  const placed = present.map((key) => ({ key, place: rules.includes(key) ? rules.indexOf(key) : rules.length }));
  const lanes = placed.filter(({ place }) => !after || place >= after.place).map(({ key, place }) => lane(place, sql`w.rule = ${key}`));
  // Orders without a rule: `IS NULL` is no equality, so the planner follows the index's order
  // only when asked for the rule first (null in all of them, so the order is the same).
  lanes.push(lane(rules.length, sql`w.rule IS NULL`, sql`w.rule, ${queueKeys}`));
  return (await sql<WorkOrderRow>`
    SELECT w.*, CASE WHEN ${titleReadableSql(ctx)} THEN r.data END AS data
      FROM (${sql.join(lanes, sql` UNION ALL `)}) AS w
      LEFT JOIN records AS r ON r.tenant_id = w.tenant_id AND r.object = w.object AND r.id = w.record_id
     ORDER BY w.place, ${queueKeys}
     LIMIT ${limit}`.execute(tx)).rows;
}

/**
 * The rules of the tenant's open orders (published or not), by skipping through the rule column
 * of `work_orders_open_by_rule`: one probe per rule. Read first, so that each becomes a lane with
 * its key as a constant (the planner cannot guess how many rules a subquery would give).
 */
async function openRules(tx: Tx, tenant: RawBuilder<unknown>): Promise<string[]> {
  return (await sql<{ rule: string }>`
    WITH RECURSIVE present(rule) AS (
      SELECT min(w.rule) FROM work_orders AS w WHERE w.tenant_id = ${tenant} AND w.state = 'open'
      UNION ALL
      SELECT (SELECT min(w.rule) FROM work_orders AS w WHERE w.tenant_id = ${tenant} AND w.state = 'open' AND w.rule > present.rule)
        FROM present WHERE present.rule IS NOT NULL
    )
    SELECT rule FROM present WHERE rule IS NOT NULL`.execute(tx)).rows.map((r) => r.rule);
}

/**
 * Done or skipped orders, the last closed first; the cursor is the last row's [closed at, id].
 * Everyone's come from `work_orders_closed_by_state`, a person's or a team's per person from
 * `work_orders_closed`: a page reads a page per person, not all they ever closed.
 */
async function closedRows(tx: Tx, ctx: RecordContext, options: { assignee: string | 'team'; state: 'done' | 'skipped'; limit: number; cursor?: string }): Promise<WorkOrderRow[]> {
  const after = options.cursor ? decodeTimeIdCursor(options.cursor) : undefined;
  const lane = laneSql(tenantLiteral(ctx.tenantId), sql`w.state = ${sql.lit(options.state)} ${after ? closedKeysAfter(after) : sql``}`, closedKeys, options.limit + 1, whosePeople(ctx, options.assignee));
  return (await sql<WorkOrderRow>`
    SELECT w.*, CASE WHEN ${titleReadableSql(ctx)} THEN r.data END AS data
      FROM (${lane}) AS w
      LEFT JOIN records AS r ON r.tenant_id = w.tenant_id AND r.object = w.object AND r.id = w.record_id
     ORDER BY ${closedKeys}`.execute(tx)).rows;
}

const closedKeys = sql`w.closed_at DESC, w.id DESC`;

function closedKeysAfter(after: [string, string]): RawBuilder<unknown> {
  return sql`AND (w.closed_at, w.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)`;
}

/**
 * The first `limit` work orders (`w`) of the tenant matching `where`, in the order `by`: straight
 * from an index for everyone's (`people` null), else the first `limit` of each person's (a
 * lateral scan per person, on an index whose next column after the assignee starts `by`) merged.
 */
function laneSql(tenant: RawBuilder<unknown>, where: RawBuilder<unknown>, by: RawBuilder<unknown>, limit: number, people: RawBuilder<unknown> | null): RawBuilder<unknown> {
  if (!people) return sql`SELECT w.* FROM work_orders AS w WHERE w.tenant_id = ${tenant} AND ${where} ORDER BY ${by} LIMIT ${limit}`;
  return sql`SELECT w.* FROM (${people}) AS u CROSS JOIN LATERAL (
      SELECT w.* FROM work_orders AS w WHERE w.tenant_id = ${tenant} AND w.assignee = u.id AND ${where} ORDER BY ${by} LIMIT ${limit}
    ) AS w ORDER BY ${by} LIMIT ${limit}`;
}

/** The queue's keys within a rule: the order's priority, age, rank, id. */
const queueKeys = sql`w.priority, w.created_at, coalesce(w.rank, 0), w.id`;

function queueKeysAfter(after: QueueCursor): RawBuilder<unknown> {
  return sql`${String(after.priority)}::float8, ${after.createdAt}::timestamptz, ${after.rank}::int, ${after.id}::uuid`;
}

interface QueueCursor { place: number; priority: number; createdAt: string; rank: number; id: string }

/**
 * The queue's order: the rule's place in the run order (`place`: published rules in run order,
 * then every other rule, `rules.length`), then {@link queueKeys}. The cursor carries the last
 * row's rule key (not its place, which a publish may move) before the queue keys.
 */
function queuePosition(ctx: RecordContext, cursor: string | undefined): { rules: string[]; place: RawBuilder<unknown>; after?: QueueCursor } {
  const rules = compiledRules(ctx.compiled).map((r) => r.key);
  // Not a bare 0: in ORDER BY that names a column position (an error), a cast is a constant.
  const place = rules.length === 0 ? sql`0::int`
    : sql`CASE w.rule ${sql.join(rules.map((key, i) => sql`WHEN ${sql.lit(key)} THEN ${sql.lit(i)}`), sql` `)} ELSE ${sql.lit(rules.length)} END`;
  if (!cursor) return { rules, place };
  const [rule, ...rest] = decodeValuesCursor(cursor);
  if (rule !== null && typeof rule !== 'string') throw new ShoalError('invalid_cursor', 'The cursor is not valid for this list');
  const [priority, createdAt, rank, id] = queueCursorValues(rest);
  const rulePlace = typeof rule === 'string' && rules.includes(rule) ? rules.indexOf(rule) : rules.length;
  return { rules, place, after: { place: rulePlace, priority, createdAt, rank, id } };
}

/** The order's record (`r`) is still its assignee's: what makes an open order part of the queue. */
const heldByAssignee = sql`r.deleted_at IS NULL AND r.owner = w.assignee`;

/**
 * Whether the order's (`w`) record is still its assignee's, as a subquery per order. Not an
 * EXISTS: PostgreSQL makes that a semi-join, guesses it keeps few orders, and then reads and
 * sorts every open order of a rule rather than walk the index until the page is full.
 */
const heldRecord = sql`(SELECT r.owner = w.assignee FROM records AS r WHERE r.tenant_id = w.tenant_id AND r.object = w.object AND r.id = w.record_id AND r.deleted_at IS NULL)`;

export interface WorkQueue {
  userId: string;
  name: string;
  email: string;
  /** False for someone who left (deactivated) but still has work orders. */
  active: boolean;
  /** Open work orders on records the person still holds (what their queue shows). */
  open: number;
  /** Work orders they closed today (`done` or `skipped`), in the tenant's time zone. */
  closedToday: number;
}

/**
 * The queues the caller may look at, with their open counts: their own; a manager's direct
 * reports too (those who left only while they have work orders); for a tenant admin, everyone who
 * has had a work order. The caller comes first, then the active people by name, then those who left.
 */
export async function listQueues(tx: Tx, ctx: RecordContext): Promise<WorkQueue[]> {
  const me = ctx.actorId;
  if (!me) return [];
  const tenant = tenantLiteral(ctx.tenantId);
  const rows = (await sql<{ id: string; name: string; email: string; active: boolean; open: string; closed_today: string }>`
    SELECT u.id, u.name, u.email, u.active,
           (SELECT count(*) FROM work_orders AS w JOIN records AS r ON r.tenant_id = w.tenant_id AND r.object = w.object AND r.id = w.record_id
             WHERE w.tenant_id = u.tenant_id AND w.assignee = u.id AND w.state = 'open' AND ${heldByAssignee}) AS open,
           (SELECT count(*) FROM work_orders AS w
             WHERE w.tenant_id = u.tenant_id AND w.assignee = u.id AND w.state IN ('done', 'skipped')
               AND w.closed_at >= ${startOfInZone(ctx.now, 'day', ctx.compiled.timeZone).toISOString()}::timestamptz) AS closed_today
      FROM users AS u
     WHERE u.tenant_id = ${tenant} AND (${queuePeopleSql(ctx, me)})
     ORDER BY u.id = ${me}::uuid DESC, u.active DESC, lower(u.name), u.id`.execute(tx)).rows;
  return rows.map((r) => ({ userId: r.id, name: r.name, email: r.email, active: r.active, open: Number(r.open), closedToday: Number(r.closed_today) }));
}

/**
 * Whose queues the caller may look at, as a condition on a `users` row `u`: their own; a
 * manager's direct reports, of whom those who left (inactive) only while they have work orders
 * (someone has to see what they left open); for an admin, everyone who has had a work order.
 */
function queuePeopleSql(ctx: RecordContext, me: string): RawBuilder<unknown> {
  const hasOrders = sql`EXISTS (SELECT 1 FROM work_orders AS o WHERE o.tenant_id = u.tenant_id AND o.assignee = u.id)`;
  return ctx.policy.isAdmin
    ? sql`u.id = ${me}::uuid OR ${hasOrders}`
    : sql`u.id = ${me}::uuid OR (u.manager_id = ${me}::uuid AND (u.active OR ${hasOrders}))`;
}

/**
 * The orders (`w`) of the people whose queues the caller may look at: a semi-join on their user
 * rows. An admin's people are everyone who has had an order, that is every order of the tenant:
 * no join at all.
 */
function teamOrdersSql(ctx: RecordContext): RawBuilder<unknown> {
  const people = whosePeople(ctx, 'team');
  return people ? sql`w.assignee IN (${people})` : sql`TRUE`;
}

/**
 * The people (`id`) whose orders a list shows, as a query, or null for every order of the
 * tenant (an admin's team): one person, or the people of {@link queuePeopleSql}.
 */
function whosePeople(ctx: RecordContext, assignee: string | 'team'): RawBuilder<unknown> | null {
  if (assignee !== 'team') return sql`SELECT ${assignee}::uuid AS id`;
  if (ctx.policy.isAdmin) return null;
  if (!ctx.actorId) return sql`SELECT NULL::uuid AS id WHERE FALSE`;
  return sql`SELECT u.id FROM users AS u WHERE u.tenant_id = ${tenantLiteral(ctx.tenantId)} AND (${queuePeopleSql(ctx, ctx.actorId)})`;
}

/**
 * Whether the viewer may read the title of the row's record: the record exists, their role may
 * read it, and read its title field there (not while its pool hides the title from the public).
 * A manager looking at a report's past orders, or anyone at an order whose record was deleted or
 * moved out of their reach, gets no title.
 */
function titleReadableSql(ctx: RecordContext): RawBuilder<unknown> {
  const cases = [...new Set(compiledRules(ctx.compiled).map((r) => r.object))].flatMap((key) => {
    const object = ctx.compiled.objects.get(key);
    const title = object?.titleField ? object.fields.get(object.titleField) : undefined;
    if (!object || !title) return [];
    return [sql`WHEN ${sql.lit(key)} THEN r.deleted_at IS NULL AND ${readableWithFieldSql(ctx, object, title)}`];
  });
  return cases.length ? sql`CASE w.object ${sql.join(cases, sql` `)} ELSE FALSE END` : sql`FALSE`;
}

/** Closes (done/skipped with an outcome) or reopens a work order; recorded in the record's history. */
export async function updateWorkOrder(tx: Tx, ctx: RecordContext, id: string, patch: { state: 'done' | 'skipped' | 'open'; outcome?: string }): Promise<WorkOrderView> {
  if (!isUuid(id)) throw new ShoalError('not_found', 'Work order was not found');
  type Current = { assignee: string; state: string; object: string; record_id: string; outcome: string | null };
  const order = sql<Current>`SELECT assignee, state, object, record_id, outcome FROM work_orders WHERE tenant_id = ${tenantLiteral(ctx.tenantId)} AND id = ${id}::uuid`;
  // A reopen locks the record first, then the order: the order in which a release and its trigger lock them (see lockHolder).
  const found = patch.state === 'open' ? (await order.execute(tx)).rows[0] : undefined;
  const holder = found && await lockHolder(tx, ctx, found);
  const current = (await sql<Current>`${order} FOR UPDATE`.execute(tx)).rows[0];
  if (!current) throw new ShoalError('not_found', 'Work order was not found');
  if (current.assignee !== ctx.actorId && !ctx.policy.isAdmin) {
    // Their manager sees the order in the assignee's queue, so it is not hidden from them: 403.
    if (await mayView(tx, ctx, current.assignee)) throw new ShoalError('forbidden', 'Only the assignee or an administrator may close or reopen a work order');
    throw new ShoalError('not_found', 'Work order was not found');
  }
  const view = async () => (await listWorkOrders(tx, ctx, { assignee: current.assignee, state: 'all', limit: 500, recordId: current.record_id })).data.find((w) => w.id === id)!;
  // Open → done | skipped, and back to open. A closed order is reopened before it is closed
  // another way, so its outcome is never overwritten by accident; repeating the same state
  // (a retried request) changes nothing.
  if (current.state === patch.state && (patch.outcome === undefined || patch.outcome === current.outcome)) return view();
  if (current.state !== 'open' && patch.state !== 'open') {
    throw new ShoalError('conflict', `The work order is already ${current.state}; reopen it (state "open") before marking it ${patch.state}`, { extra: { state: current.state } });
  }
  // Only a record the person still holds can be worked on: reopening the order of a record that
  // was released, reassigned or deleted would make an open order that no queue lists.
  if (patch.state === 'open' && holder !== current.assignee) {
    throw new ShoalError('conflict', 'The record is no longer held by the work order’s assignee, so the work order cannot be reopened', { extra: { state: current.state } });
  }
  const now = ctx.now.toISOString();
  await sql`
    UPDATE work_orders SET state = ${patch.state}, outcome = ${patch.outcome ?? current.outcome}, updated_at = ${now}::timestamptz,
           closed_at = ${patch.state === 'open' ? null : now}::timestamptz
     WHERE tenant_id = ${tenantLiteral(ctx.tenantId)} AND id = ${id}::uuid`.execute(tx);
  await sql`
    INSERT INTO record_history (tenant_id, object, record_id, at, actor, action, changes, note)
    VALUES (${tenantLiteral(ctx.tenantId)}, ${current.object}, ${current.record_id}::uuid, ${now}::timestamptz, ${ctx.actorId}::uuid, 'workOrder',
            ${JSON.stringify({ workOrder: [current.state, patch.state] })}::jsonb, ${patch.outcome ?? null})`.execute(tx);
  return view();
}

/**
 * Who holds the order's record (null: no one, or it was deleted), read under a share lock kept to
 * the end of the transaction, so the record cannot leave them before a reopen commits. A release
 * (or reassignment) updates the record's owner, then its trigger closes the holder's open orders;
 * without the lock a reopen could read the old owner while the release is under way, and reopen
 * the order after the trigger passed it by as closed: an open order that no queue lists. Under
 * the lock a reopen either waits for the release and reads the new owner, or commits first and
 * the release, waiting for it, closes the reopened order. FOR SHARE, not FOR KEY SHARE: the owner
 * is no key column, so the owner's update takes only FOR NO KEY UPDATE, which a key share lets
 * through. Taken before the order's lock, as a release takes the record's before its trigger's on
 * the orders, so the two cannot deadlock.
 */
async function lockHolder(tx: Tx, ctx: RecordContext, order: { object: string; record_id: string }): Promise<string | null> {
  const record = (await sql<{ owner: string | null }>`
    SELECT owner FROM records WHERE tenant_id = ${tenantLiteral(ctx.tenantId)} AND object = ${order.object} AND id = ${order.record_id}::uuid
       AND deleted_at IS NULL FOR SHARE`.execute(tx)).rows[0];
  return record?.owner ?? null;
}

async function assertMayView(tx: Tx, ctx: RecordContext, assignee: string): Promise<void> {
  if (!(await mayView(tx, ctx, assignee))) throw new ShoalError('forbidden', 'Only the assignee, their manager or an administrator may see this queue');
}

/** Whether the caller may look at the person's work orders: theirs, as their manager, or as an admin. */
async function mayView(tx: Tx, ctx: RecordContext, assignee: string): Promise<boolean> {
  if (assignee === ctx.actorId || ctx.policy.isAdmin) return true;
  const user = await tx.selectFrom('users').select('manager_id').where('tenant_id', '=', ctx.tenantId).where('id', '=', assignee).executeTakeFirst();
  return user?.manager_id === ctx.actorId;
}
