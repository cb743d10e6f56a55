import type { MetadataDocument, PoolDefinition } from '../../../../../platform/metadata/metadata-types.ts';
import { isPoolAdmin } from '../shell/navigation-model.ts';
import { visibleColumns, type ObjectInfo } from '../metadata/object-info.ts';
import { poolOfRecord } from './pool-api.ts';

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

/**
 * The fields of a public record the server keeps from this reader (its pool's `hiddenWhilePublic`
 * that the answer leaves out: a readable empty field comes as null, a hidden one not at all), so
 * whoever the server shows them to (a pool administrator, a role with full access) may edit them,
 * and nobody is offered an empty box to type over a value they cannot see.
 */
export function maskedFields(record: Record<string, unknown>, object: ObjectInfo, document: MetadataDocument): ReadonlySet<string> {
  if (record.poolState !== 'public') return noFields;
  const key = poolOfRecord(record, object.pools);
  const hidden = (key ? document.pools?.[key]?.hiddenWhilePublic : undefined) ?? [];
  return hidden.length === 0 ? noFields : new Set(hidden.filter((k) => !(k in record)));
}

const noFields: ReadonlySet<string> = new Set();

/** Columns of the public pool: the layout's, without holder fields and hidden ones, plus when and why it was released. */
export function publicPoolColumns(object: ObjectInfo, document: MetadataDocument, hidden: ReadonlySet<string> = new Set()): string[] {
  const base = visibleColumns(object, document.layouts?.[object.key]?.list?.columns).filter((c) => !holdKeys.has(c) && !hidden.has(c));
  return [...base, ...['releasedAt', 'releaseReason'].filter((k) => !base.includes(k) && object.fieldMap.get(k)?.readable)];
}

/**
 * Columns of my pool: the layout's, without the holder (it is me) and pool state; and without
 * the hold's end (保护期至) where the pool also releases a lead not visited or not won in time:
 * there the countdown beside each row says when and why it goes back, and a 保护期至 in January
 * beside a lead that goes in two days for want of a visit reads as the opposite.
 */
export function myPoolColumns(object: ObjectInfo, document: MetadataDocument, pool?: PoolDefinition): string[] {
  const earlier = !!(pool?.releaseIfNoVisitDays || pool?.releaseIfNotWonDays);
  return visibleColumns(object, document.layouts?.[object.key]?.list?.columns)
    .filter((c) => c !== 'owner' && c !== 'poolState' && !(earlier && c === 'holdExpiresAt'));
}
