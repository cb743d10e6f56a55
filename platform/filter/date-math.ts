import { addInZone, localDate, startOfInZone, type CalendarUnit } from '../time/zoned-time.ts';

/**
 * Relative dates in filters: `now`, `today`, `yesterday`, `tomorrow`, `startOfWeek`,
 * `startOfMonth`, `startOfYear`, each optionally followed by `+N` or `-N` and a unit
 * (`s`, `m` minutes, `h`, `d`, `w`, `M` months, `y`): `now-15d`, `now+2h`, `startOfMonth-1M`.
 */
const pattern = /^(now|today|yesterday|tomorrow|startOfWeek|startOfMonth|startOfYear)(?:([+-])(\d{1,6})([smhdwMy]))?$/;

const units: Record<string, CalendarUnit> = { s: 'second', m: 'minute', h: 'hour', d: 'day', w: 'week', M: 'month', y: 'year' };

/**
 * The largest shift per unit, about 1,900 years: for any `now` from 1970 to 2200 the result
 * stays within years 1–9999, which both JavaScript dates and PostgreSQL can hold. A filter is
 * stored in metadata and resolved for years, so the bound is on the text, not on today's result.
 */
const maxShift: Record<string, number> = { s: 999_999, m: 999_999, h: 999_999, d: 690_000, w: 99_000, M: 22_800, y: 1_900 };

/** Whether text has the form of a relative date (its shift may still be too large: see {@link dateExpressionProblem}). */
export function isDateExpression(text: string): boolean {
  return pattern.test(text);
}

/**
 * Why a relative date cannot be used, or undefined when it can: a shift beyond the bound for
 * its unit (`now+9000y` would leave the years a date can have).
 *
 * @example dateExpressionProblem('now+9000y') // 'shifts by more than 1900 years (…)'
 */
export function dateExpressionProblem(text: string): string | undefined {
  const match = pattern.exec(text);
  if (!match) return 'is not a relative date';
  const [, , sign, amount, unit] = match;
  if (!sign || Number(amount) <= maxShift[unit!]!) return undefined;
  return `shifts by more than ${maxShift[unit!]} ${units[unit!]}s (a relative date must stay within years 1–9999)`;
}

/**
 * The instant an expression denotes at `now` in `zone`, or undefined when it falls outside
 * years 1–9999 (only possible for a shift past the bound, or a clock far from today).
 */
export function resolveDateExpression(text: string, now: Date, zone: string): Date | undefined {
  const match = pattern.exec(text);
  if (!match) throw new Error(`Not a date expression: ${text}`);
  const [, anchor, sign, amount, unit] = match;
  let base: Date;
  switch (anchor) {
    case 'now': base = now; break;
    case 'today': base = startOfInZone(now, 'day', zone); break;
    case 'yesterday': base = addInZone(startOfInZone(now, 'day', zone), -1, 'day', zone); break;
    case 'tomorrow': base = addInZone(startOfInZone(now, 'day', zone), 1, 'day', zone); break;
    case 'startOfWeek': base = startOfInZone(now, 'week', zone); break;
    case 'startOfMonth': base = startOfInZone(now, 'month', zone); break;
    default: base = startOfInZone(now, 'year', zone); break;
  }
  const n = sign ? Number(amount) * (sign === '-' ? -1 : 1) : 0;
  const result = n === 0 ? base : addInZone(base, n, units[unit!]!, zone);
  return withinYears(result) ? result : undefined;
}

/** The local date (`YYYY-MM-DD`) an expression denotes, for date fields, or undefined as above. */
export function resolveDateOnlyExpression(text: string, now: Date, zone: string): string | undefined {
  const instant = resolveDateExpression(text, now, zone);
  return instant && localDate(instant, zone);
}

// Years 1–9999, with a day to spare at each end so that every zone's local date is in range too.
const earliest = Date.parse('0001-01-02T00:00:00Z');
const latest = Date.parse('9999-12-30T23:59:59.999Z');

function withinYears(instant: Date): boolean {
  const time = instant.getTime();
  return time >= earliest && time <= latest;
}
