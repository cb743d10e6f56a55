import { useRef } from 'react';
import type { useSortable } from '@dnd-kit/sortable';
import { DragHandle as SharedDragHandle, SortableList as SharedSortableList, type SortableListProps as SharedProps } from '../../../runtime/web/src/shared/sortable-list.tsx';
import type { DragWords } from '../../../runtime/web/src/shared/sortable-announcements.ts';
import { useT } from '../i18n/i18n.tsx';

export { useDragSensors } from '../../../runtime/web/src/shared/sortable-list.tsx';

/** The drag handle of `label`, named in the studio's language. */
export function DragHandle({ label, ...sortable }: { listeners: ReturnType<typeof useSortable>['listeners']; attributes: ReturnType<typeof useSortable>['attributes']; label: string }) {
  const t = useT();
  return <SharedDragHandle {...sortable} label={t('dnd.handle', { item: label })} />;
}

export interface SortableListProps<T> extends Omit<SharedProps<T>, 'handleLabelOf' | 'labelOf' | 'dragWords'> {
  labelOf?: (item: T) => string;
}

/** A list reordered by drag and drop (and by keyboard through the handles). */
export function SortableList<T>({ labelOf, ...props }: SortableListProps<T>) {
  const t = useT();
  const nameOf = (item: T, index: number) => labelOf?.(item) ?? props.idOf(item, index);
  const dragWords: DragWords = {
    instructions: t('dnd.instructions'),
    pickedUp: (place) => t('dnd.pickedUp', { ...place }),
    movedTo: (place) => t('dnd.movedTo', { ...place }),
    dropped: (place) => t('dnd.dropped', { ...place }),
    cancelled: (place) => t('dnd.cancelled', { ...place }),
  };
  return <SharedSortableList {...props} labelOf={nameOf} dragWords={dragWords} handleLabelOf={(item, index) => t('dnd.handle', { item: nameOf(item, index) })} />;
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
