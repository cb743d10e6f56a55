import type { MetadataDocument } from '../../../../../platform/metadata/metadata-types.ts';
import type { ObjectInfo } from '../metadata/object-info.ts';

/** Which records count as visits of a record of `object`: a pool's `visit` (its object, lookup and time field). */
export interface VisitSource {
  object: string;
  field: string;
  at: string;
}

/**
 * The visit objects of the pools `object` lives in that the reader may read (hotel: `visit` by
 * its `lead`, at `visitedAt`), once each: what a record's activity shows beside its history.
 */
export function visitSources(object: ObjectInfo, document: MetadataDocument, objects: ReadonlyMap<string, ObjectInfo>): VisitSource[] {
  const found = new Map<string, VisitSource>();
  for (const pool of Object.values(document.pools ?? {})) {
    const visit = pool.object === object.key ? pool.visit : undefined;
    if (!visit) continue;
    const target = objects.get(visit.object);
    if (!target?.actions.includes('read') || !target.fieldMap.get(visit.field)?.readable || !target.fieldMap.get(visit.at)?.readable) continue;
    found.set(`${visit.object}.${visit.field}`, visit);
  }
  return [...found.values()];
}

/** Entries of one newest-first list read page by page: those loaded so far, and whether that is all. */
export interface Loaded<T> {
  items: T[];
  done: boolean;
}

/**
 * Several newest-first lists as one, newest first, down to the oldest time every list not yet
 * read to its end has reached: an older entry of a list read further would otherwise show above
 * one the other list has yet to load. Equal times keep the lists' order. Entries without a time
 * (a visit whose time is empty or hidden from the reader; the server lists those last) do not
 * hold the others back, and come last once every list is read.
 *
 * @example mergeNewestFirst([{ items: [h('10:00'), h('08:00')], done: false }, { items: [v('09:00'), v('07:00')], done: true }], (e) => e.at)
 * // 10:00, 09:00, 08:00 (07:00 waits until the history is read past 08:00)
 */
export function mergeNewestFirst<T>(lists: Array<Loaded<T>>, at: (item: T) => string): T[] {
  const timeOf = (item: T) => Date.parse(at(item));
  // An open list whose last entry has no time has no timed entries left to load: it sets no floor.
  const floors = lists.filter((l) => !l.done).map((l) => (l.items.length ? timeOf(l.items[l.items.length - 1]!) : Infinity))
    .map((time) => (Number.isNaN(time) ? -Infinity : time));
  const floor = floors.length ? Math.max(...floors) : -Infinity;
  const entries = lists.flatMap((l, order) => l.items.map((item, i) => ({ item, time: timeOf(item), order, i })));
  const timed = entries.filter((e) => !Number.isNaN(e.time) && e.time >= floor).sort((a, b) => b.time - a.time || a.order - b.order || a.i - b.i);
  const timeless = lists.every((l) => l.done) ? entries.filter((e) => Number.isNaN(e.time)) : [];
  return [...timed, ...timeless].map((e) => e.item);
}
