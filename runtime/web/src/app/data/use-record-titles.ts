import { useEffect, useState } from 'react';
import { useSession } from '../session/tenant-session.tsx';

/** A record to name: its object and id (a work order's, an allocation's). */
export interface RecordRef {
  object: string;
  recordId: string;
}

/**
 * The titles of the records given (resolved in one request per object), kept as they come: pass
 * only the records shown (a page of a long list), and each new page asks for the ones not yet named.
 */
export function useRecordTitles(records: RecordRef[]): Map<string, string> {
  const { resolve } = useSession();
  const [titles, setTitles] = useState<Map<string, string>>(new Map());
  const missingKey = records.filter((r) => !titles.has(r.recordId)).map((r) => `${r.object}:${r.recordId}`).join(',');
  useEffect(() => {
    if (!missingKey) return;
    const byObject = new Map<string, string[]>();
    for (const part of missingKey.split(',')) {
      const [object, id] = part.split(':') as [string, string];
      byObject.set(object, [...new Set([...(byObject.get(object) ?? []), id])]);
    }
    for (const [object, ids] of byObject) {
      resolve(object, ids).then((found) => setTitles((prev) => new Map([...prev, ...found.map((r) => [r.id, r.title] as const)])), () => undefined);
    }
  }, [missingKey, resolve]);
  return titles;
}
