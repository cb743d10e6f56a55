import type { TranslateParams } from '../i18n/translate.ts';
import type { UiKey } from '../i18n/ui-strings.ts';
import { ruleRunOrder } from '../../../../../platform/assignment/run-order.ts';
import type { MetadataDocument } from '../../../../../platform/metadata/metadata-types.ts';
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

/** Each rule's place in the order rules run (the published document's), 0 first: the queue goes by it before an order's priority. */
export function rulePlaces(document: Pick<MetadataDocument, 'assignmentRules'>): Map<string, number> {
  return new Map(ruleRunOrder(document.assignmentRules).map((key, i) => [key, i]));
}

type Compare = (a: WorkOrder, b: WorkOrder) => number;

/**
 * The queue's order, as the server's: the rule's place in the run order (rules no longer
 * published, and none, share the last), then priority (none last), age, rank, id.
 */
export function queueOrder(places: ReadonlyMap<string, number>): Compare {
  const place = (order: WorkOrder) => (order.rule !== null && places.has(order.rule) ? places.get(order.rule)! : places.size);
  return (a, b) => {
    const pa = a.priority ?? Infinity;
    const pb = b.priority ?? Infinity;
    return place(a) - place(b) || (pa === pb ? 0 : pa < pb ? -1 : 1) || a.createdAt.localeCompare(b.createdAt) || (a.rank ?? 0) - (b.rank ?? 0) || a.id.localeCompare(b.id);
  };
}

/** Done and skipped orders: the last closed first. */
const closedOrder: Compare = (a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? '') || b.id.localeCompare(a.id);

/**
 * The order of a list of work orders in a state, as the API gives it: the open queue's; done or
 * skipped, the last closed first; `all` (and a record's orders) the open ones first, in the
 * queue's order, then the closed ones.
 */
export function listOrder(state: WorkOrderState, places: ReadonlyMap<string, number>): Compare {
  const queue = queueOrder(places);
  if (state === 'open') return queue;
  if (state !== 'all') return closedOrder;
  return (a, b) => {
    if ((a.state === 'open') !== (b.state === 'open')) return a.state === 'open' ? -1 : 1;
    return a.state === 'open' ? queue(a, b) : closedOrder(a, b);
  };
}

/**
 * A list of work orders in a state with one order as it is now: in its place in the list's order
 * (an undone Done back where it was), or out of it when it is no longer in the state shown.
 * One that would come after the last loaded while more pages are to come is left for those pages.
 *
 * @example putInPlace(queue, { ...order, state: 'open' }, 'open', places, false) // the queue with the order back in its place
 */
export function putInPlace(orders: readonly WorkOrder[], order: WorkOrder, state: WorkOrderState, places: ReadonlyMap<string, number>, hasMore: boolean): WorkOrder[] {
  const rest = orders.filter((o) => o.id !== order.id);
  if (state !== 'all' && order.state !== state) return rest;
  const compare = listOrder(state, places);
  const at = rest.findIndex((o) => compare(order, o) < 0);
  if (at === -1) return hasMore ? rest : [...rest, order];
  return [...rest.slice(0, at), order, ...rest.slice(at)];
}

/**
 * How many orders each rule gave, the rules in run order (others, and orders without a rule, last
 * in the order met): a dashboard's "open, by rule".
 *
 * @example countByRule(orders, places) // [{ rule: 'early', count: 3 }, { rule: null, count: 1 }]
 */
export function countByRule(orders: readonly Pick<WorkOrder, 'rule'>[], places: ReadonlyMap<string, number>): Array<{ rule: string | null; count: number }> {
  const counts = new Map<string | null, number>();
  for (const order of orders) counts.set(order.rule, (counts.get(order.rule) ?? 0) + 1);
  const place = (rule: string | null) => (rule !== null && places.has(rule) ? places.get(rule)! : places.size);
  return [...counts].map(([rule, count]) => ({ rule, count })).sort((a, b) => place(a.rule) - place(b.rule));
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
