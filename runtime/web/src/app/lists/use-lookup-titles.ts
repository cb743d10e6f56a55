import { useEffect, useMemo, useState } from 'react';
import type { ObjectInfo } from '../metadata/object-info.ts';
import { useSession } from '../session/tenant-session.tsx';
import type { ApiRecord } from './use-record-pages.ts';

/**
 * For lists the server does not expand (my pool): looks up the titles of the lookup columns'
 * records, a batch per target object, and shows them as `{ id, $title }`.
 */
export function useLookupTitles(object: ObjectInfo, columns: string[], records: ApiRecord[]): ApiRecord[] {
  const { resolve } = useSession();
  const [titles, setTitles] = useState<Map<string, string>>(new Map());
  const lookups = columns.map((c) => object.fieldMap.get(c)).filter((f) => f?.target && f.target !== 'user');
  const wanted = new Map<string, Set<string>>();
  for (const field of lookups) {
    for (const r of records) {
      const id = r[field!.key];
      if (typeof id === 'string' && !titles.has(id)) wanted.set(field!.target!, (wanted.get(field!.target!) ?? new Set()).add(id));
    }
  }
  const wantedKey = [...wanted].map(([target, ids]) => `${target}:${[...ids].join('|')}`).join(',');
  useEffect(() => {
    if (!wantedKey) return;
    for (const part of wantedKey.split(',')) {
      const [target, ids] = part.split(':') as [string, string];
      resolve(target, ids.split('|')).then((found) => setTitles((prev) => new Map([...prev, ...found.map((r) => [r.id, r.title] as const)])), () => undefined);
    }
  }, [wantedKey, resolve]);
  return useMemo(() => records.map((r) => {
    const next: ApiRecord = { ...r };
    for (const field of lookups) {
      const id = r[field!.key];
      if (typeof id === 'string' && titles.has(id)) next[field!.key] = { id, $title: titles.get(id) };
    }
    return next;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }), [records, titles, columns.join(',')]);
}
