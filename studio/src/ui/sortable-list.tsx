import { useRef } from 'react';
import { containerAccessibility, sortableAccessibility, type DragMemory, type SortableAccessibility } from '../../../runtime/web/src/shared/sortable-announcements.ts';
import type { useSortable } from '@dnd-kit/sortable';
import { DragHandle as SharedDragHandle, SortableList as SharedSortableList, type SortableListProps as SharedProps } from '../../../runtime/web/src/shared/sortable-list.tsx';
import type { ContainerPlace, DragWords } from '../../../runtime/web/src/shared/sortable-announcements.ts';
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
  return <SharedSortableList {...props} labelOf={nameOf} dragWords={useDragWords()} handleLabelOf={(item, index) => t('dnd.handle', { item: nameOf(item, index) })} />;
}

/**
 * What a screen reader hears while a studio list is reordered, in the studio's language; with
 * `between`, while items move between lists (each step names the list: `ContainerPlace`).
 */
function useDragWords(): DragWords;
function useDragWords(between: true): DragWords<ContainerPlace>;
function useDragWords(between = false): DragWords<ContainerPlace> {
  const t = useT();
  const key = (word: 'pickedUp' | 'movedTo' | 'dropped' | 'cancelled') => (between ? (`dnd.${word}In` as const) : (`dnd.${word}` as const));
  return {
    instructions: t('dnd.instructions'),
    pickedUp: (place) => t(key('pickedUp'), { ...place }),
    movedTo: (place) => t(key('movedTo'), { ...place }),
    dropped: (place) => t(key('dropped'), { ...place }),
    cancelled: (place) => t(key('cancelled'), { ...place }),
  };
}

/**
 * The `accessibility` of a DndContext the studio sorts itself (a table's rows): the same words as
 * SortableList's, naming each item by `labelOf`, never dnd-kit's English with the item's id.
 */
export function useDragAccessibility(ids: string[], labelOf: (index: number) => string): SortableAccessibility {
  const memory = useRef<DragMemory>({});
  return sortableAccessibility(ids, labelOf, useDragWords(), memory.current);
}

/**
 * The `accessibility` of a DndContext whose items move between lists (a form's sections and the
 * fields not on the form): each step says the list it lands in, by `nameOf`, and the place.
 */
export function useContainerDragAccessibility(
  containers: Record<string, string[]>,
  land: (overId: string) => { container: string; index: number } | undefined,
  labelOf: (id: string) => string,
  nameOf: (container: string) => string,
): SortableAccessibility {
  const memory = useRef<DragMemory>({});
  return containerAccessibility(containers, land, labelOf, nameOf, useDragWords(true), memory.current);
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
