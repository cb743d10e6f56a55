import type { EChartsOption } from '../dashboards/echarts-setup.ts';
import { dateTime, type FormatContext } from '../metadata/format-value.ts';
import { spanSentence, type SpanRow } from './stage-history-rows.ts';

const kindColors: Record<string, string> = { open: '#1677ff', won: '#52c41a', lost: '#ff4d4f' };
/** The open stage the record is in: lighter, its bar still growing. */
const runningColor = '#69b1ff';

/**
 * Bars on a time axis: a transparent bar up to each stay's start with the stay stacked on it
 * (the bar charts the dashboards load; no extra echarts module). Earliest stay on top.
 */
export function historyOption(rows: SpanRow[], format: FormatContext): EChartsOption {
  if (rows.length === 0) return {};
  const first = Math.min(...rows.map((r) => r.start));
  const last = Math.max(...rows.map((r) => r.end));
  const range = Math.max(last - first, 60_000);
  // A won/lost end is a short mark at the right; leave it room.
  const max = last + range * 0.03;
  const shortDates = range > 2 * 86_400_000;
  const axisDate = (value: number) => dateTime(new Date(value).toISOString(), format, shortDates ? 'shortDay' : 'shortMinute');
  const sentences = rows.map((r) => spanSentence(r, format.locale));
  return {
    aria: { enabled: true, label: { description: sentences.join('; ') } },
    // A function's answer is HTML to echarts (a template's values it escapes itself): stage names are text.
    tooltip: { trigger: 'item', formatter: (p: unknown) => escapeHtml(sentences[(p as { dataIndex: number }).dataIndex] ?? '') },
    grid: { left: 8, right: 96, top: 8, bottom: 8, containLabel: true },
    // Labels by day over a span of days: ticks at least a day apart, or two read "12-05 12-05".
    xAxis: { type: 'value', min: first, max, splitNumber: 4, ...(shortDates ? { minInterval: 86_400_000 } : {}), axisLabel: { formatter: axisDate, hideOverlap: true, showMaxLabel: false } },
    yAxis: {
      type: 'category', inverse: true, data: rows.map((r) => r.key),
      axisLabel: { formatter: (key: string) => { const row = rows[Number(key)]; return row ? `${row.stage}${row.again ? ' ↺' : ''}` : ''; } },
    },
    series: [
      { type: 'bar', stack: 'stay', silent: true, itemStyle: { color: 'transparent' }, tooltip: { show: false }, data: rows.map((r) => r.start) },
      {
        type: 'bar', stack: 'stay', barMaxWidth: 22, barMinHeight: 6,
        label: { show: true, position: 'right', formatter: (p: unknown) => rows[(p as { dataIndex: number }).dataIndex]?.durationText ?? '' },
        data: rows.map((r) => ({ value: r.end - r.start, itemStyle: { color: r.running ? runningColor : kindColors[r.kind] ?? kindColors.open } })),
      },
    ],
  } as EChartsOption;
}

const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for a place that takes HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => htmlEntities[c]!);
}
