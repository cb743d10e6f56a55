import { releaseReasonKey } from '../../../../../platform/pools/release-reasons.ts';

export { offeredReleaseReasons, poolReleaseReasons, releaseReasonKey, releaseReasonsOf, releaseReasonText, systemReleaseReason, usualReleaseReasons, type ReleaseReason } from '../../../../../platform/pools/release-reasons.ts';

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
