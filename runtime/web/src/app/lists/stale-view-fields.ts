import type { FilterJson } from '../../shared/filter-builder/filter-builder-types.ts';
import { keyInWords, keyLabel, type UiLocale } from '../../shared/labels.ts';
import { translate } from '../i18n/translate.ts';
import type { ObjectInfo } from '../metadata/object-info.ts';
import type { PersonalView } from './personal-views.ts';

/** The parts of a saved view that name fields; `whereGroup`: an `$or` or `$not` of the filter, left out whole. */
export type ViewPart = 'columns' | 'where' | 'whereGroup' | 'orderBy';

/** A field a saved view names that the list can no longer use. */
export interface StaleField {
  /** As the view names it: `referrer`, `hotel.stars`. */
  path: string;
  /** Its label while the caller can still read it from the metadata, else its key in words. */
  label: string;
  /** `gone`: no longer a field of the object; `hidden`: the caller may no longer read it. */
  reason: 'gone' | 'hidden';
  parts: ViewPart[];
}

export interface CheckedView {
  /** The view without its stale fields: what the list applies, and what saving it again stores. */
  view: PersonalView;
  stale: StaleField[];
}

type FieldCheck = { ok: true } | { ok: false; label: string; reason: 'gone' | 'hidden' };

/**
 * Whether the list can use a field path of `object`: its own field, or one hop into a lookup's
 * object (`hotel.stars`). A hop into an object the caller does not see, or into a user
 * (`owner.attributes.team`), is not judged here: the server is.
 */
function checkPath(path: string, object: ObjectInfo, objects: Map<string, ObjectInfo>, locale: UiLocale): FieldCheck {
  const [head = '', next] = path.split('.');
  const field = object.fieldMap.get(head);
  if (!field) return { ok: false, label: keyInWords(head), reason: 'gone' };
  const label = keyLabel(field.label, locale, field.key);
  if (!field.readable) return { ok: false, label, reason: 'hidden' };
  const target = next !== undefined && field.target ? objects.get(field.target) : undefined;
  if (!target || next === undefined) return { ok: true };
  const hop = target.fieldMap.get(next);
  if (!hop) return { ok: false, label: `${label} · ${keyInWords(next)}`, reason: 'gone' };
  return hop.readable ? { ok: true } : { ok: false, label: `${label} · ${keyLabel(hop.label, locale, hop.key)}`, reason: 'hidden' };
}

const isNode = (value: unknown): value is FilterJson => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A filter without the conditions on fields `keep` refuses, never stricter than the one saved: a
 * condition at the top or in an `$and` is left out as if it had never been set, but an `$or` or
 * `$not` naming such a field anywhere inside is left out whole, since dropping one branch of an
 * `$or`, or one condition under a `$not`, would exclude rows the saved filter showed. `keep` is
 * asked about every path, and told whether its refusal costs a whole group. An `$and` left empty
 * goes too.
 *
 * @example
 * pruneWhere({ score: { $gte: 80 }, $not: { gone: 1, stage: 'won' } }, (path) => path !== 'gone')
 * // { score: { $gte: 80 } }
 */
export function pruneWhere(where: FilterJson, keep: (path: string, inGroup: boolean) => boolean): FilterJson | undefined {
  const pruned: FilterJson = {};
  for (const [key, value] of Object.entries(where)) {
    if (key === '$and' && Array.isArray(value)) {
      const kept = value.map((child) => (isNode(child) ? pruneWhere(child, keep) : child)).filter((child) => child !== undefined);
      if (kept.length > 0) pruned[key] = kept;
    } else if (key === '$or' || key === '$not') {
      // Every path is asked about, so that each stale one is named, not only the first.
      const refused = fieldPaths(value).filter((path) => !keep(path, true));
      if (refused.length === 0) pruned[key] = value;
    } else if (key.startsWith('$') || keep(key, false)) {
      pruned[key] = value;
    }
  }
  return Object.keys(pruned).length > 0 ? pruned : undefined;
}

