import { describe, expect, it } from 'vitest';
import { ranked, reachedByStage, spread } from './stats.ts';

describe('dashboard statistics', () => {
  it('measures how even a workload is', () => {
    expect(spread([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, variance: 4, std: 2, range: 7 });
    expect(spread([])).toEqual({ mean: 0, variance: 0, std: 0, range: 0 });
  });

  it('derives reach and step conversion from current stage counts', () => {
    const stages = [{ key: 'new', kind: 'open' }, { key: 'contacted', kind: 'open' }, { key: 'signed', kind: 'won' }, { key: 'lost', kind: 'lost' }];
    expect(reachedByStage(stages, new Map([['new', 50], ['contacted', 30], ['signed', 20], ['lost', 40]]))).toEqual([
      { stage: 'new', reached: 100, rate: 0.5 },
      { stage: 'contacted', reached: 50, rate: 0.4 },
      { stage: 'signed', reached: 20, rate: null },
    ]);
  });

  it('ranks the best first', () => {
    expect(ranked([{ name: 'b', value: 1 }, { name: 'a', value: 3 }, { name: 'c', value: 3 }], 2)).toEqual([{ name: 'a', value: 3 }, { name: 'c', value: 3 }]);
  });
});
