import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { closestCorners, DndContext, type DragEndEvent } from '@dnd-kit/core';
import { Button, Card, Form, Segmented, Select, Space, Typography } from 'antd';
import type { FormSection } from '../../../../platform/metadata/metadata-types.ts';
import { moveItem } from '../../document/draft-state.ts';
import { fieldName } from '../../document/field-names.ts';
import { ptr } from '../../document/json-pointer.ts';
import { dropTarget, formFieldKeys, moveBetween, sectionContainers, setSectionFields } from '../../document/layout-ops.ts';
import { labelOf as labelText } from '../../../../runtime/web/src/shared/labels.ts';
import { setAt } from '../../document/section-ops.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useApply, useDocument } from '../../state/studio-context.tsx';
import { Item, ProblemText } from '../../ui/item.tsx';
import { LabelInput } from '../../ui/label-input.tsx';
import { useContainerDragAccessibility, useDragSensors } from '../../ui/sortable-list.tsx';
import { FieldChips } from './field-chips.tsx';

/** Form sections: titles, column counts, and fields dragged between sections and the palette. */
export function FormSectionsEditor({ object }: { object: string }) {
  const { t, locale } = useI18n();
  const document = useDocument();
  const apply = useApply();
  const sensors = useDragSensors();
  const at = ptr('layouts', object, 'form');
  const sections = document.layouts?.[object]?.form?.sections ?? [];
  const containers = sectionContainers(formFieldKeys(document, object), sections);
  const labelOf = (key: string) => fieldName(document, object, key, locale);
  const writeSections = (next: FormSection[]) => apply(next.length > 0 ? setAt(`${at}/sections`, next) : setAt(at, undefined));
  const setSection = (index: number, patch: Partial<FormSection>) => writeSections(sections.map((s, i) => {
    if (i !== index) return s;
    const next: FormSection = { ...s, ...patch };
    if (!next.title) delete next.title;
    return next;
  }));
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const target = over ? dropTarget(containers, String(over.id)) : undefined;
    if (target) apply(setSectionFields(object, moveBetween(containers, String(active.id), target.container, target.index)));
  };
  const placeName = (container: string) => {
    if (container === 'available') return t('layouts.available');
    const i = Number(container.slice('section-'.length));
    return labelText(sections[i]?.title, locale, '') || t('layouts.sectionN', { n: i + 1 });
  };
  const accessibility = useContainerDragAccessibility(containers, (overId) => dropTarget(containers, overId), labelOf, placeName);
  return (
    <Form layout="vertical" component="div">
      <Typography.Paragraph type="secondary">{t('layouts.formHelp')}</Typography.Paragraph>
      <DndContext sensors={sensors} collisionDetection={closestCorners} onDragEnd={onDragEnd} accessibility={accessibility}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          {sections.map((section, i) => (
            <Card key={i} size="small" data-pointer={`${at}/sections/${i}`}
              title={t('layouts.sectionN', { n: i + 1 })}
              extra={
                <Space size={2}>
                  <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} aria-label={t('common.moveUp')} onClick={() => writeSections(moveItem(sections, i, i - 1))} />
                  <Button size="small" icon={<ArrowDownOutlined />} disabled={i === sections.length - 1} aria-label={t('common.moveDown')} onClick={() => writeSections(moveItem(sections, i, i + 1))} />
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('layouts.removeSection', { n: i + 1 })} onClick={() => writeSections(sections.filter((_, j) => j !== i))} />
                </Space>
              }>
              <Space wrap align="start">
                <Item pointer={`${at}/sections/${i}/title`} label={t('layouts.sectionTitle')} style={{ minWidth: 320 }}>
                  <LabelInput value={section.title} onChange={(v) => setSection(i, { title: v })} />
                </Item>
                <Item pointer={`${at}/sections/${i}/columns`} label={t('layouts.sectionColumns')}>
                  <Segmented value={section.columns ?? 1} onChange={(v) => setSection(i, { columns: Number(v) })} options={[1, 2, 3, 4]} aria-label={t('layouts.sectionColumnsOf', { n: i + 1 })} />
                </Item>
              </Space>
              <FieldChips container={`section-${i}`} items={section.fields} labelOf={labelOf} emptyText={t('layouts.dropHere')}
                onRemove={(key) => setSection(i, { fields: section.fields.filter((f) => f !== key) })} />
              <ProblemText pointer={`${at}/sections/${i}/fields`} under />
              <Select size="small" style={{ width: 240, marginTop: 6 }} placeholder={t('layouts.addField')} value={null} aria-label={t('layouts.addFieldTo', { n: i + 1 })}
                options={containers.available!.map((f) => ({ value: f, label: labelOf(f) }))} onChange={(f: string) => setSection(i, { fields: [...section.fields, f] })} />
            </Card>
          ))}
          <Card size="small" title={t('layouts.available')}>
            <FieldChips container="available" items={containers.available!} labelOf={labelOf} emptyText={t('layouts.allPlaced')} />
          </Card>
        </Space>
      </DndContext>
      <Button icon={<PlusOutlined />} style={{ marginTop: 12 }} onClick={() => writeSections([...sections, { title: { en: `Section ${sections.length + 1}`, zh: `分区 ${sections.length + 1}` }, columns: 2, fields: [] }])}>
        {t('layouts.addSection')}
      </Button>
    </Form>
  );
}
