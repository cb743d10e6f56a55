import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Popconfirm, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { MetadataDocument } from '../../../../platform/metadata/metadata-types.ts';
import { navigate, tenantPath } from '../../app/router.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSnapshot, useStudio, useTenantTime } from '../../state/studio-context.tsx';
import type { MetaChange } from '../../api/studio-api.ts';
import { ChangesTable } from '../publish/changes-table.tsx';
import { RollbackDialog } from './rollback-dialog.tsx';
import { errorMessage } from '../../api/error-message.ts';

/** One version's document (read-only), with rollback and "start a draft from it". */
export function VersionView({ version, rollingBack, onRollback, onDone }: { version: number; rollingBack: number | null; onRollback: (n: number) => void; onDone: () => void }) {
  const { t, label, locale } = useI18n();
  const { tenant, api, store } = useStudio();
  const { live } = useSnapshot();
  const when = useTenantTime();
  const [data, setData] = useState<{ createdAt: string; document: MetadataDocument; changes?: MetaChange[] } | null>(null);
  // The version before, to name what this one removed.
  const [before, setBefore] = useState<MetadataDocument | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.version(version).then(setData, (e: unknown) => setError(errorMessage(e, t)));
    if (version > 1) api.version(version - 1).then((v) => setBefore(v.document), () => undefined);
  }, [api, version]);
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
          { key: 'objects', label: t('menu.objects'), children: Object.entries(doc.objects).map(([key, o]) => label(o.label, key)).join(locale === 'zh' ? '、' : ', ') || '—' },
          { key: 'fields', label: t('versions.fieldCount'), children: Object.values(doc.objects).reduce((n, o) => n + Object.keys(o.fields).length, 0) },
          { key: 'pipelines', label: t('menu.pipelines'), children: count(doc.pipelines) },
          { key: 'pools', label: t('menu.pools'), children: count(doc.pools) },
          { key: 'roles', label: t('menu.roles'), children: count(doc.roles) },
        ]} />
        {/* What this publish changed, as it was reviewed then (who removed 门店电话, and how many records had one). */}
        <Typography.Title level={5} style={{ marginTop: 16 }}>{t('versions.changesOf')}</Typography.Title>
        {data.changes && data.changes.length > 0
          ? <div data-testid="version-changes"><ChangesTable changes={data.changes} documents={[doc, before]} /></div>
          : <Typography.Paragraph type="secondary">{t('versions.noChanges')}</Typography.Paragraph>}
        <Typography.Paragraph>
          <pre style={{ maxHeight: '60vh', overflow: 'auto', background: '#fafafa', padding: 12, fontSize: 12 }} data-testid="version-json">{JSON.stringify(doc, null, 2)}</pre>
        </Typography.Paragraph>
      </Card>
      {rollingBack !== null && <RollbackDialog version={rollingBack} onClose={onDone} />}
    </Space>
  );
}
