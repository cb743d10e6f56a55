import type { ApiClient } from '../../shared/api-client.ts';
import { usePolledCount } from '../data/use-polled-count.ts';
import type { WorkQueue } from './work-order-types.ts';

const workOrdersChanged = new EventTarget();

/** Tells the menu's count of open work orders to ask again now (after a close, reopen or undo). */
export function announceWorkOrdersChanged(): void {
  workOrdersChanged.dispatchEvent(new Event('change'));
}

/**
 * The caller's open work orders, what their own queue shows (their entry of
 * `GET /work-orders/queues`), for the menu's badge: asked again on `announceWorkOrdersChanged`,
 * when `refreshKey` changes, on the window's focus and every minute; null while unknown, and
 * when work orders are off (`enabled` false).
 */
export function useOpenWorkOrderCount(api: ApiClient, me: string, refreshKey: unknown, enabled: boolean): number | null {
  return usePolledCount(
    () => api.get<{ data: WorkQueue[] }>('/work-orders/queues').then((r) => r.data.find((q) => q.userId === me)?.open ?? 0),
    workOrdersChanged, [api, me, refreshKey], enabled);
}
