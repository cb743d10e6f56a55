import { describe, expect, it } from 'vitest';
import type { FilterFieldInfo } from '../../shared/filter-builder/filter-builder-types.ts';
import { conditionCount, filterSummary } from './filter-summary.ts';

const fields: FilterFieldInfo[] = [
  { key: 'owner', label: { en: 'Owner', zh: '负责人' }, kind: 'uuid', target: 'user' },
  { key: 'holdExpiresAt', label: { en: 'Hold expires', zh: '保护期至' }, kind: 'timestamp' },
  { key: 'stage', label: { en: 'Stage', zh: '阶段' }, kind: 'text', options: [{ value: 'contacted', label: { en: 'Contacted', zh: '已联系' } }] },
  { key: 'tags', label: { en: 'Tags', zh: '标签' }, kind: 'multi', options: [{ value: 'late_night', label: { en: 'Late night', zh: '夜宵' } }] },
];

describe('a shared view’s conditions in words', () => {
  it('names fields, operators, options, the viewer and relative dates', () => {
    expect(filterSummary({ owner: '$user.id', holdExpiresAt: { $lt: 'now+3d' } }, fields, 'en')).toEqual(['Owner is me', 'Hold expires < now + 3 days']);
    expect(filterSummary({ owner: '$user.id', stage: 'contacted' }, fields, 'zh')).toEqual(['负责人 等于 我', '阶段 等于 已联系']);
    expect(filterSummary({ tags: { $any: ['late_night'] } }, fields, 'en')).toEqual(['Tags has any of Late night']);
    expect(filterSummary({ holdExpiresAt: { $null: true } }, fields, 'en')).toEqual(['Hold expires is empty']);
  });

  it('reads paths the app offers no row for, and OR groups', () => {
    expect(filterSummary({ 'owner.attributes.team': '$user.attributes.team' }, fields, 'en')).toEqual(['Owner · attribute team is my attribute team']);
    expect(filterSummary({ 'owner.attributes.team': '$user.attributes.team' }, fields, 'zh')).toEqual(['负责人 · 属性 team 等于 我的属性 team']);
    expect(filterSummary({ $or: [{ stage: 'contacted' }, { owner: '$user.id' }] }, fields, 'en')).toEqual(['Any of: Stage is Contacted; Owner is me']);
  });
});

describe('how many conditions a filter holds (the filter button’s count)', () => {
  it('counts each condition the user set, inside groups and combined filters too', () => {
    expect(conditionCount(undefined)).toBe(0);
    expect(conditionCount({})).toBe(0);
    expect(conditionCount({ city: '南京', stars: { $gte: 4 } })).toBe(2);
    expect(conditionCount({ score: { $gte: 50, $lt: 90 } })).toBe(2);
    expect(conditionCount({ $or: [{ city: '南京' }, { city: '苏州' }, { stars: { $gte: 4 } }] })).toBe(3);
    // A dashboard's figure beneath a view's own filter.
    expect(conditionCount({ $and: [{ stage: 'new', owner: '$user.id' }, { poolState: 'private' }] })).toBe(3);
    expect(conditionCount({ $not: { stage: 'lost' }, tags: { $any: ['late_night'] } })).toBe(2);
  });
});
