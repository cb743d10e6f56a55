import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { createContext, useContext, type CSSProperties, type HTMLAttributes } from 'react';
import { DragHandle } from '../../ui/sortable-list.tsx';

type Sortable = Pick<ReturnType<typeof useSortable>, 'listeners' | 'attributes'>;
const RowContext = createContext<Sortable | null>(null);

/** A table row that dnd-kit can move (antd Table's `components.body.row`). */
export function SortableTableRow(props: HTMLAttributes<HTMLTableRowElement> & { 'data-row-key'?: string }) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: props['data-row-key'] ?? '' });
  const style: CSSProperties = { ...props.style, transform: CSS.Translate.toString(transform), transition, ...(isDragging ? { position: 'relative', zIndex: 9, background: '#f0f9ff' } : {}) };
  return (
    <RowContext.Provider value={{ listeners, attributes }}>
      <tr {...props} ref={setNodeRef} style={style} />
    </RowContext.Provider>
  );
}

/** The drag handle cell of a sortable row. */
export function RowHandle({ label }: { label: string }) {
  const sortable = useContext(RowContext);
  if (!sortable) return null;
  return <DragHandle listeners={sortable.listeners} attributes={sortable.attributes} label={label} />;
}
