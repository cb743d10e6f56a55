import { groupByReason } from '../../../../platform/assignment/matching.ts';
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

export interface ReasonGroup {
  reason: Unassigned;
  count: number;
}

export interface PerUserRow {
  userId: string;
  allocated: number;
  totalAfter: number;
}

/** Counts per reason (and caps), in the order they first occur. */
export function reasonGroups(unassigned: Unassigned[] | undefined): ReasonGroup[] {
  return groupByReason(unassigned ?? []).map(({ first, count }) => ({ reason: { recordId: first.recordId, reason: first.reason, ...(first.caps ? { caps: first.caps } : {}) }, count }));
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
