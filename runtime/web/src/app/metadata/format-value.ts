import { labelOf, type UiLocale } from '../../shared/labels.ts';
import { zonedText, type MomentShape } from '../../shared/zoned-time.ts';
import type { MetadataDocument } from '../../../../../platform/metadata/metadata-types.ts';
import { releaseReasonsOf, releaseReasonText } from '../i18n/release-reasons.ts';
import { maybeTranslate, translate } from '../i18n/translate.ts';
import type { FieldInfo, ObjectInfo } from './object-info.ts';

export interface FormatContext {
  locale: UiLocale;
  objects: Map<string, ObjectInfo>;
  /** IANA zone for date-times; the browser's when absent. */
  timeZone?: string;
  /** The tenant's pools: a release reason reads by the words of its record's pool (商家已闭店 for shop_closed). */
  pools?: MetadataDocument['pools'];
}

const empty = '—';

/**
 * A field value as plain text for tables, cards and history. Never HTML: callers render the
 * result as a text node. `record`, the record the value is of, tells a release reason's pool
 * (without it, the reason reads by the words of the first pool that offers it).
 *
 * @example
 * formatValue(leadFields.expectedRevenue, 12000, ctx) // '¥12,000.00'
 */
export function formatValue(field: FieldInfo | undefined, value: unknown, ctx: FormatContext, record?: Record<string, unknown>): string {
  if (value === null || value === undefined || value === '') return empty;
  if (!field) return plain(value);
  // The sweep's releases are the system's, said in words (系统 / System), not as a short id.
  if (field.key === 'releasedBy' && value === 'system') return translate('system', ctx.locale);
  if (field.target) return referenceTitle(field.target, value, ctx);
  if (field.key === 'poolState' && typeof value === 'string') return maybeTranslate(value, ctx.locale) ?? value;
  if (field.key === 'releaseReason' && typeof value === 'string') {
    return releaseReasonText(value, ctx.locale, releaseReasonsOf(ctx.pools, typeof record?.pool === 'string' ? record.pool : undefined));
  }
  switch (field.type) {
    case 'select':
    case 'stage':
      return optionLabel(field, value, ctx.locale);
    case 'multiselect':
      return Array.isArray(value) ? value.map((v) => optionLabel(field, v, ctx.locale)).join(', ') || empty : plain(value);
    case 'boolean':
      return translate(value ? 'yes' : 'no', ctx.locale);
    case 'currency':
      return typeof value === 'number' ? money(value, field.definition?.currency ?? 'CNY', ctx.locale) : plain(value);
    case 'percent':
      return typeof value === 'number' ? `${number(value, ctx.locale)}%` : plain(value);
    case 'integer':
      return typeof value === 'number' ? number(value, ctx.locale) : plain(value);
    case 'decimal':
      // A rating of scale 1 reads 4.0 beside 4.4, not 4.
      return typeof value === 'number' ? number(value, ctx.locale, field.definition?.scale) : plain(value);
    case 'datetime':
      return dateTime(value, ctx);
    case 'date':
      return calendarDate(value, ctx);
    default:
      if (field.kind === 'timestamp' || field.kind === 'datetime') return dateTime(value, ctx);
      if (field.kind === 'date') return calendarDate(value, ctx);
      if (field.kind === 'number' && typeof value === 'number') return number(value, ctx.locale);
      // A system field with named values (the pool a record is in).
      if (field.options) return optionLabel(field, value, ctx.locale);
      return plain(value);
  }
}

/** The title of a (possibly expanded) lookup value. */
export function referenceTitle(target: string, value: unknown, ctx: FormatContext): string {
  if (value === null || value === undefined) return empty;
  if (typeof value === 'string') return shortId(value);
  if (typeof value !== 'object') return plain(value);
  const record = value as Record<string, unknown>;
  // Filled in by the app when it looked the title up itself (lists without `expand`).
  if (typeof record.$title === 'string') return record.$title;
  if (target === 'user') return String(record.name ?? record.email ?? shortId(String(record.id ?? '')));
  return recordTitle(ctx.objects.get(target), record, ctx);
}

/** What a record is called: its title field formatted, else a short id. */
export function recordTitle(object: ObjectInfo | undefined, record: Record<string, unknown>, ctx: FormatContext): string {
  const titleField = object?.titleField ? object.fieldMap.get(object.titleField) : undefined;
  const value = titleField ? record[titleField.key] : undefined;
  if (titleField && value !== undefined && value !== null && value !== '') return formatValue(titleField, value, ctx);
  return shortId(String(record.id ?? ''));
}

export function optionLabel(field: FieldInfo, value: unknown, locale: UiLocale): string {
  const option = field.options?.find((o) => o.value === value);
  return option ? labelOf(option.label, locale, option.value) : plain(value);
}

export function shortId(id: string): string {
  return id ? `#${id.slice(0, 8)}` : empty;
}

function plain(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

const intlLocale = (locale: UiLocale) => (locale === 'zh' ? 'zh-CN' : 'en-US');

function number(value: number, locale: UiLocale, scale?: number): string {
  const digits = scale !== undefined && scale >= 0 && scale <= 6 ? scale : undefined;
  return new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits: digits ?? 0, maximumFractionDigits: Math.max(digits ?? 0, 6) }).format(value);
}

/**
 * A sum of a money field in a table of totals (a leaderboard): a whole amount without its cents
 * (¥8,087,000, not ¥8,087,000.00), one with cents as `formatValue` shows it.
 */
export function formatTotal(field: FieldInfo, value: number, ctx: FormatContext): string {
  if (field.type !== 'currency' || !Number.isInteger(value)) return formatValue(field, value, ctx);
  return money(value, field.definition?.currency ?? 'CNY', ctx.locale, 0);
}

function money(value: number, currency: string, locale: UiLocale, fractionDigits?: number): string {
  try {
    return new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency, ...(fractionDigits === undefined ? {} : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }) }).format(value);
  } catch {
    return `${number(value, locale)} ${currency}`;
  }
}

/** A moment to the minute in the context's zone and its reader's way: `2026-11-22 09:27`, `Nov 22, 2026, 9:27 AM`. */
export function dateTime(value: unknown, ctx: Pick<FormatContext, 'timeZone' | 'locale'>, shape: MomentShape = 'minute'): string {
  if (typeof value !== 'string') return plain(value);
  return zonedText(value, ctx.locale, ctx.timeZone, shape);
}

/**
 * A date field's day (`2026-12-07`, no time nor zone) its reader's way: `2026-12-07`, `Dec 7, 2026`.
 * Read at midnight UTC, so no zone moves it to the day before.
 */
export function calendarDate(value: unknown, ctx: Pick<FormatContext, 'locale'>): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return plain(value);
  return zonedText(`${value}T00:00:00Z`, ctx.locale, 'UTC', 'day');
}
