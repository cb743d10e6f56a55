import { describe, expect, it } from 'vitest';
import { testDocument } from '../testing/fixtures.ts';
import type { MetadataDocument, ReleaseReasonDefinition } from './metadata-types.ts';
import { keepRemovedReleaseReasons, reasonMoveProblems } from './removed-release-reasons.ts';

const budget: ReleaseReasonDefinition = { key: 'budget_frozen', label: { en: 'Budget frozen', zh: '预算冻结' } };
const movedAway: ReleaseReasonDefinition = { key: 'moved_away', label: '客户已搬走' };

/** The test document whose lead pool offers `reasons` (and keeps `removed`). */
function withReasons(reasons: ReleaseReasonDefinition[] | undefined, removed?: ReleaseReasonDefinition[]): MetadataDocument {
  const document = testDocument();
  const pool = document.pools!.leadPool!;
  if (reasons) pool.releaseReasons = reasons;
  if (removed) pool.removedReleaseReasons = removed;
  return document;
}

describe('a publish keeps the words of the release reasons a pool stops offering', () => {
  it('keeps a removed reason’s words as published, and nothing when nothing is removed', () => {
    const published = keepRemovedReleaseReasons(withReasons([budget, movedAway]), withReasons([movedAway]));
    expect(published.pools!.leadPool!.removedReleaseReasons).toEqual([budget]);
    expect(published.pools!.leadPool!.releaseReasons).toEqual([movedAway]);
    expect(keepRemovedReleaseReasons(withReasons([budget]), withReasons([budget])).pools!.leadPool).not.toHaveProperty('removedReleaseReasons');
    expect(keepRemovedReleaseReasons(undefined, withReasons([budget]))).toEqual(withReasons([budget]));
  });

  it('keeps the words of earlier removals even when a draft leaves them out, the latest removed first', () => {
    const live = withReasons([movedAway], [budget]);
    expect(keepRemovedReleaseReasons(live, withReasons([])).pools!.leadPool!.removedReleaseReasons).toEqual([movedAway, budget]);
  });

  it('a reason offered again leaves the list; the live words win over a draft’s for the same key', () => {
    expect(keepRemovedReleaseReasons(withReasons([movedAway], [budget]), withReasons([budget, movedAway])).pools!.leadPool).not.toHaveProperty('removedReleaseReasons');
    const rewritten = withReasons([], [{ key: 'budget_frozen', label: 'something else' }]);
    expect(keepRemovedReleaseReasons(withReasons([budget]), rewritten).pools!.leadPool!.removedReleaseReasons).toEqual([budget]);
  });

  it('ignores a list a draft writes by hand: the server derives it from the live version alone', () => {
    const forged = [{ key: 'hold_expired', label: 'BD主动放弃' }, { key: 'moved_away', label: '' }, { key: 'fake', label: 'x' }];
    // A sweep key, a key the pool still offers with blank words, and one it never offered: all dropped.
    expect(keepRemovedReleaseReasons(withReasons([movedAway]), withReasons([movedAway], forged)).pools!.leadPool).not.toHaveProperty('removedReleaseReasons');
    expect(keepRemovedReleaseReasons(withReasons([budget, movedAway]), withReasons([movedAway], forged)).pools!.leadPool!.removedReleaseReasons).toEqual([budget]);
    // No live version, or a pool new in this publish: nothing was removed, so nothing is kept.
    expect(keepRemovedReleaseReasons(undefined, withReasons([movedAway], forged)).pools!.leadPool).not.toHaveProperty('removedReleaseReasons');
    const live = withReasons([movedAway]);
    delete live.pools!.leadPool;
    expect(keepRemovedReleaseReasons(live, withReasons([movedAway], forged)).pools!.leadPool).not.toHaveProperty('removedReleaseReasons');
  });

  it('needs no words for the built-in reasons (they are always known), nor for a pool that is gone', () => {
    expect(keepRemovedReleaseReasons(withReasons(undefined), withReasons([movedAway])).pools!.leadPool).not.toHaveProperty('removedReleaseReasons');
    const gone = withReasons([]);
    delete gone.pools!.leadPool;
    expect(keepRemovedReleaseReasons(withReasons([budget]), gone).pools).toEqual({});
  });

  it('keeps at most 100, dropping the oldest', () => {
    const old = Array.from({ length: 100 }, (_, i) => ({ key: `old${i}`, label: `旧原因 ${i}` }));
    const kept = keepRemovedReleaseReasons(withReasons([budget], old), withReasons([])).pools!.leadPool!.removedReleaseReasons!;
    expect(kept).toHaveLength(100);
    expect(kept[0]).toEqual(budget);
    expect(kept.at(-1)!.key).toBe('old98');
  });
});

describe('a moveReleaseReason migration fits the change', () => {
  const live = withReasons([budget, movedAway]);
  const draft = withReasons([movedAway]);

  it('moves a reason the pool stops offering to one it offers', () => {
    expect(reasonMoveProblems(live, draft, { op: 'moveReleaseReason', pool: 'leadPool', from: 'budget_frozen', to: 'moved_away' })).toEqual([]);
  });

  it('names what does not fit, at its pointer', () => {
    expect(reasonMoveProblems(live, draft, { op: 'moveReleaseReason', pool: 'shopPool', from: 'budget_frozen', to: 'moved_away' }, '/migrations/0')).toEqual([
      { path: '/migrations/0/pool', message: 'shopPool must be a pool before and after publishing' },
    ]);
    expect(reasonMoveProblems(live, draft, { op: 'moveReleaseReason', pool: 'leadPool', from: 'moved_away', to: 'budget_frozen' }, '/migrations/1')).toEqual([
      { path: '/migrations/1/from', message: 'moved_away must be a release reason of leadPool in the live version that the draft no longer offers' },
      { path: '/migrations/1/to', message: 'budget_frozen is not a release reason of leadPool in the draft' },
    ]);
  });
});
