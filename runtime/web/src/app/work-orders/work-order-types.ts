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

export type WorkOrderState = 'open' | 'done' | 'skipped' | 'all';
export const workOrderStates: readonly WorkOrderState[] = ['open', 'done', 'skipped', 'all'];

/** A queue the viewer may look at (`GET /work-orders/queues`): theirs first. */
export type { WorkQueue } from '../../../../../platform/work-orders/work-orders.ts';

/** Whose work orders in which state the page shows, from its address (`?assignee=…&state=…`); me and open by default. */
export function workOrderView(search: URLSearchParams, me: string): { assignee: string; state: WorkOrderState } {
  const state = search.get('state') as WorkOrderState | null;
  const assignee = search.get('assignee');
  return {
    assignee: assignee && /^[0-9a-f-]{36}$/i.test(assignee) ? assignee.toLowerCase() : me,
    state: state && workOrderStates.includes(state) ? state : 'open',
  };
}

/** The page's address for a view; the defaults stay out of it. */
export function workOrderSearch(view: { assignee: string; state: WorkOrderState }, me: string): string {
  const params = new URLSearchParams();
  if (view.assignee !== me) params.set('assignee', view.assignee);
  if (view.state !== 'open') params.set('state', view.state);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Whether the viewer may close or reopen the orders of this queue: their own, or any as an admin (a manager only looks). */
export function mayActOn(assignee: string, me: { id: string; roles: string[] }): boolean {
  return assignee === me.id || me.roles.includes('admin');
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
