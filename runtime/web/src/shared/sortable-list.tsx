import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { horizontalListSortingStrategy, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { HolderOutlined } from '@ant-design/icons';
import { useRef, type CSSProperties, type ReactNode } from 'react';
import { sortableAccessibility, type DragMemory, type DragWords } from './sortable-announcements.ts';

/**
 * The drag and drop of ordered lists, in the studio and the app alike (dnd-kit enters here):
 * rows moved by mouse or touch, or by keyboard on their handle (space, arrows, space). Words,
 * handles' names and what screen readers hear alike, are the caller's, in its own language.
 */

/** Sensors for mouse/touch and keyboard. */
export function useDragSensors() {
  return useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
}

/** The drag handle: a button, so keyboard users can pick an item up with space. `label` is its whole accessible name. */
export function DragHandle({ listeners, attributes, label }: { listeners: ReturnType<typeof useSortable>['listeners']; attributes: ReturnType<typeof useSortable>['attributes']; label: string }) {
  return (
    <button type="button" {...attributes} {...listeners} aria-label={label} className="shoal-drag-handle"
      style={{ cursor: 'grab', border: 'none', background: 'transparent', padding: 4, color: '#888' }}>
      <HolderOutlined />
    </button>
  );
}

function SortableRow({ id, handleLabel, children, horizontal }: { id: string; handleLabel: string; children: (handle: ReactNode) => ReactNode; horizontal?: boolean }) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id });
  const style: CSSProperties = {
    transform: CSS.Translate.toString(transform), transition, opacity: isDragging ? 0.6 : 1,
    display: horizontal ? 'inline-flex' : 'flex', alignItems: 'center', gap: 4,
  };
  return (
    <div ref={setNodeRef} style={style} data-sortable-id={id}>
      {children(<DragHandle listeners={listeners} attributes={attributes} label={handleLabel} />)}
    </div>
  );
}

export interface SortableListProps<T> {
  items: T[];
  idOf: (item: T, index: number) => string;
  /** The accessible name of an item's drag handle ("Drag 客户已搬走 (space to pick up …)"). */
  handleLabelOf: (item: T, index: number) => string;
  /** How screen readers name an item while it moves ("客户已搬走"), never by its id. */
  labelOf: (item: T, index: number) => string;
  dragWords: DragWords;
  onMove: (from: number, to: number) => void;
  render: (item: T, index: number, handle: ReactNode) => ReactNode;
  horizontal?: boolean;
}

/** A list reordered by drag and drop (and by keyboard through the handles). */
export function SortableList<T>({ items, idOf, handleLabelOf, labelOf, dragWords, onMove, render, horizontal }: SortableListProps<T>) {
  const sensors = useDragSensors();
  const memory = useRef<DragMemory>({});
  const ids = items.map(idOf);
  const accessibility = sortableAccessibility(ids, (index) => labelOf(items[index]!, index), dragWords, memory.current);
  const onDragEnd = (event: DragEndEvent) => {
    const from = ids.indexOf(String(event.active.id));
    const to = event.over ? ids.indexOf(String(event.over.id)) : -1;
    if (from >= 0 && to >= 0 && from !== to) onMove(from, to);
  };
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={accessibility}>
      <SortableContext items={ids} strategy={horizontal ? horizontalListSortingStrategy : verticalListSortingStrategy}>
        <div style={{ display: 'flex', flexDirection: horizontal ? 'row' : 'column', flexWrap: horizontal ? 'wrap' : 'nowrap', gap: 6 }}>
          {items.map((item, index) => (
            <SortableRow key={ids[index]} id={ids[index]!} handleLabel={handleLabelOf(item, index)} horizontal={horizontal}>
              {(handle) => render(item, index, handle)}
            </SortableRow>
          ))}
        </div>
      </SortableContext>
    </DndContext>
  );
}
