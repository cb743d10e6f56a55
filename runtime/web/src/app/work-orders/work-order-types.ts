import type { TranslateParams } from '../i18n/translate.ts';
import type { UiKey } from '../i18n/ui-strings.ts';
import type { WorkQueue } from '../../../../../platform/work-orders/work-orders.ts';

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
export type { WorkQueue };

/** The `assignee` of the whole team's list: the orders of every queue the viewer may look at, in one list. */
export const wholeTeam = 'team';

/**
 * Whose work orders in which state the page shows, from its address (`?assignee=…&state=…`): a
 * person's id or {@link wholeTeam}; me and open by default.
 */
export function workOrderView(search: URLSearchParams, me: string): { assignee: string; state: WorkOrderState } {
  const state = search.get('state') as WorkOrderState | null;
  const assignee = search.get('assignee');
  return {
    assignee: assignee === wholeTeam ? wholeTeam : assignee && /^[0-9a-f-]{36}$/i.test(assignee) ? assignee.toLowerCase() : me,
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

/**
 * Each open order's place in its assignee's queue (0 first), from a list in queue order: in the
 * whole team's list, Ann's third order is third in her queue, wherever it stands among the team's.
 * The pages of a list are loaded in order, so each person's loaded orders are the head of their queue.
 */
export function queuePlaces(orders: readonly Pick<WorkOrder, 'id' | 'assignee'>[]): Map<string, number> {
  const seen = new Map<string, number>();
  return new Map(orders.map((order) => {
    const place = seen.get(order.assignee) ?? 0;
    seen.set(order.assignee, place + 1);
    return [order.id, place];
  }));
}

/** How a queue is named in the picker and on a team list's cards: "Me (Ann)", "Bob", "Bob (deactivated)". */
export function queueName(t: (key: UiKey, params?: TranslateParams) => string, queue: Pick<WorkQueue, 'userId' | 'name' | 'active'>, me: string): string {
  return queue.userId === me ? t('queueMine', { name: queue.name }) : queue.active ? queue.name : t('queueLeft', { name: queue.name });
}

/** Priority, then age, then rank: the order of one rule's orders in a queue (a record's orders on its page are sorted by it). */
export function queueOrder(a: WorkOrder, b: WorkOrder): number {
  const pa = a.priority ?? Infinity;
  const pb = b.priority ?? Infinity;
  return (pa === pb ? 0 : pa < pb ? -1 : 1) || a.createdAt.localeCompare(b.createdAt) || (a.rank ?? 0) - (b.rank ?? 0) || a.id.localeCompare(b.id);
}

/**
 * How many work orders are loaded: "12 work orders", or "50+ work orders" while more pages are to
 * come (the API gives no total for a queue); "… in the team" for the whole team's list.
 */
export function workOrderCount(t: (key: UiKey, params?: TranslateParams) => string, count: number, hasMore: boolean, team = false): string {
  if (hasMore) return t(team ? 'teamWorkOrderCountMore' : 'workOrderCountMore', { count });
  if (count === 1) return t(team ? 'teamWorkOrderCountOne' : 'workOrderCountOne', { count });
  return t(team ? 'teamWorkOrderCount' : 'workOrderCount', { count });
}
