import { Button, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ScreenProps } from '../../app/screen-routes.tsx';
import { navigate, tenantPath } from '../../app/router.ts';
import type { UserSummary, VersionSummary } from '../../api/studio-api.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSnapshot, useStudio, useTenantTime } from '../../state/studio-context.tsx';
import { RollbackDialog } from './rollback-dialog.tsx';
import { VersionView } from './version-view.tsx';

/** Every published version: who and when, view one, roll back to one. */
export function VersionsScreen({ itemKey }: ScreenProps) {
  const { t } = useI18n();
  const { tenant, api } = useStudio();
  const { live } = useSnapshot();
  const when = useTenantTime();
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [users, setUsers] = useState<Map<string, UserSummary>>(new Map());
  const [rollingBack, setRollingBack] = useState<number | null>(null);
  useEffect(() => {
    api.versions().then((r) => setVersions(r.data), () => setVersions([]));
    api.allUsers().then((all) => setUsers(new Map(all.map((u) => [u.id, u]))), () => undefined);
  }, [api, live?.version]);
  if (itemKey) return <VersionView version={Number(itemKey)} onRollback={setRollingBack} rollingBack={rollingBack} onDone={() => setRollingBack(null)} />;
  const open = (n: number) => navigate(tenantPath(tenant, `versions/${n}`));
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('menu.versions')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('versions.intro')}</Typography.Paragraph>
      <Table size="small" rowKey="version" loading={versions === null} dataSource={[...(versions ?? [])].sort((a, b) => b.version - a.version)} pagination={{ pageSize: 20 }}
        columns={[
          { title: t('versions.version'), key: 'v', render: (_: unknown, v: VersionSummary) => <Space><a href={tenantPath(tenant, `versions/${v.version}`)} onClick={(e) => { e.preventDefault(); open(v.version); }}>v{v.version}</a>{v.live && <Tag color="green">{t('common.live')}</Tag>}</Space> },
          { title: t('versions.kind'), dataIndex: 'kind', key: 'kind', render: (k: string) => <Tag>{t(`versions.kind.${k === 'rollback' || k === 'template' ? k : 'publish'}`)}</Tag> },
          { title: t('versions.when'), key: 'when', render: (_: unknown, v: VersionSummary) => when(v.createdAt) },
          { title: t('versions.who'), key: 'who', render: (_: unknown, v: VersionSummary) => (v.createdBy ? users.get(v.createdBy)?.name ?? v.createdBy : t('versions.system')) },
          { title: t('versions.changes'), dataIndex: 'changeCount', key: 'changes' },
          {
            key: 'actions', render: (_: unknown, v: VersionSummary) => (
              <Space>
                <Button size="small" onClick={() => open(v.version)}>{t('versions.view')}</Button>
                <Button size="small" danger disabled={v.live} onClick={() => setRollingBack(v.version)} aria-label={t('versions.rollbackTo', { version: v.version })}>{t('versions.rollback')}</Button>
              </Space>
            ),
          },
        ]} />
      {rollingBack !== null && <RollbackDialog version={rollingBack} onClose={() => setRollingBack(null)} />}
    </div>
  );
}
