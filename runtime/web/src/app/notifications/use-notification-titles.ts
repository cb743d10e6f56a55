import { useEffect, useState } from 'react';
import { personName } from '../data/record-search.ts';
import { useSession } from '../session/tenant-session.tsx';
import { assignedBy, type AppNotification } from './notification-text.ts';

/** The records notifications are about, and the people who assigned them, whose titles (names) are not known yet, by object. */
export function untitledRecords(items: AppNotification[], titles: ReadonlyMap<string, string>): Map<string, string[]> {
  const wanted = new Map<string, Set<string>>();
  const want = (object: string, id: string) => { if (!titles.has(id)) wanted.set(object, (wanted.get(object) ?? new Set()).add(id)); };
  for (const n of items) {
    if (n.object && n.recordId) want(n.object, n.recordId);
    const by = assignedBy(n);
    if (by) want('user', by);
  }
  return new Map([...wanted].map(([object, ids]) => [object, [...ids].sort()]));
}

/**
 * The titles of the records notifications are about ("Jinjiang Inn") and the names of who
 * assigned them, a batch per object, by record id. A record the reader can no longer see has an empty title; its notification reads
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
        for (const r of found) answered.set(r.id, object === 'user' ? personName(r.title) : r.title);
        if (live) setTitles((prev) => new Map([...prev, ...answered]));
      }, () => undefined);
    }
    return () => { live = false; };
  }, [wantedKey, resolve]);
  return titles;
}
