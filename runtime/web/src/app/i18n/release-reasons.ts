import type { UiLocale } from '../../shared/labels.ts';
import { maybeTranslate } from './translate.ts';

/**
 * The usual reasons a person gives when releasing a record, stored as these keys (as the sweep
 * stores `hold_expired`, `no_visit`, `not_won`) and shown in the reader's language
 * (`reason_<key>`): the stored reason no longer depends on the language the releaser's app was in.
 */
export const usualReleaseReasons = ['no_interest', 'kp_unreachable', 'competitor_signed', 'wrong_info'] as const;

/** The words the release dialog offered before its reasons were keys, as they were stored. */
const storedWords: Record<string, (typeof usualReleaseReasons)[number]> = {
  客户暂无合作意向: 'no_interest', 'No interest for now': 'no_interest',
  联系不上关键人: 'kp_unreachable', 'Cannot reach the key person': 'kp_unreachable',
  已与竞对签约: 'competitor_signed', 'Signed with a competitor': 'competitor_signed',
  信息有误: 'wrong_info', 'Wrong information': 'wrong_info',
};

/**
 * A stored release reason in the reader's language: a reason key (usual or the sweep's) by its
 * words, an old usual reason stored as Chinese or English words likewise, anything a person typed
 * as they typed it.
 *
 * @example releaseReasonText('no_interest', 'en') // 'No interest for now'
 * @example releaseReasonText('客户暂无合作意向', 'en') // 'No interest for now'
 */
export function releaseReasonText(reason: string, locale: UiLocale): string {
  return maybeTranslate(`reason_${releaseReasonKey(reason)}`, locale) ?? reason;
}

/** The reason a stored value stands for: an old usual reason's words give its key, anything else is itself. */
export function releaseReasonKey(reason: string): string {
  return storedWords[reason] ?? reason;
}

/**
 * Counts by stored reason merged by the reason they stand for, most first, each with the stored
 * values it covers (to list those records): an old 客户暂无合作意向, an old 'No interest for now'
 * and a new `no_interest` are one reason, not three bars under the same words.
 *
 * @example mergeReleaseCounts([{ key: 'no_interest', count: 2 }, { key: '客户暂无合作意向', count: 3 }])
 * // [{ key: 'no_interest', count: 5, stored: ['no_interest', '客户暂无合作意向'] }]
 */
export function mergeReleaseCounts(rows: ReadonlyArray<{ key: string; count: number }>): Array<{ key: string; count: number; stored: string[] }> {
  const merged = new Map<string, { key: string; count: number; stored: string[] }>();
  for (const row of rows) {
    const key = releaseReasonKey(row.key);
    const entry = merged.get(key) ?? { key, count: 0, stored: [] };
    entry.count += row.count;
    entry.stored.push(row.key);
    merged.set(key, entry);
  }
  return [...merged.values()].sort((a, b) => b.count - a.count);
}
