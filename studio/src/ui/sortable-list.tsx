import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { horizontalListSortingStrategy, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { HolderOutlined } from '@ant-design/icons';
import { useRef, type CSSProperties, type ReactNode } from 'react';
import { useT } from '../i18n/i18n.tsx';

/** Sensors for every drag and drop of the studio: mouse/touch and keyboard (space, arrows, space). */
export function useDragSensors() {
  return useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
}

/** The drag handle: a button, so keyboard users can pick an item up with space. */
export function DragHandle({ listeners, attributes, label }: { listeners: ReturnType<typeof useSortable>['listeners']; attributes: ReturnType<typeof useSortable>['attributes']; label: string }) {
  const t = useT();
  return (
    <button type="button" {...attributes} {...listeners} aria-label={t('dnd.handle', { item: label })} className="studio-drag-handle"
      style={{ cursor: 'grab', border: 'none', background: 'transparent', padding: 4, color: '#888' }}>
      <HolderOutlined />
    </button>
  );
}

function SortableRow({ id, label, children, horizontal }: { id: string; label: string; children: (handle: ReactNode) => ReactNode; horizontal?: boolean }) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id });
  const style: CSSProperties = {
    transform: CSS.Translate.toString(transform), transition, opacity: isDragging ? 0.6 : 1,
    display: horizontal ? 'inline-flex' : 'flex', alignItems: 'center', gap: 4,
  };
  return (
    <div ref={setNodeRef} style={style} data-sortable-id={id}>
      {children(<DragHandle listeners={listeners} attributes={attributes} label={label} />)}
    </div>
  );
}

export interface SortableListProps<T> {
  items: T[];
  idOf: (item: T, index: number) => string;
  labelOf?: (item: T) => string;
  onMove: (from: number, to: number) => void;
  render: (item: T, index: number, handle: ReactNode) => ReactNode;
  horizontal?: boolean;
}

/** A list reordered by drag and drop (and by keyboard through the handles). */
export function SortableList<T>({ items, idOf, labelOf, onMove, render, horizontal }: SortableListProps<T>) {
  const sensors = useDragSensors();
  const ids = items.map(idOf);
  const onDragEnd = (event: DragEndEvent) => {
    const from = ids.indexOf(String(event.active.id));
    const to = event.over ? ids.indexOf(String(event.over.id)) : -1;
    if (from >= 0 && to >= 0 && from !== to) onMove(from, to);
  };
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <SortableContext items={ids} strategy={horizontal ? horizontalListSortingStrategy : verticalListSortingStrategy}>
        <div style={{ display: 'flex', flexDirection: horizontal ? 'row' : 'column', flexWrap: horizontal ? 'wrap' : 'nowrap', gap: 6 }}>
          {items.map((item, index) => (
            <SortableRow key={ids[index]} id={ids[index]!} label={labelOf?.(item) ?? ids[index]!} horizontal={horizontal}>
              {(handle) => render(item, index, handle)}
            </SortableRow>
          ))}
        </div>
      </SortableContext>
    </DndContext>
  );
}

/**
 * Ids for the items of a list that outlive a change of key: a key that replaces, at the same
 * place, a key now gone is that item renamed (a stage whose key follows its label), so it keeps
 * its id, and the input being typed in is not remounted under the owner's cursor.
 */
export function useStableIds(keys: string[]): string[] {
  const previous = useRef<{ keys: string[]; ids: string[]; count: number }>({ keys: [], ids: [], count: 0 });
  const { keys: before, ids: idsBefore } = previous.current;
  let count = previous.current.count;
  const used = new Set<string>();
  const ids = keys.map((key, index) => {
    const at = before.indexOf(key);
    const renamed = before[index] !== undefined && !keys.includes(before[index]) ? idsBefore[index] : undefined;
    let id = at >= 0 ? idsBefore[at] : renamed;
    if (id === undefined || used.has(id)) id = `item${count++}`;
    used.add(id);
    return id;
  });
  previous.current = { keys, ids, count };
  return ids;
}
