import { Alert, Segmented, Select, Typography } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';
import { LoadMore } from '../lists/load-more.tsx';
import { paths } from '../routing/app-routes.ts';
import { navigate, useLocation } from '../routing/router.ts';
import { useSession } from '../session/tenant-session.tsx';
import { EmptyState, ErrorState, LoadingState } from '../shell/page-states.tsx';
import { useWorkOrders, useWorkQueues } from './use-work-orders.ts';
import { WorkOrderItem } from './work-order-item.tsx';
import { mayActOn, workOrderCount, workOrderSearch, workOrderStates, workOrderView, type WorkOrderState } from './work-order-types.ts';

/**
 * `/work-orders`: my queue, most urgent first; done / skip with an outcome. Done and skipped
 * orders (the last closed first) can be looked back on and reopened. A manager picks a direct
 * report's queue to look at (an admin anyone's): `?assignee=…&state=…`.
 */
export function WorkOrdersPage() {
  const { t } = useI18n();
  const { me, tenant } = useSession();
  const { search } = useLocation();
  const view = workOrderView(search, me.id);
  const { queues, reload: reloadQueues } = useWorkQueues();
  const { pages, orders, titles, close } = useWorkOrders(view.assignee, view.state);
  // Each tab or queue is an entry in the browser's history: Back returns to the previous one.
  const show = (next: Partial<typeof view>) => navigate(`${paths.workOrders(tenant)}${workOrderSearch({ ...view, ...next }, me.id)}`);
  const mayAct = mayActOn(view.assignee, me);
  const someoneElse = view.assignee === me.id ? undefined : queues.find((q) => q.userId === view.assignee);
  const onClose: typeof close = async (...args) => {
    await close(...args);
    reloadQueues();
  };
  return (
    <section aria-labelledby="wo-title">
      <div className="shoal-page-head">
        <Typography.Title level={2} id="wo-title" style={{ fontSize: 20 }}>{t('workOrders')}</Typography.Title>
        {!pages.loading && pages.error === undefined && <Typography.Text type="secondary">{workOrderCount(t, orders.length, pages.hasMore)}</Typography.Text>}
        <span className="shoal-spacer" />
        {queues.length > 1 && (
          <Select
            aria-label={t('queueOf')} style={{ minWidth: 260 }} showSearch={{ optionFilterProp: 'search' }} value={view.assignee}
            onChange={(assignee: string) => show({ assignee })}
            options={queues.map((q) => ({
              value: q.userId, search: `${q.name} ${q.email}`,
              label: (
                <span>
                  {q.userId === me.id ? t('queueMine', { name: q.name }) : q.active ? q.name : t('queueLeft', { name: q.name })}
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>{t('queueCounts', { open: q.open, closed: q.closedToday })}</Typography.Text>
                </span>
              ),
            }))}
          />
        )}
        <Segmented<WorkOrderState> value={view.state} onChange={(state) => show({ state })}
          options={workOrderStates.map((state) => ({ value: state, label: t(`workOrderState_${state}`) }))} />
      </div>
      {/* Only for a queue the viewer may look at (it is in their picker); a forbidden one shows just the error below. */}
      {!mayAct && someoneElse && pages.error === undefined && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('lookingAtQueue', { name: someoneElse.name })} />}
      {pages.loading && <LoadingState />}
      {pages.error !== undefined && <ErrorState error={pages.error} onRetry={pages.reload} what={t('workOrders')} />}
      {!pages.loading && pages.error === undefined && orders.length === 0 && <EmptyState text={t(view.state === 'open' && mayAct ? 'noWorkOrders' : 'noWorkOrdersHere')} />}
      <div className="shoal-card-list">
        {/* While another tab or queue loads, the previous one's cards (and their buttons) are not shown. */}
        {!pages.loading && orders.map((order, i) => (
          <WorkOrderItem key={order.id} order={order} rank={view.state === 'open' ? i : undefined} recordTitle={titles.get(order.recordId)} mayAct={mayAct} onClose={onClose} />
        ))}
      </div>
      <LoadMore hasMore={pages.hasMore} loading={pages.loadingMore} onMore={pages.loadMore} shown={orders.length} total={undefined} />
    </section>
  );
}
