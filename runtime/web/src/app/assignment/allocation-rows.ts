import type { AssignmentOutcome } from '../../shared/assignment-outcome.ts';

/** One record a run gives to one person; `priority` is its place in the work orders the run opens. */
export type Allocation = NonNullable<AssignmentOutcome['allocations']>[number];

/** Rows per page of the allocations and of the records left unassigned. */
export const allocationPageSize = 20;

/** One person's allocations (everyone's without `userId`), in the run's order. */
export function allocationsOf(allocations: Allocation[], userId?: string): Allocation[] {
  return userId === undefined ? allocations : allocations.filter((a) => a.userId === userId);
}

/** The rows on page `page` (from 1) of `pageSize`: the only ones whose titles are asked for. */
export function pageOf<T>(rows: T[], page: number, pageSize = allocationPageSize): T[] {
  return rows.slice((page - 1) * pageSize, page * pageSize);
}

/** Who receives records and how many, most first (then in the run's order): the person filter's choices. */
export function receivers(allocations: Allocation[]): Array<{ userId: string; count: number }> {
  const counts = new Map<string, number>();
  for (const a of allocations) counts.set(a.userId, (counts.get(a.userId) ?? 0) + 1);
  return [...counts].map(([userId, count]) => ({ userId, count })).sort((a, b) => b.count - a.count);
}
