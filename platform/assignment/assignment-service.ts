import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { AccessPolicy } from '../access/access-policy.ts';
import { ShoalError } from '../errors.ts';
import { notify, type NotificationInput } from '../notifications/notifications.ts';
import { compileFilterSql } from '../filter/compile-filter-sql.ts';
import type { ScheduledWork } from '../jobs/scheduler.ts';
import type { CompiledMetadata } from '../metadata/compile-metadata.ts';
import { cronSlots } from '../jobs/cron.ts';
import { decodeTimeIdCursor, encodeValuesCursor } from '../records/cursor.ts';
import { assertRunNotAhead, type RecordContext } from '../records/record-context.ts';
import type { RecordHooks } from '../records/record-hooks.ts';
import { advisoryLockSpaces, jobLockFreeSql, tenantLiteral, type Storage, type Tx } from '../storage/storage.ts';
import { compiledRules, isActive, type CompiledRule } from './compiled-rules.ts';
import { recalledSql, runAssignment, type AssignmentOutcome } from './run-assignment.ts';

/** Assignment rules: runs (dry or real), the rule list with status, and the conflict report. */
export class AssignmentService {
  constructor(private readonly storage: Storage, private readonly hooks: RecordHooks) {}

  async run(ctx: RecordContext, ruleKey: string, options: { asOf: Date; dryRun: boolean }): Promise<AssignmentOutcome> {
    const { rule, leaveFor } = runnable(ctx, ruleKey, options);
    return this.storage.inTenant(ctx.tenantId, (tx) => runAssignment(tx, ctx, this.hooks, rule, { ...options, leaveFor }), options.dryRun ? { readOnly: true } : {});
  }

  /**
   * A real run to be done in the background: checked as `run` checks it (who may run it, whether
   * the rule is in effect), recorded as a queued job of the caller, whose id is returned (the
   * caller enqueues it). `roles` are the caller's roles of the request, which the job runs with.
   */
  async startRun(ctx: RecordContext, ruleKey: string, options: { asOf?: Date; roles: readonly string[] }): Promise<string> {
    const { rule } = runnable(ctx, ruleKey, { asOf: options.asOf ?? ctx.now, dryRun: false });
    const id = randomUUID();
    // Without an `asOf`, the run is as of when it runs (a job may wait, or be resumed after a restart).
    const job: AssignmentJobOptions = { rule: rule.key, ...(options.asOf ? { asOf: options.asOf.toISOString() } : {}), roles: [...options.roles] };
    await this.storage.inTenant(ctx.tenantId, async (tx) => {
      // One run of a rule at a time from the background: a second click, or a second manager, is
      // told. A run whose process died does not count (it ends failed here).
      await lockRunStarts(tx, ctx.tenantId, rule.key);
      await reapInterruptedRuns(tx, ctx.tenantId, ctx.now);
      const under = (await pendingRuns(tx, ctx.tenantId, rule.key)).get(rule.key)?.[0];
      if (under) {
        throw new ShoalError('run_in_progress', `A run of assignment rule ${rule.key} is under way${under.actor ? ` (started by ${under.actor.name})` : ''}; wait for it to end`, {
          extra: { rule: rule.key, job: under.job },
        });
      }
      await sql`
        INSERT INTO jobs (tenant_id, id, kind, state, object, options, created_by, created_at)
        VALUES (${tenantLiteral(ctx.tenantId)}, ${id}::uuid, 'assignment', 'queued', ${rule.object}, ${JSON.stringify(job)}::jsonb, ${ctx.actorId}::uuid, ${ctx.now.toISOString()}::timestamptz)`.execute(tx);
    });
    return id;
  }

