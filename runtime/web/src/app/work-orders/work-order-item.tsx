import { CheckOutlined, ForwardOutlined } from '@ant-design/icons';
import { Button, Card, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { dateTime } from '../metadata/format-value.ts';
import { objectLabel } from '../metadata/object-info.ts';
import { paths } from '../routing/app-routes.ts';
import { Link } from '../routing/link.tsx';
import { useSession } from '../session/tenant-session.tsx';
import type { WorkOrder } from './work-order-types.ts';

interface Props {
  order: WorkOrder;
  /** Its position in my queue (0 first); not shown where the list is not the queue. */
  rank?: number;
  recordTitle: string | undefined;
  onClose: (order: WorkOrder, state: 'done' | 'skipped', outcome: string) => Promise<void>;
}

/** One work order: what to do, with which record, and done / skip with an outcome. */
export function WorkOrderItem({ order, rank, recordTitle, onClose }: Props) {
  const { t, locale } = useI18n();
  const { tenant, objectMap, format } = useSession();
  const [closing, setClosing] = useState<'done' | 'skipped' | undefined>(undefined);
  const [outcome, setOutcome] = useState('');
  const [busy, setBusy] = useState(false);
  const object = objectMap.get(order.object);
  const submit = async () => {
    if (!closing) return;
    setBusy(true);
    try {
      await onClose(order, closing, outcome.trim());
      setClosing(undefined);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Space orientation="vertical" size={0}>
          <Space wrap size={4}>
            {rank !== undefined && <Tag color={rank < 3 ? 'red' : 'blue'}>{t('priority')} #{rank + 1}</Tag>}
            <Link to={paths.record(tenant, order.object, order.recordId)}>{recordTitle ?? order.title ?? order.recordId.slice(0, 8)}</Link>
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[order.title && recordTitle ? order.title : undefined, objectLabel(object, locale), order.rule, dateTime(order.createdAt, format)].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Space>
        {order.state === 'open' ? (
          <Space>
            <Button type="primary" icon={<CheckOutlined />} onClick={() => setClosing('done')}>{t('done')}</Button>
            <Button icon={<ForwardOutlined />} onClick={() => setClosing('skipped')}>{t('skip')}</Button>
          </Space>
        ) : <Tag>{t(order.state === 'done' ? 'done' : 'skip')}</Tag>}
      </Space>
      <Modal open={closing !== undefined} title={closing === 'done' ? t('done') : t('skip')} okText={closing === 'done' ? t('done') : t('skip')} cancelText={t('cancel')}
        okButtonProps={{ loading: busy }} onOk={() => void submit()} onCancel={() => setClosing(undefined)} destroyOnHidden>
        <Input.TextArea aria-label={t('outcome')} placeholder={t('outcomeHint')} value={outcome} maxLength={2000} autoSize={{ minRows: 2 }}
          onChange={(e) => setOutcome(e.target.value)} />
      </Modal>
    </Card>
  );
}
