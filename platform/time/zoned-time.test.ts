import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { describe, expect, it } from 'vitest';
import { addInZone, localDate, startOfInZone } from './zoned-time.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

// Zones with DST both ways, half- and quarter-hour offsets, and none at all.
const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'UTC'];
// Days around the 2026 DST changes of those zones, stepped by 37 minutes.
const spans = [['2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z'], ['2026-03-27T00:00:00Z', '2026-03-30T00:00:00Z'], ['2026-04-03T00:00:00Z', '2026-04-06T00:00:00Z'], ['2026-09-05T00:00:00Z', '2026-09-08T00:00:00Z'], ['2026-10-03T00:00:00Z', '2026-10-06T00:00:00Z'], ['2026-10-30T00:00:00Z', '2026-11-02T00:00:00Z']];
function* instants(): Generator<Date> {
  for (const [from, to] of spans) {
    for (let t = Date.parse(from!); t < Date.parse(to!); t += 37 * 60_000) yield new Date(t);
  }
}

describe('calendar arithmetic in a zone', () => {
  it('finds the first instant of the local day and of its week (Monday), across DST changes, from any instant of it', () => {
    let compared = 0;
    for (const zone of zones) {
      for (const instant of instants()) {
        const where = `${zone} ${instant.toISOString()}`;
        const day = localDate(instant, zone);
        const start = startOfInZone(instant, 'day', zone);
        expect(localDate(start, zone), where).toBe(day);
        expect(localDate(new Date(start.getTime() - 1), zone) < day, where).toBe(true);
        expect(start.getTime()).toBeLessThanOrEqual(instant.getTime());
        const week = startOfInZone(instant, 'week', zone);
        const monday = localDate(week, zone);
        expect(new Date(`${monday}T00:00:00Z`).getUTCDay(), where).toBe(1);
        expect(localDate(new Date(week.getTime() - 1), zone) < monday, where).toBe(true);
        expect(instant.getTime() - week.getTime()).toBeLessThan(7 * 86_400_000 + 3_600_000);
        expect(week.getTime()).toBeLessThanOrEqual(start.getTime());
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(5000);
  });

  it('agrees with dayjs on the start of the day wherever dayjs is right', () => {
    let differs = 0;
    for (const zone of zones) {
      for (const instant of instants()) {
        const theirs = dayjs(instant).tz(zone).startOf('day').toDate();
        const day = localDate(instant, zone);
        // dayjs is off by the DST shift on some change days (e.g. Lord Howe, Santiago, 2026-04-05).
        if (localDate(theirs, zone) !== day || localDate(new Date(theirs.getTime() - 1), zone) >= day) { differs++; continue; }
        expect(startOfInZone(instant, 'day', zone).toISOString(), `${zone} ${instant.toISOString()}`).toBe(theirs.toISOString());
      }
    }
    // A few whole days (39 samples each) in the DST-change spans, not more.
    expect(differs).toBeLessThan(400);
  });

  it('adds hours and minutes as elapsed time, and days as local days, as dayjs does', () => {
    for (const zone of zones) {
      for (const instant of [...instants()].filter((_, i) => i % 3 === 0)) {
        for (const [amount, unit] of [[90, 'minute'], [-3, 'hour'], [25, 'hour'], [1, 'day'], [-1, 'day']] as const) {
          expect(addInZone(instant, amount, unit, zone).toISOString(), `${zone} ${instant.toISOString()} ${amount} ${unit}`)
            .toBe(dayjs(instant).tz(zone).add(amount, unit).toDate().toISOString());
        }
      }
    }
  });
});
