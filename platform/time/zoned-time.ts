import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * Calendar arithmetic in a tenant's or pool's time zone (the one module dayjs enters through).
 * "Today", daily caps and cron slots are local dates; instants are stored in UTC.
 */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The local calendar date (`YYYY-MM-DD`) of an instant in a zone. Every claim asks for it (the
 * daily cap), so it uses one cached `Intl.DateTimeFormat` per zone rather than a dayjs object.
 */
export function localDate(instant: Date, zone: string): string {
  let format = dateFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(zone, format);
  }
  let year = '', month = '', day = '';
  for (const part of format.formatToParts(instant)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return `${year.padStart(4, '0')}-${month}-${day}`;
}

export type CalendarUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** Adds calendar units in a zone (a day is a local day, so DST shifts are respected). */
export function addInZone(instant: Date, amount: number, unit: CalendarUnit, zone: string): Date {
  return dayjs(instant).tz(zone).add(amount, unit).toDate();
}

/** The start of the local day/week (Monday)/month/year containing an instant. */
export function startOfInZone(instant: Date, unit: 'day' | 'week' | 'month' | 'year', zone: string): Date {
  const local = dayjs(instant).tz(zone);
  if (unit === 'week') {
    const mondayOffset = (local.day() + 6) % 7;
    return local.subtract(mondayOffset, 'day').startOf('day').toDate();
  }
  return local.startOf(unit).toDate();
}

/** Adds whole days to an instant (fixed 24 h days: pool clocks count elapsed time). */
export function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * 86_400_000);
}

/** The instant a local calendar date (`YYYY-MM-DD`) begins in a zone. */
export function startOfLocalDate(date: string, zone: string): Date {
  return dayjs.tz(`${date} 00:00:00`, zone).toDate();
}