/** The field paths a filter (or a group's branches) names, at any depth. */
function fieldPaths(filter: unknown): string[] {
  if (Array.isArray(filter)) return filter.flatMap(fieldPaths);
  if (!isNode(filter)) return [];
  return Object.entries(filter).flatMap(([key, value]) =>
    key === '$and' || key === '$or' || key === '$not' ? fieldPaths(value) : key.startsWith('$') ? [] : [key]);
}

/** The paths of an `orderBy` (`-score,name` → score, name). */
const orderKeys = (orderBy: string) => orderBy.split(',').map((k) => k.trim()).filter(Boolean);
const orderPath = (key: string) => key.replace(/^[+-]/, '');

/**
 * A personal view as the object stands now: columns, conditions and sort keys on a field since
 * removed, or one the caller may no longer read, are left out (a list asked for them would be
 * refused; an `$or` or `$not` naming one goes whole, see {@link pruneWhere}), and each such field
 * is named once with the parts that used it. A board on an object
 * that no longer has stages is a table.
 *
 * @example
 * withoutStaleFields({ id, label: '推荐', where: { referrer: 'x', score: { $gte: 80 } }, columns: ['name', 'referrer'] }, lead, objects, 'zh');
 * // { view: { …, where: { score: { $gte: 80 } }, columns: ['name'] }, stale: [{ path: 'referrer', label: 'Referrer', reason: 'gone', parts: ['columns', 'where'] }] }
 */
export function withoutStaleFields(view: PersonalView, object: ObjectInfo, objects: Map<string, ObjectInfo>, locale: UiLocale): CheckedView {
  const stale = new Map<string, StaleField>();
  const usable = (part: ViewPart) => (path: string): boolean => {
    const check = checkPath(path, object, objects, locale);
    if (check.ok) return true;
    const known = stale.get(path) ?? { path, label: check.label, reason: check.reason, parts: [] };
    if (!known.parts.includes(part)) known.parts.push(part);
    stale.set(path, known);
    return false;
  };
  const columns = view.columns?.filter(usable('columns'));
  const where = view.where ? pruneWhere(view.where, (path, inGroup) => usable(inGroup ? 'whereGroup' : 'where')(path)) : undefined;
  const orderBy = view.orderBy !== undefined ? orderKeys(view.orderBy).filter((k) => usable('orderBy')(orderPath(k))).join(',') : undefined;
  const display = view.display === 'kanban' && !object.stageField ? 'table' : view.display;
  return {
    view: {
      id: view.id, label: view.label, ...(where ? { where } : {}), ...(orderBy ? { orderBy } : {}),
      ...(columns && columns.length > 0 ? { columns } : {}), ...(display ? { display } : {}),
    },
    stale: [...stale.values()],
  };
}

/**
 * What the list tells the user about a view's stale fields, one sentence for those removed and
 * one for those they may no longer read: 此视图中的字段“推荐人”（列、筛选）已不存在，已忽略。
 */
export function staleFieldsNote(stale: StaleField[], locale: UiLocale): string {
  const named = (fields: StaleField[]) => fields
    .map((f) => `“${f.label}”${translate('viewPartsUsed', locale, { parts: f.parts.map((p) => translate(partWords[p], locale)).join(translate('listSeparator', locale)) })}`)
    .join(translate('listSeparator', locale));
  const sentence = (reason: StaleField['reason'], key: 'viewFieldsGone' | 'viewFieldsHidden') => {
    const fields = stale.filter((f) => f.reason === reason);
    return fields.length > 0 ? translate(key, locale, { fields: named(fields), count: fields.length }) : '';
  };
  return [sentence('gone', 'viewFieldsGone'), sentence('hidden', 'viewFieldsHidden')].filter(Boolean).join(locale === 'zh' ? '' : ' ');
}

const partWords = { columns: 'viewPartColumns', where: 'viewPartFilter', whereGroup: 'viewPartFilterGroup', orderBy: 'viewPartSort' } as const;
