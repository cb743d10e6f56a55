import { Card } from 'antd';
import { isMissingEndpoint } from '../data/api-errors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useRecordWorkOrders } from '../work-orders/use-work-orders.ts';
import { WorkOrderItem } from '../work-orders/work-order-item.tsx';

/**
 * My work orders on this record (the `workOrders` detail component), wherever they are in my
 * queue: open ones to act on, closed ones with how they ended (and Reopen); nothing when there
 * are none.
 */
export function RecordWorkOrders({ id }: { object: string; id: string }) {
  const { t } = useI18n();
  const { loading, error, orders, titles, close } = useRecordWorkOrders(id);
  if (loading || orders.length === 0 || (error !== undefined && isMissingEndpoint(error))) return null;
  return (
    <Card size="small" title={t('workOrders')} style={{ marginBottom: 12 }}>
      <div className="shoal-card-list">
        {orders.map((order) => <WorkOrderItem key={order.id} order={order} recordTitle={titles.get(order.recordId)} onClose={close} />)}
      </div>
    </Card>
  );
}
