import { keyLabel, type UiLocale } from '../../shared/labels.ts';
import type { ObjectInfo } from '../metadata/object-info.ts';

/** System fields worth a column (ids and the version are not). */
const systemColumns = new Set(['owner', 'stageEnteredAt', 'pool', 'poolState', 'claimedAt', 'holdExpiresAt', 'lastVisitAt', 'releasedAt', 'releaseReason', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy']);

/** The columns a list can show: the shown ones in their order, then the other readable fields (the object's own first). */
export function columnChoices(object: ObjectInfo, shown: string[], locale: UiLocale): Array<{ key: string; label: string; shown: boolean }> {
  const candidates = object.fields.filter((f) => f.readable && (f.system ? systemColumns.has(f.key) : f.type !== 'textarea' || shown.includes(f.key)));
  const byKey = new Map(candidates.map((f) => [f.key, f]));
  const first = shown.filter((k) => byKey.has(k));
  const rest = [...candidates.filter((f) => !f.system), ...candidates.filter((f) => f.system)].map((f) => f.key).filter((k) => !first.includes(k));
  return [...first, ...rest].map((key) => ({ key, label: keyLabel(byKey.get(key)!.label, locale, key), shown: first.includes(key) }));
}

/** Shows or hides a column: a shown one goes to the end; the last column stays. */
export function toggleColumn(shown: string[], key: string, on: boolean): string[] {
  if (on) return shown.includes(key) ? shown : [...shown, key];
  const next = shown.filter((k) => k !== key);
  return next.length > 0 ? next : shown;
}

/** Moves a shown column one place earlier (-1) or later (+1). */
export function moveColumn(shown: string[], key: string, by: -1 | 1): string[] {
  const at = shown.indexOf(key);
  const to = at + by;
  if (at < 0 || to < 0 || to >= shown.length) return shown;
  const next = [...shown];
  [next[at], next[to]] = [next[to]!, next[at]!];
  return next;
}
