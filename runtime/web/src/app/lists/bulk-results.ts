import { ApiError, type ApiClient, type ProblemItem } from '../../shared/api-client.ts';
import type { UiLocale } from '../../shared/labels.ts';
import { errorText } from '../data/api-errors.ts';
import { fieldProblemText, fieldSentence } from '../data/problem-words.ts';
import { translate } from '../i18n/translate.ts';
import { recordTitle, type FormatContext } from '../metadata/format-value.ts';
import { fieldLabel, objectLabel, type ObjectInfo } from '../metadata/object-info.ts';

/** One row's answer of `POST /records/{o}/bulk` (platform/records/bulk-records.ts). */
export interface BulkRowResult {
  index: number;
  status: number;
  id?: string;
  unchanged?: true;
  error?: { code: string; detail: string; errors?: ProblemItem[] };
}

/** Records refused for one reason: the reason in the reader's words, and which records. */
export interface Refusal {
  reason: string;
  titles: string[];
}

/** The most ids `POST /records/{o}/bulk` takes in one call. */
export const bulkCallSize = 1000;

/** `items` in runs of at most `size`, in order. */
export function inChunks<T>(items: readonly T[], size = bulkCallSize): T[][] {
  const chunks: T[][] = [];
  for (let at = 0; at < items.length; at += size) chunks.push(items.slice(at, at + size));
  return chunks;
}

/**
 * `POST /records/{o}/bulk` over any number of rows, in calls of at most 1,000 (the API's
 * limit): each row's result, indexed in `rows` as a whole.
 */
export async function writeInBulk(api: ApiClient, object: string, op: 'update' | 'delete', rows: readonly unknown[]): Promise<BulkRowResult[]> {
  const results: BulkRowResult[] = [];
  for (const chunk of inChunks(rows)) {
    const answer = await api.post<{ results: BulkRowResult[] }>(`/records/${object}/bulk`, { op, records: chunk });
    results.push(...answer.results.map((r) => ({ ...r, index: r.index + results.length })));
  }
  return results;
}

/**
 * Refused records grouped by their reason, in the order the reasons first came: 40 records
 * refused for the same reason are one line naming them, not 40 lines saying the same.
 *
 * @example groupRefusals([{ title: 'A', reason: 'r' }, { title: 'B', reason: 'r' }]) // [{ reason: 'r', titles: ['A', 'B'] }]
 */
export function groupRefusals(rows: ReadonlyArray<{ title: string; reason: string }>): Refusal[] {
  const byReason = new Map<string, string[]>();
  for (const row of rows) byReason.set(row.reason, [...(byReason.get(row.reason) ?? []), row.title]);
  return [...byReason].map(([reason, titles]) => ({ reason, titles }));
}

/**
 * Why the server refused one row of a bulk update or delete, in the reader's language: a record
 * they may read but not change (or delete), one gone meanwhile, and a field's problem by the
 * field's label (优先级：应为以下之一…); any other code in the words the app has for it.
 */
export function bulkRowReason(row: BulkRowResult, object: ObjectInfo, locale: UiLocale, op: 'update' | 'delete'): string {
  const error = row.error ?? { code: 'internal', detail: '' };
  const params = { object: objectLabel(object, locale) };
  if (error.code === 'forbidden') return translate(op === 'delete' ? 'bulkNotYoursToDelete' : 'bulkNotYoursToChange', locale, params);
  if (error.code === 'not_found') return translate('bulkGone', locale);
  const fields = (error.errors ?? []).filter((e) => object.fieldMap.has(e.path.split('/')[1] ?? ''));
  if (error.code === 'validation_failed' && fields.length > 0) {
    return fields.map((e) => {
      const field = object.fieldMap.get(e.path.split('/')[1]!);
      const label = fieldLabel(field, locale);
      const problem = fieldProblemText(e.message, field, locale);
      return locale === 'zh' ? `${label}：${problem}` : fieldSentence(label, problem, ': ');
    }).join(locale === 'zh' ? '；' : '; ');
  }
  return errorText(new ApiError(row.status, error.code, error.detail, error.errors ?? []), locale);
}

/** The rows of a bulk answer the server refused, as a report lists them: the record's title, the reason in the reader's words. */
export function bulkRefusals(rows: readonly BulkRowResult[], targets: ReadonlyArray<Record<string, unknown>>, object: ObjectInfo, format: FormatContext, locale: UiLocale, op: 'update' | 'delete'): Array<{ title: string; reason: string }> {
  return rows.filter((r) => r.status >= 400).map((r) => ({ title: recordTitle(object, targets[r.index]!, format), reason: bulkRowReason(r, object, locale, op) }));
}
