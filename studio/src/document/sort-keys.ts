import type { MetadataDocument } from '../../../platform/metadata/metadata-types.ts';
import { buildObjectModels } from '../../../platform/metadata/object-model.ts';
import { parseOrderBy } from '../../../platform/metadata/order-by.ts';
import type { FilterFieldInfo } from '../../../runtime/web/src/shared/filter-builder/filter-builder-types.ts';
import { objectFilterFields } from './filter-field-info.ts';

export { maxSortKeys } from '../../../platform/metadata/order-by.ts';

/** One key of a sort as the studio edits it. */
export interface SortKeyDraft {
  field: string;
  descending: boolean;
}

/**
 * The keys of an `orderBy` (`-updatedAt,name`), in order; empty entries are passed over, as the
 * server does.
 */
export function readOrderBy(orderBy: string | undefined): SortKeyDraft[] {
  return (orderBy ?? '').split(',').map((part) => part.trim()).filter(Boolean).map((part) => ({
    field: part.replace(/^[-+]/, '').trim(),
    descending: part.startsWith('-'),
  }));
}

/** The `orderBy` of `keys` (`-updatedAt,name`); undefined when there are none. */
export function writeOrderBy(keys: readonly SortKeyDraft[]): string | undefined {
  return keys.length > 0 ? keys.map((k) => `${k.descending ? '-' : ''}${k.field}`).join(',') : undefined;
}

/**
 * The fields of `object` the server sorts by: those its `orderBy` parser accepts (not a
 * multi-select, a list or a JSON value). With `allowPaths` (a rule's work-order priority), also
 * one hop through a lookup to a field that is not itself a lookup (`hotel.roomNightsPerMonth`).
 */
export function sortableFields(document: MetadataDocument, object: string, options: { allowPaths?: boolean } = {}): FilterFieldInfo[] {
  const scope = buildObjectModels(document).get(object)?.scope;
  if (!scope) return [];
  return objectFilterFields(document, object).filter((f) => parseOrderBy(f.key, scope, options).errors.length === 0);
}
