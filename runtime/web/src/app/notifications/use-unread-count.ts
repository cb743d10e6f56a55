import { useEffect, useState } from 'react';
import type { ApiClient } from '../../shared/api-client.ts';

/** Unread notifications, polled every minute; null while unknown or when the server has none to offer. */
export function useUnreadCount(api: ApiClient, refreshKey: unknown): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    let stopped = false;
    const poll = () => {
      if (stopped) return;
      api.get<{ unread?: number }>('/notifications', { unread: true, limit: 1 })
        .then((r) => { if (live) setCount(typeof r.unread === 'number' ? r.unread : null); })
        .catch(() => { stopped = true; if (live) setCount(null); });
    };
    poll();
    const timer = setInterval(poll, 60_000);
    return () => { live = false; clearInterval(timer); };
  }, [api, refreshKey]);
  return count;
}
