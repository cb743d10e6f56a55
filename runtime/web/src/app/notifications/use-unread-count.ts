import { useEffect, useState } from 'react';
import type { ApiClient } from '../../shared/api-client.ts';

const unreadChanged = new EventTarget();

/** Tells the header's count to ask again now (after marking notifications read). */
export function announceUnreadChanged(): void {
  unreadChanged.dispatchEvent(new Event('change'));
}

/**
 * Unread notifications, asked again on `announceUnreadChanged`, when `refreshKey` changes and
 * every minute; null while unknown or when the server has none to offer.
 */
export function useUnreadCount(api: ApiClient, refreshKey: unknown): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    let stopped = false;
    // Answers can arrive out of order (a poll, then a mark-read's re-count): the last asked wins.
    let asked = 0;
    const poll = () => {
      if (stopped) return;
      const mine = ++asked;
      api.get<{ unread?: number }>('/notifications', { unread: true, limit: 1 })
        .then((r) => { if (live && mine === asked) setCount(typeof r.unread === 'number' ? r.unread : null); })
        .catch(() => { stopped = true; if (live) setCount(null); });
    };
    poll();
    const timer = setInterval(poll, 60_000);
    unreadChanged.addEventListener('change', poll);
    return () => { live = false; clearInterval(timer); unreadChanged.removeEventListener('change', poll); };
  }, [api, refreshKey]);
  return count;
}
