import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ApiKeySummary, CreatedApiKey } from '../../api/integrations-api.ts';
import type { UserSummary } from '../../api/studio-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useStudio } from '../../state/studio-context.tsx';
import { useRoleName } from '../../ui/choices.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { useIntegrationsApi, useWhen } from './integration-hooks.ts';
import { NewApiKeyDialog } from './new-api-key-dialog.tsx';
import { SecretDialog } from './secret-dialog.tsx';
import { errorMessage } from '../../api/error-message.ts';

/** Every API key of the tenant: whose, which roles, when made and last used; new keys (shown once) and revocation. */
export function ApiKeysPanel() {
  const roleName = useRoleName();
  const { t } = useI18n();
  const { api, tenant } = useStudio();
  const integrations = useIntegrationsApi();
  const { message } = App.useApp();
  const when = useWhen();
  const [keys, setKeys] = useState<ApiKeySummary[] | null>(null);
  const [people, setPeople] = useState<Map<string, UserSummary>>(new Map());
  const [failure, setFailure] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [reads, setReads] = useState(0);
  useEffect(() => {
    integrations.apiKeys().then((r) => { setKeys(r.data); setFailure(null); }, (error: unknown) => { setKeys([]); setFailure(errorMessage(error, t)); });
  }, [integrations, reads]);
  useEffect(() => {
    api.allUsers().then((all) => setPeople(new Map(all.map((p) => [p.id, p]))), () => undefined);
  }, [api]);

  const revoke = async (key: ApiKeySummary) => {
    try {
      await integrations.revokeApiKey(key.id);
      void message.success(t('apiKeys.revoked', { name: key.name }));
    } catch (error) {
      void message.error(errorMessage(error, t));
    }
    setReads((n) => n + 1);
  };
  const onCreated = (key: CreatedApiKey) => {
    setAdding(false);
    setCreated(key);
    setReads((n) => n + 1);
  };

  return (
    <div>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 820 }}>{t('apiKeys.help')}</Typography.Paragraph>
      {failure && <Alert type="error" showIcon title={t('integrations.loadFailed', { error: failure })} style={{ marginBottom: 12 }} />}
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} style={{ marginBottom: 12 }}>{t('apiKeys.new')}</Button>
      <Table<ApiKeySummary> size="small" rowKey="id" loading={keys === null} dataSource={keys ?? []} pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyState title={t('apiKeys.none')} description={t('apiKeys.noneHelp')} /> }}
        columns={[
          { title: t('apiKeys.name'), dataIndex: 'name', key: 'name', render: (name: string) => <Typography.Text strong><KeyOutlined /> {name}</Typography.Text> },
          { title: t('apiKeys.prefix'), key: 'prefix', render: (_: unknown, k) => <Typography.Text code>{k.prefix}…</Typography.Text> },
          { title: t('apiKeys.roles'), key: 'roles', render: (_: unknown, k) => (k.roles ? k.roles.map((r) => <Tag key={r}>{roleName(r)}</Tag>) : <Typography.Text type="secondary">{t('apiKeys.allRoles')}</Typography.Text>) },
          { title: t('apiKeys.createdBy'), key: 'createdBy', render: (_: unknown, k) => people.get(k.userId)?.name ?? k.userId },
          { title: t('apiKeys.createdAt'), key: 'createdAt', render: (_: unknown, k) => when(k.createdAt) },
          { title: t('apiKeys.lastUsed'), key: 'lastUsed', render: (_: unknown, k) => when(k.lastUsedAt) },
          {
            key: 'actions', align: 'right',
            render: (_: unknown, k) => (
              <Popconfirm title={t('apiKeys.revokeConfirm', { name: k.name })} okText={t('apiKeys.revoke')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => revoke(k)}>
                <Button size="small" danger aria-label={`${t('apiKeys.revoke')} ${k.name}`}>{t('apiKeys.revoke')}</Button>
              </Popconfirm>
            ),
          },
        ]} />
      {adding && <NewApiKeyDialog onClose={() => setAdding(false)} onCreated={onCreated} />}
      {created && (
        <SecretDialog title={t('apiKeys.createdTitle', { name: created.name })} secret={created.key} onClose={() => setCreated(null)}>
          <Typography.Text type="secondary">{t('apiKeys.tryIt')}</Typography.Text>
          <Typography.Paragraph code copyable={{ tooltips: [t('integrations.copy'), t('integrations.copied')] }} style={{ wordBreak: 'break-all' }}>
            {`curl -H "Authorization: Bearer ${created.key}" ${location.origin}/api/t/${tenant}/me`}
          </Typography.Paragraph>
        </SecretDialog>
      )}
    </div>
  );
}
