import type { FilterJson } from '../../shared/filter-builder/filter-builder-types.ts';
import type { UiLocale } from '../../shared/labels.ts';
import { translate } from '../i18n/translate.ts';
import { fieldLabel, objectLabel, type FieldInfo, type ObjectInfo } from '../metadata/object-info.ts';

/** What a list shows: a saved view, a personal view, or the object's layout, plus the user's own filter. */
export interface ListSpec {
  where?: FilterJson;
  orderBy: string;
  columns: string[];
  display: 'table' | 'kanban';
}

export interface ListRequestBody {
  where?: FilterJson;
  orderBy: string;
  limit: number;
  fields?: string[];
  expand?: string[];
  count: boolean;
  cursor?: string;
}

/** AND of the parts that are set: one part as itself, several under `$and`. */
export function combineWhere(...parts: Array<FilterJson | undefined>): FilterJson | undefined {
  const set = parts.filter((p): p is FilterJson => p !== undefined && Object.keys(p).length > 0);
  if (set.length === 0) return undefined;
  return set.length === 1 ? set[0] : { $and: set };
}

const searchableTypes = new Set(['text', 'textarea', 'email', 'phone', 'url', 'autonumber']);

/** The quick search box: the title field contains the text (when the title is text). */
export function searchWhere(object: ObjectInfo, text: string): FilterJson | undefined {
  const trimmed = text.trim();
  const title = object.titleField ? object.fieldMap.get(object.titleField) : undefined;
  if (!trimmed || !title || !title.readable || !searchableTypes.has(title.type)) return undefined;
  return { [title.key]: { $contains: trimmed } };
}

export function canSearch(object: ObjectInfo): boolean {
  return searchWhere(object, 'x') !== undefined;
}

/** Words inside an English sentence start small, unless they are an acronym ("KP"). */
function inSentence(words: string, locale: UiLocale): string {
  if (locale !== 'en' || /^\p{Lu}{2}/u.test(words)) return words;
  return words.charAt(0).toLowerCase() + words.slice(1);
}

/**
 * The search box's text, or undefined when the object has no searchable title: "Search leads
 * by name" / "按名称搜索线索". A title label that starts with the object's name as a word of its
 * own ("Lead name", "线索名称") drops it, as the sentence names the object already.
 */
export function searchPlaceholder(object: ObjectInfo, locale: UiLocale): string | undefined {
  if (!canSearch(object)) return undefined;
  const singular = objectLabel(object, locale);
  const title = fieldLabel(object.titleField ? object.fieldMap.get(object.titleField) : undefined, locale);
  // Only a whole word, and only when a real word stays: "Leader name" keeps its "Leader", "Contract no." its "Contract".
  const after = title.toLowerCase().startsWith(singular.toLowerCase()) ? title.slice(singular.length) : '';
  const whole = locale === 'zh' ? after.trim().length >= 2 : /^\s+\p{L}{2,}(\s+\p{L}+)*$/u.test(after);
  const rest = whole ? after.trim() : '';
  return translate('searchBy', locale, {
    records: inSentence(objectLabel(object, locale, true), locale),
    field: inSentence(rest || title, locale),
  });
}

/** The list request for a page: only the columns' fields, lookups expanded to show titles. */
export function listRequest(object: ObjectInfo, spec: ListSpec, options: { limit?: number; count?: boolean; extraFields?: string[] } = {}): ListRequestBody {
  const wanted = new Set([...spec.columns, ...(object.titleField ? [object.titleField] : []), ...(options.extraFields ?? [])]);
  const fields = [...wanted].filter((k) => {
    const f = object.fieldMap.get(k);
    return f && !f.system && f.readable;
  });
  const expand = [...new Set(spec.columns)].filter((k) => object.fieldMap.get(k)?.target);
  return {
    ...(spec.where ? { where: spec.where } : {}),
    orderBy: spec.orderBy,
    limit: options.limit ?? 50,
    ...(fields.length > 0 ? { fields } : {}),
    ...(expand.length > 0 ? { expand } : {}),
    count: options.count ?? true,
  };
}

const unsortableKinds = new Set(['multi', 'textArray', 'json']);

/** Whether the server can sort by the field (not lists, not lookups by id). */
export function sortable(field: FieldInfo | undefined): boolean {
  return !!field && !unsortableKinds.has(field.kind) && !field.target;
}

/** The sort direction of a column in an `orderBy` (only its first key counts as "sorted by"). */
export function sortOrderOf(orderBy: string, key: string): 'ascend' | 'descend' | null {
  const first = orderBy.split(',')[0]?.trim() ?? '';
  if (first === key || first === `+${key}`) return 'ascend';
  if (first === `-${key}`) return 'descend';
  return null;
}

/** Clicking a header: ascending, then descending, then back to the default order. */
export function nextOrderBy(orderBy: string, key: string, fallback: string): string {
  const current = sortOrderOf(orderBy, key);
  if (current === null) return key;
  if (current === 'ascend') return `-${key}`;
  return fallback === key || fallback === `-${key}` ? (fallback === key ? `-${key}` : key) : fallback;
}
