import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Dropdown, Form, Space, Tag, Typography } from 'antd';
import type { DetailComponent, Label } from '../../../../platform/metadata/metadata-types.ts';
import { moveItem } from '../../document/draft-state.ts';
import { fieldName } from '../../document/field-names.ts';
import { ptr } from '../../document/json-pointer.ts';
import { relatedObjects } from '../../document/layout-ops.ts';
import { setAt } from '../../document/section-ops.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useApply, useDocument } from '../../state/studio-context.tsx';
import { Item, ProblemText } from '../../ui/item.tsx';
import { LabelInput } from '../../ui/label-input.tsx';
import { SortableList } from '../../ui/sortable-list.tsx';
import { useDetailComponentName } from './detail-component-name.ts';

const simple = ['stageBar', 'poolActions', 'form', 'timeline', 'workOrders'] as const;

function componentId(c: DetailComponent, i: number): string {
  if (typeof c === 'string') return `${c}:${i}`;
  return 'related' in c ? `related:${c.related}:${c.field ?? ''}:${i}` : `chart:${c.chart}:${i}`;
}

/** The detail page: components from a palette, in drag order. */
export function DetailComponentsEditor({ object }: { object: string }) {
  const { t, label, locale } = useI18n();
  const document = useDocument();
  const apply = useApply();
  const at = ptr('layouts', object, 'detail');
  const components = document.layouts?.[object]?.detail?.components ?? [];
  const write = (next: DetailComponent[]) => apply(next.length > 0 ? setAt(`${at}/components`, next) : setAt(at, undefined));
  const related = relatedObjects(document, object);
  const setLabel = (index: number, l: Label | undefined) => write(components.map((c, i) => {
    if (i !== index || typeof c !== 'object') return c;
    const { label: _old, ...rest } = c;
    return (l ? { ...rest, label: l } : rest) as DetailComponent;
  }));
  const name = useDetailComponentName();
  const palette = [
    ...simple.map((c) => ({ key: c, label: t(`layouts.c.${c}`), onClick: () => write([...components, c]) })),
    ...related.map((r) => ({ key: `related:${r.object}:${r.field}`, label: t('layouts.c.relatedOf', { object: label(document.objects[r.object]?.label, r.object), field: fieldName(document, r.object, r.field, locale) }), onClick: () => write([...components, { related: r.object, field: r.field }]) })),
    ...(['funnel', 'history'] as const).map((chart) => ({ key: `chart:${chart}`, label: t(`layouts.c.chart.${chart}`), onClick: () => write([...components, { chart }]) })),
  ];
  return (
    <Form layout="vertical" component="div">
      <Typography.Paragraph type="secondary">{t('layouts.detailHelp')}</Typography.Paragraph>
      <Item pointer={`${at}/components`} label={t('layouts.components')}>
        <div>
          <SortableList items={components} idOf={componentId} labelOf={name} onMove={(from, to) => write(moveItem(components, from, to))}
            render={(component, index, handle) => (
              <Card size="small" style={{ width: '100%' }} data-pointer={`${at}/components/${index}`}>
                <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
                  <Space>{handle}<Tag color="cyan">{name(component)}</Tag></Space>
                  {typeof component === 'object' && (
                    <div style={{ minWidth: 280 }}>
                      <LabelInput value={component.label} placeholder={t('common.label')}
                        onChange={(l) => setLabel(index, l)} />
                    </div>
                  )}
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('layouts.removeComponent', { name: name(component) })} onClick={() => write(components.filter((_, i) => i !== index))} />
                </Space>
                <ProblemText pointer={`${at}/components/${index}`} under />
              </Card>
            )} />
          <Dropdown menu={{ items: palette }} trigger={['click']}>
            <Button icon={<PlusOutlined />} style={{ marginTop: 8 }}>{t('layouts.addComponent')}</Button>
          </Dropdown>
        </div>
      </Item>
    </Form>
  );
}
