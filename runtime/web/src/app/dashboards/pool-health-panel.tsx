import { Card, Col, Row, Statistic } from 'antd';
import { useMemo } from 'react';
import type { PoolDefinition } from '../../../../../platform/metadata/metadata-types.ts';
import { keyLabel } from '../../shared/labels.ts';
import { useAsync } from '../data/use-async.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { maybeTranslate } from '../i18n/translate.ts';
import { useSession } from '../session/tenant-session.tsx';
import { EmptyState, ErrorState, LoadingState } from '../shell/page-states.tsx';
import { Chart } from './chart.tsx';
import { countWhere, groupCounts } from './dashboard-data.ts';

const sweepReasons = ['hold_expired', 'no_visit', 'not_won'];

/** Public vs private, claims this week and releases by reason over the last 30 days. */
export function PoolHealthPanel({ poolKey, pool }: { poolKey: string; pool: PoolDefinition }) {
  const { api } = useSession();
  const { t, locale } = useI18n();
  const { data, error, loading } = useAsync(async () => {
    const [publicCount, privateCount, claimed, releases] = await Promise.all([
      countWhere(api, pool.object, { poolState: 'public' }),
      countWhere(api, pool.object, { poolState: 'private' }),
      countWhere(api, pool.object, { claimedAt: { $gte: 'now-7d' } }),
      groupCounts(api, pool.object, 'releaseReason', { releasedAt: { $gte: 'now-30d' } }, { values: sweepReasons }),
    ]);
    return { publicCount, privateCount, claimed, releases: releases.rows.filter((r) => r.key) };
  }, [api, pool.object]);
  const reasonName = (key: string) => maybeTranslate(`reason_${key}`, locale) ?? key;
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: (data?.releases ?? []).map((r) => reasonName(r.key)) },
    series: [{ type: 'bar', name: t('releasesByReason'), data: (data?.releases ?? []).map((r) => r.count), itemStyle: { color: '#d46b08' } }],
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }), [data, locale]);
  return (
    <Card size="small" title={`${t('poolHealth')} · ${keyLabel(pool.label, locale, poolKey)}`}>
      {loading && <LoadingState rows={4} />}
      {error !== undefined && <ErrorState error={error} />}
      {data && (
        <>
          <Row gutter={12}>
            <Col xs={8}><Statistic title={t('publicCount')} value={data.publicCount} /></Col>
            <Col xs={8}><Statistic title={t('privateCount')} value={data.privateCount} /></Col>
            <Col xs={8}><Statistic title={t('claimsThisWeek')} value={data.claimed} /></Col>
          </Row>
          <div style={{ marginTop: 12, fontWeight: 500 }}>{t('releasesByReason')} · {t('last30Days')}</div>
          {data.releases.length > 0 ? <Chart option={option} height={200} label={t('releasesByReason')} /> : <EmptyState />}
        </>
      )}
    </Card>
  );
}
