import { Typography } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';
import { LoadMore } from '../lists/load-more.tsx';
import { EmptyState, ErrorState, LoadingState } from '../shell/page-states.tsx';
import { useWorkOrders } from './use-work-orders.ts';
import { WorkOrderItem } from './work-order-item.tsx';
import { workOrderCount } from './work-order-types.ts';

/** `/work-orders`: my queue, most urgent first; done / skip with an outcome. */
export function WorkOrdersPage() {
  const { t } = useI18n();
  const { pages, orders, titles, close } = useWorkOrders();
  return (
    <section aria-labelledby="wo-title">
      <div className="shoal-page-head">
        <Typography.Title level={2} id="wo-title" style={{ fontSize: 20 }}>{t('workOrders')}</Typography.Title>
        {!pages.loading && pages.error === undefined && <Typography.Text type="secondary">{workOrderCount(t, orders.length, pages.hasMore)}</Typography.Text>}
      </div>
      {pages.loading && <LoadingState />}
      {pages.error !== undefined && <ErrorState error={pages.error} onRetry={pages.reload} what={t('workOrders')} />}
      {!pages.loading && pages.error === undefined && orders.length === 0 && <EmptyState text={t('noWorkOrders')} />}
      <div className="shoal-card-list">
        {orders.map((order, i) => <WorkOrderItem key={order.id} order={order} rank={i} recordTitle={titles.get(order.recordId)} onClose={close} />)}
      </div>
      <LoadMore hasMore={pages.hasMore} loading={pages.loadingMore} onMore={pages.loadMore} shown={orders.length} total={undefined} />
    </section>
  );
}
