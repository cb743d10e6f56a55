import type { UiLocale } from '../../shared/labels.ts';
import { translate } from '../i18n/translate.ts';
import type { HistoryEntry } from './record-history.ts';

/** A stay of a record in one stage. */
export interface StageSpan {
  stage: string;
  /** When it entered; null when that is older than the history read (or than the caller may read). */
  from: string | null;
  /** When it left; null while it is still there. */
  to: string | null;
  /** 1 the first time the record is in this stage, 2 when it came back to it … */
  visit: number;
}

/**
 * A record's way through its pipeline from its history (newest first, as the server gives it):
 * every change of `stageField` ends one stay and starts the next. The record's `current` stage
 * has the last word on where it is now (a history written before a stage was renamed still
 * names the old key). A stage the history starts in, without saying since when, has no `from`.
 *
 * @example
 * stageSpans([
 *   { at: '2026-03-05T00:00:00Z', action: 'transition', changes: { stage: ['new', 'contacted'] } },
 *   { at: '2026-03-01T00:00:00Z', action: 'create', changes: { name: [null, 'Hilton'], stage: [null, 'new'] } },
 * ], 'stage', 'contacted')
 * // [{ stage: 'new', from: '2026-03-01T00:00:00Z', to: '2026-03-05T00:00:00Z', visit: 1 },
 * //  { stage: 'contacted', from: '2026-03-05T00:00:00Z', to: null, visit: 1 }]
 */
export function stageSpans(entries: ReadonlyArray<Pick<HistoryEntry, 'at' | 'changes'>>, stageField: string, current: string | null | undefined): StageSpan[] {
  const spans: Array<Omit<StageSpan, 'visit'>> = [];
  let open: Omit<StageSpan, 'visit'> | undefined;
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!;
    if (!entry.changes || !(stageField in entry.changes)) continue;
    const change = entry.changes[stageField];
    const [before, after] = Array.isArray(change) ? change : [undefined, change];
    if (before === after) continue;
    if (open) spans.push({ ...open, to: entry.at });
    else if (typeof before === 'string') spans.push({ stage: before, from: null, to: entry.at });
    open = typeof after === 'string' ? { stage: after, from: entry.at, to: null } : undefined;
  }
  if (typeof current === 'string') spans.push(open ? { ...open, stage: current } : { stage: current, from: null, to: null });
  else if (open && current === undefined) spans.push(open);
  const seen = new Map<string, number>();
  return spans.map((span) => {
    const visit = (seen.get(span.stage) ?? 0) + 1;
    seen.set(span.stage, visit);
    return { ...span, visit };
  });
}

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/**
 * How long a stay took, in the words a salesperson uses: days and hours, hours and minutes
 * under a day, whole days from ten days on.
 *
 * @example
 * durationText(3 * 86_400_000 + 4 * 3_600_000, 'en') // '3 d 4 h'
 * durationText(45 * 60_000, 'zh')                      // '45 分钟'
 */
export function durationText(ms: number, locale: UiLocale): string {
  if (ms < minute) return translate('durationUnderMinute', locale);
  const d = Math.floor(ms / day);
  const h = Math.floor((ms % day) / hour);
  const m = Math.floor((ms % hour) / minute);
  if (d >= 10 || (d > 0 && h === 0)) return translate('durationDays', locale, { d });
  if (d > 0) return translate('durationDaysHours', locale, { d, h });
  if (h > 0) return m === 0 ? translate('durationHours', locale, { h }) : translate('durationHoursMinutes', locale, { h, m });
  return translate('durationMinutes', locale, { m });
}
