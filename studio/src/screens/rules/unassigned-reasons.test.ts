import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/i18n.tsx';
import { reasonGroups, reasonMessage } from './unassigned-reasons.ts';

const words = (reason: string, locale: 'en' | 'zh', caps = {}) => {
  const m = reasonMessage(reason, caps);
  return translate(locale, m.key, m.vars);
};

describe('reasonMessage', () => {
  it('gives every reason code of platform/assignment words in both languages, never the code', () => {
    for (const reason of ['no_users', 'no_capacity', 'cooldown', 'claimed_meanwhile']) {
      for (const locale of ['en', 'zh'] as const) {
        const text = words(reason, locale);
        expect(text).not.toBe(reason);
        expect(text).not.toMatch(/no_users|no_capacity|claimed_meanwhile/);
        expect(text).not.toMatch(/^rules\./);
      }
    }
    expect(words('no_capacity', 'zh')).toMatch(/[\u4e00-\u9fff]/);
  });

  it('says which cap was hit when the rule sets only one, and that it may be either when it sets both', () => {
    expect(words('no_capacity', 'en', { maxPerDay: 1 })).toBe('Everyone has reached the daily cap (1 new per person per day)');
    expect(words('no_capacity', 'zh', { maxTotal: 12 })).toBe('所有人都已达到总量上限（每人 12 条）');
    expect(words('no_capacity', 'en', { maxPerDay: 1, maxTotal: 12 })).toContain('daily cap (1) or the total cap (12)');
  });

  it('shows an unknown code with words around it', () => {
    expect(words('something_new', 'zh')).toBe('其他原因（something_new）');
  });
});

describe('reasonGroups', () => {
  it('counts the records per reason', () => {
    expect(reasonGroups([{ recordId: 'a', reason: 'no_capacity' }, { recordId: 'b', reason: 'cooldown' }, { recordId: 'c', reason: 'no_capacity' }]))
      .toEqual([{ reason: 'no_capacity', count: 2 }, { reason: 'cooldown', count: 1 }]);
    expect(reasonGroups(undefined)).toEqual([]);
  });
});
