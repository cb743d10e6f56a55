import type { UiLocale } from './labels.ts';

/**
 * How much of a moment is written: to the `minute` or the `day`; `short` leaves out the year
 * (a chart's axis, whose dates are close together).
 */
export type MomentShape = 'minute' | 'day' | 'shortMinute' | 'shortDay';

/**
 * A moment as its reader writes it, in `timeZone` (the tenant's; the browser's where none is
 * given or this browser does not know it): in Chinese `2026-12-07 14:30` (`2026-12-07`, `12-07 14:30`,
 * `12-07`), in English `Dec 7, 2026, 2:30 PM` (`Dec 7, 2026`, `Dec 7, 2:30 PM`, `Dec 7`). The one
 * place the app decides how a date reads; pickers and CSV files keep their own formats.
 *
 * @example
 * zonedText('2026-12-07T06:30:00Z', 'en', 'Asia/Shanghai', 'minute') // 'Dec 7, 2026, 2:30 PM'
 */
export function zonedText(iso: string, locale: UiLocale, timeZone: string | undefined, shape: MomentShape): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  if (locale === 'en') return formatIn('en-US', englishShapes[shape], timeZone).format(time);
  // Chinese reads dates as the digits they are typed in, as the pickers and the studio show them.
  const parts = formatIn('en-CA', digitsToTheMinute, timeZone).formatToParts(time);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = `${get('month')}-${get('day')}`;
  const minute = `${get('hour')}:${get('minute')}`;
  switch (shape) {
    case 'minute': return `${get('year')}-${day} ${minute}`;
    case 'day': return `${get('year')}-${day}`;
    case 'shortMinute': return `${day} ${minute}`;
    case 'shortDay': return day;
  }
}

const digitsToTheMinute: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

const englishShapes: Record<MomentShape, Intl.DateTimeFormatOptions> = {
  minute: { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  day: { year: 'numeric', month: 'short', day: 'numeric' },
  shortMinute: { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  shortDay: { month: 'short', day: 'numeric' },
};

// A list formats every date cell of every row: building a formatter costs far more than using one.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(intlLocale: string, options: Intl.DateTimeFormatOptions, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${intlLocale}\u0000${timeZone ?? ''}\u0000${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(intlLocale, { ...options, ...(timeZone ? { timeZone } : {}) });
    } catch {
      format = new Intl.DateTimeFormat(intlLocale, options); // a zone this browser does not know: its own
    }
    formats.set(key, format);
  }
  return format;
}
