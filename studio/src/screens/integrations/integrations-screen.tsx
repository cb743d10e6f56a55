import { ApiOutlined, ExportOutlined, KeyOutlined } from '@ant-design/icons';
import { Alert, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import type { ScreenProps } from '../../app/screen-routes.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useStudio } from '../../state/studio-context.tsx';
import { ApiKeysPanel } from './api-keys-panel.tsx';
import { WebhooksPanel } from './webhooks-panel.tsx';

type Tab = 'api-keys' | 'webhooks';

/**
 * How other systems reach the tenant: API keys to call its API, webhooks that tell them about
 * changes (with their delivery log). Like people, these apply at once, outside the draft.
 * `integrations/webhooks` opens on the webhooks.
 */
export function IntegrationsScreen({ itemKey }: ScreenProps) {
  const t = useT();
  const { tenant } = useStudio();
  const [tab, setTab] = useState<Tab>(itemKey === 'webhooks' ? 'webhooks' : 'api-keys');
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('menu.integrations')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 820 }}>
        {t('integrations.intro')}{' '}
        <a href={`/api/t/${encodeURIComponent(tenant)}/docs`} target="_blank" rel="noreferrer">{t('integrations.docs')} <ExportOutlined /></a>
      </Typography.Paragraph>
      <Alert type="info" showIcon title={t('integrations.notDraft')} style={{ marginBottom: 12 }} />
      <Tabs activeKey={tab} onChange={(key) => setTab(key as Tab)} items={[
        { key: 'api-keys', label: <Space size={6}><KeyOutlined />{t('integrations.apiKeysTab')}</Space>, children: <ApiKeysPanel /> },
        { key: 'webhooks', label: <Space size={6}><ApiOutlined />{t('integrations.webhooksTab')}</Space>, children: <WebhooksPanel /> },
      ]} />
    </div>
  );
}
