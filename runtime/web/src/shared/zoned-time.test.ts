import { describe, expect, it } from 'vitest';
import { zonedMinute } from './zoned-time.ts';

describe('a moment written to the minute', () => {
  it('in the tenant\'s zone, and in the browser\'s for a zone half typed in the studio', () => {
    expect(zonedMinute('2026-12-06T16:13:02.000Z', 'Asia/Shanghai')).toBe('2026-12-07 00:13');
    expect(zonedMinute('2026-12-06T16:13:02.000Z', 'UTC')).toBe('2026-12-06 16:13');
    expect(() => zonedMinute('2026-12-06T16:13:02.000Z', 'Asia/Sh')).not.toThrow();
    expect(zonedMinute('2026-12-06T16:13:02.000Z', 'Asia/Sh')).toMatch(/^2026-12-0[67] \d{2}:13$/);
    expect(zonedMinute('not a time')).toBe('not a time');
  });
});
