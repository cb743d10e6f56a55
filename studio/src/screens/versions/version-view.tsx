import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Popconfirm, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { MetadataDocument } from '../../../../platform/metadata/metadata-types.ts';
import { navigate, tenantPath } from '../../app/router.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSnapshot, useStudio, useTenantTime } from '../../state/studio-context.tsx';
import { RollbackDialog } from './rollback-dialog.tsx';

/** One version's document (read-only), with rollback and "start a draft from it". */
export function VersionView({ version, rollingBack, onRollback, onDone }: { version: number; rollingBack: number | null; onRollback: (n: number) => void; onDone: () => void }) {
  const { t } = useI18n();
  const { tenant, api, store } = useStudio();
  const { live } = useSnapshot();
  const when = useTenantTime();
  const [data, setData] = useState<{ createdAt: string; document: MetadataDocument } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { api.version(version).then(setData, (e: Error) => setError(e.message)); }, [api, version]);
  const back = <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(tenantPath(tenant, 'versions'))}>{t('menu.versions')}</Button>;
  if (error) return <Space orientation="vertical">{back}<Alert type="error" showIcon title={error} /></Space>;
  if (!data) return <Spin />;
  const doc = data.document;
  const count = (r: object | undefined) => Object.keys(r ?? {}).length;
  const isLive = live?.version === version;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {back}
      <Card title={t('versions.title', { version })}
        extra={
          <Space>
            <Popconfirm title={t('versions.copyConfirm')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => { store.replaceDocument(doc); navigate(tenantPath(tenant)); }}>
              <Button>{t('versions.copyToDraft')}</Button>
            </Popconfirm>
            <Button danger disabled={isLive} onClick={() => onRollback(version)}>{t('versions.rollback')}</Button>
          </Space>
        }>
        <Descriptions size="small" column={3} items={[
          { key: 'when', label: t('versions.when'), children: when(data.createdAt) },
          { key: 'objects', label: t('menu.objects'), children: Object.keys(doc.objects).join(', ') || '—' },
          { key: 'fields', label: t('versions.fieldCount'), children: Object.values(doc.objects).reduce((n, o) => n + Object.keys(o.fields).length, 0) },
          { key: 'pipelines', label: t('menu.pipelines'), children: count(doc.pipelines) },
          { key: 'pools', label: t('menu.pools'), children: count(doc.pools) },
          { key: 'roles', label: t('menu.roles'), children: count(doc.roles) },
        ]} />
        <Typography.Paragraph>
          <pre style={{ maxHeight: '60vh', overflow: 'auto', background: '#fafafa', padding: 12, fontSize: 12 }} data-testid="version-json">{JSON.stringify(doc, null, 2)}</pre>
        </Typography.Paragraph>
      </Card>
      {rollingBack !== null && <RollbackDialog version={rollingBack} onClose={onDone} />}
    </Space>
  );
}
