import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/i18n.tsx';
import { reasonMessage, type Cap, type CapValues } from './unassigned-reasons.ts';

const words = (reason: string, locale: 'en' | 'zh', values: CapValues = {}, caps?: Cap[]) => {
  const m = reasonMessage({ reason, ...(caps ? { caps } : {}) }, values, (key, vars) => translate(locale, key, vars));
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

  it('names the caps the server says stopped everyone, with their values', () => {
    expect(words('no_capacity', 'en', { maxPerDay: 1, maxTotal: 12 }, ['maxPerDay'])).toBe('Everyone has reached the daily cap (1 new per person per day)');
    expect(words('no_capacity', 'zh', { maxPerDay: 1, maxTotal: 12 }, ['maxTotal'])).toBe('所有人都已达到总量上限（每人 12 条）');
    expect(words('no_capacity', 'en', { maxPerOwner: 200 }, ['maxPerOwner'])).toBe('Everyone holds as many private records as the pool allows (200 per person)');
    expect(words('no_capacity', 'en', { maxPerDay: 3, maxTotal: 4 }, ['maxPerDay', 'maxTotal']))
      .toBe('Everyone recalled has reached a cap: the daily cap (3 new per day); the total cap (4)');
    expect(words('no_capacity', 'zh', { maxPerDay: 3, maxPerOwner: 50 }, ['maxPerDay', 'maxPerOwner'])).toBe('召回的人员都已达到上限：每日上限（每天 3 条）；公海池持有上限（50 条私海记录）');
    // A cap the studio no longer knows the value of (the rule changed since) is left out.
    expect(words('no_capacity', 'en', { maxTotal: 4 }, ['maxPerDay', 'maxTotal'])).toBe('Everyone has reached the total cap (4 per person)');
    expect(words('no_capacity', 'en', {}, [])).toBe('Nobody recalled has room for more records');
  });

  it('shows an unknown code with words around it', () => {
    expect(words('something_new', 'zh')).toBe('其他原因（something_new）');
  });
});
