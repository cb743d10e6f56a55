import type { ApiClient } from '../../shared/api-client.ts';
import { usePolledCount } from '../data/use-polled-count.ts';

const unreadChanged = new EventTarget();

/** Tells the header's count to ask again now (after marking notifications read). */
export function announceUnreadChanged(): void {
  unreadChanged.dispatchEvent(new Event('change'));
}

/**
 * Unread notifications, asked again on `announceUnreadChanged`, when `refreshKey` changes, on
 * the window's focus and every minute; null while unknown or when the server has none to offer.
 */
export function useUnreadCount(api: ApiClient, refreshKey: unknown): number | null {
  return usePolledCount(
    () => api.get<{ unread?: number }>('/notifications', { unread: true, limit: 1 }).then((r) => (typeof r.unread === 'number' ? r.unread : null)),
    unreadChanged, [api, refreshKey]);
}
