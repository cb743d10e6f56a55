import { describe, expect, it } from 'vitest';
import { matchRecords, variance, type MatchUser } from './matching.ts';

const records = (n: number) => Array.from({ length: n }, (_, i) => `r${String(i).padStart(4, '0')}`);
const user = (id: string, capacity = 1000, holdings = 0, weight = 1): MatchUser => ({ id, capacity, holdings, weight });
const counts = (allocations: Array<{ userId: string }>) => {
  const result: Record<string, number> = {};
  for (const a of allocations) result[a.userId] = (result[a.userId] ?? 0) + 1;
  return result;
};

describe('assignment matching', () => {
  it('even: per-run counts differ by at most one, records in priority order get ranks', () => {
    const result = matchRecords({ records: records(1003), users: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => user(id)), strategy: 'even' });
    const c = Object.values(counts(result.allocations));
    expect(Math.max(...c) - Math.min(...c)).toBeLessThanOrEqual(1);
    expect(c.reduce((s, n) => s + n, 0)).toBe(1003);
    expect(result.allocations.map((a) => a.rank)).toEqual(Array.from({ length: 1003 }, (_, i) => i + 1));
  });

  it('even: respects capacities and reports what is left unassigned', () => {
    const result = matchRecords({ records: records(10), users: [user('a', 2), user('b', 3), user('c', 0)], strategy: 'even' });
    expect(counts(result.allocations)).toEqual({ a: 2, b: 3 });
    expect(result.unassigned).toHaveLength(5);
    expect(result.unassigned.every((u) => u.reason === 'no_capacity')).toBe(true);
    expect(matchRecords({ records: records(2), users: [], strategy: 'even' }).unassigned.map((u) => u.reason)).toEqual(['no_users', 'no_users']);
  });

  it('says which caps left everyone without room', () => {
    const users = [{ ...user('a', 2), limits: ['maxPerDay' as const] }, { ...user('b', 0), limits: ['maxPerOwner' as const] }, { ...user('c', 1), limits: ['maxTotal' as const, 'maxPerDay' as const] }];
    for (const strategy of ['even', 'roundRobin'] as const) {
      const result = matchRecords({ records: records(5), users, strategy });
      expect(result.unassigned).toEqual(records(5).slice(3).map((recordId) => ({ recordId, reason: 'no_capacity', caps: ['maxPerDay', 'maxTotal', 'maxPerOwner'] })));
    }
    const daily = matchRecords({ records: records(3), users: [{ ...user('a', 1), limits: ['maxPerDay'] }], strategy: 'minVariance' });
    expect(daily.unassigned).toEqual([{ recordId: 'r0001', reason: 'no_capacity', caps: ['maxPerDay'] }, { recordId: 'r0002', reason: 'no_capacity', caps: ['maxPerDay'] }]);
  });

  it('minVariance: fills the people who hold least first, minimising the variance of totals', () => {
    const users = [user('a', 100, 10), user('b', 100, 4), user('c', 100, 0)];
    const result = matchRecords({ records: records(12), users, strategy: 'minVariance' });
    const c = counts(result.allocations);
    // Totals after: a 10, b 4+x, c 0+y with x+y = 12 → the flattest is 8, 8, 10.
    expect({ a: c.a ?? 0, b: c.b ?? 0, c: c.c ?? 0 }).toEqual({ a: 0, b: 4, c: 8 });
    expect(variance([10, 8, 8])).toBeCloseTo(0.8889, 3);
  });

  it('roundRobin: continues after the person the previous run stopped at', () => {
    const users = ['a', 'b', 'c'].map((id) => user(id));
    const first = matchRecords({ records: records(4), users, strategy: 'roundRobin' });
    expect(first.allocations.map((a) => a.userId)).toEqual(['a', 'b', 'c', 'a']);
    const second = matchRecords({ records: records(2), users, strategy: 'roundRobin', lastUser: first.lastUser });
    expect(second.allocations.map((a) => a.userId)).toEqual(['b', 'c']);
  });

  it('weighted: allocations follow attributes.weight', () => {
    const result = matchRecords({ records: records(60), users: [user('a', 1000, 0, 1), user('b', 1000, 0, 2), user('c', 1000, 0, 3)], strategy: 'weighted' });
    expect(counts(result.allocations)).toEqual({ a: 10, b: 20, c: 30 });
  });

  it('weighted: weight 0 receives nothing', () => {
    const result = matchRecords({ records: records(8), users: [user('x', 1000, 0, 0), user('y', 5, 0, 3)], strategy: 'weighted' });
    expect(counts(result.allocations)).toEqual({ y: 5 });
    expect(result.unassigned).toHaveLength(3);
  });

  it('even: runs of one day spread evenly, breaking ties on what earlier runs gave today before holdings', () => {
    // x holds nothing, y holds 5 leads they claimed. Three runs of one lead on one day.
    const today = { x: 0, y: 0 };
    const holdings = { x: 0, y: 5 };
    const given: string[] = [];
    for (let run = 0; run < 3; run++) {
      const users = (['x', 'y'] as const).map((id) => ({ ...user(id, 10, holdings[id]), today: today[id] }));
      const userId = matchRecords({ records: [`r${run}`], users, strategy: 'even' }).allocations[0]!.userId as 'x' | 'y';
      given.push(userId);
      today[userId] += 1;
      holdings[userId] += 1;
    }
    expect(given).toEqual(['x', 'y', 'x']);
    // Within one run the per-run spread still decides first.
    const one = matchRecords({ records: records(4), users: [{ ...user('a'), today: 3 }, { ...user('b'), today: 0 }], strategy: 'even' });
    expect(counts(one.allocations)).toEqual({ a: 2, b: 2 });
  });

  it('never gives a record to someone in its cooldown', () => {
    const excluded = new Map([['r0000', new Set(['a'])], ['r0001', new Set(['a', 'b'])]]);
    const result = matchRecords({ records: records(2), users: [user('a'), user('b')], strategy: 'even', excluded });
    expect(result.allocations).toEqual([{ recordId: 'r0000', userId: 'b', rank: 1 }]);
    expect(result.unassigned).toEqual([{ recordId: 'r0001', reason: 'cooldown' }]);
  });

  it('allocates 100,000 records to 1,000 people with caps evenly', () => {
    const users = Array.from({ length: 1000 }, (_, i) => user(`u${String(i).padStart(4, '0')}`, i % 10 === 0 ? 50 : 150, i % 7));
    const result = matchRecords({ records: records(100_000).map((r, i) => `${r}-${i}`), users, strategy: 'even' });
    const c = counts(result.allocations);
    const open = users.filter((u) => (c[u.id] ?? 0) < u.capacity).map((u) => c[u.id] ?? 0);
    expect(result.allocations.length).toBe(100_000);
    expect(Math.max(...open) - Math.min(...open)).toBeLessThanOrEqual(1);
  });
});
