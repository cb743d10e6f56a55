import type { MetadataDocument } from '../../../../../platform/metadata/metadata-types.ts';
import { visibleColumns, type ObjectInfo } from '../metadata/object-info.ts';

const holdKeys = new Set(['owner', 'poolState', 'holdExpiresAt', 'claimedAt']);

/** Columns of the public pool: the layout's, without holder fields, plus when and why it was released. */
export function publicPoolColumns(object: ObjectInfo, document: MetadataDocument): string[] {
  const base = visibleColumns(object, document.layouts?.[object.key]?.list?.columns).filter((c) => !holdKeys.has(c));
  return [...base, ...['releasedAt', 'releaseReason'].filter((k) => !base.includes(k) && object.fieldMap.get(k)?.readable)];
}

/** Columns of my pool: the layout's, without the holder (it is me) and pool state. */
export function myPoolColumns(object: ObjectInfo, document: MetadataDocument): string[] {
  return visibleColumns(object, document.layouts?.[object.key]?.list?.columns).filter((c) => c !== 'owner' && c !== 'poolState');
}
