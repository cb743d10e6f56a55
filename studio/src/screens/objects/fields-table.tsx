import { DeleteOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { closestCenter, DndContext, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { Badge, Button, Checkbox, Popconfirm, Select, Space, Table, Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { fieldTypeSpecs } from '../../../../platform/metadata/field-types.ts';
import { fieldKeyPattern, reservedFieldKeys, type FieldDefinition, type FieldType } from '../../../../platform/metadata/metadata-types.ts';
import { useLocation } from '../../app/router.ts';
import { pipelineOfField, setFieldType } from '../../document/field-type-ops.ts';
import { ptr } from '../../document/json-pointer.ts';
import { changedLiveType, liveStageField, renamedFrom } from '../../document/migrations.ts';
import { moveField, removeField, renameField, updateField } from '../../document/object-ops.ts';
import { pointerTarget } from '../../document/pointer-route.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useApply, useDocument, useSnapshot } from '../../state/studio-context.tsx';
import { fieldTypeChoices } from '../../ui/choices.ts';
import { ProblemText } from '../../ui/item.tsx';
import { KeyInput } from '../../ui/key-input.tsx';
import { LabelInput } from '../../ui/label-input.tsx';
import { narrowColumn } from '../../ui/narrow-column.tsx';
import { useDragAccessibility, useDragSensors } from '../../ui/sortable-list.tsx';
import { AddFieldModal } from './add-field-modal.tsx';
import { FieldDrawer } from './field-drawer.tsx';
import { RowHandle, SortableTableRow } from './sortable-table-row.tsx';

const tableProps = new Set(['type', 'label', 'required', 'indexed', 'unique', 'readOnly']);
const flags = ['required', 'indexed', 'unique', 'readOnly'] as const;

/**
 * Column widths: together (852 px) no wider than the fields card of a 1440 px window (889 px
 * beside the navigation and the objects list; 872 with a page scrollbar), where the table used to
 * scroll sideways; wider screens stretch them, narrower ones scroll (the ⚙ stays pinned). A key
 * such as expectedRevenue and a type such as Multi-select still show whole.
 */
const fieldColumnWidths = { drag: 28, key: 160, label: 212, type: 140, flag: 60, actions: 72 } as const;
const tableWidth = Object.values(fieldColumnWidths).reduce((sum, w) => sum + w, 0) + (flags.length - 1) * fieldColumnWidths.flag;

function flagApplies(flag: (typeof flags)[number], type: FieldType): boolean {
  if (flag === 'unique') return fieldTypeSpecs[type].options.includes('unique');
  if (flag === 'required') return type !== 'autonumber';
  return true;
}

/** The fields of an object as a table: drag to reorder, edit key/label/type/flags inline, options in a drawer. */
export function FieldsTable({ object }: { object: string }) {
  const { t, label } = useI18n();
  const document = useDocument();
  const { draft, live, problems } = useSnapshot();
  const apply = useApply();
  const sensors = useDragSensors();
  const { query } = useLocation();
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const fields = document.objects[object]!.fields;
  const keys = Object.keys(fields);
  const rows = keys.map((key) => ({ key, field: fields[key]! }));
  // Named by key, as the row's drag handle is.
  const accessibility = useDragAccessibility(keys, (index) => keys[index]!);

  useEffect(() => {
    const focus = query.get('focus');
    if (!focus) return;
    const target = pointerTarget(focus);
    if (target.key === object && target.element && target.prop && !tableProps.has(target.prop.split('/')[0]!)) setEditing(target.element);
  }, [query.get('focus'), object]);

  const onDragEnd = (event: DragEndEvent) => {
    const from = keys.indexOf(String(event.active.id));
    const to = event.over ? keys.indexOf(String(event.over.id)) : -1;
    if (from >= 0 && to >= 0 && from !== to) apply(moveField(object, from, to));
  };
  const problemCount = (key: string) => problems.filter((p) => p.path.startsWith(`${ptr('objects', object, 'fields', key)}/`)).length;

  const columns = [
    { key: 'drag', width: fieldColumnWidths.drag, render: (_: unknown, row: { key: string }) => <RowHandle label={row.key} /> },
    {
      title: t('fields.key'), key: 'key', width: fieldColumnWidths.key,
      render: (_: unknown, { key }: { key: string }) => {
        const from = renamedFrom(draft.migrations, object, key);
        const liveType = changedLiveType(live?.document, document, object, key);
        const keptReason = liveStageField(live?.document, object, key) ? t('fields.keyKeptStage') : liveType && t('fields.keyKeptRetyped', { type: t(`type.${liveType}`) });
        return (
          <div data-pointer={ptr('objects', object, 'fields', key)}>
            <KeyInput ariaLabel={t('fields.keyOf', { key })} value={key} pattern={fieldKeyPattern} taken={[...keys.filter((k) => k !== key), ...reservedFieldKeys.filter((k) => k !== key)]}
              disabled={keptReason !== undefined} disabledReason={keptReason}
              onCommit={(next) => apply(renameField(object, key, next))} />
            {from && <Tag color="orange" style={{ marginTop: 4 }}>{t('fields.renamedFrom', { from })}</Tag>}
            <ProblemText pointer={ptr('objects', object, 'fields', key)} />
          </div>
        );
      },
    },
    {
      title: t('fields.label'), key: 'label', width: fieldColumnWidths.label,
      render: (_: unknown, { key, field }: { key: string; field: FieldDefinition }) => (
        <div data-pointer={ptr('objects', object, 'fields', key, 'label')}>
          <LabelInput value={field.label} of={t('label.ofField', { name: label(field.label, key) })} onChange={(v) => apply(updateField(object, key, { label: v }))} />
        </div>
      ),
    },
    {
      title: t('fields.type'), key: 'type', width: fieldColumnWidths.type,
      render: (_: unknown, { key, field }: { key: string; field: FieldDefinition }) => {
        const from = renamedFrom(draft.migrations, object, key);
        const pipeline = pipelineOfField(document, object, key);
        const keptReason = from ? t('fields.typeKeptRenamed', { from }) : pipeline && t('fields.typeKeptStage', { pipeline });
        return (
          <div data-pointer={ptr('objects', object, 'fields', key, 'type')}>
            <Tooltip title={keptReason}>
              <Select aria-label={t('fields.typeOf', { key })} value={field.type} style={{ width: '100%' }} popupMatchSelectWidth={false} disabled={keptReason !== undefined}
                options={fieldTypeChoices(document, object, key, t)} onChange={(type) => apply(setFieldType(object, key, type))} />
            </Tooltip>
          </div>
        );
      },
    },
    ...flags.map((flag) => ({
      ...narrowColumn(<Tooltip title={t(`fields.${flag}Help`)}>{t(`fields.${flag}`)}</Tooltip>), key: flag, width: fieldColumnWidths.flag, align: 'center' as const,
      render: (_: unknown, { key, field }: { key: string; field: FieldDefinition }) => flagApplies(flag, field.type) ? (
        <span data-pointer={ptr('objects', object, 'fields', key, flag)}>
          <Checkbox aria-label={`${t(`fields.${flag}`)} ${key}`} checked={Boolean(field[flag])} onChange={(e) => apply(updateField(object, key, { [flag]: e.target.checked || undefined }))} />
        </span>
      ) : null,
    })),
    {
      // Pinned: on a narrow window the flags scroll sideways, and the ⚙ the hint above points to must stay in view.
      key: 'actions', width: fieldColumnWidths.actions, fixed: 'right' as const,
      render: (_: unknown, { key }: { key: string }) => (
        <Space size={4}>
          <Badge count={problemCount(key)} size="small">
            <Button size="small" icon={<SettingOutlined />} aria-label={t('fields.optionsOf', { key })} onClick={() => setEditing(key)} />
          </Badge>
          <Popconfirm title={t('fields.removeConfirm', { key })} okText={t('common.remove')} cancelText={t('common.cancel')} onConfirm={() => apply(removeField(object, key))}>
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('fields.removeOf', { key })} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={accessibility}>
        <SortableContext items={keys} strategy={verticalListSortingStrategy}>
          <Table size="small" rowKey="key" pagination={false} dataSource={rows} columns={columns} components={{ body: { row: SortableTableRow } }}
            scroll={{ x: tableWidth }} locale={{ emptyText: t('fields.empty') }} />
        </SortableContext>
      </DndContext>
      <Button icon={<PlusOutlined />} style={{ marginTop: 12 }} onClick={() => setAdding(true)}>{t('fields.add')}</Button>
      <AddFieldModal object={object} open={adding} onClose={() => setAdding(false)} onAdded={(key) => { setAdding(false); setEditing(key); }} />
      {editing && fields[editing] && <FieldDrawer object={object} fieldKey={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
