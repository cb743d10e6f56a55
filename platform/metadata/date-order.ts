/**
 * Whether a date or date-time is earlier than another of the same type (a field's `notBefore`):
 * as instants where both read as one, whatever offsets they were written with; else as text
 * (2026-12-07 before 2026-12-08). The server's check and the app's form share it.
 *
 * @example
 * isEarlier('2026-12-07T09:00:00Z', '2026-12-07T10:00:00+08:00') // false: 17:00 in Shanghai is after 10:00
 */
export function isEarlier(value: string, limit: string): boolean {
  const a = Date.parse(value);
  const b = Date.parse(limit);
  return Number.isNaN(a) || Number.isNaN(b) ? value < limit : a < b;
}
