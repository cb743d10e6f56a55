import { describe, expect, it } from 'vitest';
import { freeKey, keyFromLabel } from './draft-state.ts';

describe('keys from labels', () => {
  it('makes a camel-case key of an English label', () => {
    expect(keyFromLabel('Room nights / month')).toBe('roomNightsMonth');
    expect(keyFromLabel('My test drives board')).toBe('myTestDrivesBoard');
    expect(keyFromLabel('我的看板')).toBe('');
  });

  it('numbers a taken key, shortening it to stay within the key length', () => {
    expect(freeKey('stage', ['stage', 'stage2'])).toBe('stage3');
    expect(freeKey('a'.repeat(40), ['a'.repeat(40)])).toBe(`${'a'.repeat(39)}2`);
  });
});
