import { describe, expect, it } from 'vitest';
import type { StageDefinition } from '../../../../../platform/metadata/metadata-types.ts';
import type { FormatContext } from '../metadata/format-value.ts';
import { historyOption } from './stage-history-chart.ts';
import { stageHistoryRows } from './stage-history-rows.ts';

const en: FormatContext = { locale: 'en', objects: new Map(), timeZone: 'Asia/Shanghai' };
const at = (day: number) => new Date(Date.UTC(2026, 2, day)).toISOString();

describe('the stage history chart', () => {
  it('shows a stage name in its tooltip as text, never as HTML', () => {
    const attack = '<img src=x onerror=alert(1)>';
    const stages: StageDefinition[] = [{ key: 'new', label: { en: attack }, kind: 'open' }];
    // A stage no longer in the pipeline shows by its key, which the history may hold as anything.
    const rows = stageHistoryRows([
      { stage: 'new', from: at(1), to: at(4), visit: 1 },
      { stage: '"><svg onload=alert(2)>', from: at(4), to: null, visit: 1 },
    ], stages, at(1), Date.parse(at(30)), en);
    const tooltip = (historyOption(rows, en) as { tooltip: { formatter: (p: { dataIndex: number }) => string } }).tooltip;
    const first = tooltip.formatter({ dataIndex: 0 });
    expect(first).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(first).not.toContain('<');
    expect(tooltip.formatter({ dataIndex: 1 })).toContain('&quot;&gt;&lt;svg onload=alert(2)&gt;');
  });

  it('labels a span of a few days by day, a tick a day apart at least (not "03-02 03-02")', () => {
    const stages: StageDefinition[] = [{ key: 'new', kind: 'open' }, { key: 'won', kind: 'won' }];
    const rows = stageHistoryRows([
      { stage: 'new', from: at(1), to: at(4), visit: 1 },
      { stage: 'won', from: at(4), to: null, visit: 1 },
    ], stages, at(1), Date.parse(at(4)), en);
    const axis = (historyOption(rows, en) as { xAxis: { minInterval?: number; axisLabel: { formatter: (v: number) => string } } }).xAxis;
    expect(axis.axisLabel.formatter(Date.parse(at(2)))).toBe('Mar 2');
    expect(axis.minInterval).toBe(86_400_000);
    const zh = { ...en, locale: 'zh' as const };
    const chinese = (historyOption(rows, zh) as { xAxis: { axisLabel: { formatter: (v: number) => string } } }).xAxis;
    expect(chinese.axisLabel.formatter(Date.parse(at(2)))).toBe('03-02');
  });

  it('labels a span within a day by the minute, the reader\'s way', () => {
    const stages: StageDefinition[] = [{ key: 'new', kind: 'open' }];
    const morning = new Date(Date.UTC(2026, 2, 2, 1, 0)).toISOString();
    const rows = stageHistoryRows([{ stage: 'new', from: morning, to: null, visit: 1 }], stages, morning, Date.parse(morning) + 3_600_000, en);
    const label = (ctx: FormatContext) => (historyOption(rows, ctx) as { xAxis: { axisLabel: { formatter: (v: number) => string } } }).xAxis.axisLabel.formatter(Date.parse(morning));
    expect(label(en)).toBe('Mar 2, 9:00 AM');
    expect(label({ ...en, locale: 'zh' })).toBe('03-02 09:00');
  });
});
