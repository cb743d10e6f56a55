import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useAsync } from '../../../../runtime/web/src/app/data/use-async.ts';
import type { UserSummary } from '../../api/studio-api.ts';
import { attributeRows } from '../../document/person-attributes.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useStudio } from '../../state/studio-context.tsx';
import { useRoleName } from '../../ui/choices.ts';
import { PersonDialog } from './person-dialog.tsx';
import { errorMessage } from '../../api/error-message.ts';

/** The tenant's users: who signs in, with which roles, attributes and manager. Changes apply at once. */
export function PeopleScreen() {
  const { t } = useI18n();
  const { api } = useStudio();
  const roleName = useRoleName();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<UserSummary | 'new' | null>(null);
  // A newer read wins over an older one still in flight (after a save on a loaded server).
  const users = useAsync(() => api.allUsers(), [api]);
  const failure = users.error ? errorMessage(users.error, t) : null;
  const people = failure ? [] : users.data ?? null;
  const byId = useMemo(() => new Map((people ?? []).map((p) => [p.id, p])), [people]);
  const shown = (people ?? []).filter((p) => !search || `${p.name} ${p.email}`.toLowerCase().includes(search.toLowerCase()));
  const saved = () => { setEditing(null); users.reload(); };

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('menu.people')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 820 }}>{t('people.intro')}</Typography.Paragraph>
      <Alert type="info" showIcon title={t('people.notDraft')} style={{ marginBottom: 12 }} />
      {failure && <Alert type="error" showIcon title={t('people.loadFailed', { error: failure })} style={{ marginBottom: 12 }} />}
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('people.add')}</Button>
        <Input.Search allowClear placeholder={t('people.search')} aria-label={t('people.search')} onChange={(e) => setSearch(e.target.value)} style={{ width: 280 }} />
      </Space>
      <Table size="small" rowKey="id" loading={people === null} dataSource={shown} pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('people.none') }}
        onRow={(person) => ({ onClick: () => setEditing(person), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('people.name'), key: 'name', render: (_: unknown, p: UserSummary) => <a onClick={(e) => { e.preventDefault(); setEditing(p); }} href="#">{p.name}</a> },
          { title: t('people.email'), dataIndex: 'email', key: 'email' },
          { title: t('people.roles'), key: 'roles', render: (_: unknown, p: UserSummary) => p.roles.map((r) => <Tag key={r}>{roleName(r)}</Tag>) },
          { title: t('people.manager'), key: 'manager', render: (_: unknown, p: UserSummary) => (p.managerId ? byId.get(p.managerId)?.name ?? p.managerId : '—') },
          {
            title: t('people.attributes'), key: 'attributes',
            render: (_: unknown, p: UserSummary) => attributeRows(p.attributes).map((row) => <div key={row.key}><Typography.Text type="secondary">{row.key}:</Typography.Text> {row.values.join(', ')}</div>),
          },
          { title: t('people.status'), key: 'status', render: (_: unknown, p: UserSummary) => (p.active === false ? <Tag>{t('people.inactive')}</Tag> : <Tag color="green">{t('people.active')}</Tag>) },
        ]} />
      {editing && (
        <PersonDialog person={editing === 'new' ? null : editing} people={people ?? []} onClose={() => setEditing(null)} onSaved={saved} />
      )}
    </div>
  );
}
