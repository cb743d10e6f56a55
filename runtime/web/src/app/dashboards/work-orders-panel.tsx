import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useAsync } from '../data/use-async.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Page } from '../lists/use-record-pages.ts';
import { paths } from '../routing/app-routes.ts';
import { Link } from '../routing/link.tsx';
import { navigate } from '../routing/router.ts';
import { useSession } from '../session/tenant-session.tsx';
import { EmptyState, ErrorState, LoadingState } from '../shell/page-states.tsx';
import { ruleTitle } from '../work-orders/work-order-text.ts';
import { countByRule, queueName, rulePlaces, wholeTeam, workOrderSearch, type WorkOrder, type WorkQueue } from '../work-orders/work-order-types.ts';
import { Chart } from './chart.tsx';

/** How many open orders the by-rule chart counts at most (one page of the largest size). */
const counted = 500;

/**
 * Work orders at a glance: what is open and what was closed today, for the viewer's own queue or,
 * for a manager (an admin), the whole team's (`GET /work-orders/queues`). One's own open orders by
 * the rule that gave them, the rules in run order; a team's per person, a bar opening that
 * person's queue. Each figure opens the queue it counts.
 */
export function WorkOrdersPanel() {
  const { api, tenant, me, document } = useSession();
  const { t, locale } = useI18n();
  const { data, error, loading } = useAsync(async () => {
    const queues = (await api.get<{ data: WorkQueue[] }>('/work-orders/queues')).data;
    if (queues.length > 1) return { queues, byRule: undefined };
    const page = await api.get<Page>('/work-orders', { assignee: 'me', state: 'open', limit: counted });
    return { queues, byRule: { rows: countByRule(page.data as unknown as WorkOrder[], rulePlaces(document)), more: page.nextCursor !== null } };
  }, [api, document]);
  const team = (data?.queues.length ?? 0) > 1;
  const queueOf = (assignee: string, state: 'open' | 'done' = 'open') => `${paths.workOrders(tenant)}${workOrderSearch({ assignee, state }, me.id)}`;
  const whose = team ? wholeTeam : me.id;
  const totals = { open: (data?.queues ?? []).reduce((n, q) => n + q.open, 0), closedToday: (data?.queues ?? []).reduce((n, q) => n + q.closedToday, 0) };
  const ruleName = (rule: string | null) => (rule ? ruleTitle(document, rule, locale) : t('noRule'));
  const option = useMemo(() => {
    if (!data) return undefined;
    if (team) {
      return {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: data.queues.map((q) => queueName(t, q, me.id)), axisLabel: { interval: 0, rotate: data.queues.length > 6 ? 30 : 0 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { type: 'bar', name: t('workOrderState_open'), data: data.queues.map((q) => q.open), label: { show: true, position: 'top' } },
          { type: 'bar', name: t('closedToday'), data: data.queues.map((q) => q.closedToday), label: { show: true, position: 'top' }, itemStyle: { color: '#52c41a' } },
        ],
      };
    }
    const rows = data.byRule?.rows ?? [];
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      // The rule run first at the top.
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => ruleName(r.rule)) },
      series: [{ type: 'bar', name: t('workOrderState_open'), data: rows.map((r) => r.count), label: { show: true, position: 'right' } }],
    };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, locale]);
  const linked = (to: string) => (value: ReactNode) => <Link to={to}>{value}</Link>;
  return (
    <Card size="small" title={team ? `${t('workOrders')} · ${t('queueTeam')}` : t('workOrders')}>
      {loading && <LoadingState rows={4} />}
      {error !== undefined && <ErrorState error={error} what={t('workOrders')} />}
      {data && option && (
        <>
          <Row gutter={12}>
            <Col xs={12}><Statistic title={t('workOrderState_open')} value={totals.open} valueRender={linked(queueOf(whose))} /></Col>
            <Col xs={12}><Statistic title={t('closedToday')} value={totals.closedToday} valueRender={linked(queueOf(whose, 'done'))} /></Col>
          </Row>
          <div style={{ marginTop: 12, fontWeight: 500 }}>{t(team ? 'openByPerson' : 'openByRule')}</div>
          {team || (data.byRule?.rows.length ?? 0) > 0
            ? <Chart option={option} height={team ? 240 : Math.max(120, 40 * (data.byRule?.rows.length ?? 0) + 24)} label={t(team ? 'openByPerson' : 'openByRule')}
              onPick={(i) => { const q = data.queues[i]; navigate(team && q ? queueOf(q.userId) : queueOf(me.id)); }} />
            : <EmptyState text={t('noWorkOrders')} />}
          {data.byRule?.more && <Typography.Text type="secondary">{t('firstCounted', { count: counted })}</Typography.Text>}
        </>
      )}
    </Card>
  );
}
