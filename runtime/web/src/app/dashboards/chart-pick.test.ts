import { describe, expect, it } from 'vitest';
import { pickedIndex } from './chart-pick.ts';

describe('a click on a chart', () => {
  it('opens the bar or stage clicked, and nothing for the mean line drawn over the bars', () => {
    expect(pickedIndex({ componentType: 'series', dataIndex: 2 })).toBe(2);
    expect(pickedIndex({ componentType: 'series', dataIndex: 0 })).toBe(0);
    // The workload's mean is a mark line whose own dataIndex is 0: not the first person's bar.
    expect(pickedIndex({ componentType: 'markLine', dataIndex: 0 })).toBeUndefined();
    expect(pickedIndex({ componentType: 'series' })).toBeUndefined();
  });
});
