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

const elapsed: Partial<Record<CalendarUnit, number>> = { second: 1_000, minute: 60_000, hour: 3_600_000 };

/**
 * Adds calendar units in a zone (a day is a local day, so DST shifts are respected). Seconds,
 * minutes and hours are elapsed time, as dayjs adds them, without building a zoned object.
 */
export function addInZone(instant: Date, amount: number, unit: CalendarUnit, zone: string): Date {
  const ms = elapsed[unit];
  if (ms !== undefined) return new Date(instant.getTime() + amount * ms);
  return dayjs(instant).tz(zone).add(amount, unit).toDate();
}

const dayStarts = new Map<string, number>();

/**
 * The start of the local day/week (Monday)/month/year containing an instant. A day starts at
 * the first minute whose local date is that day's (found by bisection over the 48 hours before
 * the instant; dayjs is an hour off on some DST-end days, e.g. America/Santiago on 2026-04-05).
 * It depends only on the zone and the local date, so it is computed once per both (sample
 * data and relative date filters ask for the same few days over and over).
 */
export function startOfInZone(instant: Date, unit: 'day' | 'week' | 'month' | 'year', zone: string): Date {
  if (unit === 'day') {
    const date = localDate(instant, zone);
    const key = `${zone}|${date}`;
    let start = dayStarts.get(key);
    if (start === undefined) {
      let before = Math.floor(instant.getTime() / 60_000) - 48 * 60; // a minute of an earlier local day
      let within = Math.floor(instant.getTime() / 60_000); // a minute of this local day
      while (within - before > 1) {
        const middle = Math.floor((before + within) / 2);
        if (localDate(new Date(middle * 60_000), zone) < date) before = middle;
        else within = middle;
      }
      start = within * 60_000;
      if (dayStarts.size >= 10_000) dayStarts.clear();
      dayStarts.set(key, start);
    }
    return new Date(Math.min(start, instant.getTime()));
  }
  if (unit === 'week') {
    const today = startOfInZone(instant, 'day', zone);
    const back = (new Date(`${localDate(instant, zone)}T00:00:00Z`).getUTCDay() + 6) % 7;
    // Noon of that Monday, give or take a DST shift, is a minute of it.
    return startOfInZone(new Date(today.getTime() - back * 86_400_000 + 12 * 3_600_000), 'day', zone);
  }
  return dayjs(instant).tz(zone).startOf(unit).toDate();
}

/** Adds whole days to an instant (fixed 24 h days: pool clocks count elapsed time). */
export function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * 86_400_000);
}

/** An instant as a zone's wall clock, `YYYY-MM-DD HH:mm:ss` (what a spreadsheet reads as a date and time). */
export function localDateTime(instant: Date, zone: string): string {
  return dayjs(instant).tz(zone).format('YYYY-MM-DD HH:mm:ss');
}

/**
 * The instant a zone's wall clock shows `YYYY-MM-DD HH:mm[:ss]` (a `T` may stand for the space).
 * A time a DST change skips is read past the change, as dayjs reads it.
 */
export function instantOfLocal(wall: string, zone: string): Date {
  return dayjs.tz(wall.replace('T', ' '), zone).toDate();
}

/** The instant a local calendar date (`YYYY-MM-DD`) begins in a zone. */
export function startOfLocalDate(date: string, zone: string): Date {
  return dayjs.tz(`${date} 00:00:00`, zone).toDate();
}
