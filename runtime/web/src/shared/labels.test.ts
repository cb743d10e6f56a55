import { describe, expect, it } from 'vitest';
import { keyInWords, keyLabel, labelOf } from './labels.ts';

describe('labels', () => {
  it('reads a label in the UI language, then the other language', () => {
    expect(labelOf({ en: 'Hotel', zh: '酒店' }, 'zh')).toBe('酒店');
    expect(labelOf({ en: 'Hotel' }, 'zh')).toBe('Hotel');
    expect(labelOf('房晚', 'en')).toBe('房晚');
  });

  it('shows a field without a label by its key in words, not as the key', () => {
    expect(keyLabel(undefined, 'en', 'roomNightsPerMonth')).toBe('Room nights per month');
    expect(keyLabel(undefined, 'zh', 'contact_phone')).toBe('Contact phone');
    expect(keyLabel({}, 'en', 'city')).toBe('City');
    expect(keyLabel({ zh: '城市' }, 'en', 'city')).toBe('城市');
    // As /objects describes a field without a label: the label is the key.
    expect(keyLabel('roomNights', 'zh', 'roomNights')).toBe('Room nights');
    // An option's value is data: it stays as it is.
    expect(labelOf(undefined, 'en', 'iPhone')).toBe('iPhone');
    expect(keyInWords('vipURL')).toBe('Vip URL');
    expect(keyInWords('externalID')).toBe('External ID');
    expect(keyInWords('HTMLNotes')).toBe('HTML notes');
    expect(keyInWords('score2')).toBe('Score2');
  });

  it('leaves what is not a key as it is', () => {
    expect(keyInWords('5f0c6a1e-1d2b-4c3d-9e8f-0a1b2c3d4e5f')).toBe('5f0c6a1e-1d2b-4c3d-9e8f-0a1b2c3d4e5f');
    expect(keyInWords('北京')).toBe('北京');
    expect(keyInWords('Lead 12')).toBe('Lead 12');
    expect(keyLabel(undefined, 'en', '')).toBe('');
  });
});
