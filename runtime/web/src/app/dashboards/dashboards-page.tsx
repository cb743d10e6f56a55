import { Col, Row, Typography } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';
import { componentEnabled } from '../metadata/object-info.ts';
import { useSession } from '../session/tenant-session.tsx';
import { EmptyState } from '../shell/page-states.tsx';
import { FunnelPanel } from './funnel-panel.tsx';
import { LeaderboardPanel } from './leaderboard-panel.tsx';
import { PoolHealthPanel } from './pool-health-panel.tsx';
import { WorkloadPanel } from './workload-panel.tsx';
import { WorkOrdersPanel } from './work-orders-panel.tsx';

/**
 * `/dashboards` (its own chunk with echarts): work orders (one's own, or a manager's team's) where
 * they are on, funnels, pool health, workload and the leaderboard, all live.
 */
export function DashboardsPage() {
  const { document, objectMap } = useSession();
  const { t } = useI18n();
  const pipelines = Object.entries(document.pipelines ?? {}).filter(([, p]) => objectMap.has(p.object));
  const pools = componentEnabled(document, 'pools') ? Object.entries(document.pools ?? {}).filter(([, p]) => objectMap.has(p.object)) : [];
  const workOrders = componentEnabled(document, 'workOrders');
  return (
    <section aria-labelledby="dash-title">
      <div className="shoal-page-head">
        <Typography.Title level={2} id="dash-title" style={{ fontSize: 20 }}>{t('dashboards')}</Typography.Title>
      </div>
      {pipelines.length === 0 && pools.length === 0 && !workOrders && <EmptyState />}
      <Row gutter={[12, 12]}>
        {pipelines.map(([key, pipeline]) => {
          const object = objectMap.get(pipeline.object)!;
          return [
            <Col key={`f-${key}`} xs={24} xl={14}><FunnelPanel pipelineKey={key} pipeline={pipeline} stageField={object.stageField ?? pipeline.field} /></Col>,
            <Col key={`l-${key}`} xs={24} xl={10}><LeaderboardPanel object={object} pipeline={pipeline} /></Col>,
          ];
        })}
        {pools.map(([key, pool]) => [
          <Col key={`h-${key}`} xs={24} xl={12}><PoolHealthPanel poolKey={key} pool={pool} /></Col>,
          <Col key={`w-${key}`} xs={24} xl={12}><WorkloadPanel poolKey={key} pool={pool} /></Col>,
        ])}
        {workOrders && <Col xs={24} xl={12}><WorkOrdersPanel /></Col>}
      </Row>
    </section>
  );
}
