import { describe, expect, it } from 'vitest';
import { durationText, stageSpans } from './stage-spans.ts';

const at = (day: number, hour = 0) => new Date(Date.UTC(2026, 2, day, hour)).toISOString();
const created = (day: number, stage: string) => ({ at: at(day), action: 'create', changes: { name: [null, 'Hilton'], stage: [null, stage] } as Record<string, [unknown, unknown]> });
const moved = (day: number, from: string, to: string) => ({ at: at(day), action: 'transition', changes: { stage: [from, to] } as Record<string, [unknown, unknown]> });
const other = (day: number) => ({ at: at(day), action: 'claim', changes: { owner: [null, 'u1'], poolState: ['public', 'private'] } as Record<string, [unknown, unknown]> });
/** The server's order: newest first. */
const newestFirst = <T>(...entries: T[]) => entries.reverse();

describe('a record\'s stays in its stages, from its history', () => {
  it('keeps a record that never moved in its first stage since it was created', () => {
    expect(stageSpans(newestFirst(created(1, 'new'), other(2)), 'stage', 'new')).toEqual([
      { stage: 'new', from: at(1), to: null, visit: 1 },
    ]);
  });

  it('follows a record forward to a won stage, each stay ending where the next starts', () => {
    const history = newestFirst(created(1, 'new'), other(2), moved(3, 'new', 'contacted'), moved(8, 'contacted', 'negotiating'), other(9), moved(20, 'negotiating', 'signed'));
    expect(stageSpans(history, 'stage', 'signed')).toEqual([
      { stage: 'new', from: at(1), to: at(3), visit: 1 },
      { stage: 'contacted', from: at(3), to: at(8), visit: 1 },
      { stage: 'negotiating', from: at(8), to: at(20), visit: 1 },
      { stage: 'signed', from: at(20), to: null, visit: 1 },
    ]);
  });

  it('ends a lost record in Lost, and counts a stage it came back to', () => {
    const history = newestFirst(created(1, 'new'), moved(2, 'new', 'contacted'), moved(4, 'contacted', 'new'), moved(5, 'new', 'contacted'), moved(9, 'contacted', 'lost'));
    const spans = stageSpans(history, 'stage', 'lost');
    expect(spans.map((s) => [s.stage, s.visit])).toEqual([['new', 1], ['contacted', 1], ['new', 2], ['contacted', 2], ['lost', 1]]);
    expect(spans[3]).toEqual({ stage: 'contacted', from: at(5), to: at(9), visit: 2 });
    expect(spans[4]).toEqual({ stage: 'lost', from: at(9), to: null, visit: 1 });
  });

  it('starts a history read only in part with a stay of unknown start', () => {
    // The newest entries only: the record was in Contacted since before them.
    const history = newestFirst(other(6), moved(7, 'contacted', 'negotiating'));
    expect(stageSpans(history, 'stage', 'negotiating')).toEqual([
      { stage: 'contacted', from: null, to: at(7), visit: 1 },
      { stage: 'negotiating', from: at(7), to: null, visit: 1 },
    ]);
  });

  it('shows the record\'s stage with no start when the history says nothing about stages', () => {
    // A history of which the caller may read no stage change, or one written before the object had a stage.
    expect(stageSpans(newestFirst({ at: at(1), action: 'create', changes: { name: [null, 'Hilton'] } }, other(2)), 'stage', 'contacted')).toEqual([
      { stage: 'contacted', from: null, to: null, visit: 1 },
    ]);
    expect(stageSpans([], 'stage', null)).toEqual([]);
    expect(stageSpans(newestFirst(other(2)), 'stage', undefined)).toEqual([]);
  });

  it('takes where the record is now from the record itself (the history may name a renamed stage by its old key)', () => {
    const history = newestFirst(created(1, 'new'), moved(3, 'new', 'proposal'));
    expect(stageSpans(history, 'stage', 'quote').map((s) => s.stage)).toEqual(['new', 'quote']);
  });

  it('leaves out a stay the record has no stage after (a stage cleared)', () => {
    const history = newestFirst(created(1, 'new'), { at: at(3), action: 'update', changes: { stage: ['new', null] } });
    expect(stageSpans(history, 'stage', null)).toEqual([{ stage: 'new', from: at(1), to: at(3), visit: 1 }]);
  });
});

describe('how long a stay took, in words', () => {
  const minute = 60_000;
  const hour = 60 * minute;
  const day = 24 * hour;

  it('says days and hours, hours and minutes, or whole days', () => {
    expect(durationText(30_000, 'en')).toBe('under a minute');
    expect(durationText(45 * minute, 'en')).toBe('45 min');
    expect(durationText(2 * hour, 'en')).toBe('2 h');
    expect(durationText(2 * hour + 5 * minute, 'en')).toBe('2 h 5 min');
    expect(durationText(3 * day + 4 * hour + 59 * minute, 'en')).toBe('3 d 4 h');
    expect(durationText(3 * day + 20 * minute, 'en')).toBe('3 d');
    expect(durationText(12 * day + 7 * hour, 'en')).toBe('12 d');
  });

  it('in Chinese too', () => {
    expect(durationText(30_000, 'zh')).toBe('不到 1 分钟');
    expect(durationText(2 * hour + 5 * minute, 'zh')).toBe('2 小时 5 分钟');
    expect(durationText(3 * day + 4 * hour, 'zh')).toBe('3 天 4 小时');
    expect(durationText(40 * day, 'zh')).toBe('40 天');
  });
});
