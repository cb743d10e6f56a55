import type { StageDefinition } from '../../../../../platform/metadata/metadata-types.ts';
import { keyLabel, type UiLocale } from '../../shared/labels.ts';
import { translate } from '../i18n/translate.ts';
import { dateTime, type FormatContext } from '../metadata/format-value.ts';
import { durationText, type StageSpan } from './stage-spans.ts';

/** A stay as the stage history shows it: in the chart and, the same, in words beside it. */
export interface SpanRow {
  key: string;
  stage: string;
  kind: string;
  /** The record came back to this stage. */
  again: boolean;
  /** Where the bar starts: the entry, or (unknown) the oldest history read. */
  start: number;
  /** Where it ends: leaving, now while it is still there, its start for a won/lost end. */
  end: number;
  /** Still in this open stage. */
  running: boolean;
  /** The record's way ended in this won or lost stage. */
  ended: boolean;
  fromText: string;
  toText: string;
  durationText: string;
}

/**
 * The rows of a record's stage history. `since` is the time of the oldest history entry read:
 * a stay that began before it lasted at least from then ("over 3 d"). A record now in a won or
 * lost stage ended there: that stay has no running time.
 */
export function stageHistoryRows(spans: StageSpan[], stages: readonly StageDefinition[], since: string | undefined, now: number, ctx: FormatContext): SpanRow[] {
  const { locale } = ctx;
  const sinceTime = since ? Date.parse(since) : now;
  return spans.map((span, i): SpanRow => {
    const definition = stages.find((s) => s.key === span.stage);
    const kind = definition?.kind ?? 'open';
    const start = span.from ? Date.parse(span.from) : Math.min(sinceTime, span.to ? Date.parse(span.to) : now);
    const ended = span.to === null && kind !== 'open';
    const end = span.to ? Date.parse(span.to) : ended ? start : now;
    const took = durationText(end - start, locale);
    return {
      key: `${i}`,
      stage: keyLabel(definition?.label, locale, span.stage),
      kind,
      again: span.visit > 1,
      start,
      end,
      running: span.to === null && !ended,
      ended,
      fromText: span.from ? dateTime(span.from, ctx) : translate('stageBeforeHistory', locale),
      toText: span.to ? dateTime(span.to, ctx) : ended ? '—' : translate('stageStillHere', locale),
      durationText: ended ? translate('stageEndedHere', locale)
        : span.from === null ? translate('stageOver', locale, { duration: took })
        : span.to === null ? translate('stageSoFar', locale, { duration: took })
        : took,
    };
  });
}

/** One row in a sentence, for the chart's tooltip and its description for screen readers. */
export function spanSentence(row: SpanRow, locale: UiLocale): string {
  return translate('stageSpanText', locale, { stage: row.stage, from: row.fromText, to: row.toText, duration: row.durationText });
}
