import { describe, expect, it } from 'vitest';
import { zonedText } from './zoned-time.ts';

describe('a moment written to the minute', () => {
  it('in the tenant\'s zone, and in the browser\'s for a zone half typed in the studio', () => {
    expect(zonedText('2026-12-06T16:13:02.000Z', 'zh', 'Asia/Shanghai', 'minute')).toBe('2026-12-07 00:13');
    expect(zonedText('2026-12-06T16:13:02.000Z', 'zh', 'UTC', 'minute')).toBe('2026-12-06 16:13');
    expect(() => zonedText('2026-12-06T16:13:02.000Z', 'zh', 'Asia/Sh', 'minute')).not.toThrow();
    expect(zonedText('2026-12-06T16:13:02.000Z', 'zh', 'Asia/Sh', 'minute')).toMatch(/^2026-12-0[67] \d{2}:13$/);
    expect(zonedText('not a time', 'zh', undefined, 'minute')).toBe('not a time');
  });
});

describe('a moment in its reader\'s way', () => {
  const at = '2026-12-07T06:30:00.000Z';

  it('keeps Chinese digits and names the month in English, to the minute or the day, with or without the year', () => {
    expect((['minute', 'day', 'shortMinute', 'shortDay'] as const).map((shape) => zonedText(at, 'zh', 'Asia/Shanghai', shape)))
      .toEqual(['2026-12-07 14:30', '2026-12-07', '12-07 14:30', '12-07']);
    expect((['minute', 'day', 'shortMinute', 'shortDay'] as const).map((shape) => zonedText(at, 'en', 'Asia/Shanghai', shape)))
      .toEqual(['Dec 7, 2026, 2:30 PM', 'Dec 7, 2026', 'Dec 7, 2:30 PM', 'Dec 7']);
  });

  it('in the tenant\'s zone, the browser\'s for one it does not know, and leaves what is no time as it is', () => {
    expect(zonedText(at, 'en', 'America/New_York', 'minute')).toBe('Dec 7, 2026, 1:30 AM');
    expect(zonedText(at, 'en', 'Asia/Sh', 'day')).toMatch(/^Dec [67], 2026$/);
    expect(zonedText('soon', 'en', 'UTC', 'minute')).toBe('soon');
  });
});
