import { addInZone, localDate, startOfInZone, type CalendarUnit } from '../time/zoned-time.ts';

/**
 * Relative dates in filters: `now`, `today`, `yesterday`, `tomorrow`, `startOfWeek`,
 * `startOfMonth`, `startOfYear`, each optionally followed by `+N` or `-N` and a unit
 * (`s`, `m` minutes, `h`, `d`, `w`, `M` months, `y`): `now-15d`, `now+2h`, `startOfMonth-1M`.
 */
const pattern = /^(now|today|yesterday|tomorrow|startOfWeek|startOfMonth|startOfYear)(?:([+-])(\d{1,6})([smhdwMy]))?$/;

const units: Record<string, CalendarUnit> = { s: 'second', m: 'minute', h: 'hour', d: 'day', w: 'week', M: 'month', y: 'year' };

export function isDateExpression(text: string): boolean {
  return pattern.test(text);
}

/** The instant an expression denotes at `now` in `zone`. */
export function resolveDateExpression(text: string, now: Date, zone: string): Date {
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
  if (!sign) return base;
  const n = Number(amount) * (sign === '-' ? -1 : 1);
  return addInZone(base, n, units[unit!]!, zone);
}

/** The local date (`YYYY-MM-DD`) an expression denotes, for date fields. */
export function resolveDateOnlyExpression(text: string, now: Date, zone: string): string {
  return localDate(resolveDateExpression(text, now, zone), zone);
}
