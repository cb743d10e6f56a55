import type { FilterFieldInfo } from './filter-builder-types.ts';
import type { RowOperator } from './filter-model.ts';

/** The options of the system field `poolState`, in the words both apps use (公海 / 私海). */
export const poolStateOptions: NonNullable<FilterFieldInfo['options']> = [
  { value: 'public', label: { en: 'Public', zh: '公海' } },
  { value: 'private', label: { en: 'Private', zh: '私海' } },
];

/** The builder's own words, so it stays self-contained (the studio reuses it). */
const strings = {
  and: { en: 'All of', zh: '满足全部' },
  or: { en: 'Any of', zh: '满足任一' },
  addCondition: { en: 'Condition', zh: '条件' },
  addGroup: { en: 'Group', zh: '条件组' },
  removeItem: { en: 'Remove', zh: '删除' },
  field: { en: 'Field', zh: '字段' },
  operator: { en: 'Operator', zh: '运算符' },
  value: { en: 'Value', zh: '值' },
  rows: { en: 'Conditions', zh: '条件' },
  json: { en: 'JSON', zh: 'JSON' },
  rawHint: { en: 'Shown as JSON (no row form for this condition)', zh: '此条件无法以行显示，以 JSON 编辑' },
  invalidJson: { en: 'Not a JSON object', zh: '不是有效的 JSON 对象' },
  empty: { en: 'No conditions: every record matches', zh: '无条件：匹配全部记录' },
  yes: { en: 'Yes', zh: '是' },
  no: { en: 'No', zh: '否' },
  isEmpty: { en: 'is empty', zh: '为空' },
  isNotEmpty: { en: 'is not empty', zh: '不为空' },
  fixedDate: { en: 'Date', zh: '日期' },
  relativeDate: { en: 'Relative', zh: '相对时间' },
  variable: { en: 'Variable', zh: '变量' },
  literal: { en: 'Value', zh: '固定值' },
  search: { en: 'Type to search', zh: '输入以搜索' },
  typeValues: { en: 'Type values, Enter after each', zh: '输入值后回车' },
  // The names a screen reader gives the switches (antd's Segmented has none of its own).
  editAs: { en: 'Edit conditions as', zh: '条件编辑方式' },
  conjunction: { en: 'Match all or any', zh: '满足全部或任一' },
  dateMode: { en: 'Fixed or relative date', zh: '固定日期或相对时间' },
  unit: { en: 'Unit', zh: '单位' },
} as const;

export type BuilderString = keyof typeof strings;

export function builderText(key: BuilderString, locale: 'zh' | 'en'): string {
  return strings[key][locale];
}

const operatorNames: Record<RowOperator, { en: string; zh: string }> = {
  $eq: { en: 'is', zh: '等于' },
  $ne: { en: 'is not', zh: '不等于' },
  $gt: { en: '>', zh: '大于' },
  $gte: { en: '≥', zh: '大于等于' },
  $lt: { en: '<', zh: '小于' },
  $lte: { en: '≤', zh: '小于等于' },
  $in: { en: 'is one of', zh: '属于' },
  $nin: { en: 'is none of', zh: '不属于' },
  $contains: { en: 'contains', zh: '包含' },
  $startsWith: { en: 'starts with', zh: '开头是' },
  $null: { en: 'emptiness', zh: '是否为空' },
  $all: { en: 'has all of', zh: '包含全部' },
  $any: { en: 'has any of', zh: '包含任一' },
};

export function operatorName(op: RowOperator, locale: 'zh' | 'en'): string {
  return operatorNames[op][locale];
}

const anchors = {
  now: { en: 'now', zh: '此刻' },
  today: { en: 'today', zh: '今天' },
  yesterday: { en: 'yesterday', zh: '昨天' },
  tomorrow: { en: 'tomorrow', zh: '明天' },
  startOfWeek: { en: 'start of week', zh: '本周初' },
  startOfMonth: { en: 'start of month', zh: '本月初' },
  startOfYear: { en: 'start of year', zh: '本年初' },
} as const;

export type DateAnchor = keyof typeof anchors;
export const dateAnchors = Object.keys(anchors) as DateAnchor[];

export function anchorName(anchor: DateAnchor, locale: 'zh' | 'en'): string {
  return anchors[anchor][locale];
}

const units = {
  m: { en: 'minutes', zh: '分钟' },
  h: { en: 'hours', zh: '小时' },
  d: { en: 'days', zh: '天' },
  w: { en: 'weeks', zh: '周' },
  M: { en: 'months', zh: '月' },
  y: { en: 'years', zh: '年' },
} as const;

export type DateUnit = keyof typeof units | 's';
export const dateUnits = Object.keys(units) as Array<keyof typeof units>;

export function unitName(unit: DateUnit, locale: 'zh' | 'en'): string {
  return unit === 's' ? (locale === 'zh' ? '秒' : 'seconds') : units[unit][locale];
}
