import { describe, expect, it } from 'vitest';
import { perUserRows, type DryRunStats } from './assignment-outcome.ts';

describe('perUserRows', () => {
  it('shows both numbers of the server stats: allocated in this run and total after it', () => {
    // The shape of AssignmentOutcome['stats'] (platform/assignment/run-assignment.ts).
    const stats: DryRunStats = {
      candidates: 5, users: 3, variance: 0.6667, spread: 2,
      perUser: { u1: { allocated: 3, totalAfter: 7 }, u2: { allocated: 1, totalAfter: 6 }, u3: { allocated: 0, totalAfter: 5 } },
    };
    expect(perUserRows(stats)).toEqual([
      { userId: 'u1', allocated: 3, totalAfter: 7 },
      { userId: 'u2', allocated: 1, totalAfter: 6 },
      { userId: 'u3', allocated: 0, totalAfter: 5 },
    ]);
  });

  it('is empty without stats', () => {
    expect(perUserRows(undefined)).toEqual([]);
    expect(perUserRows({})).toEqual([]);
  });
});
