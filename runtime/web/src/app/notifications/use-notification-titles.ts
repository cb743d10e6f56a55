import { useEffect, useState } from 'react';
import { useSession } from '../session/tenant-session.tsx';
import type { AppNotification } from './notification-text.ts';

/** The records notifications are about whose titles are not known yet, by object. */
export function untitledRecords(items: AppNotification[], titles: ReadonlyMap<string, string>): Map<string, string[]> {
  const wanted = new Map<string, Set<string>>();
  for (const n of items) {
    if (!n.object || !n.recordId || titles.has(n.recordId)) continue;
    wanted.set(n.object, (wanted.get(n.object) ?? new Set()).add(n.recordId));
  }
  return new Map([...wanted].map(([object, ids]) => [object, [...ids].sort()]));
}

/**
 * The titles of the records notifications are about ("Jinjiang Inn"), a batch per object, by
 * record id. A record the reader can no longer see has an empty title; its notification reads
 * as before.
 */
export function useNotificationTitles(items: AppNotification[]): ReadonlyMap<string, string> {
  const { resolve } = useSession();
  const [titles, setTitles] = useState<ReadonlyMap<string, string>>(new Map());
  const wanted = untitledRecords(items, titles);
  const wantedKey = JSON.stringify([...wanted]);
  useEffect(() => {
    let live = true;
    for (const [object, ids] of JSON.parse(wantedKey) as Array<[string, string[]]>) {
      resolve(object, ids).then((found) => {
        // A record not found is remembered without a title, so it is not asked for again.
        const answered = new Map<string, string>(ids.map((id) => [id, '']));
        for (const r of found) answered.set(r.id, r.title);
        if (live) setTitles((prev) => new Map([...prev, ...answered]));
      }, () => undefined);
    }
    return () => { live = false; };
  }, [wantedKey, resolve]);
  return titles;
}