  /**
   * Does a background run's job as the person who started it (`ctx`). The job is `running` while
   * it works; the run and the job's end (`done`, with the run's id and counts) commit together,
   * so a job run twice at once (a process taken for dead) assigns once: the second waits for the
   * job's lock and finds it done. A run that cannot be done (the rule was switched off meanwhile,
   * the person may no longer run it) fails the job with the reason, and assigns nothing.
   */
  async runJob(ctx: RecordContext, jobId: string, job: AssignmentJobOptions, clock: () => Date): Promise<void> {
    const where = sql`tenant_id = ${tenantLiteral(ctx.tenantId)} AND id = ${jobId}::uuid`;
    // `started_at` is this attempt's start (a resumed job starts again), which `reapInterruptedRuns` goes by.
    const started = await this.storage.inTenant(ctx.tenantId, (tx) => sql`
      UPDATE jobs SET state = 'running', started_at = ${ctx.now.toISOString()}::timestamptz WHERE ${where} AND state IN ('queued', 'running')`.execute(tx));
    if (Number(started.numAffectedRows ?? 0) === 0) return;
    try {
      const options = { asOf: job.asOf ? new Date(job.asOf) : ctx.now, dryRun: false };
      const { rule, leaveFor } = runnable(ctx, job.rule, options);
      await this.storage.inTenant(ctx.tenantId, async (tx) => {
        const current = await sql<{ state: string }>`SELECT state FROM jobs WHERE ${where} FOR UPDATE`.execute(tx);
        if (current.rows[0]?.state !== 'running') return;
        const outcome = await runAssignment(tx, ctx, this.hooks, rule, { ...options, leaveFor });
        const result = { rule: rule.key, runId: outcome.runId, asOf: outcome.asOf, stats: outcome.stats };
        await sql`UPDATE jobs SET state = 'done', processed = ${outcome.stats.allocated}, total = ${outcome.stats.candidates}, result = ${JSON.stringify(result)}::jsonb,
                         finished_at = ${clock().toISOString()}::timestamptz WHERE ${where}`.execute(tx);
        // Whoever started it has often left the rules page by now: they hear how it went.
        if (ctx.actorId) {
          const { allocated, unassigned, users } = outcome.stats;
          await notify(tx, ctx.tenantId, [runNotice(ctx.actorId, jobId, rule.key, rule.object, { state: 'done', allocated, unassigned, users, runId: outcome.runId })], clock());
        }
      }, { job: jobId }); // alive to the reaper from its first statement, also while it waits behind a publish
    } catch (error) {
      // Nothing was assigned (the run is one transaction). A database that went away cannot record
      // the failure either: the job is then retried.
      await failAssignmentJob(this.storage, ctx.tenantId, jobId, error, clock);
    }
  }

  /** The rules with their lifetime state, last run and next scheduled slot. */
  async list(ctx: RecordContext): Promise<Array<Record<string, unknown>>> {
    if (!ctx.compiled.has('assignment')) throw new ShoalError('not_found', 'Assignment rules are not enabled for this tenant');
    await this.#reapInterrupted(ctx);
    const [runs, pending] = await this.storage.inTenant(ctx.tenantId, async (tx) => [(await sql<{ rule: string; created_at: Date; allocations: number }>`
      SELECT DISTINCT ON (rule) rule, created_at, allocations FROM assignment_runs WHERE tenant_id = ${tenantLiteral(ctx.tenantId)} AND NOT dry_run
       ORDER BY rule, created_at DESC`.execute(tx)).rows, await pendingRuns(tx, ctx.tenantId)] as const, { readOnly: true });
    return compiledRules(ctx.compiled).map((rule) => {
      const last = runs.find((r) => r.rule === rule.key);
      const next = nextSlot(rule, ctx.now);
      return {
        key: rule.key, title: rule.definition.title ?? null, object: rule.object, pool: rule.pool?.key ?? null, match: rule.match,
        priority: rule.priority, schedule: rule.schedule ?? null, active: isActive(rule, ctx.now),
        activeFrom: rule.definition.activeFrom ?? null, activeUntil: rule.definition.activeUntil ?? null,
        lastRunAt: last?.created_at.toISOString() ?? null, lastAllocations: last?.allocations ?? null, nextRunAt: next?.toISOString() ?? null,
        mayRun: mayRun(ctx, rule),
        // Runs under way, as the runs list shows them, to those who may see its runs.
        pending: mayRun(ctx, rule) ? pending.get(rule.key) ?? [] : [],
      };
    });
  }

