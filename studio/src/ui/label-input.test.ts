import { describe, expect, it } from 'vitest';
import { labelFromInputs, nextLabel } from './label-input.tsx';

describe('labels typed in a dialog', () => {
  it('keeps the languages given, trimmed, and nothing for two blank inputs', () => {
    expect(labelFromInputs('Supplier pool', '供应商公海')).toEqual({ en: 'Supplier pool', zh: '供应商公海' });
    expect(labelFromInputs(' ', '供应商公海 ')).toEqual({ zh: '供应商公海' });
    expect(labelFromInputs('Supplier pool', undefined)).toEqual({ en: 'Supplier pool' });
    expect(labelFromInputs('', '  ')).toBeUndefined();
  });

  it('edits one language of a label and drops it when both are blank', () => {
    expect(nextLabel({ en: 'Pool' }, 'zh', '公海')).toEqual({ en: 'Pool', zh: '公海' });
    expect(nextLabel({ en: 'Pool' }, 'en', '')).toBeUndefined();
  });

  it('takes a language typed as spaces for none, keeps the space before the next word while typing, and trims on leaving', () => {
    expect(nextLabel({ en: 'Pool' }, 'zh', ' ')).toEqual({ en: 'Pool' });
    expect(nextLabel(undefined, 'en', '  ')).toBeUndefined();
    expect(nextLabel(undefined, 'en', ' Room ')).toEqual({ en: 'Room ' });
    expect(nextLabel({ en: 'Room ' }, 'en', 'Room ', true)).toEqual({ en: 'Room' });
  });
});
