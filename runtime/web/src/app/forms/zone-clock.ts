import dayjs, { type Dayjs } from 'dayjs';

const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall clock (year … second) an instant shows in a time zone, as milliseconds of a UTC date with those fields. */
function wallClockMs(instant: number, zone: string): number {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formats.set(zone, format);
  }
  const field: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(instant))) if (part.type !== 'literal') field[part.type] = Number(part.value);
  return Date.UTC(field.year!, field.month! - 1, field.day!, field.hour!, field.minute!, field.second!);
}

/**
 * Date-time pickers work on the browser's clock; the app shows date-times in the tenant's zone.
 * `toPickerValue` gives the picker a (browser-local) value whose fields read as the instant does
 * in `zone`, and `fromPickerValue` takes the fields the user picked as a time in `zone`, so the
 * field shows and saves the same time every other screen shows. Without a zone, both are the
 * browser's clock.
 */
export function toPickerValue(iso: string, zone: string | undefined): Dayjs | null {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return null;
  if (!zone) return dayjs(instant);
  const wall = new Date(wallClockMs(instant, zone));
  return dayjs(new Date(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds()));
}

/** The ISO instant of the wall-clock time `picked` shows, read in `zone` (seconds dropped). */
export function fromPickerValue(picked: Dayjs, zone: string | undefined): string {
  const minute = picked.second(0).millisecond(0);
  if (!zone) return minute.toISOString();
  const wall = Date.UTC(minute.year(), minute.month(), minute.date(), minute.hour(), minute.minute());
  // The zone's offset at the guess, then at the corrected instant (a DST change in between moves it).
  let instant = wall - (wallClockMs(wall, zone) - wall);
  instant = wall - (wallClockMs(instant, zone) - instant);
  return new Date(instant).toISOString();
}
