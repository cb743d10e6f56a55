import { describe, expect, it } from 'vitest';
import { outcomeText } from '../work-orders/work-order-text.ts';
import { mergeReleaseCounts, offeredReleaseReasons, releaseReasonsOf, releaseReasonText, usualReleaseReasons } from './release-reasons.ts';

describe('release reasons', () => {
  it('a usual reason is stored as a key and read in either language', () => {
    expect(usualReleaseReasons.map((key) => releaseReasonText(key, 'en'))).toEqual(['No interest for now', 'Cannot reach the key person', 'Signed with a competitor', 'Wrong information']);
    expect(usualReleaseReasons.map((key) => releaseReasonText(key, 'zh'))).toEqual(['客户暂无合作意向', '联系不上关键人', '已与竞对签约', '信息有误']);
    expect(releaseReasonText('no_visit', 'zh')).toBe('未拜访');
  });

  it('an old reason stored in the words of either language reads in the viewer’s; typed words stay as typed', () => {
    expect(releaseReasonText('已与竞对签约', 'en')).toBe('Signed with a competitor');
    expect(releaseReasonText('Wrong information', 'zh')).toBe('信息有误');
    expect(releaseReasonText('老板换人了', 'en')).toBe('老板换人了');
  });

  it('a pool offers its own reasons in its order, none if it says so, else the usual four in the viewer’s language', () => {
    const own = [{ key: 'shop_closed', label: { en: 'Shop closed', zh: '商家已闭店' } }, { key: 'out_of_area', label: { en: 'Outside the delivery area', zh: '配送范围外' } }];
    expect(offeredReleaseReasons({ releaseReasons: own }).map((r) => releaseReasonText(r.key, 'zh', own))).toEqual(['商家已闭店', '配送范围外']);
    expect(offeredReleaseReasons({ releaseReasons: [] })).toEqual([]);
    expect(offeredReleaseReasons(undefined).map((r) => r.key)).toEqual([...usualReleaseReasons]);
    expect(offeredReleaseReasons({}).map((r) => r.label)).toEqual(usualReleaseReasons.map((key) => ({ en: releaseReasonText(key, 'en'), zh: releaseReasonText(key, 'zh') })));
  });

  it('reads a reason by its pool’s words: the record’s pool, else the pools of its object; a work order closed by a release too', () => {
    const pools = {
      shops: { object: 'lead', releaseReasons: [{ key: 'shop_closed', label: { en: 'Shop closed', zh: '商家已闭店' } }] },
      hotels: { object: 'hotel', releaseReasons: [{ key: 'shop_closed', label: '酒店关门' }] },
    };
    expect(releaseReasonText('shop_closed', 'zh', releaseReasonsOf(pools, 'hotels'))).toBe('酒店关门');
    expect(releaseReasonText('shop_closed', 'zh', releaseReasonsOf(pools, undefined, 'lead'))).toBe('商家已闭店');
    expect(releaseReasonText('shop_closed', 'zh', releaseReasonsOf(pools, undefined))).toBe('商家已闭店');
    expect(releaseReasonText('shop_closed', 'zh', releaseReasonsOf(undefined, undefined))).toBe('shop_closed');
    expect(outcomeText('released: shop_closed', 'zh', releaseReasonsOf(pools, undefined, 'lead'))).toContain('商家已闭店');

    // A reason the record's pool no longer offers, given in another pool of its object before it moved.
    const moved = { ...pools, chains: { object: 'lead', releaseReasons: [{ key: 'group_decision', label: '集团统一决策' }] } };
    expect(releaseReasonText('shop_closed', 'zh', releaseReasonsOf(moved, 'chains'))).toBe('商家已闭店');
    expect(releaseReasonText('group_decision', 'zh', releaseReasonsOf(moved, 'chains'))).toBe('集团统一决策');
    // The record's own pool wins over the object's others.
    const both = { ...moved, chains: { object: 'lead', releaseReasons: [{ key: 'shop_closed', label: '门店关闭' }] } };
    expect(releaseReasonText('shop_closed', 'zh', releaseReasonsOf(both, 'chains'))).toBe('门店关闭');
    expect(releaseReasonText('shop_closed', 'zh', releaseReasonsOf(both, 'shops'))).toBe('商家已闭店');
  });

  it('reads a reason its pool no longer offers by the words it had when removed (kept by the publish), before another pool’s words for the key', () => {
    const pools = {
      shops: { object: 'lead', releaseReasons: [], removedReleaseReasons: [{ key: 'budget_frozen', label: { en: 'Budget frozen', zh: '预算冻结' } }] },
      chains: { object: 'lead', releaseReasons: [{ key: 'budget_frozen', label: '集团预算冻结' }], removedReleaseReasons: [{ key: 'closed', label: '已关店' }] },
    };
    expect(releaseReasonText('budget_frozen', 'zh', releaseReasonsOf(pools, 'shops'))).toBe('预算冻结');
    expect(releaseReasonText('budget_frozen', 'en', releaseReasonsOf(pools, 'shops'))).toBe('Budget frozen');
    // Offered words still win: the chains pool offers the key today.
    expect(releaseReasonText('budget_frozen', 'zh', releaseReasonsOf(pools, 'chains'))).toBe('集团预算冻结');
    // Another pool's removed words, where the record's pool never had the key.
    expect(releaseReasonText('closed', 'zh', releaseReasonsOf(pools, 'shops'))).toBe('已关店');
    expect(outcomeText('released: budget_frozen', 'zh', releaseReasonsOf(pools, 'shops'))).toContain('预算冻结');
  });

  it('reads a typed reason that names a property of every object as what was typed', () => {
    expect(releaseReasonText('constructor', 'zh')).toBe('constructor');
    expect(mergeReleaseCounts([{ key: 'toString', count: 2 }])).toEqual([{ key: 'toString', count: 2, stored: ['toString'] }]);
  });

  it('counts a reason once, whether stored as its key or in the old words of either language (one bar on the pool health chart)', () => {
    expect(mergeReleaseCounts([
      { key: 'no_visit', count: 4 }, { key: 'no_interest', count: 1 }, { key: '客户暂无合作意向', count: 3 }, { key: 'No interest for now', count: 2 }, { key: '老板换人了', count: 1 },
    ])).toEqual([
      { key: 'no_interest', count: 6, stored: ['no_interest', '客户暂无合作意向', 'No interest for now'] },
      { key: 'no_visit', count: 4, stored: ['no_visit'] },
      { key: '老板换人了', count: 1, stored: ['老板换人了'] },
    ]);
  });
});
