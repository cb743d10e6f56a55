import type { MetadataDocument, PoolDefinition } from '../../../../../platform/metadata/metadata-types.ts';
import { isPoolAdmin } from '../shell/navigation-model.ts';
import { visibleColumns, type ObjectInfo } from '../metadata/object-info.ts';

const holdKeys = new Set(['owner', 'poolState', 'holdExpiresAt', 'claimedAt']);

/**
 * The fields a pool keeps from its public leads' readers (`hiddenWhilePublic`, a contact's phone
 * before anyone claims the lead): every public lead reads them as empty, so they are no column,
 * filter or sort there, except for the pool's administrators, whom the server shows them.
 *
 * @example hiddenWhilePublic(leadPool, ['bd']) // Set { 'contactPhone' }
 */
export function hiddenWhilePublic(pool: PoolDefinition, roles: string[]): ReadonlySet<string> {
  return new Set(isPoolAdmin(pool, roles) ? [] : pool.hiddenWhilePublic ?? []);
}

/** Columns of the public pool: the layout's, without holder fields and hidden ones, plus when and why it was released. */
export function publicPoolColumns(object: ObjectInfo, document: MetadataDocument, hidden: ReadonlySet<string> = new Set()): string[] {
  const base = visibleColumns(object, document.layouts?.[object.key]?.list?.columns).filter((c) => !holdKeys.has(c) && !hidden.has(c));
  return [...base, ...['releasedAt', 'releaseReason'].filter((k) => !base.includes(k) && object.fieldMap.get(k)?.readable)];
}

/**
 * The public pool's default order, the most workable first: by the funnel (a stage sorts by its
 * position in the pipeline, so fresh leads come first and the lost ones, listed last, last), then
 * the most recently released, then the newest; the id breaks ties, so pages never skip or repeat
 * a lead. Without a readable stage field, only the latter two.
 *
 * @example publicPoolOrder(lead) // 'stage,-releasedAt,-createdAt'
 */
export function publicPoolOrder(object: ObjectInfo): string {
  const stage = object.stageField && object.fieldMap.get(object.stageField)?.readable ? [object.stageField] : [];
  const time = ['releasedAt', 'createdAt'].filter((k) => object.fieldMap.get(k)?.readable).map((k) => `-${k}`);
  return [...stage, ...time].join(',') || '-createdAt';
}

/** Columns of my pool: the layout's, without the holder (it is me) and pool state. */
export function myPoolColumns(object: ObjectInfo, document: MetadataDocument): string[] {
  return visibleColumns(object, document.layouts?.[object.key]?.list?.columns).filter((c) => c !== 'owner' && c !== 'poolState');
}
