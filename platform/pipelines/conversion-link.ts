import type { FieldDefinition } from '../metadata/metadata-types.ts';

/** The lookups among an object's own fields (as written in the document) that point at `source`. */
export function lookupsTo(fields: Record<string, FieldDefinition> | undefined, source: string): string[] {
  return Object.entries(fields ?? {}).filter(([, f]) => f?.type === 'lookup' && f.object === source).map(([key]) => key);
}

/**
 * The field of a conversion's new record that links it back to the record that converted, when
 * the map does not say: the new object's only lookup to the source object (a contract's `lead`,
 * for `creates: { object: contract, map: { hotel: hotel } }` on a lead). None when the map fills
 * that lookup itself, or when there are several (which one is meant is for the author to say in
 * the map; the studio warns), or none.
 *
 * @example
 * impliedBackLink({ lead: { type: 'lookup', object: 'lead' }, hotel: { type: 'lookup', object: 'hotel' } }, 'lead', { hotel: 'hotel' }) // 'lead'
 */
export function impliedBackLink(fields: Record<string, FieldDefinition> | undefined, source: string, map: Record<string, string>): string | undefined {
  const links = lookupsTo(fields, source);
  return links.length === 1 && !Object.hasOwn(map, links[0]!) ? links[0] : undefined;
}
