import type { TranslateParams } from '../i18n/translate.ts';
import type { UiKey } from '../i18n/ui-strings.ts';

/** A work order as the API returns it (lower priority numbers come first; null last). */
export interface WorkOrder {
  id: string;
  object: string;
  recordId: string;
  assignee: string;
  rule: string | null;
  /** The rule's work-order priority value as a sort key (not for display); null: the record had none. */
  priority: number | null;
  /** Its position in the run that opened it (ties of priority and age go by it). */
  rank?: number | null;
  state: 'open' | 'done' | 'skipped';
  outcome: string | null;
  title: string | null;
  createdAt: string;
  closedAt?: string | null;
}

/** The queue order: priority, then age, then rank (the server sends it so; kept when pages are merged). */
export function queueOrder(a: WorkOrder, b: WorkOrder): number {
  const pa = a.priority ?? Infinity;
  const pb = b.priority ?? Infinity;
  return (pa === pb ? 0 : pa < pb ? -1 : 1) || a.createdAt.localeCompare(b.createdAt) || (a.rank ?? 0) - (b.rank ?? 0) || a.id.localeCompare(b.id);
}

/**
 * How many work orders are loaded: "12 work orders", or "50+ work orders" while more pages are to
 * come (the API gives no total for a queue).
 */
export function workOrderCount(t: (key: UiKey, params?: TranslateParams) => string, count: number, hasMore: boolean): string {
  if (hasMore) return t('workOrderCountMore', { count });
  return t(count === 1 ? 'workOrderCountOne' : 'workOrderCount', { count });
}
