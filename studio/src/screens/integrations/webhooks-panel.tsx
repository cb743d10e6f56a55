import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Webhook } from '../../api/integrations-api.ts';
import { Link, tenantPath } from '../../app/router.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSnapshot, useStudio } from '../../state/studio-context.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { DeliveryLog } from './delivery-log.tsx';
import { useEventLabel, useIntegrationsApi, useWhen } from './integration-hooks.ts';
import { SecretDialog } from './secret-dialog.tsx';
import { WebhookDialog } from './webhook-dialog.tsx';
import { webhooksAvailability } from './webhooks-availability.ts';
import { errorMessage } from '../../api/error-message.ts';

/**
 * The tenant's webhooks when its live version has the component on; otherwise how to switch it on
 * (Settings, then publish).
 */
export function WebhooksPanel() {
  const { t } = useI18n();
  const { tenant } = useStudio();
  const { live, draft } = useSnapshot();
  const availability = webhooksAvailability(live?.document, draft.document);
  if (!availability.live) {
    return (
      <Alert type="info" showIcon data-testid="webhooks-off"
        title={t(availability.draft ? 'webhooks.afterPublish' : 'webhooks.off')}
        description={(
          <Space orientation="vertical">
            {t(availability.draft ? 'webhooks.afterPublishHelp' : 'webhooks.offHelp')}
            {availability.draft
              ? <Link to={tenantPath(tenant, 'publish')}>{t('webhooks.openPublish')}</Link>
              : <Link to={tenantPath(tenant, `settings?focus=${encodeURIComponent('/components')}`)}>{t('webhooks.openSettings')}</Link>}
          </Space>
        )} />
    );
  }
  return (
    <>
      {!availability.draft && <Alert type="warning" showIcon title={t('webhooks.goingOff')} style={{ marginBottom: 12 }} />}
      <WebhookList />
    </>
  );
}

function WebhookList() {
  const { t, label } = useI18n();
  const integrations = useIntegrationsApi();
  const { live } = useSnapshot();
  const { message } = App.useApp();
  const when = useWhen();
  const eventLabel = useEventLabel();
  const [hooks, setHooks] = useState<Webhook[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null);
  const [secret, setSecret] = useState<{ secret: string; rotated: boolean } | null>(null);
  const [logOf, setLogOf] = useState<Webhook | null>(null);
  const [reads, setReads] = useState(0);
  useEffect(() => {
    integrations.webhooks().then((r) => { setHooks(r.data); setFailure(null); }, (error: unknown) => { setHooks([]); setFailure(errorMessage(error, t)); });
  }, [integrations, reads]);
  const reload = () => setReads((n) => n + 1);

  const act = async (action: () => Promise<unknown>, done?: string) => {
    try {
      await action();
      if (done) void message.success(done);
    } catch (error) {
      void message.error(errorMessage(error, t));
    }
    reload();
  };
  const saved = (hook: Webhook & { secret?: string }) => {
    setEditing(null);
    if (hook.secret) setSecret({ secret: hook.secret, rotated: false });
    reload();
  };
  const rotate = async (hook: Webhook) => {
    try {
      const rotated = await integrations.rotateSecret(hook.id);
      setSecret({ secret: rotated.secret, rotated: true });
    } catch (error) {
      void message.error(errorMessage(error, t));
    }
  };
  const ping = async (hook: Webhook) => {
    await act(() => integrations.ping(hook.id), t('webhooks.pinged'));
    setLogOf(hook);
  };
  const objectName = (key: string | null) => (key ? label(live?.document.objects[key]?.label, key) : t('webhooks.allObjects'));

  return (
    <div>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 820 }}>{t('webhooks.help')}</Typography.Paragraph>
      {failure && <Alert type="error" showIcon title={t('integrations.loadFailed', { error: failure })} style={{ marginBottom: 12 }} />}
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} style={{ marginBottom: 12 }}>{t('webhooks.new')}</Button>
      <Table<Webhook> size="small" rowKey="id" loading={hooks === null} dataSource={hooks ?? []} pagination={false}
        locale={{ emptyText: <EmptyState title={t('webhooks.none')} description={t('webhooks.noneHelp')} /> }}
        columns={[
          { title: t('webhooks.url'), key: 'url', render: (_: unknown, h) => <Typography.Text code style={{ wordBreak: 'break-all' }}>{h.url}</Typography.Text> },
          { title: t('webhooks.events'), key: 'events', render: (_: unknown, h) => h.events.map((e) => <Tag key={e}>{eventLabel(e)}</Tag>) },
          { title: t('webhooks.object'), key: 'object', render: (_: unknown, h) => objectName(h.object) },
          {
            title: t('webhooks.active'), key: 'active',
            render: (_: unknown, h) => (
              <Space>
                <Switch size="small" checked={h.active} aria-label={t('webhooks.activeLabel', { url: h.url })}
                  onChange={(active) => void act(() => integrations.updateWebhook(h.id, { active }))} />
                {h.active ? t('webhooks.active') : <Typography.Text type="secondary">{t('webhooks.paused')}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('webhooks.createdAt'), key: 'createdAt', render: (_: unknown, h) => when(h.createdAt) },
          {
            key: 'actions', align: 'right',
            render: (_: unknown, h) => (
              <Space size={4} wrap>
                <Button size="small" type="primary" ghost onClick={() => setLogOf(h)}>{t('webhooks.deliveries')}</Button>
                <Button size="small" onClick={() => void ping(h)}>{t('webhooks.ping')}</Button>
                <Button size="small" onClick={() => setEditing(h)}>{t('webhooks.edit')}</Button>
                <Popconfirm title={t('webhooks.rotateConfirm', { url: h.url })} okText={t('webhooks.rotate')} cancelText={t('common.cancel')}
                  onConfirm={() => rotate(h)}>
                  <Button size="small">{t('webhooks.rotate')}</Button>
                </Popconfirm>
                <Popconfirm title={t('webhooks.deleteConfirm', { url: h.url })} okText={t('webhooks.delete')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')}
                  onConfirm={() => act(() => integrations.deleteWebhook(h.id), t('webhooks.deleted'))}>
                  <Button size="small" danger>{t('webhooks.delete')}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]} />
      {editing && <WebhookDialog hook={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={saved} />}
      {secret && (
        <SecretDialog title={t(secret.rotated ? 'webhooks.rotatedTitle' : 'webhooks.secretTitle')} secret={secret.secret} onClose={() => setSecret(null)}>
          <Typography.Paragraph type="secondary">{t('webhooks.secretHelp')}</Typography.Paragraph>
        </SecretDialog>
      )}
      {logOf && <DeliveryLog hook={logOf} onClose={() => setLogOf(null)} />}
    </div>
  );
}
