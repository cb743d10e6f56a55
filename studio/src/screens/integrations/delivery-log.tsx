import { ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { DeliveryPage, Webhook, WebhookDelivery } from '../../api/integrations-api.ts';
import { ApiError } from '../../api/studio-api.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { mergeFirstPage } from './delivery-pages.ts';
import { useEventLabel, useIntegrationsApi, useWhen } from './integration-hooks.ts';
import { errorMessage } from '../../api/error-message.ts';

const stateColors: Record<WebhookDelivery['state'], string> = { pending: 'processing', held: 'warning', delivered: 'success', failed: 'error' };
/** While a delivery waits to be sent or retried, the log reads its first page again this often. */
const pollMs = 3000;

type Log = { state: 'loading' } | { state: 'error'; error: string } | ({ state: 'done'; loadingMore?: boolean } & DeliveryPage);

/**
 * The delivery log of a webhook, newest first, a page at a time: status, HTTP code, attempts,
 * error and payload of each delivery; redeliver one, or send a test event. It follows pending
 * deliveries until they are sent.
 */
export function DeliveryLog({ hook, onClose }: { hook: Webhook; onClose: () => void }) {
  const { t } = useI18n();
  const integrations = useIntegrationsApi();
  const { message } = App.useApp();
  const when = useWhen();
  const eventLabel = useEventLabel();
  const [log, setLog] = useState<Log>({ state: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const first = await integrations.deliveries(hook.id);
      setLog((shown) => ({ state: 'done', ...(shown.state === 'done' ? mergeFirstPage(shown, first) : first) }));
    } catch (error) {
      setLog({ state: 'error', error: errorMessage(error, t) });
    }
  }, [integrations, hook.id]);
  useEffect(() => { void refresh(); }, [refresh]);
  const pending = log.state === 'done' && log.data.some((d) => d.state === 'pending');
  useEffect(() => {
    if (!pending) return undefined;
    const timer = setTimeout(() => void refresh(), pollMs);
    return () => clearTimeout(timer);
  }, [pending, log, refresh]);

  const more = async () => {
    if (log.state !== 'done' || !log.nextCursor) return;
    setLog({ ...log, loadingMore: true });
    try {
      const page = await integrations.deliveries(hook.id, log.nextCursor);
      setLog({ state: 'done', data: [...log.data, ...page.data], nextCursor: page.nextCursor });
    } catch (error) {
      setLog({ ...log, loadingMore: false });
      void message.error(errorMessage(error, t));
    }
  };
  const queue = async (send: () => Promise<WebhookDelivery>, done: MessageKey) => {
    try {
      await send();
      void message.success(t(done));
    } catch (error) {
      // Another admin (or another tab) redelivered the event a moment ago: it is on its way.
      void message.error(error instanceof ApiError && error.code === 'conflict' ? t('deliveries.underway') : errorMessage(error, t));
    }
    await refresh();
  };
  // The events still on their way (the first delivery or a redelivery pending or held): redelivering them would send them twice.
  const underway = new Set(log.state === 'done' ? log.data.filter((d) => d.state === 'pending' || d.state === 'held').map(eventOf) : []);

  return (
    <Drawer open onClose={onClose} size="large" title={t('deliveries.title', { url: hook.url })}
      extra={(
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void refresh()}>{t('deliveries.refresh')}</Button>
          <Button icon={<SendOutlined />} onClick={() => void queue(() => integrations.ping(hook.id), 'webhooks.pinged')}>{t('webhooks.ping')}</Button>
        </Space>
      )}>
      <Typography.Paragraph type="secondary">{t('deliveries.help')}</Typography.Paragraph>
      {log.state === 'error' && <Alert type="error" showIcon title={t('integrations.loadFailed', { error: log.error })} />}
      {log.state !== 'error' && (
        <Table<WebhookDelivery> size="small" rowKey="id" pagination={false} loading={log.state === 'loading'} dataSource={log.state === 'done' ? log.data : []}
          data-testid="delivery-log"
          locale={{ emptyText: <EmptyState title={t('deliveries.none')} description={t('deliveries.noneHelp')} /> }}
          expandable={{
            expandedRowRender: (d) => <pre style={{ margin: 0, maxHeight: 360, overflow: 'auto', fontSize: 12 }}>{JSON.stringify(d.payload, null, 2)}</pre>,
          }}
          columns={[
            { title: t('deliveries.time'), key: 'time', render: (_: unknown, d) => when(d.createdAt) },
            {
              title: t('deliveries.event'), key: 'event',
              render: (_: unknown, d) => (
                <Space size={4} wrap>
                  {eventLabel(d.event)}
                  {isRedelivery(d) && <Tag color="purple">{t('deliveries.redelivery')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('deliveries.state'), key: 'state',
              render: (_: unknown, d) => (
                <Space orientation="vertical" size={0}>
                  <Tag color={stateColors[d.state]}>{t(`deliveries.state.${d.state}`)}</Tag>
                  {d.state === 'pending' && d.nextAttemptAt && d.attempts > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('deliveries.nextAttempt', { when: when(d.nextAttemptAt) })}</Typography.Text>}
                  {d.state === 'held' && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('deliveries.heldHelp')}</Typography.Text>}
                </Space>
              ),
            },
            { title: t('deliveries.http'), key: 'http', render: (_: unknown, d) => d.lastStatus ?? '—' },
            { title: t('deliveries.attempts'), dataIndex: 'attempts', key: 'attempts' },
            { title: t('deliveries.error'), key: 'error', render: (_: unknown, d) => (d.lastError ? <Typography.Text type="danger" style={{ fontSize: 12 }}>{d.lastError}</Typography.Text> : '—') },
            {
              key: 'actions', align: 'right',
              render: (_: unknown, d) => (underway.has(eventOf(d)) ? (
                <Tooltip title={t(d.state === 'held' ? 'deliveries.heldHelp' : 'deliveries.underway')}>
                  <Button size="small" disabled>{t('deliveries.redeliver')}</Button>
                </Tooltip>
              ) : (
                <Button size="small" onClick={() => void queue(() => integrations.redeliver(hook.id, d.id), 'deliveries.redelivered')}>{t('deliveries.redeliver')}</Button>
              )),
            },
          ]} />
      )}
      {log.state === 'done' && log.nextCursor && (
        <Button type="link" onClick={() => void more()} loading={log.loadingMore}>{t('deliveries.more')}</Button>
      )}
    </Drawer>
  );
}

function isRedelivery(delivery: WebhookDelivery): boolean {
  return eventOf(delivery) !== delivery.id;
}

/** The event a delivery carries, by its first delivery's id (what a redelivery's `redeliveryOf` names). */
function eventOf(delivery: WebhookDelivery): string {
  const payload = delivery.payload as { redeliveryOf?: unknown } | null;
  return typeof payload?.redeliveryOf === 'string' ? payload.redeliveryOf : delivery.id;
}
