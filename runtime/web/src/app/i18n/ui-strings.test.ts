import { describe, expect, it } from 'vitest';
import { uiStrings } from './ui-strings.ts';
import { translate } from './translate.ts';

describe('UI strings', () => {
  it('has every string in both languages with the same parameters', () => {
    for (const [key, text] of Object.entries(uiStrings)) {
      expect(text.en, key).not.toBe('');
      expect(text.zh, key).not.toBe('');
      const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(params(text.zh), key).toEqual(params(text.en));
    }
  });

  it('fills parameters and leaves unknown ones visible', () => {
    expect(translate('total', 'en', { count: 3 })).toBe('3 records');
    expect(translate('total', 'en', { count: 1 })).toBe('1 record');
    expect(translate('total', 'zh', { count: 3 })).toBe('共 3 条');
    expect(translate('moveStage', 'en', {})).toBe('Move to {stage}');
  });
});
