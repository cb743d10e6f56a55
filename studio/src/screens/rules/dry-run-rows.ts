/**
 * The statistics of `POST /api/t/{t}/assignment-rules/{r}/run` (mirrors `AssignmentOutcome['stats']`
 * in platform/assignment/run-assignment.ts; every part optional since older servers may omit some).
 */
export interface DryRunStats {
  candidates?: number;
  users?: number;
  /** Per recalled user: records this run allocates to them, and their holdings after the run. */
  perUser?: Record<string, { allocated: number; totalAfter: number }>;
  /** Variance of users' totals after the run. */
  variance?: number;
  /** Max − min of the per-run allocations across users with room. */
  spread?: number;
}

export interface PerUserRow {
  userId: string;
  allocated: number;
  totalAfter: number;
}

/** One table row per recalled user, in the server's order. */
export function perUserRows(stats: DryRunStats | undefined): PerUserRow[] {
  return Object.entries(stats?.perUser ?? {}).map(([userId, { allocated, totalAfter }]) => ({ userId, allocated, totalAfter }));
}
