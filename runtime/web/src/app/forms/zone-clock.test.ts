import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { fromPickerValue, toPickerValue } from './zone-clock.ts';

describe('date-time pickers in the tenant zone', () => {
  it('shows an instant as its wall clock in the zone, whatever the browser zone', () => {
    expect(toPickerValue('2026-12-05T10:30:00Z', 'Asia/Shanghai')?.format('YYYY-MM-DD HH:mm')).toBe('2026-12-05 18:30');
    expect(toPickerValue('2026-12-05T20:15:00Z', 'Asia/Shanghai')?.format('YYYY-MM-DD HH:mm')).toBe('2026-12-06 04:15');
    expect(toPickerValue('2026-07-01T13:00:00Z', 'America/New_York')?.format('YYYY-MM-DD HH:mm')).toBe('2026-07-01 09:00');
    expect(toPickerValue('not a date', 'Asia/Shanghai')).toBeNull();
  });

  it('reads a picked wall clock in the zone, across daylight saving time', () => {
    expect(fromPickerValue(dayjs('2026-12-05 18:30'), 'Asia/Shanghai')).toBe('2026-12-05T10:30:00.000Z');
    expect(fromPickerValue(dayjs('2026-12-06 04:15:42'), 'Asia/Shanghai')).toBe('2026-12-05T20:15:00.000Z');
    expect(fromPickerValue(dayjs('2026-07-01 09:00'), 'America/New_York')).toBe('2026-07-01T13:00:00.000Z');
    expect(fromPickerValue(dayjs('2026-12-01 09:00'), 'America/New_York')).toBe('2026-12-01T14:00:00.000Z');
  });

  it('round-trips, and without a zone keeps the browser clock', () => {
    for (const iso of ['2026-03-08T06:59:00.000Z', '2026-03-08T07:01:00.000Z', '2026-11-01T12:00:00.000Z', '2026-12-31T23:59:00.000Z']) {
      expect(fromPickerValue(toPickerValue(iso, 'America/New_York')!, 'America/New_York')).toBe(iso);
      expect(fromPickerValue(toPickerValue(iso, 'Asia/Shanghai')!, 'Asia/Shanghai')).toBe(iso);
    }
    expect(fromPickerValue(toPickerValue('2026-12-05T10:30:00Z', undefined)!, undefined)).toBe('2026-12-05T10:30:00.000Z');
  });
});
