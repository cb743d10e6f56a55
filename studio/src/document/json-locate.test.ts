import { describe, expect, it } from 'vitest';
import { locatePointer, pointerRanges } from './json-locate.ts';

describe('pointer ranges in JSON text', () => {
  const text = JSON.stringify({ objects: { shop: { fields: { 'a/b': { type: 'text', max: [1, 2] } } } }, name: 'x' }, null, 2);
  const ranges = pointerRanges(text)!;

  it('underlines the key of a property', () => {
    const range = ranges.get('/objects/shop/fields/a~1b/type')!;
    expect(text.slice(range.start, range.end)).toBe('"type"');
  });

  it('underlines the value of an array item', () => {
    const range = ranges.get('/objects/shop/fields/a~1b/max/1')!;
    expect(text.slice(range.start, range.end)).toBe('2');
  });

  it('falls back to the nearest ancestor', () => {
    const range = locatePointer(ranges, '/objects/shop/fields/a~1b/missing/deep')!;
    expect(text.slice(range.start, range.end)).toBe('"a/b"');
    expect(locatePointer(ranges, '/nothing')).toEqual(ranges.get(''));
  });

  it('handles escapes in strings and rejects broken JSON', () => {
    expect(pointerRanges('{"a\\"b": "c\\\\", "d": [true, null, -1.5e3]}')?.has('/a"b')).toBe(true);
    expect(pointerRanges('{"a": }')).toBeUndefined();
    expect(pointerRanges('{"a": 1} x')).toBeUndefined();
  });
});
