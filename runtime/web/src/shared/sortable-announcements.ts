import type { Announcements, ScreenReaderInstructions, UniqueIdentifier } from '@dnd-kit/core';

/** Where an item stands in the list it is moved within: 1-based, of `count`. */
export interface DragPlace {
  item: string;
  position: number;
  count: number;
}

/**
 * What a screen reader hears while a list is reordered (or items move between lists, with a
 * `ContainerPlace`), in the caller's language and naming each item by its label (dnd-kit's own
 * words are English and name the item by its id).
 */
export interface DragWords<Place extends DragPlace = DragPlace> {
  /** How to move an item by keyboard, read with each handle. */
  instructions: string;
  pickedUp: (place: Place) => string;
  movedTo: (place: Place) => string;
  dropped: (place: Place) => string;
  /** `position` (and `place`) are where the item stays. */
  cancelled: (place: Place) => string;
}

/** What the announcements remember during one drag; the list keeps it across its renders. */
export interface DragMemory {
  lastOver?: UniqueIdentifier;
}

export interface SortableAccessibility {
  announcements: Announcements;
  screenReaderInstructions: ScreenReaderInstructions;
}

/**
 * dnd-kit's `accessibility` for a list of `ids` whose items are named by `labelOf(index)`. An item
 * over its own place right after being picked up is not announced again as "moved".
 *
 * @example
 * sortableAccessibility(['a', 'b'], (i) => ['早上先看', '本周跟进'][i]!, words).announcements.onDragStart({ active: { id: 'b' } })
 * // words.pickedUp({ item: '本周跟进', position: 2, count: 2 })
 */
export function sortableAccessibility(ids: string[], labelOf: (index: number) => string, words: DragWords, memory: DragMemory = {}): SortableAccessibility {
  const place = (id: UniqueIdentifier, at: UniqueIdentifier = id): DragPlace => {
    const index = ids.indexOf(String(id));
    return { item: index >= 0 ? labelOf(index) : '', position: ids.indexOf(String(at)) + 1, count: ids.length };
  };
  return {
    screenReaderInstructions: { draggable: words.instructions },
    announcements: {
      onDragStart: ({ active }) => { memory.lastOver = active.id; return words.pickedUp(place(active.id)); },
      onDragOver: ({ active, over }) => {
        if (!over || over.id === memory.lastOver) return undefined;
        memory.lastOver = over.id;
        return words.movedTo(place(active.id, over.id));
      },
      onDragEnd: ({ active, over }) => { memory.lastOver = undefined; return words.dropped(place(active.id, over?.id ?? active.id)); },
      onDragCancel: ({ active }) => { memory.lastOver = undefined; return words.cancelled(place(active.id)); },
    },
  };
}

/** Where an item stands among lists it is moved between (a form's sections): `place` names the list. */
export interface ContainerPlace extends DragPlace {
  place: string;
}

/**
 * dnd-kit's `accessibility` for items moved between the lists of `containers` (list id → item
 * ids). `land(overId)` says where the active item would land over `overId` (the list, and the
 * index the drop inserts it at): each step is announced at the place the drop would give it,
 * the list named by `nameOf` and the item by `labelOf`.
 */
export function containerAccessibility(
  containers: Record<string, string[]>,
  land: (overId: string) => { container: string; index: number } | undefined,
  labelOf: (id: string) => string,
  nameOf: (container: string) => string,
  words: DragWords<ContainerPlace>,
  memory: DragMemory = {},
): SortableAccessibility {
  const home = (id: string) => Object.keys(containers).find((c) => containers[c]!.includes(id));
  const placeAt = (id: string, container: string, index: number): ContainerPlace => {
    const items = containers[container]!.filter((item) => item !== id);
    const position = Math.max(0, Math.min(index, items.length)) + 1;
    return { item: labelOf(id), place: nameOf(container), position, count: items.length + 1 };
  };
  const current = (id: string): ContainerPlace | undefined => {
    const container = home(id);
    return container === undefined ? undefined : placeAt(id, container, containers[container]!.indexOf(id));
  };
  const over = (id: string, overId: string | undefined): ContainerPlace | undefined => {
    const target = overId === undefined ? undefined : land(overId);
    return target ? placeAt(id, target.container, target.index) : current(id);
  };
  return {
    screenReaderInstructions: { draggable: words.instructions },
    announcements: {
      onDragStart: ({ active }) => {
        memory.lastOver = active.id;
        const place = current(String(active.id));
        return place && words.pickedUp(place);
      },
      onDragOver: ({ active, over: target }) => {
        if (!target || target.id === memory.lastOver) return undefined;
        memory.lastOver = target.id;
        const place = over(String(active.id), String(target.id));
        return place && words.movedTo(place);
      },
      onDragEnd: ({ active, over: target }) => {
        memory.lastOver = undefined;
        const place = over(String(active.id), target ? String(target.id) : undefined);
        return place && words.dropped(place);
      },
      onDragCancel: ({ active }) => {
        memory.lastOver = undefined;
        const place = current(String(active.id));
        return place && words.cancelled(place);
      },
    },
  };
}
