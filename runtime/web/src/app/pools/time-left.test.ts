import { describe, expect, it } from 'vitest';
import { timeLeft } from './time-left.ts';

const now = new Date('2026-11-22T00:00:00Z');

describe('timeLeft', () => {
  it('shows the two largest units', () => {
    expect(timeLeft('2026-11-25T04:30:00Z', now, 'en')).toEqual({ text: '3d 4h', overdue: false, ms: 275_400_000 });
    expect(timeLeft('2026-11-22T05:12:00Z', now, 'en').text).toBe('5h 12m');
    expect(timeLeft('2026-11-22T00:07:30Z', now, 'zh').text).toBe('7分钟');
    expect(timeLeft('2026-11-25T04:30:00Z', now, 'zh').text).toBe('3天4小时');
  });

  it('marks what is due', () => {
    expect(timeLeft('2026-11-21T00:00:00Z', now, 'en')).toMatchObject({ text: '1d 0h', overdue: true });
  });
});
