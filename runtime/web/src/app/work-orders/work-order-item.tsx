import { CheckOutlined, ForwardOutlined, UndoOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Input, Modal, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { keepFocusInList } from '../../shared/focus-after-removal.ts';
import { ctrlEnterWords, submitKeys } from '../forms/submit-keys.ts';
import { useDialogState } from '../forms/use-dialog-state.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { releaseReasonsOf } from '../i18n/release-reasons.ts';
import { dateTime } from '../metadata/format-value.ts';
import { objectLabel } from '../metadata/object-info.ts';
import { paths } from '../routing/app-routes.ts';
import { Link } from '../routing/link.tsx';
import { useSession } from '../session/tenant-session.tsx';
import { outcomeText, priorityReason, ruleTitle } from './work-order-text.ts';
import type { WorkOrder } from './work-order-types.ts';

interface Props {
  order: WorkOrder;
  /** Its position in its assignee's queue (0 first); not shown where the list is not the queue. */
  rank?: number;
  recordTitle: string | undefined;
  /** Whether the viewer may close or reopen it (false: a manager looking at a report's queue). */
  mayAct?: boolean;
  /** Whose it is, in a list of several people's (the whole team's); not shown in one person's queue. */
  assigneeName?: string;
  onClose: (order: WorkOrder, state: 'done' | 'skipped' | 'open', outcome: string) => Promise<void>;
}

/** One work order: what to do, with which record, and done / skip with an outcome; a closed one shows how it ended and can be reopened. */
export function WorkOrderItem({ order, rank, recordTitle, mayAct = true, assigneeName, onClose }: Props) {
  const { t, locale } = useI18n();
  const { tenant, objectMap, format, document } = useSession();
  const [closing, setClosing] = useState<'done' | 'skipped' | undefined>(undefined);
  // Empty each time Done or Skip opens the dialog: not the outcome of an earlier close of this order.
  const [outcome, setOutcome] = useDialogState(closing !== undefined, '');
  const [busy, setBusy] = useState(false);
  const object = objectMap.get(order.object);
  const title = recordTitle ?? order.title;
  // Each card's buttons say which record they act on (完成「…」), not one more 完成 among many.
  const named = (action: string) => (title ? t('actionOn', { action, name: title }) : undefined);
  const reopen = async () => {
    setBusy(true);
    try {
      await onClose(order, 'open', '');
    } catch {
      // The error is shown by onClose; the order stays as it was.
    } finally {
      setBusy(false);
    }
  };
  // The Done or Skip pressed: the order leaves the queue, and the focus goes on to the next one's.
  const opener = useRef<Element | null>(null);
  const submit = async () => {
    if (!closing) return;
    setBusy(true);
    const refocus = keepFocusInList(opener.current);
    try {
      await onClose(order, closing, outcome.trim());
      setClosing(undefined);
      refocus();
    } catch {
      // The error is shown by onClose; the dialog stays open to try again.
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Space orientation="vertical" size={0}>
          <Space wrap size={4}>
            {/* Its place in this queue (what to do first), not the rule's own ranking of the record, which a queue fed by several runs reorders. */}
            {assigneeName && <Tag icon={<UserOutlined />} title={t('workOrderAssignee', { name: assigneeName })}>{assigneeName}</Tag>}
            {rank !== undefined && <Tag color={rank < 3 ? 'red' : 'blue'}>{t('queuePlace', { n: rank + 1 })}</Tag>}
            {/* No title: the record is out of the viewer's reach now (released, given to someone else); no link to a 404. */}
            {title
              ? <Link to={paths.record(tenant, order.object, order.recordId)}>{title}</Link>
              : <Typography.Text type="secondary">{t('recordOutOfReach', { object: objectLabel(object, locale) })}</Typography.Text>}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {/* Why it is here and where it stands: the rule that gave it and the value it is ranked by, not the record's name again. */}
            {[order.rule ? ruleTitle(document, order.rule, locale) : objectLabel(object, locale), priorityReason(order, document, format)].filter(Boolean).join(' · ')}
            {/* A time is not broken at its hyphen (…· 2026- / 12-07 03:01 on a phone). */}
            {' · '}<time dateTime={order.createdAt} style={{ whiteSpace: 'nowrap' }}>{dateTime(order.createdAt, format)}</time>
          </Typography.Text>
          {order.state !== 'open' && (
            <Typography.Text style={{ fontSize: 13 }}>
              {[order.closedAt ? t('closedOn', { time: dateTime(order.closedAt, format) }) : undefined, order.outcome ? outcomeText(order.outcome, locale, releaseReasonsOf(document.pools, undefined, order.object)) : undefined].filter(Boolean).join(' — ')}
            </Typography.Text>
          )}
        </Space>
        {order.state === 'open' ? (
          mayAct && (
            <Space>
              <Button type="primary" icon={<CheckOutlined />} aria-label={named(t('done'))} onClick={(e) => { opener.current = e.currentTarget; setClosing('done'); }}>{t('done')}</Button>
              <Button icon={<ForwardOutlined />} aria-label={named(t('skip'))} onClick={(e) => { opener.current = e.currentTarget; setClosing('skipped'); }}>{t('skip')}</Button>
            </Space>
          )
        ) : (
          <Space>
            <Tag color={order.state === 'done' ? 'green' : 'default'}>{t(order.state === 'done' ? 'workOrderState_done' : 'workOrderState_skipped')}</Tag>
            {mayAct && <Button size="small" icon={<UndoOutlined />} loading={busy} aria-label={named(t('reopen'))} onClick={() => void reopen()}>{t('reopen')}</Button>}
          </Space>
        )}
      </Space>
      <Modal open={closing !== undefined} title={t(closing === 'done' ? 'workOrderDoneTitle' : 'workOrderSkipTitle')} okText={closing === 'done' ? t('done') : t('skip')} cancelText={t('cancel')}
        okButtonProps={{ loading: busy }} onOk={() => void submit()} onCancel={() => setClosing(undefined)} destroyOnHidden>
        {/* Which order this is: its record, and the rule that gave it. */}
        <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={objectLabel(object, locale)}>{title ?? t('recordOutOfReach', { object: objectLabel(object, locale) })}</Descriptions.Item>
          {order.rule && <Descriptions.Item label={t('workOrderRule')}>{ruleTitle(document, order.rule, locale)}</Descriptions.Item>}
        </Descriptions>
        <Input.TextArea autoFocus aria-label={t('outcome')} placeholder={t('outcomeHint')} value={outcome} maxLength={2000} autoSize={{ minRows: 2 }}
          onChange={(e) => setOutcome(e.target.value)} onKeyDown={submitKeys(() => { if (!busy) void submit(); }, 'ctrlEnter')} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(ctrlEnterWords())}</Typography.Text>
      </Modal>
    </Card>
  );
}
