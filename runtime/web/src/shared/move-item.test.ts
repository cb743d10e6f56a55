import { describe, expect, it } from 'vitest';
import { moveItem } from './move-item.ts';

describe('moving an item of a list', () => {
  it('moves it up, down, to either end, and not past them', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 9)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
  });

  it('leaves the list as it is for an index that names no item', () => {
    const items = ['a', 'b'];
    expect(moveItem(items, 5, 0)).toBe(items);
  });
});
