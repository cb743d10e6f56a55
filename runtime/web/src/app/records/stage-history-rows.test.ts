import { describe, expect, it } from 'vitest';
import type { StageDefinition } from '../../../../../platform/metadata/metadata-types.ts';
import type { FormatContext } from '../metadata/format-value.ts';
import { spanSentence, stageHistoryRows } from './stage-history-rows.ts';

const stages: StageDefinition[] = [
  { key: 'new', label: { en: 'New', zh: '新线索' }, kind: 'open' },
  { key: 'contacted', label: { en: 'Contacted', zh: '已联系' }, kind: 'open' },
  { key: 'signed', label: { en: 'Signed', zh: '已签约' }, kind: 'won' },
  { key: 'lost', label: { en: 'Lost', zh: '已流失' }, kind: 'lost' },
];
const en: FormatContext = { locale: 'en', objects: new Map(), timeZone: 'Asia/Shanghai' };
const zh: FormatContext = { ...en, locale: 'zh' };
const at = (day: number) => new Date(Date.UTC(2026, 2, day)).toISOString();
const now = Date.parse(at(30));

describe('the stage history in words', () => {
  it('runs the stage the record is in to now, and a won end stops the clock', () => {
    const running = stageHistoryRows([
      { stage: 'new', from: at(1), to: at(4), visit: 1 },
      { stage: 'contacted', from: at(4), to: null, visit: 1 },
    ], stages, at(1), now, en);
    expect(running.map((r) => [r.stage, r.fromText, r.toText, r.durationText])).toEqual([
      ['New', 'Mar 1, 2026, 8:00 AM', 'Mar 4, 2026, 8:00 AM', '3 d'],
      ['Contacted', 'Mar 4, 2026, 8:00 AM', 'Still here', '26 d so far'],
    ]);
    expect(running[1]).toMatchObject({ running: true, ended: false, end: now });

    const won = stageHistoryRows([
      { stage: 'new', from: at(1), to: at(4), visit: 1 },
      { stage: 'signed', from: at(4), to: null, visit: 1 },
    ], stages, at(1), now, zh);
    expect(won[1]).toMatchObject({ stage: '已签约', kind: 'won', ended: true, running: false, toText: '—', durationText: '在此结束' });
    expect(won[1]!.end).toBe(won[1]!.start);
  });

  it('says a stay began before the history read, and lasted at least since then', () => {
    const rows = stageHistoryRows([
      { stage: 'contacted', from: null, to: at(10), visit: 1 },
      { stage: 'lost', from: at(10), to: null, visit: 1 },
    ], stages, at(7), now, en);
    expect(rows[0]).toMatchObject({ fromText: 'Before the history shown', durationText: 'over 3 d', start: Date.parse(at(7)) });
    expect(spanSentence(rows[1]!, 'en')).toBe('Lost: Mar 10, 2026, 8:00 AM – —, Ended here');
  });

  it('marks a stage the record came back to, and names a stage the pipeline no longer has in words', () => {
    const rows = stageHistoryRows([
      { stage: 'new', from: at(1), to: at(2), visit: 1 },
      { stage: 'proposalSent', from: at(2), to: at(3), visit: 1 },
      { stage: 'new', from: at(3), to: null, visit: 2 },
    ], stages, at(1), now, en);
    expect(rows.map((r) => [r.stage, r.again])).toEqual([['New', false], ['Proposal sent', false], ['New', true]]);
  });
});
