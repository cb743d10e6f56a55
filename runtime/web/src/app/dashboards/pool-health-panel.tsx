import { Card, Col, Row, Statistic } from 'antd';
import { useMemo, type ReactNode } from 'react';
import type { PoolDefinition } from '../../../../../platform/metadata/metadata-types.ts';
import { keyLabel } from '../../shared/labels.ts';
import { useAsync } from '../data/use-async.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { mergeReleaseCounts, poolReleaseReasons, releaseReasonText } from '../i18n/release-reasons.ts';
import { paths } from '../routing/app-routes.ts';
import { Link } from '../routing/link.tsx';
import { navigate } from '../routing/router.ts';
import { useSession } from '../session/tenant-session.tsx';
import { EmptyState, ErrorState, LoadingState } from '../shell/page-states.tsx';
import { Chart } from './chart.tsx';
import { countWhere, groupCounts } from './dashboard-data.ts';

const sweepReasons = ['hold_expired', 'no_visit', 'not_won'];

/** Public vs private, claims this week and releases by reason over the last 30 days; each figure opens the records it counts. */
export function PoolHealthPanel({ poolKey, pool }: { poolKey: string; pool: PoolDefinition }) {
  const { api, tenant, objectMap } = useSession();
  const { t, locale } = useI18n();
  // This pool's records only, where the object has others (the server knows the field `pool`, and the caller may read it).
  const ofPool = (where: Record<string, unknown>) => (objectMap.get(pool.object)?.fieldMap.get('pool')?.readable ? { pool: poolKey, ...where } : where);
  const { data, error, loading } = useAsync(async () => {
    const [publicCount, privateCount, claimed, releases] = await Promise.all([
      countWhere(api, pool.object, ofPool({ poolState: 'public' })),
      countWhere(api, pool.object, ofPool({ poolState: 'private' })),
      countWhere(api, pool.object, ofPool({ claimedAt: { $gte: 'now-7d' } })),
      groupCounts(api, pool.object, 'releaseReason', ofPool({ releasedAt: { $gte: 'now-30d' } }), { values: sweepReasons }),
    ]);
    return { publicCount, privateCount, claimed, releases: mergeReleaseCounts(releases.rows.filter((r) => r.key)) };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, pool.object, poolKey]);
  const counted = (where: Record<string, unknown>) => paths.list(tenant, pool.object, undefined, ofPool(where));
  const linked = (to: string) => (value: ReactNode) => <Link to={to} title={t('openCountedList')}>{value}</Link>;
  // Its own reasons, and those it offered once (a publish kept their words).
  const reasons = poolReleaseReasons(pool);
  const reasonName = (key: string) => releaseReasonText(key, locale, reasons);
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
            <Col xs={8}><Statistic title={t('publicCount')} value={data.publicCount} valueRender={linked(paths.publicPool(tenant, poolKey))} /></Col>
            <Col xs={8}><Statistic title={t('privateCount')} value={data.privateCount} valueRender={linked(counted({ poolState: 'private' }))} /></Col>
            <Col xs={8}><Statistic title={t('claimsThisWeek')} value={data.claimed} valueRender={linked(counted({ claimedAt: { $gte: 'now-7d' } }))} /></Col>
          </Row>
          <div style={{ marginTop: 12, fontWeight: 500 }}>{t('releasesByReason')} · {t('last30Days')}</div>
          {data.releases.length > 0 ? <Chart option={option} height={200} label={t('releasesByReason')}
            onPick={(i) => { const row = data.releases[i]; if (row) navigate(counted({ releaseReason: row.stored.length === 1 ? row.stored[0] : { $in: row.stored }, releasedAt: { $gte: 'now-30d' } })); }} /> : <EmptyState />}
        </>
      )}
    </Card>
  );
}
