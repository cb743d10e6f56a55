import { useEffect, useRef, useState } from 'react';

/**
 * A count in the app's frame (unread notifications, open work orders): asked for now, when one
 * of `keys` changes (the API client, the page's path), every minute, when the window gets the
 * focus back (the user returns to the tab) and on each `change` event of `changed` (after the
 * user acted on what is counted). Null while unknown, while not `enabled`, and once asking
 * failed (the server has none to offer): then it stops asking until one of `keys` changes.
 * `ask` may change on every render; the last one is used.
 */
export function usePolledCount(ask: () => Promise<number | null>, changed: EventTarget, keys: readonly unknown[], enabled = true): number | null {
  const [count, setCount] = useState<number | null>(null);
  const asking = useRef(ask);
  asking.current = ask;
  useEffect(() => {
    if (!enabled) {
      setCount(null);
      return undefined;
    }
    let live = true;
    let stopped = false;
    // Answers can arrive out of order (a poll, then an action's re-count): the last asked wins.
    let asked = 0;
    const poll = () => {
      if (stopped) return;
      const mine = ++asked;
      asking.current()
        .then((n) => { if (live && mine === asked) setCount(n); })
        .catch(() => { stopped = true; if (live) setCount(null); });
    };
    poll();
    const timer = setInterval(poll, 60_000);
    changed.addEventListener('change', poll);
    window.addEventListener('focus', poll);
    return () => { live = false; clearInterval(timer); changed.removeEventListener('change', poll); window.removeEventListener('focus', poll); };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [changed, enabled, ...keys]);
  return count;
}
