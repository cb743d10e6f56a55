import { describe, expect, it } from 'vitest';
import { keyForLabel, keyFromLabel } from './draft-state.ts';

describe('keys from labels', () => {
  it('makes a camel-case key of an English label', () => {
    expect(keyFromLabel('Room nights / month')).toBe('roomNightsMonth');
    expect(keyFromLabel('My test drives board')).toBe('myTestDrivesBoard');
    expect(keyFromLabel('我的看板')).toBe('');
  });

  it('suggests a key for a new view or rule that no item of its section has', () => {
    expect(keyForLabel('Expiring this week', [])).toBe('expiringThisWeek');
    expect(keyForLabel('Expiring this week', ['expiringThisWeek'])).toBe('expiringThisWeek2');
    expect(keyForLabel('官网线索', ['x'])).toBe('');
  });
});
