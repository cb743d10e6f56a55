import { Alert, Card, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { labelOf, type Label } from '../../shared/labels.ts';
import { Chart } from '../dashboards/chart.tsx';
import { useAsync } from '../data/use-async.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { ApiRecord } from '../lists/use-record-pages.ts';
import { pipelineOf, type ObjectInfo } from '../metadata/object-info.ts';
import { useSession } from '../session/tenant-session.tsx';
import { EmptyState, ErrorState, LoadingState } from '../shell/page-states.tsx';
import { readHistoryOnce } from './record-history.ts';
import { historyOption } from './stage-history-chart.ts';
import { stageHistoryRows, type SpanRow } from './stage-history-rows.ts';
import { stageSpans } from './stage-spans.ts';

/**
 * `{ chart: history }`: the record's way through its pipeline, one bar per stay from entering to
 * leaving (the stage it is in runs to now), and the same in a table.
 */
export function StageHistoryCard({ object, record, label }: { object: ObjectInfo; record: ApiRecord; label?: Label | undefined }) {
  const { api, document, format } = useSession();
  const { t, locale } = useI18n();
  const stageField = object.stageField ?? undefined;
  // A stage the caller may not read is absent from the record; so are its changes from the history.
  const readable = stageField !== undefined && object.fieldMap.get(stageField)?.readable === true && stageField in record;
  const { data, error, loading, reload } = useAsync(async () => {
    if (!readable) return undefined;
    const read = await readHistoryOnce(api, object.key, record.id, record.version);
    return { ...read, now: Date.now() };
  }, [api, object.key, record.id, record.version, readable]);
  const pipeline = pipelineOf(object, document);
  const rows = useMemo(() => {
    if (!data || !stageField) return [];
    const spans = stageSpans(data.entries, stageField, record[stageField] as string | null);
    return stageHistoryRows(spans, pipeline?.stages ?? [], data.entries[data.entries.length - 1]?.at, data.now, format);
  }, [data, stageField, record, pipeline, format]);
  const option = useMemo(() => historyOption(rows, format), [rows, format]);
  const title = label ? labelOf(label, locale) : t('stageHistory');

  let body;
  if (!readable) body = <Typography.Text type="secondary">{t('stageHistoryHidden')}</Typography.Text>;
  else if (error !== undefined) body = <ErrorState error={error} onRetry={reload} />;
  else if (loading && !data) body = <LoadingState rows={3} />;
  else if (rows.length === 0) body = <EmptyState text={t('noStageChanges')} />;
  else {
    body = (
      <>
        {data && !data.complete && <Alert type="info" showIcon title={t('stageHistoryPartial', { count: data.entries.length })} style={{ marginBottom: 8 }} />}
        <Chart option={option} height={48 + rows.length * 34} label={title} />
        <Table<SpanRow> size="small" rowKey="key" pagination={false} dataSource={rows} scroll={{ x: 'max-content' }}
          columns={[
            { key: 'stage', title: t('stage'), render: (_, r) => <>{r.stage}{r.again && <Tag style={{ marginInlineStart: 6 }}>{t('stageAgain')}</Tag>}</> },
            { key: 'from', title: t('entered'), dataIndex: 'fromText' },
            { key: 'to', title: t('stageLeft'), dataIndex: 'toText' },
            { key: 'duration', title: t('stageTime'), dataIndex: 'durationText' },
          ]} />
        {rows.length === 1 && !rows[0]!.ended && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('noStageChanges')}</Typography.Text>}
      </>
    );
  }
  return <Card size="small" title={title} style={{ marginBottom: 12 }}>{body}</Card>;
}
