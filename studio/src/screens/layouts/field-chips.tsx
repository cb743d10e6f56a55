import { CloseOutlined } from '@ant-design/icons';
import { useDroppable } from '@dnd-kit/core';
import { rectSortingStrategy, SortableContext, useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Button, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n.tsx';
import { DragHandle } from '../../ui/sortable-list.tsx';

function Chip({ id, label, onRemove }: { id: string; label: string; onRemove?: () => void }) {
  const { t } = useI18n();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id });
  return (
    <span ref={setNodeRef} style={{ transform: CSS.Translate.toString(transform), transition, opacity: isDragging ? 0.5 : 1, display: 'inline-block' }}>
      <Tag style={{ margin: 2, padding: '2px 4px' }}>
        <DragHandle listeners={listeners} attributes={attributes} label={label} />
        {label}
        {onRemove && <Button type="text" size="small" icon={<CloseOutlined />} aria-label={t('layouts.removeField', { field: label })} onClick={onRemove} />}
      </Tag>
    </span>
  );
}

/** A drop zone of field chips (a form section, or the palette of fields not placed yet). */
export function FieldChips({ container, items, labelOf, onRemove, emptyText }: { container: string; items: string[]; labelOf: (key: string) => string; onRemove?: (key: string) => void; emptyText: string }) {
  const { setNodeRef, isOver } = useDroppable({ id: container });
  return (
    <SortableContext id={container} items={items} strategy={rectSortingStrategy}>
      <div ref={setNodeRef} data-container={container}
        style={{ minHeight: 44, padding: 6, border: `1px dashed ${isOver ? '#0e7490' : '#d9d9d9'}`, borderRadius: 6, background: isOver ? '#ecfeff' : undefined }}>
        {items.length === 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{emptyText}</Typography.Text>}
        {items.map((key) => <Chip key={key} id={key} label={labelOf(key)} {...(onRemove ? { onRemove: () => onRemove(key) } : {})} />)}
      </div>
    </SortableContext>
  );
}
