import { PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Menu, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { objectKeyPattern } from '../../../../platform/metadata/metadata-types.ts';
import type { ScreenProps } from '../../app/screen-routes.tsx';
import { navigate, tenantPath, useLocation } from '../../app/router.ts';
import { addObject } from '../../document/object-ops.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useApply, useDocument, useSnapshot, useStudio } from '../../state/studio-context.tsx';
import { AddItemModal } from '../../ui/add-item-modal.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ObjectEditor } from './object-editor.tsx';

function ObjectBadge({ object }: { object: string }) {
  const { problems } = useSnapshot();
  const count = problems.filter((p) => p.path.startsWith(`/objects/${object}/`) || p.path === `/objects/${object}`).length;
  return count > 0 ? <Badge count={count} size="small" /> : null;
}

/** Objects and their fields: what the vertical's CRM stores. */
export function ObjectsScreen({ itemKey }: ScreenProps) {
  const { t, label } = useI18n();
  const { tenant } = useStudio();
  const document = useDocument();
  const apply = useApply();
  // The overview's 'Create the first object' lands here with the dialog open.
  const { query } = useLocation();
  const [adding, setAdding] = useState(() => query.get('add') === 'object');
  const keys = Object.keys(document.objects);
  const selected = itemKey && keys.includes(itemKey) ? itemKey : keys[0];
  const go = (key: string) => navigate(tenantPath(tenant, `objects/${key}`));
  const addButton = <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('objects.add')}</Button>;
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('menu.objects')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 820 }}>{t('objects.intro')}</Typography.Paragraph>
      {keys.length === 0 ? (
        <Card><EmptyState title={t('objects.emptyTitle')} description={t('objects.emptyText')} action={addButton} /></Card>
      ) : (
        <Row gutter={16}>
          <Col xs={24} lg={5}>
            <Card size="small" title={t('common.items', { n: keys.length })} extra={<Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} aria-label={t('objects.add')} />}>
              <Menu mode="inline" selectedKeys={selected ? [selected] : []} style={{ borderInlineEnd: 'none' }} onClick={({ key }) => go(key)}
                items={keys.map((key) => ({ key, label: <Space>{label(document.objects[key]!.label, key)}<Typography.Text type="secondary" style={{ fontSize: 12 }}>{key}</Typography.Text><ObjectBadge object={key} /></Space> }))} />
            </Card>
          </Col>
          <Col xs={24} lg={19}>{selected && <ObjectEditor key={selected} object={selected} />}</Col>
        </Row>
      )}
      <AddItemModal open={adding} title={t('objects.add')} onCancel={() => setAdding(false)} keyPattern={objectKeyPattern} takenKeys={[...keys, 'user']} asksLabel
        onAdd={({ key, label: objectLabel }) => { apply(addObject(key, objectLabel ?? { en: key.charAt(0).toUpperCase() + key.slice(1) })); setAdding(false); go(key); }} />
    </div>
  );
}
