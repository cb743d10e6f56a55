import { DeleteOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Popconfirm, Row, Select, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { objectKeyPattern } from '../../../../platform/metadata/metadata-types.ts';
import { objectIcon, objectIcons } from '../../../../runtime/web/src/shared/object-icons.tsx';
import { navigate, tenantPath } from '../../app/router.ts';
import { ptr } from '../../document/json-pointer.ts';
import { removeObject, renameObject, updateObject } from '../../document/object-ops.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useApply, useDocument, useSnapshot, useStudio } from '../../state/studio-context.tsx';
import { useFieldChoices } from '../../ui/choices.ts';
import { Item, ProblemText } from '../../ui/item.tsx';
import { KeyInput } from '../../ui/key-input.tsx';
import { LabelInput } from '../../ui/label-input.tsx';
import { FieldsTable } from './fields-table.tsx';

/**
 * The icons an object may take, each drawn beside its name (the app's menu shows it); a name
 * typed in the code view outside the set stays offered, as it is, so the select still shows it.
 */
function iconChoices(current: string | undefined): Array<{ value: string; label: ReactNode }> {
  const names = Object.keys(objectIcons);
  if (current && !names.includes(current)) names.push(current);
  return names.map((name) => {
    const Icon = objectIcon(name);
    return { value: name, label: <Space size={6}>{Icon ? <Icon /> : null}{name}</Space> };
  });
}

/** One object: key, labels, title field, and its fields. */
export function ObjectEditor({ object }: { object: string }) {
  const { t, label } = useI18n();
  const { tenant } = useStudio();
  const document = useDocument();
  const { live } = useSnapshot();
  const apply = useApply();
  const definition = document.objects[object]!;
  const isLive = Boolean(live?.document.objects[object]);
  const at = ptr('objects', object);
  const titleChoices = useFieldChoices(object);
  const set = (prop: string, value: unknown) => apply(updateObject(object, { [prop]: value }));
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={<Space>{label(definition.label, object)}{isLive ? <Tag color="green">{t('common.live')}</Tag> : <Tag color="blue">{t('common.new')}</Tag>}</Space>}
        extra={
          <Popconfirm title={isLive ? t('objects.removeLive') : t('common.removeConfirm', { key: object })} okText={t('common.remove')} cancelText={t('common.cancel')}
            onConfirm={() => { apply(removeObject(object)); navigate(tenantPath(tenant, 'objects')); }}>
            <Button danger icon={<DeleteOutlined />}>{t('objects.remove')}</Button>
          </Popconfirm>
        }
      >
        <ProblemText pointer={at} />
        <Form layout="vertical" component="div">
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Item pointer={at} label={t('common.key')} help={isLive ? t('objects.keyStable') : t('objects.keyHelp')}>
                <KeyInput ariaLabel={t('objects.key')} value={object} pattern={objectKeyPattern} taken={[...Object.keys(document.objects), 'user']} disabled={isLive}
                  disabledReason={t('objects.keyStable')} onCommit={(next) => { apply(renameObject(object, next)); navigate(tenantPath(tenant, `objects/${next}`), { replace: true }); }} />
              </Item>
            </Col>
            <Col xs={24} md={8}>
              <Item pointer={`${at}/label`} label={t('objects.label')} required>
                <LabelInput value={definition.label} onChange={(v) => set('label', v ?? object)} />
              </Item>
            </Col>
            <Col xs={24} md={8}>
              <Item pointer={`${at}/pluralLabel`} label={t('objects.pluralLabel')}>
                <LabelInput value={definition.pluralLabel} onChange={(v) => set('pluralLabel', v)} />
              </Item>
            </Col>
            <Col xs={24} md={8}>
              <Item pointer={`${at}/titleField`} label={t('objects.titleField')} help={t('objects.titleHelp')}>
                <Select allowClear value={definition.titleField} options={titleChoices} onChange={(v) => set('titleField', v)} aria-label={t('objects.titleField')} />
              </Item>
            </Col>
            <Col xs={24} md={8}>
              <Item pointer={`${at}/description`} label={t('common.description')}>
                <LabelInput value={definition.description} onChange={(v) => set('description', v)} />
              </Item>
            </Col>
            <Col xs={24} md={8}>
              <Item pointer={`${at}/icon`} label={t('objects.icon')}>
                <Select allowClear showSearch={{ optionFilterProp: 'value' }} value={definition.icon} onChange={(v?: string) => set('icon', v)} options={iconChoices(definition.icon)} aria-label={t('objects.icon')} placeholder={t('objects.iconNone')} />
              </Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card title={<Space>{t('objects.fields')}<Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>{t('objects.fieldsHint')}</Typography.Text></Space>}>
        <ProblemText pointer={`${at}/fields`} />
        <FieldsTable object={object} />
      </Card>
    </Space>
  );
}