  /**
   * A rule's real runs, the latest first: when, as of when, who ran it (null: its schedule), and
   * what it did. Seen by whoever may run the rule.
   */
  async runs(ctx: RecordContext, ruleKey: string, options: { limit: number; cursor?: string }): Promise<{ data: AssignmentRunView[]; nextCursor: string | null; pending?: PendingRunView[] }> {
    const rule = ruleFor(ctx, ruleKey);
    assertMayRun(ctx, rule, 'see the runs of');
    const after = options.cursor ? decodeTimeIdCursor(options.cursor) : undefined;
    if (!after) await this.#reapInterrupted(ctx);
    // With the runs, those started in the background and not ended yet (first page only), read together.
    let pending: PendingRunView[] | undefined;
    const rows = await this.storage.inTenant(ctx.tenantId, async (tx) => {
      if (!after) pending = (await pendingRuns(tx, ctx.tenantId, rule.key)).get(rule.key) ?? [];
      return (await sql<{ id: string; as_of: Date; created_at: Date; actor: string | null; actor_name: string | null; allocations: number; stats: Record<string, number> }>`
      SELECT a.id, a.as_of, a.created_at, a.actor, u.name AS actor_name, a.allocations, a.stats
        FROM assignment_runs AS a LEFT JOIN users AS u ON u.tenant_id = a.tenant_id AND u.id = a.actor
       WHERE a.tenant_id = ${tenantLiteral(ctx.tenantId)} AND a.rule = ${rule.key} AND NOT a.dry_run
         ${after ? sql`AND (a.created_at, a.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
       ORDER BY a.created_at DESC, a.id DESC
       LIMIT ${options.limit + 1}`.execute(tx)).rows;
    }, { readOnly: true });
    const page = rows.slice(0, options.limit);
    const last = page[page.length - 1];
    return {
      data: page.map((r) => ({
        id: r.id, rule: rule.key, asOf: r.as_of.toISOString(), createdAt: r.created_at.toISOString(),
        trigger: r.actor ? 'manual' : 'schedule', actor: r.actor ? { id: r.actor, name: r.actor_name ?? r.actor } : null,
        allocations: r.allocations, candidates: r.stats.candidates ?? null, users: r.stats.users ?? null,
        unassigned: r.stats.unassigned ?? null, variance: r.stats.variance ?? null, spread: r.stats.spread ?? null,
      })),
      nextCursor: rows.length > options.limit && last ? encodeValuesCursor([last.created_at.toISOString(), last.id]) : null,
      ...(pending ? { pending } : {}),
    };
  }

  /**
   * A background run followed through `GET /jobs/{job}` that has been `running` for longer than a
   * live run would go unseen: ends it if its process died (see `reapInterruptedRuns`), so whoever
   * follows it learns at once rather than when someone next reads the rules. True if it ended.
   */
  async endIfInterrupted(tenantId: string, job: { kind: string; state: string; startedAt: string | null }, now: Date): Promise<boolean> {
    if (job.kind !== 'assignment' || job.state !== 'running' || !job.startedAt) return false;
    if (Date.parse(job.startedAt) >= now.getTime() - interruptedAfterMs) return false;
    return (await this.storage.inTenant(tenantId, (tx) => reapInterruptedRuns(tx, tenantId, now))) > 0;
  }

  /** Ends the background runs whose process died, if a quick look finds any that may have (see `reapInterruptedRuns`). */
  async #reapInterrupted(ctx: RecordContext): Promise<void> {
    const suspect = await this.storage.inTenant(ctx.tenantId, async (tx) => (await sql`
      SELECT 1 FROM jobs WHERE tenant_id = ${tenantLiteral(ctx.tenantId)} AND kind = 'assignment' AND state = 'running'
         AND started_at < ${new Date(ctx.now.getTime() - interruptedAfterMs).toISOString()}::timestamptz LIMIT 1`.execute(tx)).rows.length > 0, { readOnly: true });
    if (suspect) await this.storage.inTenant(ctx.tenantId, (tx) => reapInterruptedRuns(tx, ctx.tenantId, ctx.now));
  }

  /**
   * Which records two active rules of the same object would both recall, and which one wins
   * (the lower priority runs first and takes them).
   */
  async conflicts(ctx: RecordContext): Promise<Array<{ rules: [string, string]; object: string; winner: string; records: number; sample: string[] }>> {
    const rules = compiledRules(ctx.compiled).filter((r) => isActive(r, ctx.now));
    const result: Array<{ rules: [string, string]; object: string; winner: string; records: number; sample: string[] }> = [];
    return this.storage.inTenant(ctx.tenantId, async (tx) => {
      for (let i = 0; i < rules.length; i++) {
        for (let j = i + 1; j < rules.length; j++) {
          const [a, b] = [rules[i]!, rules[j]!];
          if (a.object !== b.object) continue;
          const rows = (await sql<{ id: string; n: string }>`
            SELECT r.id, count(*) OVER () AS n FROM records AS r
             WHERE r.tenant_id = ${tenantLiteral(ctx.tenantId)} AND r.object = ${sql.lit(a.object)} AND r.deleted_at IS NULL
               AND ${recalledSql(ctx, a)} AND ${recalledSql(ctx, b)}
             LIMIT 10`.execute(tx)).rows;
          if (rows.length > 0) result.push({ rules: [a.key, b.key] as [string, string], object: a.object, winner: a.key, records: Number(rows[0]!.n), sample: rows.map((r) => r.id) });
        }
      }
      return result;
    }, { readOnly: true });
  }
}

/** What a background run's job keeps of its request (in `jobs.options`). */
export interface AssignmentJobOptions {
  rule: string;
  /** The request's `asOf`, if it gave one; otherwise the run is as of when it runs. */
  asOf?: string;
  roles: string[];
}

/** Why a background run cannot be done that is no problem of a request (`user_inactive`): its `code` goes to the job's errors. */
export class RunFailure extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/**
 * Ends a background run's job as failed, with why (nothing was assigned: the run is one
 * transaction): a problem's own code and words, `user_inactive`, or `run_failed` with the
 * error's message. If the failure cannot be written either (the database went away), the error
 * is thrown again, so the queue retries the job.
 */
export async function failAssignmentJob(storage: Storage, tenantId: string, jobId: string, error: unknown, clock: () => Date): Promise<void> {
  const failure = error instanceof ShoalError || error instanceof RunFailure ? { row: 0, message: error.message, code: error.code }
    : { row: 0, message: `The run stopped and assigned nothing: ${(error as Error).message}`, code: 'run_failed', detail: (error as Error).message };
  await storage.inTenant(tenantId, async (tx) => {
    const failed = (await sql<{ created_by: string | null; rule: string | null; object: string | null }>`
      UPDATE jobs SET state = 'failed', errors = ${JSON.stringify([failure])}::jsonb, finished_at = ${clock().toISOString()}::timestamptz
       WHERE tenant_id = ${tenantLiteral(tenantId)} AND id = ${jobId}::uuid AND state IN ('queued', 'running')
      RETURNING created_by, options->>'rule' AS rule, object`.execute(tx)).rows[0];
    if (failed?.created_by && failed.rule) {
      await notify(tx, tenantId, [runNotice(failed.created_by, jobId, failed.rule, failed.object, { state: 'failed', code: failure.code, message: failure.message })], clock());
    }
  }).catch(() => { throw error; });
}

/** The notification of a background run's end, to whoever started it (one per job). */
function runNotice(userId: string, jobId: string, rule: string, object: string | null,
  body: { state: 'done'; allocated: number; unassigned: number; users: number; runId: string | null } | { state: 'failed'; code: string; message: string }): NotificationInput {
  const title = body.state === 'done' ? `Assignment rule ${rule} assigned ${body.allocated} records` : `A run of assignment rule ${rule} stopped and assigned nothing`;
  return { userId, kind: 'assignment_finished', dedupeKey: `assignment:${jobId}`, ...(object ? { object } : {}), title, body: { job: jobId, rule, ...body } };
}

/** A run started in the background that has not finished: follow it at `GET /jobs/{job}`. */
export interface PendingRunView {
  job: string;
  state: 'queued' | 'running';
  createdAt: string;
  startedAt: string | null;
  actor: { id: string; name: string } | null;
}

export interface AssignmentRunView {
  id: string;
  rule: string;
  /** The time the run assigned as of (its `asOf`; a scheduled run's slot time or later). */
  asOf: string;
  createdAt: string;
  trigger: 'manual' | 'schedule';
  /** Who ran it by hand; null for a scheduled run. */
  actor: { id: string; name: string } | null;
  allocations: number;
  candidates: number | null;
  users: number | null;
  unassigned: number | null;
  variance: number | null;
  spread: number | null;
}

/** How long a background run may be `running` before an unlocked job row means its process died. */
const interruptedAfterMs = 30_000;

/**
 * Background runs whose process died mid-run end failed (`run_interrupted`; nothing was
 * assigned, since the run and the job's end commit together). A live run holds its job's lock
 * for the whole run, from before it waits for the tenant's write lock (`runJob`), and its job
 * row once it has that; so a job `running` for a while whose lock and row nobody holds is one
 * no process is running. Without this, a dead run would hold off new runs of its rule until a
 * process restarts (and resumes it) or the queue's hour-long expiry retries it.
 */
async function reapInterruptedRuns(tx: Tx, tenantId: string, now: Date): Promise<number> {
  const suspects = (await sql<{ id: string }>`
    SELECT id FROM jobs WHERE tenant_id = ${tenantLiteral(tenantId)} AND kind = 'assignment' AND state = 'running'
       AND started_at < ${new Date(now.getTime() - interruptedAfterMs).toISOString()}::timestamptz
       FOR UPDATE SKIP LOCKED`.execute(tx)).rows.map((r) => r.id);
  if (suspects.length === 0) return 0;
  // Tried one by one, after the rows are ours: a run taking its job's lock meanwhile waits for this transaction.
  const dead = (await sql<{ id: string }>`
    SELECT id FROM unnest(${suspects}::uuid[]) AS id WHERE ${jobLockFreeSql(sql.ref('id'))}`.execute(tx)).rows.map((r) => r.id);
  if (dead.length === 0) return 0;
  const failure = { row: 0, code: 'run_interrupted', message: 'The process running it stopped before the run ended; nothing was assigned' };
  const ended = (await sql<{ id: string; created_by: string | null; rule: string | null; object: string | null }>`
    UPDATE jobs SET state = 'failed', errors = ${JSON.stringify([failure])}::jsonb, finished_at = ${now.toISOString()}::timestamptz
     WHERE tenant_id = ${tenantLiteral(tenantId)} AND id = ANY(${dead}::uuid[])
    RETURNING id, created_by, options->>'rule' AS rule, object`.execute(tx)).rows;
  await notify(tx, tenantId, ended.flatMap((j) => (j.created_by && j.rule
    ? [runNotice(j.created_by, j.id, j.rule, j.object, { state: 'failed', code: failure.code, message: failure.message })] : [])), now);
  return dead.length;
}

/**
 * Serializes the starts of a rule's background runs, to the end of the transaction: two starts
 * at once (a double click, two managers, two server processes) would each find no run pending
 * and each queue one, and the second run would assign again after the first. Waiting here, the
 * second start's check (a statement after the lock, so it reads what the first committed) finds
 * the first's job and answers run_in_progress. A transaction-level advisory lock on the database
 * rather than a unique index on pending jobs: it needs no migration (nor a choice of which of
 * the duplicates a database may already hold to fail), and the refusal still names the run
 * under way. Its key space is `advisoryLockSpaces.runStarts`.
 */
async function lockRunStarts(tx: Tx, tenantId: string, ruleKey: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${sql.lit(advisoryLockSpaces.runStarts)}, hashtext(${`${tenantId}:${ruleKey}`}))`.execute(tx);
}

/** Runs started in the background that have not ended, per rule (or of one rule), the oldest first. */
async function pendingRuns(tx: Tx, tenantId: string, ruleKey?: string): Promise<Map<string, PendingRunView[]>> {
  const rows = (await sql<{ id: string; rule: string; state: 'queued' | 'running'; created_at: Date; started_at: Date | null; created_by: string | null; actor_name: string | null }>`
    SELECT j.id, j.options->>'rule' AS rule, j.state, j.created_at, j.started_at, j.created_by, u.name AS actor_name
      FROM jobs AS j LEFT JOIN users AS u ON u.tenant_id = j.tenant_id AND u.id = j.created_by
     WHERE j.tenant_id = ${tenantLiteral(tenantId)} AND j.kind = 'assignment' AND j.state IN ('queued', 'running')
       ${ruleKey ? sql`AND j.options->>'rule' = ${ruleKey}` : sql``}
     ORDER BY j.created_at, j.id`.execute(tx)).rows;
  const byRule = new Map<string, PendingRunView[]>();
  for (const j of rows) {
    const list = byRule.get(j.rule) ?? [];
    list.push({
      job: j.id, state: j.state, createdAt: j.created_at.toISOString(), startedAt: j.started_at?.toISOString() ?? null,
      actor: j.created_by ? { id: j.created_by, name: j.actor_name ?? j.created_by } : null,
    });
    byRule.set(j.rule, list);
  }
  return byRule;
}

/** The next scheduled slot, from the start of the rule's lifetime, if the rule is active then. */
function nextSlot(rule: CompiledRule, now: Date): Date | undefined {
  if (!rule.schedule) return undefined;
  const from = rule.activeFrom && rule.activeFrom > now ? new Date(rule.activeFrom.getTime() - 1) : now;
  const slot = cronSlots(rule.schedule, rule.timeZone, from, new Date(from.getTime() + 366 * 86_400_000), 1)[0];
  return slot && isActive(rule, slot) ? slot : undefined;
}

function ruleFor(ctx: RecordContext, key: string): CompiledRule {
  if (!ctx.compiled.has('assignment')) throw new ShoalError('not_found', 'Assignment rules are not enabled for this tenant');
  const rule = compiledRules(ctx.compiled).find((r) => r.key === key);
  if (!rule) throw new ShoalError('not_found', `There is no assignment rule called ${key}`);
  return rule;
}

/**
 * The rule a run (or a preview) is of, checked: the caller may run it, and a real run's rule is in
 * effect at `asOf`. `leaveFor`: the rules before it whose records it leaves alone.
 */
function runnable(ctx: RecordContext, ruleKey: string, options: { asOf: Date; dryRun: boolean }): { rule: CompiledRule; leaveFor: CompiledRule[] } {
  const rule = ruleFor(ctx, ruleKey);
  assertMayRun(ctx, rule, 'run');
  // What is recalled and the cooldowns are reckoned as of `asOf`: a real run in the future would
  // hand out now leads their owners may not have back yet. (It is dated, and counts on the daily
  // cap, now: `runAssignment`.)
  assertRunNotAhead(ctx, options, 'An assignment that assigns');
  // A disabled or expired rule can still be previewed, but assigns nothing.
  if (!options.dryRun && !isActive(rule, options.asOf)) {
    const why = rule.missingPool ? `gives out ${rule.object} records without naming their pool; set pool: ${rule.missingPool}`
      : !rule.enabled ? 'is disabled' : rule.activeFrom && options.asOf < rule.activeFrom ? `starts on ${rule.definition.activeFrom}` : `ended on ${rule.definition.activeUntil}`;
    throw new ShoalError('rule_inactive', `Assignment rule ${rule.key} ${why}; only a dry run is possible`, { extra: { rule: rule.key } });
  }
  // "A rule runs only after all lower-priority rules of the same object": run by hand, alone,
  // it leaves the records of the active rules before it to them (the conflict report's winners).
  const rules = compiledRules(ctx.compiled);
  const leaveFor = rules.slice(0, rules.indexOf(rule)).filter((r) => r.object === rule.object && isActive(r, options.asOf));
  return { rule, leaveFor };
}

/** Admins, the rule pool's admins, or whoever may assign records of the rule's object: who may run the rule (and preview it), or see its runs. */
function mayRun(ctx: RecordContext, rule: CompiledRule): boolean {
  return ctx.policy.isAdmin
    || (rule.pool !== undefined && ctx.policy.roles.some((r) => rule.pool!.adminRoles.includes(r)))
    || ctx.policy.mayEver('assign', rule.object);
}

function assertMayRun(ctx: RecordContext, rule: CompiledRule, doing: 'run' | 'see the runs of'): void {
  if (mayRun(ctx, rule)) return;
  throw new ShoalError('forbidden', `Only administrators, the pool's administrators and those who may assign ${rule.object} records may ${doing} assignment rule ${rule.key}`);
}

/**
 * Scheduled runs of every rule with a `schedule`, in its pool's time zone, within its
 * lifetime. A rule's slot first runs the lower-priority rules of the same object due in the
 * same slot (so records go to the rule that comes first).
 */
export function assignmentWork(clock: () => Date, hooks: RecordHooks): ScheduledWork {
  return {
    kind: 'assignment',
    schedules: (compiled) => (compiled.has('assignment') ? compiledRules(compiled) : [])
      .filter((r) => r.schedule && r.enabled)
      .map((r) => ({ key: r.key, cron: r.schedule!, timeZone: r.timeZone, ...(r.activeFrom ? { activeFrom: r.activeFrom } : {}), ...(r.activeUntil ? { activeUntil: r.activeUntil } : {}) })),
    run: async (tx, compiled, key, slot) => {
      const rules = compiledRules(compiled);
      const rule = rules.find((r) => r.key === key);
      if (!rule || !isActive(rule, slot)) return { skipped: 'inactive' };
      const ctx = systemContext(compiled, clock());
      // compiledRules lists rules in run order: lower priority first, ties by key (the conflict report's winner).
      const before = rules.slice(0, rules.indexOf(rule)).filter((r) => r.object === rule.object && r.schedule && isActive(r, slot)
        && cronSlots(r.schedule, r.timeZone, new Date(slot.getTime() - 1000), slot, 2).some((s) => s.getTime() === slot.getTime()));
      const results: Record<string, number> = {};
      for (const earlier of before) {
        if (await claimSlot(tx, compiled, earlier.key, slot, ctx.now)) {
          results[earlier.key] = (await runAssignment(tx, ctx, hooks, earlier, { asOf: ctx.now, dryRun: false })).allocations.length;
        }
      }
      results[rule.key] = (await runAssignment(tx, ctx, hooks, rule, { asOf: ctx.now, dryRun: false })).allocations.length;
      return { allocations: results };
    },
  };
}

async function claimSlot(tx: Tx, compiled: CompiledMetadata, key: string, slot: Date, now: Date): Promise<boolean> {
  const result = await sql`INSERT INTO job_slots (tenant_id, kind, key, slot, ran_at) VALUES (${tenantLiteral(compiled.tenantId)}, 'assignment', ${key}, ${slot.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz)
                           ON CONFLICT DO NOTHING`.execute(tx);
  return Number(result.numAffectedRows ?? 0) > 0;
}

function systemContext(compiled: CompiledMetadata, now: Date): RecordContext {
  return { tenantId: compiled.tenantId, compiled, policy: AccessPolicy.system(compiled, now), actorId: null, now };
}
