import { describe, expect, it } from 'vitest';
import { allocationsOf, pageOf, receivers, type Allocation } from './allocation-rows.ts';

const allocation = (n: number, userId: string): Allocation => ({ recordId: `r${n}`, userId, priority: n });
// 45 records: ann gets every third, bob the rest.
const allocations = Array.from({ length: 45 }, (_, i) => allocation(i + 1, i % 3 === 0 ? 'ann' : 'bob'));

describe('a preview\'s allocations, by person and page', () => {
  it('keeps one person\'s share in the run\'s order, or everyone\'s', () => {
    expect(allocationsOf(allocations)).toBe(allocations);
    const ann = allocationsOf(allocations, 'ann');
    expect(ann).toHaveLength(15);
    expect(ann.map((a) => a.priority).slice(0, 3)).toEqual([1, 4, 7]);
    expect(allocationsOf(allocations, 'cat')).toEqual([]);
  });

  it('shows 20 rows a page, the last page what is left', () => {
    expect(pageOf(allocations, 1).map((a) => a.recordId)).toEqual(Array.from({ length: 20 }, (_, i) => `r${i + 1}`));
    expect(pageOf(allocations, 3).map((a) => a.recordId)).toEqual(['r41', 'r42', 'r43', 'r44', 'r45']);
    expect(pageOf(allocations, 4)).toEqual([]);
    expect(pageOf(allocationsOf(allocations, 'bob'), 2)).toHaveLength(10);
  });

  it('offers the people who receive records, most first', () => {
    expect(receivers(allocations)).toEqual([{ userId: 'bob', count: 30 }, { userId: 'ann', count: 15 }]);
    expect(receivers([])).toEqual([]);
  });
});
