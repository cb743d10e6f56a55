import { Alert, Card, Segmented, Table, Tag, Typography } from 'antd';
import { useMemo, useState, type CSSProperties } from 'react';
import type { PipelineDefinition } from '../../../../../platform/metadata/metadata-types.ts';
import type { FilterJson } from '../../shared/filter-builder/filter-builder-types.ts';
import { keyLabel } from '../../shared/labels.ts';
import { isMissingEndpoint } from '../data/api-errors.ts';
import { combineWhere } from '../lists/list-query.ts';
import { paths } from '../routing/app-routes.ts';
import { Link } from '../routing/link.tsx';
import { navigate } from '../routing/router.ts';
import { useAsync } from '../data/use-async.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session/tenant-session.tsx';
import { ErrorState, LoadingState } from '../shell/page-states.tsx';
import { Chart } from './chart.tsx';
import { groupCounts } from './dashboard-data.ts';
import { reachedByStage } from './stats.ts';

interface FunnelRow {
  stage: string;
  entered: number;
  current: number | null;
  conversionRate: number | null;
  medianDaysInStage: number | null;
}

const periods = { '30': 30, '90': 90, all: 0 } as const;
export type FunnelPeriod = keyof typeof periods;

interface Props {
  pipelineKey: string;
  pipeline: PipelineDefinition;
  stageField: string;
  /** Only the records matching this filter (a hotel's leads: `{ hotel: id }`). */
  where?: FilterJson | undefined;
  /** A stage to point out (where the record on screen is), with the words for it. */
  marked?: { stage: string; tag: string; note: string } | undefined;
  /** The card's title; the funnel and pipeline by default. */
  title?: string | undefined;
  period?: FunnelPeriod;
  style?: CSSProperties;
  /** Counted again when this changes (the version of the record on screen, which a stage move bumps). */
  refreshKey?: unknown;
}

/** Funnel conversion by stage over a period (`/pipelines/{p}/funnel`), or live stage counts where that is missing. */
export function FunnelPanel({ pipelineKey, pipeline, stageField, where, marked, title, period: initialPeriod = '90', style, refreshKey }: Props) {
  const { api, tenant } = useSession();
  const { t, locale } = useI18n();
  const [period, setPeriod] = useState<FunnelPeriod>(initialPeriod);
  const whereKey = where ? JSON.stringify(where) : '';
  const { data, error, loading } = useAsync(async (): Promise<{ rows: FunnelRow[]; live: boolean }> => {
    const days = periods[period];
    const from = days ? new Date(Date.now() - days * 86_400_000).toISOString() : undefined;
    try {
      const result = await api.get<{ stages: Array<FunnelRow & { kind: string }> }>(`/pipelines/${pipelineKey}/funnel`, { from, where });
      return { rows: result.stages.filter((s) => s.kind !== 'lost'), live: false };
    } catch (failure) {
      if (!isMissingEndpoint(failure)) throw failure;
      const { rows } = await groupCounts(api, pipeline.object, stageField, where, { values: pipeline.stages.map((s) => s.key) });
      const counts = new Map(rows.map((r) => [r.key, r.count]));
      return {
        live: true,
        rows: reachedByStage(pipeline.stages, counts).map((r) => ({
          stage: r.stage, entered: r.reached, current: counts.get(r.stage) ?? 0, conversionRate: r.rate, medianDaysInStage: null,
        })),
      };
    }
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, pipelineKey, period, whereKey, refreshKey]);
  const name = (key: string) => keyLabel(pipeline.stages.find((s) => s.key === key)?.label, locale, key);
  const option = useMemo(() => ({
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    series: [{
      // The narrowest step still holds its words (已签约 10): below that, the label hung off it onto the white.
      type: 'funnel', sort: 'none', left: '10%', width: '80%', minSize: '30%', gap: 2,
      label: { show: true, position: 'inside', formatter: '{b} {c}' },
      data: (data?.rows ?? []).map((r) => (r.stage === marked?.stage
        ? { name: name(r.stage), value: r.entered, itemStyle: { borderColor: '#fa8c16', borderWidth: 3 }, label: { formatter: `{b} {c} · ${marked.tag}` } }
        : { name: name(r.stage), value: r.entered })),
    }],
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }), [data, locale, marked?.stage, marked?.tag]);
  // A stage's leads now: the list whose total is the 当前 / Current figure.
  const stageList = (stage: string) => paths.list(tenant, pipeline.object, undefined, combineWhere(where, { [stageField]: stage }));
  const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
  return (
    <Card size="small" title={title ?? `${t('funnel')} · ${keyLabel(pipeline.label, locale, pipelineKey)}`} style={style}
      extra={<Segmented size="small" aria-label={t('period')} value={period} onChange={(v) => setPeriod(v as FunnelPeriod)}
        options={[{ value: '30', label: t('last30Days') }, { value: '90', label: t('last90Days') }, { value: 'all', label: t('allTime') }]} />}>
      {loading && <LoadingState rows={4} />}
      {error !== undefined && <ErrorState error={error} />}
      {data && (
        <>
          {data.live && <Alert type="info" showIcon title={t('liveFromCounts')} style={{ marginBottom: 8 }} />}
          <Chart option={option} label={t('funnel')} onPick={(i) => { const row = data.rows[i]; if (row) navigate(stageList(row.stage)); }} />
          <Table<FunnelRow> size="small" rowKey="stage" pagination={false} dataSource={data.rows} scroll={{ x: 'max-content' }}
            columns={[
              { key: 'stage', title: t('stage'), render: (_, r) => <>{name(r.stage)}{r.stage === marked?.stage && <Tag color="orange" style={{ marginInlineStart: 6 }}>{marked.tag}</Tag>}</> },
              { key: 'entered', title: t('entered'), dataIndex: 'entered', align: 'right' },
              { key: 'current', title: t('current'), render: (_, r) => (r.current === null ? '—' : <Link to={stageList(r.stage)} title={t('openStageList', { stage: name(r.stage) })}>{r.current}</Link>), align: 'right' },
              { key: 'rate', title: t('conversion'), render: (_, r) => percent(r.conversionRate), align: 'right' },
              { key: 'days', title: t('medianDays'), render: (_, r) => (r.medianDaysInStage === null ? '—' : r.medianDaysInStage.toFixed(1)), align: 'right' },
            ]} />
          {marked && <Typography.Paragraph style={{ margin: '8px 0 0' }}>{marked.note}</Typography.Paragraph>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('funnelFootnote')}</Typography.Text>
        </>
      )}
    </Card>
  );
}
