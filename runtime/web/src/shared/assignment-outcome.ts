import type { MetadataDocument } from '../../../../platform/metadata/metadata-types.ts';

/**
 * What `POST /api/t/{t}/assignment-rules/{r}/run` answers (mirrors `AssignmentOutcome` in
 * platform/assignment/run-assignment.ts; every part optional, as older servers may omit some),
 * and the word-free ways the studio and the app read it.
 */

/** A cap on what a person may receive (platform/assignment/matching.ts `Cap`). */
export type Cap = 'maxPerDay' | 'maxTotal' | 'maxPerOwner';

/** A record the run left without a receiver. */
export interface Unassigned {
  recordId: string;
  reason: string;
  /** With `no_capacity`: the caps that left the recalled people without room. */
  caps?: Cap[];
}

/** The caps' values: the rule's `users.maxPerDay` / `users.maxTotal` and its pool's `maxPerOwner`. */
export type CapValues = Partial<Record<Cap, number>>;

export interface DryRunStats {
  candidates?: number;
  users?: number;
  /** Per recalled user: records this run allocates to them, and their holdings after the run. */
  perUser?: Record<string, { allocated: number; totalAfter: number }>;
  /** Variance of users' totals after the run. */
  variance?: number;
  /** Max − min of the per-run allocations across users with room. */
  spread?: number;
  /** How many records the run allocates, and leaves unassigned (counted per reason and caps). */
  allocated?: number;
  unassigned?: number;
  unassignedByReason?: Array<{ reason: string; caps?: Cap[]; count: number }>;
}

export interface AssignmentOutcome {
  allocations?: Array<{ recordId: string; userId: string; priority?: number }>;
  unassigned?: Unassigned[];
  stats?: DryRunStats;
}

/**
 * The most records (allocations and unassigned together) a preview asks the server to list: about
 * 1 MB of JSON. Above it the preview answers counts only (`summaryAbove`), as a rule over a pool
 * of 100,000 would otherwise send every record's id to the browser. The app's preview and the
 * studio's dry run both ask for it.
 */
export const listedRecordsLimit = 10_000;

/** Whether an outcome left its records out (counts only) although the run has records to list. */
export function recordsLeftOut(outcome: AssignmentOutcome): boolean {
  const stats = outcome.stats ?? {};
  return !outcome.allocations && (stats.allocated ?? 0) + (stats.unassigned ?? 0) > 0;
}

export interface PerUserRow {
  userId: string;
  allocated: number;
  totalAfter: number;
}

/** The caps a rule's people are held to: its daily and total caps, its pool's limit. */
export function ruleCapValues(document: Pick<MetadataDocument, 'assignmentRules' | 'pools'>, ruleKey: string): CapValues {
  const rule = document.assignmentRules?.[ruleKey];
  const pool = rule?.pool ? document.pools?.[rule.pool] : undefined;
  return {
    ...(rule?.users?.maxPerDay !== undefined ? { maxPerDay: rule.users.maxPerDay } : {}),
    ...(rule?.users?.maxTotal !== undefined ? { maxTotal: rule.users.maxTotal } : {}),
    ...(pool?.maxPerOwner !== undefined ? { maxPerOwner: pool.maxPerOwner } : {}),
  };
}

/** One table row per recalled user, in the server's order. */
export function perUserRows(stats: DryRunStats | undefined): PerUserRow[] {
  return Object.entries(stats?.perUser ?? {}).map(([userId, { allocated, totalAfter }]) => ({ userId, allocated, totalAfter }));
}
