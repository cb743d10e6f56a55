import type { FilterFieldInfo, FilterJson } from '../../shared/filter-builder/filter-builder-types.ts';
import { anchorName, builderText, operatorName, unitName } from '../../shared/filter-builder/filter-builder-strings.ts';
import { isOperatorObject, isPlainObject, isVariable, type FilterItem, type FilterRow } from '../../shared/filter-builder/filter-model.ts';
import { filterToTree } from '../../shared/filter-builder/filter-parse.ts';
import { parseRelativeDate } from '../../shared/filter-builder/relative-date.ts';
import { keyInWords, keyLabel, labelOf, type UiLocale } from '../../shared/labels.ts';
import { translate } from '../i18n/translate.ts';

/**
 * A filter in words, one line per condition ("Owner is me", "Hold expires < now + 3 days"):
 * how a shared view's own conditions read to someone who did not write them.
 */
export function filterSummary(where: FilterJson, fields: FilterFieldInfo[], locale: UiLocale): string[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  return filterToTree(where, fields).children.map((item) => itemText(item, byKey, locale));
}

/**
 * How many conditions a filter holds, as the user set them (the filter button's count): each
 * operator on a field is one, and the conditions inside an AND/OR group or a `$not` count each.
 *
 * @example conditionCount({ $or: [{ city: '南京' }, { city: '苏州' }, { stars: { $gte: 4 } }] }) // 3
 */
export function conditionCount(where: unknown): number {
  if (!isPlainObject(where)) return 0;
  let count = 0;
  for (const [key, value] of Object.entries(where)) {
    if ((key === '$and' || key === '$or') && Array.isArray(value)) count += value.reduce((sum: number, branch) => sum + conditionCount(branch), 0);
    else if (key === '$not') count += Math.max(1, conditionCount(value));
    else count += isOperatorObject(value) ? Object.keys(value).length : 1;
  }
  return count;
}

function itemText(item: FilterItem, fields: Map<string, FilterFieldInfo>, locale: UiLocale): string {
  if (item.type === 'row') return rowText(item, fields.get(item.field), locale);
  if (item.type === 'group') {
    const parts = item.children.map((child) => itemText(child, fields, locale));
    return item.conjunction === 'or' ? `${builderText('or', locale)}: ${parts.join(locale === 'zh' ? '；' : '; ')}` : parts.join(locale === 'zh' ? '，且 ' : ', and ');
  }
  // Without a row form (a path the app does not offer, `$not` …): plain `path value` pairs in words, else JSON.
  const entries = Object.entries(item.json);
  if (entries.length === 1 && !entries[0]![0].startsWith('$') && (typeof entries[0]![1] !== 'object' || entries[0]![1] === null)) {
    const [path, value] = entries[0]!;
    return `${pathWords(path, fields, locale)} ${operatorName('$eq', locale)} ${valueText(value, undefined, locale)}`;
  }
  return JSON.stringify(item.json);
}

/** `owner.attributes.team` as "Owner · attribute team" / "负责人 · 属性 team": the field by its label. */
function pathWords(path: string, fields: Map<string, FilterFieldInfo>, locale: UiLocale): string {
  const [head, ...rest] = path.split('.');
  const field = fields.get(head!);
  const words = [field ? keyLabel(field.label, locale, field.key) : keyInWords(head!)];
  if (rest[0] === 'attributes' && rest.length > 1) words.push(translate('filterAttribute', locale, { what: rest.slice(1).join('.') }));
  else words.push(...rest.map(keyInWords));
  return words.join(' · ');
}

function rowText(row: FilterRow, field: FilterFieldInfo | undefined, locale: UiLocale): string {
  const name = field ? keyLabel(field.label, locale, field.key) : keyInWords(row.field);
  if (row.op === '$null') return `${name} ${builderText(row.value ? 'isEmpty' : 'isNotEmpty', locale)}`;
  const value = Array.isArray(row.value) ? row.value.map((v) => valueText(v, field, locale)).join(locale === 'zh' ? '、' : ', ') : valueText(row.value, field, locale);
  return `${name} ${operatorName(row.op, locale)} ${value}`;
}

function valueText(value: unknown, field: FilterFieldInfo | undefined, locale: UiLocale): string {
  if (isVariable(value)) {
    if (value === '$user.id') return translate('filterMe', locale);
    const path = value.slice('$user.'.length);
    const what = path.startsWith('attributes.') ? translate('filterAttribute', locale, { what: path.slice('attributes.'.length) }) : keyInWords(path);
    return translate('filterMy', locale, { what: locale === 'zh' ? what : what.toLowerCase() });
  }
  const option = field?.options?.find((o) => o.value === value);
  if (option) return labelOf(option.label, locale, option.value);
  const relative = parseRelativeDate(value);
  if (relative) {
    const anchor = anchorName(relative.anchor, locale);
    return relative.amount ? `${anchor} ${relative.amount < 0 ? '−' : '+'} ${Math.abs(relative.amount)} ${unitName(relative.unit, locale)}` : anchor;
  }
  if (typeof value === 'boolean') return locale === 'zh' ? (value ? '是' : '否') : (value ? 'yes' : 'no');
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}
